package io.tviewstudio.core.testing;

import io.tviewstudio.embedded.EmbeddedPostgres;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fresh database on the shared test server, with or without the TVIEW runtime, plus small
 * helpers to run SQL. Each test gets its own, so tests never see each other's objects.
 */
public final class TestDatabase implements AutoCloseable {

    private static final AtomicInteger COUNTER = new AtomicInteger();

    private final EmbeddedPostgres server;
    private final String name;
    private final Connection connection;

    private TestDatabase(EmbeddedPostgres server, String name) throws SQLException {
        this.server = server;
        this.name = name;
        this.connection = server.connect(name);
    }

    /** A new database with the runtime installed (as by install.sql). */
    public static TestDatabase withRuntime() throws SQLException {
        return create(PostgresServer.RUNTIME_TEMPLATE);
    }

    /** A new database without the runtime. */
    public static TestDatabase empty() throws SQLException {
        return create(PostgresServer.EMPTY_TEMPLATE);
    }

    private static TestDatabase create(String template) throws SQLException {
        EmbeddedPostgres server = PostgresServer.get();
        String name = "test_" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
        try (Connection admin = server.connect("postgres"); Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE " + name + " TEMPLATE " + template);
        }
        return new TestDatabase(server, name);
    }

    /** An existing database of another server (one a test started itself), with a new superuser connection. */
    public static TestDatabase attach(EmbeddedPostgres server, String name) throws SQLException {
        return new TestDatabase(server, name);
    }

    public String name() {
        return name;
    }

    public EmbeddedPostgres server() {
        return server;
    }

    public String jdbcUrl() {
        return server.jdbcUrl(name);
    }

    /** The superuser connection of this database, shared by the helpers below. */
    public Connection connection() {
        return connection;
    }

    /** A new connection as the superuser. */
    public Connection connect() throws SQLException {
        return server.connect(name);
    }

    /** A new connection as the given role. */
    public Connection connectAs(String role) throws SQLException {
        return server.connect(name, role);
    }

    public void execute(String sql) throws SQLException {
        execute(connection, sql);
    }

    public static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    public List<Map<String, Object>> query(String sql) throws SQLException {
        return query(connection, sql);
    }

    public static List<Map<String, Object>> query(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            ResultSetMetaData meta = rows.getMetaData();
            List<Map<String, Object>> result = new ArrayList<>();
            while (rows.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    row.put(meta.getColumnLabel(i), rows.getObject(i));
                }
                result.add(row);
            }
            return result;
        }
    }

    /** The first column of the first row, or null when there is no row. */
    public Object scalar(String sql) throws SQLException {
        return scalar(connection, sql);
    }

    public static Object scalar(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            return rows.next() ? rows.getObject(1) : null;
        }
    }

    /** The first column of every row, as text. */
    public List<String> column(String sql) throws SQLException {
        return column(connection, sql);
    }

    /** The first column of every row, as text, read on the given connection. */
    public static List<String> column(Connection connection, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
