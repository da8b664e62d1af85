package io.tviewstudio.tools.bench;

import io.tviewstudio.core.jdbc.DatabaseError;
import io.tviewstudio.core.jdbc.Transactions;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One way of keeping the shop's documents readable, set up in a database of its own, and what a
 * timed write costs under it: the write alone (triggers included), or the write followed by the
 * refresh that the alternative needs before a reader sees the change.
 */
public enum Variant {

    FLOOR("floor", "no read model: the write alone"),
    STMT_TRIGGER("stmt-trigger", "plain tv_ tables kept fresh by hand-written statement triggers (transition tables, "
            + "one upsert per document): the baseline of x trigger"),
    TVIEW_IMMEDIATE("tview-immediate", "TVIEWs, immediate refresh (in the writing statement)"),
    TVIEW_DEFERRED("tview-deferred", "TVIEWs, deferred refresh (at commit)"),
    TVIEW_METRICS_OFF("tview-metrics-off", "TVIEWs, immediate, metrics_enabled off"),
    REFRESH("refresh", "materialized views; the write, then REFRESH MATERIALIZED VIEW of each affected view"),
    REFRESH_CONCURRENTLY("refresh-concurrently", "materialized views; the write, then REFRESH MATERIALIZED VIEW CONCURRENTLY"),
    MANUAL("manual", "plain tables; the write and a hand-written refresh function for the written keys, one transaction"),
    PG_IVM("pg-ivm", "pg_ivm IMMVs (immediate maintenance in AFTER triggers)");

    private final String key;
    private final String description;

    Variant(String key, String description) {
        this.key = key;
        this.description = description;
    }

    public String key() {
        return key;
    }

    public String description() {
        return description;
    }

    public boolean isTview() {
        return this == TVIEW_IMMEDIATE || this == TVIEW_DEFERRED || this == TVIEW_METRICS_OFF;
    }

    /** Whether a write recomputes whole views, so that fewer repetitions are worth their time. */
    public boolean isFullRefresh() {
        return this == REFRESH || this == REFRESH_CONCURRENTLY;
    }

    /**
     * Creates the variant's read models in a database that holds the shop.
     *
     * @throws Unavailable when the server lacks what the variant needs (pg_ivm); nothing was created
     */
    void setUp(Connection connection) throws SQLException, Unavailable {
        switch (this) {
            case FLOOR -> { }
            case TVIEW_IMMEDIATE -> ShopSql.run(connection, ShopSql.TVIEWS);
            case TVIEW_DEFERRED -> {
                ShopSql.execute(connection, "SELECT pg_tviews_set('default_refresh_mode', 'deferred')");
                ShopSql.run(connection, ShopSql.TVIEWS);
            }
            case TVIEW_METRICS_OFF -> {
                ShopSql.execute(connection, "SELECT pg_tviews_set('metrics_enabled', 'off')");
                ShopSql.run(connection, ShopSql.TVIEWS);
            }
            case REFRESH, REFRESH_CONCURRENTLY -> ShopSql.run(connection, ShopSql.MATERIALIZED_VIEWS);
            case MANUAL -> ShopSql.run(connection, ShopSql.MANUAL);
            case STMT_TRIGGER -> ShopSql.run(connection, ShopSql.STATEMENT_TRIGGERS);
            case PG_IVM -> setUpPgIvm(connection);
        }
    }

    private static void setUpPgIvm(Connection connection) throws SQLException, Unavailable {
        try {
            ShopSql.execute(connection, "CREATE EXTENSION IF NOT EXISTS pg_ivm");
        } catch (SQLException e) {
            throw new Unavailable("CREATE EXTENSION pg_ivm failed: " + DatabaseError.firstLine(e));
        }
        String createImmv;
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT to_regproc('pgivm.create_immv') IS NOT NULL")) {
            rows.next();
            createImmv = rows.getBoolean(1) ? "pgivm.create_immv" : "create_immv";
        }
        ShopSql.run(connection, ShopSql.PG_IVM, Map.of("create_immv", createImmv));
    }

    /** One timed write under this variant, with whatever the variant needs before readers see it. */
    void write(Connection connection, Scenario scenario, Scenario.Step step) throws SQLException {
        switch (this) {
            case MANUAL -> {
                Transactions.inTransaction(connection, () -> {
                    scenario.refreshByHand(connection, scenario.write(connection, step));
                    return null;
                });
            }
            case REFRESH, REFRESH_CONCURRENTLY -> {
                scenario.write(connection, step);
                for (String document : scenario.documents()) {
                    ShopSql.execute(connection, "REFRESH MATERIALIZED VIEW "
                            + (this == REFRESH_CONCURRENTLY ? "CONCURRENTLY " : "") + "mv_" + document);
                }
            }
            default -> scenario.write(connection, step);
        }
    }

    /** Checks the read models against their definitions after the run. */
    Check check(Connection connection) throws SQLException {
        if (isTview()) {
            List<String> problems = rows(connection, "SELECT tview || ' pk ' || pk || ': ' || issue FROM pg_tviews_verify() LIMIT 20");
            return problems.isEmpty() ? Check.clean("pg_tviews_verify()") : Check.failed("pg_tviews_verify()", problems);
        }
        if (this == MANUAL) {
            return tablesEqualViews(connection, "m_");
        }
        if (this == STMT_TRIGGER) {
            return tablesEqualViews(connection, "tv_");
        }
        return Check.notChecked();
    }

    /** Compares each document table (prefix + category, product, review) with its doc_ view, EXCEPT both ways. */
    private static Check tablesEqualViews(Connection connection, String prefix) throws SQLException {
        List<String> problems = new ArrayList<>();
        for (String document : List.of("category", "product", "review")) {
            String table = prefix + document;
            // A stale row is in both halves (old version in the table, new one in the view): one line per key.
            problems.addAll(rows(connection, "SELECT '" + table + " pk ' || k || ' differs from doc_" + document
                    + "' FROM (SELECT DISTINCT pk_" + document + " AS k FROM ((TABLE " + table + " EXCEPT TABLE doc_"
                    + document + ") UNION ALL (TABLE doc_" + document + " EXCEPT TABLE " + table
                    + ")) AS d ORDER BY 1 LIMIT 20) AS s ORDER BY k"));
        }
        return problems.isEmpty() ? Check.clean("tables equal their views") : Check.failed("tables equal their views", problems);
    }

    private static List<String> rows(Connection connection, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }

    public static Variant fromKey(String key) {
        for (Variant variant : values()) {
            if (variant.key.equals(key)) {
                return variant;
            }
        }
        throw new IllegalArgumentException("unknown variant \"" + key + "\"; variants: " + keys());
    }

    static String keys() {
        StringBuilder keys = new StringBuilder();
        for (Variant variant : values()) {
            keys.append(keys.isEmpty() ? "" : ", ").append(variant.key);
        }
        return keys.toString();
    }

    /**
     * The outcome of the after-run consistency check.
     *
     * @param status {@code clean}, {@code FAILED} or {@code not checked}
     */
    public record Check(String method, String status, List<String> problems) {
        static Check clean(String method) {
            return new Check(method, "clean", List.of());
        }

        static Check failed(String method, List<String> problems) {
            return new Check(method, "FAILED", List.copyOf(problems));
        }

        static Check notChecked() {
            return new Check(null, "not checked", List.of());
        }

        public boolean failed() {
            return "FAILED".equals(status);
        }
    }

    /** The server cannot run this variant; the message says why. */
    static final class Unavailable extends Exception {
        Unavailable(String message) {
            super(message);
        }
    }
}
