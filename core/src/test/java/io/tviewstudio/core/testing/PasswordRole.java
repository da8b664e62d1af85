package io.tviewstudio.core.testing;

import io.tviewstudio.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * A login role that must authenticate with a password (SCRAM) on the shared test server. The
 * server is initialised with trust authentication for everyone; this prepends one pg_hba.conf line
 * for this role alone and reloads, so other tests (and their roles) are not affected.
 */
public final class PasswordRole {

    public static final String NAME = "tviews_pw_user";
    public static final String PASSWORD = "correct horse:battery\\staple";

    private static boolean ready;

    private PasswordRole() {
    }

    /** Creates the role and the pg_hba.conf line once per test JVM; returns the server. */
    public static synchronized EmbeddedPostgres ensure() {
        EmbeddedPostgres server = PostgresServer.get();
        if (ready) {
            return server;
        }
        try (Connection admin = server.connect("postgres"); Statement statement = admin.createStatement()) {
            statement.execute("SET password_encryption = 'scram-sha-256'");
            statement.execute("CREATE ROLE " + NAME + " LOGIN PASSWORD '" + PASSWORD.replace("'", "''") + "'");
            Path hba;
            try (var rows = statement.executeQuery("SHOW hba_file")) {
                rows.next();
                hba = Path.of(rows.getString(1));
            }
            String rules = Files.readString(hba, StandardCharsets.UTF_8);
            // First matching line wins: this one must come before initdb's "trust" lines.
            Files.writeString(hba, "host all " + NAME + " 127.0.0.1/32 scram-sha-256\n" + rules, StandardCharsets.UTF_8);
            statement.execute("SELECT pg_reload_conf()");
            awaitPasswordRequired(server);
            ready = true;
            return server;
        } catch (SQLException e) {
            throw new IllegalStateException("could not create the password role", e);
        } catch (IOException e) {
            throw new UncheckedIOException("could not edit pg_hba.conf", e);
        }
    }

    /** The reload is asynchronous: wait (bounded) until a login without password is refused. */
    private static void awaitPasswordRequired(EmbeddedPostgres server) {
        Properties properties = new Properties();
        properties.setProperty("user", NAME);
        for (int attempt = 0; attempt < 200; attempt++) {
            try (Connection ignored = DriverManager.getConnection(server.jdbcUrl("postgres"), properties)) {
                Thread.sleep(50);
            } catch (SQLException refused) {
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("pg_hba.conf reload did not take effect");
    }
}
