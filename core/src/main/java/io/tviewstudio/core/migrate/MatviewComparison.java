package io.tviewstudio.core.migrate;

import io.tviewstudio.core.analysis.AnalysisResult;
import io.tviewstudio.core.analysis.DefinitionAnalyzer;
import io.tviewstudio.core.analysis.schema.CatalogSnapshot;
import io.tviewstudio.core.jdbc.Transactions;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The side-by-side check before a cut-over: the materialized view's rows (as jsonb) against the
 * TVIEW's {@code data} (or its columns, for a materialized view already shaped like a TVIEW), both ways, as {@link MatviewConverter} compares them, plus the first rows
 * that differ so the user sees why. Runs in a transaction that is always rolled back: when the
 * TVIEW does not exist yet it is created there for the check only.
 */
public final class MatviewComparison {

    /**
     * @param createdForCheck  the TVIEW did not exist and was created (then rolled back) for the check
     * @param firstOnlyInMatview up to the sample size, rows of the materialized view no TVIEW row equals (jsonb text, sorted)
     * @param firstOnlyInTview   up to the sample size, TVIEW data values no materialized view row equals
     */
    public record Result(String matview, String tview, boolean createdForCheck, long matviewRows, long tviewRows,
                         long onlyInMatview, long onlyInTview, List<String> firstOnlyInMatview, List<String> firstOnlyInTview) {

        public Result {
            firstOnlyInMatview = List.copyOf(firstOnlyInMatview);
            firstOnlyInTview = List.copyOf(firstOnlyInTview);
        }

        public boolean contentsEqual() {
            return onlyInMatview == 0 && onlyInTview == 0;
        }
    }

    private MatviewComparison() {
    }

    /**
     * @param createTview {@code CREATE TVIEW ...}; its name says which TVIEW to compare with
     * @param sampleRows  how many differing rows to return each way
     */
    public static Result compare(Connection connection, MaterializedView matview, String createTview, int sampleRows)
            throws SQLException {
        AnalysisResult parsed = DefinitionAnalyzer.analyze(createTview, CatalogSnapshot.offline());
        String tview = parsed.name() == null ? parsed.tviewName() : parsed.name().toString();
        return Transactions.inRolledBackTransaction(connection, () -> {
            try (Statement statement = connection.createStatement()) {
                boolean exists = exists(connection, tview);
                if (!exists) {
                    statement.executeQuery(parsed.createCall()).close();
                }
                String onlyInMatview = matviewRows(matview) + " EXCEPT ALL " + tviewRows(matview, tview);
                String onlyInTview = tviewRows(matview, tview) + " EXCEPT ALL " + matviewRows(matview);
                return new Result(matview.name(), tview, !exists,
                        number(statement, "SELECT count(*) FROM " + matview.name()),
                        number(statement, "SELECT count(*) FROM " + tview),
                        number(statement, "SELECT count(*) FROM (" + onlyInMatview + ") x"),
                        number(statement, "SELECT count(*) FROM (" + onlyInTview + ") x"),
                        sample(statement, onlyInMatview, sampleRows), sample(statement, onlyInTview, sampleRows));
            }
        });
    }

    /** The materialized view's rows, each as one jsonb value {@code row}. */
    static String matviewRows(MaterializedView matview) {
        return "SELECT to_jsonb(m) AS row FROM " + matview.name() + " m";
    }

    /**
     * The TVIEW's rows in the materialized view's shape, each as one jsonb value {@code row}: its
     * {@code data}, or, for a materialized view already shaped like a TVIEW, the same columns.
     */
    static String tviewRows(MaterializedView matview, String tview) {
        if (matview.tviewShapedKey().isEmpty()) {
            return "SELECT t.data AS row FROM " + tview + " t";
        }
        String columns = matview.columns().stream().map(c -> "t." + quote(c.name())).collect(Collectors.joining(", "));
        return "SELECT to_jsonb(r) AS row FROM (SELECT " + columns + " FROM " + tview + " t) r";
    }

    static String quote(String identifier) {
        return identifier.matches("[a-z_][a-z0-9_]*") ? identifier : "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    private static boolean exists(Connection connection, String relation) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
            statement.setString(1, relation);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getBoolean(1);
            }
        }
    }

    private static List<String> sample(Statement statement, String rowsSql, int limit) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (ResultSet result = statement.executeQuery("SELECT x.row::text FROM (" + rowsSql + ") x ORDER BY 1 LIMIT " + limit)) {
            while (result.next()) {
                rows.add(result.getString(1));
            }
        }
        return rows;
    }

    private static long number(Statement statement, String sql) throws SQLException {
        try (ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
