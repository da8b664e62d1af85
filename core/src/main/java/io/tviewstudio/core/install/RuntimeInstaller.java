package io.tviewstudio.core.install;

import io.tviewstudio.core.catalog.SchemaObjects;
import io.tviewstudio.core.catalog.TviewCatalog;
import io.tviewstudio.core.jdbc.Transactions;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
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
        Transactions.inTransaction(connection, () -> {
            runInstallPieces(connection, progress);
            return null;
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
        Optional<String> installed = RuntimeVersion.installed(connection);
        String shipped = RuntimeVersion.shipped();
        return Transactions.inRolledBackTransaction(connection, () -> {
            var before = SchemaObjects.read(connection);
            runInstallPieces(connection, piece -> { });
            var difference = SchemaObjects.difference(before, SchemaObjects.read(connection));
            String action = installed.isEmpty() ? "install"
                    : installed.get().equals(shipped) ? "re-install" : "upgrade from " + installed.get();
            return new InstallPlan(installed.orElse(null), shipped, action, difference.created(), difference.changed(),
                    difference.dropped());
        });
    }

    /**
     * Drops every TVIEW (base tables stay) and every runtime object, in one transaction; does nothing
     * when no runtime is installed.
     */
    public static RuntimeRemoval uninstall(Connection connection) throws SQLException {
        return Transactions.inTransaction(connection, () -> {
            Optional<String> installed = RuntimeVersion.installed(connection);
            if (installed.isEmpty()) {
                return new RuntimeRemoval(null, 0);
            }
            long tviews = new TviewCatalog(connection).entities().size();
            try (Statement statement = connection.createStatement()) {
                statement.execute(RuntimeScripts.uninstallSql());
                return new RuntimeRemoval(installed.get(), tviews);
            }
        });
    }

    private static void runInstallPieces(Connection connection, Consumer<RuntimeScripts.Piece> progress) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (RuntimeScripts.Piece piece : RuntimeScripts.installPieces()) {
                progress.accept(piece);
                try {
                    statement.execute(piece.sql());
                } catch (SQLException e) {
                    throw new SQLException("installing " + piece.path() + ": " + e.getMessage(), e.getSQLState(), e);
                }
            }
        }
    }
}
