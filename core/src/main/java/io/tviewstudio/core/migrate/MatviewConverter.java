package io.tviewstudio.core.migrate;

import io.tviewstudio.core.analysis.AnalysisResult;
import io.tviewstudio.core.analysis.DefinitionAnalyzer;
import io.tviewstudio.core.analysis.schema.CatalogSnapshot;
import io.tviewstudio.core.jdbc.Transactions;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.stream.Collectors;

/**
 * Converts a materialized view in one transaction: creates the TVIEW (through pg_tviews_create),
 * compares it with the materialized view's rows as jsonb (a multiset comparison),
 * and, only when they are equal, carries out the cut-over. Writes the rollback script for it.
 */
public final class MatviewConverter {

    private MatviewConverter() {
    }

    /**
     * @param createTview {@code CREATE TVIEW ...} text, e.g. {@link ConversionProposal#createTview()} as edited by the user
     * @param dryRun      do everything, then roll back
     */
    public static ConversionResult convert(Connection connection, MaterializedView matview, String createTview, Cutover cutover,
                                           boolean dryRun) throws SQLException {
        AnalysisResult parsed = DefinitionAnalyzer.analyze(createTview, CatalogSnapshot.offline());
        String tview = parsed.name() == null ? parsed.tviewName() : parsed.name().toString();
        return Transactions.inTransaction(connection, () -> {
            try (Statement statement = connection.createStatement()) {
                String created = string(statement, parsed.createCall());
                long matviewRows = number(statement, "SELECT count(*) FROM " + matview.name());
                long tviewRows = number(statement, "SELECT count(*) FROM " + tview);
                String matviewSide = MatviewComparison.matviewRows(matview);
                String tviewSide = MatviewComparison.tviewRows(matview, tview);
                long onlyInMatview = number(statement, "SELECT count(*) FROM (" + matviewSide + " EXCEPT ALL " + tviewSide + ") x");
                long onlyInTview = number(statement, "SELECT count(*) FROM (" + tviewSide + " EXCEPT ALL " + matviewSide + ") x");
                boolean equal = onlyInMatview == 0 && onlyInTview == 0;
                if (equal) {
                    switch (cutover) {
                        case KEEP -> { }
                        case VIEW -> {
                            statement.execute("DROP MATERIALIZED VIEW " + matview.name());
                            statement.execute(compatibilityView(matview, tview));
                            for (String grant : matview.grants()) {
                                statement.execute(grant);
                            }
                        }
                        case DROP -> statement.execute("DROP MATERIALIZED VIEW " + matview.name());
                    }
                }
                return new ConversionResult(tview, created, matviewRows, tviewRows, onlyInMatview, onlyInTview, cutover,
                        equal && !dryRun, rollbackSql(matview, tview, cutover));
            }
        }, ConversionResult::committed);
    }

    /**
     * A plain view with the materialized view's name, columns and types, reading the TVIEW's data
     * (or its columns, for a materialized view already shaped like a TVIEW).
     */
    static String compatibilityView(MaterializedView matview, String tview) {
        if (matview.tviewShapedKey().isPresent()) {
            return "CREATE VIEW " + matview.name() + " AS\n    SELECT " + matview.columns().stream()
                    .map(c -> "t." + quote(c.name()) + "::" + c.type() + " AS " + quote(c.name())).collect(Collectors.joining(", "))
                    + " FROM " + tview + " t";
        }
        String columns = matview.columns().stream().map(c -> quote(c.name()) + " " + c.type()).collect(Collectors.joining(", "));
        return "CREATE VIEW " + matview.name() + " AS\n    SELECT r.* FROM " + tview
                + " t CROSS JOIN LATERAL jsonb_to_record(t.data) AS r(" + columns + ")";
    }

    /** The psql script that undoes a committed conversion, in one transaction. */
    static String rollbackSql(MaterializedView matview, String tview, Cutover cutover) {
        StringBuilder sql = new StringBuilder("-- Undoes the conversion of " + matview.name() + " into " + tview + " (cut-over: "
                + cutover.name().toLowerCase(java.util.Locale.ROOT) + ").\n"
                + "--   psql -v ON_ERROR_STOP=1 -f <this file>\n\\set ON_ERROR_STOP 1\nBEGIN;\n");
        if (cutover == Cutover.VIEW) {
            sql.append("DROP VIEW ").append(matview.name()).append(";\n");
        }
        if (cutover != Cutover.KEEP) {
            sql.append("CREATE MATERIALIZED VIEW ").append(matview.name()).append(" AS\n").append(matview.definition())
                    .append("\nWITH DATA;\n");
            matview.indexes().forEach(index -> sql.append(index).append(";\n"));
            matview.grants().forEach(grant -> sql.append(grant).append(";\n"));
            sql.append("ALTER MATERIALIZED VIEW ").append(matview.name()).append(" OWNER TO ").append(quote(matview.owner())).append(";\n");
            if (matview.comment() != null) {
                sql.append("COMMENT ON MATERIALIZED VIEW ").append(matview.name()).append(" IS '")
                        .append(matview.comment().replace("'", "''")).append("';\n");
            }
        }
        sql.append("SELECT pg_tviews_drop('").append(tview.replace("'", "''")).append("');\nCOMMIT;\n");
        return sql.toString();
    }

    private static String quote(String identifier) {
        return identifier.matches("[a-z_][a-z0-9_]*") ? identifier : "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    private static long number(Statement statement, String sql) throws SQLException {
        try (ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static String string(Statement statement, String sql) throws SQLException {
        try (ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getString(1);
        }
    }
}
