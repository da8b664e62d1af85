package io.tviewstudio.app.demo;

import io.tviewstudio.core.catalog.TviewCatalog;
import io.tviewstudio.core.catalog.TviewInfo;
import io.tviewstudio.core.demo.DemoDatabase;
import io.tviewstudio.core.demo.DemoProgress;

import io.tviewstudio.core.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;

/** An open demo database and what the application read from it. Closing it stops the server. */
public final class DemoSession implements AutoCloseable {

    private final String serverVersion;
    private final String jdbcUrl;
    private final List<TviewInfo> tviews;
    private final AutoCloseable server;

    public DemoSession(String serverVersion, String jdbcUrl, List<TviewInfo> tviews, AutoCloseable server) {
        this.serverVersion = Objects.requireNonNull(serverVersion);
        this.jdbcUrl = Objects.requireNonNull(jdbcUrl);
        this.tviews = List.copyOf(tviews);
        this.server = Objects.requireNonNull(server);
    }

    /** Starts the demo database and reads its TVIEW catalog; stops the server again if reading fails. */
    public static DemoSession start(DemoProgress progress) throws Exception {
        DemoDatabase demo = DemoDatabase.start(progress);
        try (Connection connection = demo.connect()) {
            progress.step("Reading the TVIEW catalog", 1.0);
            List<TviewInfo> tviews = new TviewCatalog(connection).list();
            return new DemoSession(demo.serverVersion(), demo.jdbcUrl(), tviews, demo);
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

    /** A new connection to the demo database as its superuser (the embedded server trusts local connections). */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, EmbeddedPostgres.SUPERUSER, "");
    }

    public List<TviewInfo> tviews() {
        return tviews;
    }

    @Override
    public void close() throws Exception {
        server.close();
    }
}
