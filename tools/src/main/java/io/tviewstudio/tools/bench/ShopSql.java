package io.tviewstudio.tools.bench;

import io.tviewstudio.core.jdbc.Transactions;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

/**
 * The benchmark's SQL scripts (resources next to this class) and how to run them: each script is
 * sent as one statement batch in one transaction, with {@code ${name}} placeholders filled in.
 */
final class ShopSql {

    static final String SCHEMA = "shop-schema.sql";
    static final String FLAT_VIEWS = "flat-views.sql";
    static final String TVIEWS = "tviews.sql";
    static final String MATERIALIZED_VIEWS = "matviews.sql";
    static final String MANUAL = "manual.sql";
    static final String STATEMENT_TRIGGERS = "stmt-trigger.sql";
    static final String PG_IVM = "pg-ivm.sql";

    private ShopSql() {
    }

    static String text(String resource, Map<String, String> values) {
        String sql;
        try (InputStream in = ShopSql.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource + " next to " + ShopSql.class.getName());
            }
            sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (Map.Entry<String, String> value : values.entrySet()) {
            sql = sql.replace("${" + value.getKey() + "}", value.getValue());
        }
        return sql;
    }

    /** Runs a script in one transaction. */
    static void run(Connection connection, String resource, Map<String, String> values) throws SQLException {
        String sql = text(resource, values);
        Transactions.inTransaction(connection, () -> {
            execute(connection, sql);
            return null;
        });
    }

    static void run(Connection connection, String resource) throws SQLException {
        run(connection, resource, Map.of());
    }

    static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
