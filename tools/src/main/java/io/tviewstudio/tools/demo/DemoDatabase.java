package io.tviewstudio.tools.demo;

import io.tviewstudio.embedded.EmbeddedPostgres;
import io.tviewstudio.core.jdbc.Transactions;
import io.tviewstudio.core.install.RuntimeInstaller;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Objects;

/**
 * A live database to try TVIEW Studio with: a throw-away embedded PostgreSQL server holding the
 * database {@value #DATABASE} with the TVIEW runtime and a sample blog schema (see
 * {@code demo-schema.sql}). Closing it stops the server and deletes its data.
 *
 * <p>The server asks every connection for a password ({@link EmbeddedPostgres.Authentication#PASSWORD}):
 * the superuser's, generated for this run, held in memory and in {@link #passwordFile()} (mode
 * 0600, in the server's directory of mode 0700), so other accounts of the machine cannot log in.
 */
public final class DemoDatabase implements AutoCloseable {

    public static final String DATABASE = "tview_demo";

    static final String SCHEMA_RESOURCE = "demo-schema.sql";

    private final EmbeddedPostgres server;
    private final String serverVersion;

    private DemoDatabase(EmbeddedPostgres server, String serverVersion) {
        this.server = server;
        this.serverVersion = serverVersion;
    }

    /** Starts the server and prepares the demo database, reporting each step. */
    public static DemoDatabase start(DemoProgress progress) throws IOException, SQLException {
        Objects.requireNonNull(progress);
        progress.step("Starting PostgreSQL", 0.0);
        EmbeddedPostgres server = EmbeddedPostgres.start(EmbeddedPostgres.Authentication.PASSWORD);
        try {
            progress.step("Creating database " + DATABASE, 0.6);
            try (Connection admin = server.connect("postgres"); Statement statement = admin.createStatement()) {
                statement.execute("CREATE DATABASE " + DATABASE + " TEMPLATE template0");
            }
            String version;
            try (Connection connection = server.connect(DATABASE)) {
                progress.step("Installing the TVIEW runtime", 0.7);
                RuntimeInstaller.install(connection);
                progress.step("Loading the sample schema", 0.8);
                loadSchema(connection);
                version = scalar(connection, "SELECT current_setting('server_version')");
            }
            progress.step("Connect with psql: " + server.psqlCommand(DATABASE), 0.9);
            progress.step("Demo database ready", 1.0);
            return new DemoDatabase(server, version);
        } catch (SQLException | RuntimeException e) {
            try {
                server.close();
            } catch (IOException stopFailure) {
                e.addSuppressed(stopFailure);
            }
            throw e;
        }
    }

    private static void loadSchema(Connection connection) throws SQLException {
        Transactions.inTransaction(connection, () -> {
            try (Statement statement = connection.createStatement()) {
                statement.execute(schemaSql());
            }
            return null;
        });
    }

    /** The SQL that creates the sample tables, data and TVIEWs (needs the runtime installed). */
    public static String schemaSql() {
        try (InputStream in = DemoDatabase.class.getResourceAsStream(SCHEMA_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("Missing resource " + SCHEMA_RESOURCE + " next to "
                        + DemoDatabase.class.getName());
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + SCHEMA_RESOURCE, e);
        }
    }

    private static String scalar(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getString(1);
        }
    }

    /** The server's version as PostgreSQL reports it, e.g. {@code 17.6}. */
    public String serverVersion() {
        return serverVersion;
    }

    public String jdbcUrl() {
        return server.jdbcUrl(DATABASE);
    }

    /** A new connection to the demo database, as the superuser (with its password). */
    public Connection connect() throws SQLException {
        return server.connect(DATABASE);
    }

    /** The role the demo connects as: the server's superuser. */
    public String user() {
        return EmbeddedPostgres.SUPERUSER;
    }

    /** The superuser's password, generated for this run; never shown, logged or saved by the application. */
    public String password() {
        return server.superuserPassword().orElseThrow();
    }

    /** The pgpass file that holds the password (mode 0600), for {@code PGPASSFILE}. */
    public Path passwordFile() {
        return server.passwordFile().orElseThrow();
    }

    /**
     * The shell command that opens psql on the demo database, naming the password file, not the
     * password: {@code PGPASSFILE=/tmp/tview-pg-.../pgpass psql -h 127.0.0.1 -p 5433 -U postgres tview_demo}.
     */
    public String psqlCommand() {
        return server.psqlCommand(DATABASE);
    }

    EmbeddedPostgres server() {
        return server;
    }

    /** Stops the server and deletes its data directory; calling it again does nothing. */
    @Override
    public void close() throws IOException {
        server.close();
    }
}
