package io.tviewstudio.core.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.Predicate;

/**
 * Runs a unit of work in one transaction on a connection in auto-commit mode: commits it, or rolls
 * it back (always for a dry run, on any failure, or when the result says so), and gives the
 * connection back in the auto-commit mode it had. A transaction the caller opened itself
 * (auto-commit off) becomes part of this one.
 */
public final class Transactions {

    /** The work of one transaction; it may throw one checked exception of its own besides SQLException. */
    @FunctionalInterface
    public interface Work<T, E extends Exception> {
        T run() throws SQLException, E;
    }

    private Transactions() {
    }

    /** Runs the work and commits; on any failure rolls back and rethrows it. */
    public static <T, E extends Exception> T inTransaction(Connection connection, Work<T, E> work) throws SQLException, E {
        return run(connection, work, result -> true);
    }

    /** Runs the work and rolls back whatever it did: a dry run, or a read that must change nothing. */
    public static <T, E extends Exception> T inRolledBackTransaction(Connection connection, Work<T, E> work)
            throws SQLException, E {
        return run(connection, work, result -> false);
    }

    /** Runs the work, then commits when {@code commitWhen} holds for its result and rolls back when not. */
    public static <T, E extends Exception> T inTransaction(Connection connection, Work<T, E> work,
                                                          Predicate<? super T> commitWhen) throws SQLException, E {
        return run(connection, work, commitWhen);
    }

    private static <T, E extends Exception> T run(Connection connection, Work<T, E> work, Predicate<? super T> commitWhen)
            throws SQLException, E {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        T result;
        try {
            result = work.run();
            if (commitWhen.test(result)) {
                connection.commit();
            } else {
                connection.rollback();
            }
        } catch (Throwable failure) {
            undo(connection, autoCommit, failure);
            throw failure;
        }
        connection.setAutoCommit(autoCommit);
        return result;
    }

    /**
     * Rolls back after a failure and restores auto-commit. On a lost connection both fail too (the
     * server has rolled back already): the caller must see the original error, not "This connection
     * has been closed", so those failures are only attached to it.
     */
    private static void undo(Connection connection, boolean autoCommit, Throwable failure) {
        try {
            connection.rollback();
        } catch (SQLException rollbackFailed) {
            failure.addSuppressed(rollbackFailed);
        }
        try {
            if (!connection.isClosed()) {
                connection.setAutoCommit(autoCommit);
            }
        } catch (SQLException resetFailed) {
            failure.addSuppressed(resetFailed);
        }
    }
}
