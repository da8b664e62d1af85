package io.tviewstudio.core.testing;

import io.tviewstudio.embedded.EmbeddedPostgres;
import io.tviewstudio.core.install.RuntimeInstaller;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The one throw-away PostgreSQL server of a test JVM, started on first use (binaries from Maven
 * Central, version chosen by the pg15/pg16/pg17 profile). It holds two template databases, with
 * and without the runtime, from which every test gets a fresh database in milliseconds.
 */
public final class PostgresServer {

    static final String RUNTIME_TEMPLATE = "tviews_template_runtime";
    static final String EMPTY_TEMPLATE = "tviews_template_empty";

    private static EmbeddedPostgres server;

    private PostgresServer() {
    }

    public static synchronized EmbeddedPostgres get() {
        if (server == null) {
            try {
                server = EmbeddedPostgres.start(EmbeddedPostgres.Authentication.TRUST);
                try (Connection admin = server.connect("postgres"); Statement statement = admin.createStatement()) {
                    statement.execute("CREATE DATABASE " + EMPTY_TEMPLATE + " TEMPLATE template0");
                    statement.execute("CREATE DATABASE " + RUNTIME_TEMPLATE + " TEMPLATE template0");
                }
                try (Connection template = server.connect(RUNTIME_TEMPLATE)) {
                    RuntimeInstaller.install(template);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("could not start the embedded PostgreSQL server", e);
            } catch (SQLException e) {
                throw new IllegalStateException("could not prepare the template databases", e);
            }
        }
        return server;
    }
}
