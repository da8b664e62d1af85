package io.tviewstudio.cli;

import io.tviewstudio.core.api.TviewStudio;
import io.tviewstudio.core.connect.ConnectionFailure;
import io.tviewstudio.core.connect.ConnectionResolver;
import io.tviewstudio.core.connect.Connector;
import io.tviewstudio.core.connect.ResolvedConnection;
import io.tviewstudio.core.jdbc.DatabaseError;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.Callable;

/**
 * The shape of every command that works on a database: check the input, connect (mapping every
 * connection failure to exit code 3), check the runtime (exit code 5), do the work (a database
 * error is exit code 4 and names its TV code or SQLSTATE).
 */
abstract class DatabaseCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    /** The top command, also for subcommands of a group such as {@code tviews playbook export}. */
    TviewsCli root() {
        return (TviewsCli) spec.root().userObject();
    }

    @Mixin
    ConnectionOptions connectionOptions;

    @Option(names = "--json", description = "Print the result as one JSON document on stdout.")
    boolean json;

    @Option(names = {"-?", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    /** What a command works with once connected: the library's facade on the connection. */
    record Session(TviewStudio studio, ResolvedConnection target, Output output) {
    }

    @Override
    public final Integer call() {
        Output output = new Output(spec.commandLine().getOut(), spec.commandLine().getErr(), json);
        Integer done = prepare();
        if (done != null) {
            return done;
        }
        ResolvedConnection target;
        try {
            target = new ConnectionResolver(root().environment()).resolve(connectionOptions.spec());
        } catch (ConnectionFailure failure) {
            throw connectionFailure(failure);
        }
        target.warnings().forEach(output::warning);
        try (Connection connection = Connector.open(target)) {
            if (Connector.isUntestedNewerServer(connection.getMetaData().getDatabaseMajorVersion() * 10000)) {
                output.warning("PostgreSQL " + connection.getMetaData().getDatabaseProductVersion()
                        + " is newer than the versions the runtime is tested on (15, 16, 17)");
            }
            TviewStudio studio = TviewStudio.on(connection);
            if (needsCurrentRuntime()) {
                studio.requireCurrentRuntime(target);
            }
            try {
                return run(new Session(studio, target, output));
            } catch (SQLException e) {
                rollbackQuietly(connection, e);
                throw new CliException(databaseFailure(e, studio));
            }
        } catch (ConnectionFailure failure) {
            throw connectionFailure(failure);
        } catch (SQLException e) {
            throw new CliException(databaseFailure(e, null));
        }
    }

    /**
     * Checks the input before connecting; throws {@link CliException} (usage) when it is unusable.
     *
     * @return null to go on and connect, or the exit code when the command is already done
     */
    Integer prepare() {
        return null;
    }

    /** Whether the command needs the runtime installed at the version this tviews ships. */
    boolean needsCurrentRuntime() {
        return true;
    }

    abstract int run(Session session) throws SQLException;

    static CliException connectionFailure(ConnectionFailure failure) {
        int exit = failure.category().isRuntimeProblem() ? ExitCode.RUNTIME_MISSING : ExitCode.CONNECTION;
        return new CliException(new CliFailure(exit, failure.category().code(), failure.sqlState(),
                failure.getMessage(), failure.hint()));
    }

    /**
     * The failure for a database error: the server's message and hint, labelled with its SQLSTATE and,
     * for the runtime's TVnnn codes, the code's name (asked of the runtime through {@code studio} when
     * given, after the failed transaction was rolled back).
     */
    static CliFailure databaseFailure(SQLException e, TviewStudio studio) {
        DatabaseError error = DatabaseError.of(e);
        if (error.connectionLost()) {
            return new CliFailure(ExitCode.CONNECTION, "connection_lost", error.sqlState(),
                    "the connection to the server was lost (" + DatabaseError.firstLine(e) + "); the server rolled back "
                            + "the open transaction, nothing was changed",
                    "Check that the server is running and reachable, then run the same command again.");
        }
        String code = error.sqlState() == null ? "database_error" : error.sqlState();
        if (error.tvCode() != null && studio != null) {
            code = studio.errorName(error.tvCode()).orElse(error.tvCode());
        }
        return new CliFailure(ExitCode.DATABASE_ERROR, code, error.sqlState(), error.message(), error.hint());
    }

    /** Rolls back if the connection is still usable; a failure to do so is kept with {@code cause}. */
    static void rollbackQuietly(Connection connection, SQLException cause) {
        try {
            if (!connection.isClosed() && !connection.getAutoCommit()) {
                connection.rollback();
            }
        } catch (SQLException rollbackFailed) {
            cause.addSuppressed(rollbackFailed);
        }
    }
}
