package io.tviewstudio.core.runtime;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.function.Consumer;

/**
 * Installs or removes the TVIEW runtime over a JDBC connection, each in one transaction: a failure
 * leaves the database exactly as it was.
 */
public final class RuntimeInstaller {

    private RuntimeInstaller() {
    }

    /** Installs (or re-installs, idempotently) the runtime into the connection's database. */
    public static void install(Connection connection) throws SQLException {
        install(connection, piece -> { });
    }

    /** As {@link #install(Connection)}, telling {@code progress} about each piece before it runs. */
    public static void install(Connection connection, Consumer<RuntimeScripts.Piece> progress) throws SQLException {
        inTransaction(connection, statement -> {
            for (RuntimeScripts.Piece piece : RuntimeScripts.installPieces()) {
                progress.accept(piece);
                try {
                    statement.execute(piece.sql());
                } catch (SQLException e) {
                    throw new SQLException("installing " + piece.path() + ": " + e.getMessage(), e.getSQLState(), e);
                }
            }
        });
    }

    /** Drops every TVIEW (base tables stay) and every runtime object. */
    public static void uninstall(Connection connection) throws SQLException {
        inTransaction(connection, statement -> statement.execute(RuntimeScripts.uninstallSql()));
    }

    private interface Work {
        void run(Statement statement) throws SQLException;
    }

    private static void inTransaction(Connection connection, Work work) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            work.run(statement);
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }
}
