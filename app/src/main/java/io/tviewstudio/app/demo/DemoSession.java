package io.tviewstudio.app.demo;

import io.tviewstudio.core.api.TviewStudio;
import io.tviewstudio.core.catalog.TviewInfo;
import io.tviewstudio.tools.demo.DemoDatabase;
import io.tviewstudio.tools.demo.DemoProgress;

import io.tviewstudio.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;

/** An open demo database and what the application read from it. Closing it stops the server. */
public final class DemoSession implements AutoCloseable {

    private final String serverVersion;
    private final String jdbcUrl;
    private final String password;
    private final String psqlCommand;
    private final List<TviewInfo> tviews;
    private final AutoCloseable server;

    /** A session of a server that needs no password (tests). */
    public DemoSession(String serverVersion, String jdbcUrl, List<TviewInfo> tviews, AutoCloseable server) {
        this(serverVersion, jdbcUrl, null, null, tviews, server);
    }

    /**
     * @param password    the superuser's password, null when the server needs none
     * @param psqlCommand how to open psql on the demo database (naming the password file), or null
     */
    public DemoSession(String serverVersion, String jdbcUrl, String password, String psqlCommand,
                       List<TviewInfo> tviews, AutoCloseable server) {
        this.serverVersion = Objects.requireNonNull(serverVersion);
        this.jdbcUrl = Objects.requireNonNull(jdbcUrl);
        this.password = password;
        this.psqlCommand = psqlCommand;
        this.tviews = List.copyOf(tviews);
        this.server = Objects.requireNonNull(server);
    }

    /** Starts the demo database and reads its TVIEW catalog; stops the server again if reading fails. */
    public static DemoSession start(DemoProgress progress) throws Exception {
        DemoDatabase demo = DemoDatabase.start(progress);
        try (Connection connection = demo.connect()) {
            progress.step("Reading the TVIEW catalog", 1.0);
            List<TviewInfo> tviews = TviewStudio.on(connection).tviews();
            return new DemoSession(demo.serverVersion(), demo.jdbcUrl(), demo.password(), demo.psqlCommand(), tviews, demo);
        } catch (SQLException | RuntimeException e) {
            try {
                demo.close();
            } catch (Exception stopFailure) {
                e.addSuppressed(stopFailure);
            }
            throw e;
        }
    }

    /** e.g. {@code 17.6} */
    public String serverVersion() {
        return serverVersion;
    }

    public String jdbcUrl() {
        return jdbcUrl;
    }

    /** The superuser's password, for the application's own connections; null when the server needs none. */
    public String password() {
        return password;
    }

    /** The shell command that opens psql on the demo database (it names the password file), or null. */
    public String psqlCommand() {
        return psqlCommand;
    }

    /** A new connection to the demo database as its superuser, with its password. */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, EmbeddedPostgres.SUPERUSER, password == null ? "" : password);
    }

    @Override
    public String toString() {
        return "DemoSession[" + jdbcUrl + ", PostgreSQL " + serverVersion + ", " + tviews.size() + " TVIEWs]";
    }

    public List<TviewInfo> tviews() {
        return tviews;
    }

    @Override
    public void close() throws Exception {
        server.close();
    }
}
