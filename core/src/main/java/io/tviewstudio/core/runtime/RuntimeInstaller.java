package io.tviewstudio.core.runtime;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.function.Consumer;

/**
 * Installs or removes the TVIEW runtime over a JDBC connection, each in one transaction: a failure
 * leaves the database exactly as it was. Install and dry run first check the connected role's
 * rights ({@link InstallPrivileges}) and name every missing grant before running anything.
 */
public final class RuntimeInstaller {

    private RuntimeInstaller() {
    }

    /**
     * Installs (or re-installs, idempotently) the runtime into the connection's database.
     *
     * @throws MissingPrivilegesException when the role lacks a right the install needs; nothing was run
     */
    public static void install(Connection connection) throws SQLException {
        install(connection, piece -> { });
    }

    /** As {@link #install(Connection)}, telling {@code progress} about each piece before it runs. */
    public static void install(Connection connection, Consumer<RuntimeScripts.Piece> progress) throws SQLException {
        InstallPrivileges.requireForInstall(connection);
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

    /**
     * What {@link #install(Connection)} would do, found by running it inside a transaction that is
     * rolled back and comparing the database's objects before and after: nothing is changed.
     *
     * @throws MissingPrivilegesException when the role lacks a right the install needs
     */
    public static InstallPlan dryRun(Connection connection) throws SQLException {
        InstallPrivileges.requireForInstall(connection);
        java.util.Optional<String> installed = RuntimeVersion.installed(connection);
        String shipped = RuntimeVersion.shipped();
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            var before = io.tviewstudio.core.catalog.SchemaObjects.read(connection);
            for (RuntimeScripts.Piece piece : RuntimeScripts.installPieces()) {
                try {
                    statement.execute(piece.sql());
                } catch (SQLException e) {
                    throw new SQLException("installing " + piece.path() + ": " + e.getMessage(), e.getSQLState(), e);
                }
            }
            var difference = io.tviewstudio.core.catalog.SchemaObjects.difference(before,
                    io.tviewstudio.core.catalog.SchemaObjects.read(connection));
            String action = installed.isEmpty() ? "install"
                    : installed.get().equals(shipped) ? "re-install" : "upgrade from " + installed.get();
            return new InstallPlan(installed.orElse(null), shipped, action, difference.created(), difference.changed(),
                    difference.dropped());
        } finally {
            connection.rollback();
            connection.setAutoCommit(autoCommit);
        }
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
            // On a lost connection the rollback fails too; the server has rolled back already, and the
            // caller must see the original error, not "This connection has been closed".
            try {
                connection.rollback();
            } catch (SQLException rollbackFailed) {
                e.addSuppressed(rollbackFailed);
            }
            throw e;
        } finally {
            if (!connection.isClosed()) {
                connection.setAutoCommit(autoCommit);
            }
        }
    }
}
