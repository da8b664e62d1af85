package io.tviewstudio.app.connection;

import io.tviewstudio.core.connect.ConnectionFailure;
import io.tviewstudio.core.connect.ConnectionResolver;
import io.tviewstudio.core.connect.ConnectionSpec;
import io.tviewstudio.core.connect.Connector;
import io.tviewstudio.core.connect.Environment;
import io.tviewstudio.core.connect.ResolvedConnection;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * One open database: its JDBC connection and the one background thread that uses it (a JDBC
 * connection is not safe for concurrent use, and the JavaFX thread must never wait for a server).
 * The spec, with a password typed at connect time, is kept in memory only, so that
 * {@link #reconnect()} can log in again after the link dropped.
 */
public final class DatabaseSession implements AutoCloseable {

    /** Work done with the session's connection on its thread. */
    @FunctionalInterface
    public interface SqlWork<T> {
        T run(Connection connection) throws Exception;
    }

    private final ConnectionSpec spec;
    private final Environment environment;
    private final String label;
    private final ExecutorService thread;
    private volatile ResolvedConnection target;
    private volatile Connection connection;

    private DatabaseSession(ConnectionSpec spec, Environment environment, String label) {
        this.spec = spec;
        this.environment = environment;
        this.label = label;
        this.thread = Executors.newSingleThreadExecutor(runnable -> {
            Thread worker = new Thread(runnable, "database-" + label);
            worker.setDaemon(true);
            return worker;
        });
    }

    /** Logs in (blocking: call it off the JavaFX thread). */
    public static DatabaseSession open(ConnectionSpec spec, Environment environment, String label) throws ConnectionFailure {
        DatabaseSession session = new DatabaseSession(spec, environment, Objects.requireNonNull(label));
        session.login();
        return session;
    }

    private void login() throws ConnectionFailure {
        ResolvedConnection resolved = new ConnectionResolver(environment).resolve(spec);
        Connection opened = Connector.open(resolved);
        target = resolved;
        connection = opened;
    }

    /** What the user calls this database (the profile name, or user@host:port/database). */
    public String label() {
        return label;
    }

    public ResolvedConnection target() {
        return target;
    }

    /** Runs the work on the session's thread; the future completes there. */
    public <T> CompletableFuture<T> submit(SqlWork<T> work) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return work.run(connection);
            } catch (Exception e) {
                throw new CompletionException(e);
            }
        }, thread);
    }

    /**
     * A second connection with the same settings, for work that must not queue behind the
     * session's thread (the metrics sampler polls over its own connection).
     */
    public Connection openAnother() throws SQLException {
        try {
            return Connector.open(target);
        } catch (ConnectionFailure e) {
            throw new SQLException(e.getMessage(), "08001", e);
        }
    }

    /** Closes the dropped connection and logs in again with the same settings, on the session's thread. */
    public CompletableFuture<Void> reconnect() {
        return submit(old -> {
            closeQuietly(old);
            login();
            return null;
        });
    }

    @Override
    public void close() {
        Connection open = connection;
        thread.execute(() -> closeQuietly(open));
        thread.shutdown();
    }

    private static void closeQuietly(Connection connection) {
        try {
            if (connection != null) {
                connection.close();
            }
        } catch (SQLException ignored) {
            // Closing a connection whose server went away; there is nothing left to release.
        }
    }
}
