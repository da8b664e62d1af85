package io.tviewstudio.app.editor;

import io.tviewstudio.app.connection.DatabaseSession;
import io.tviewstudio.core.analysis.ErrorCode;
import io.tviewstudio.core.analysis.catalog.CatalogSnapshot;
import io.tviewstudio.core.analysis.catalog.LiveCatalog;
import io.tviewstudio.core.deploy.CreatePreview;
import io.tviewstudio.core.deploy.DefinitionSet;
import io.tviewstudio.core.deploy.TviewCreator;
import io.tviewstudio.core.graph.DependencyGraph;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * What the editor does with the database, through core: analyse the text (against the live
 * catalog, or offline), preview the runtime's objects (a dry run that is rolled back), and install
 * the TVIEWs in dependency order in one transaction, so that nothing is half-applied. No JavaFX.
 */
public final class DefinitionDeployer {

    private DefinitionDeployer() {
    }

    /** The definitions of the editor's text, analysed with the catalog (null: offline). */
    public static DefinitionSet analyse(String fileName, String text, Connection connection) {
        DefinitionSet set = DefinitionSet.ofScripts(List.of(new DefinitionSet.SourceFile(fileName, text)));
        CatalogSnapshot catalog = connection == null ? CatalogSnapshot.offline() : new LiveCatalog(connection);
        return connection == null ? set : set.analyzedWith(catalog);
    }

    /** The dry run: every object the runtime would generate, then a rollback. */
    public static List<CreatePreview.PlannedTview> preview(Connection connection, String fileName, String text)
            throws DeployFailure, SQLException {
        List<DefinitionSet.Entry> order = checked(analyse(fileName, text, connection));
        try {
            return CreatePreview.preview(connection, order.stream().map(DefinitionSet.Entry::analysis).toList());
        } catch (SQLException e) {
            throw runtimeFailure(e);
        }
    }

    /**
     * Creates the TVIEWs in one transaction, telling {@code progress} the TVIEW being created; on
     * any error everything is rolled back.
     */
    public static List<TviewCreator.Created> install(Connection connection, String fileName, String text,
                                                     Consumer<String> progress) throws DeployFailure, SQLException {
        List<DefinitionSet.Entry> order = checked(analyse(fileName, text, connection));
        connection.setAutoCommit(false);
        try {
            List<TviewCreator.Created> created = new ArrayList<>();
            int step = 0;
            for (DefinitionSet.Entry entry : order) {
                progress.accept("[" + ++step + "/" + order.size() + "] " + entry.analysis().tviewName());
                created.add(TviewCreator.create(connection, entry.analysis()));
            }
            connection.commit();
            return created;
        } catch (SQLException e) {
            rollbackQuietly(connection, e);
            throw runtimeFailure(e);
        } catch (RuntimeException e) {
            rollbackQuietly(connection, e);
            throw e;
        } finally {
            restoreAutoCommit(connection);
        }
    }

    /** The definitions in creation order, or why they cannot be created (as the CLI's apply refuses). */
    static List<DefinitionSet.Entry> checked(DefinitionSet set) throws DeployFailure {
        if (set.isEmpty()) {
            throw new DeployFailure(null, "the editor holds no definition",
                    "Write CREATE TVIEW tv_name AS SELECT ...; or pick a template.", null);
        }
        for (DefinitionSet.Entry entry : set.entries()) {
            if (!entry.translatable()) {
                throw new DeployFailure(ErrorCode.TV010.name(), "line " + entry.analysis().line()
                        + ": not CREATE TVIEW [IF NOT EXISTS] name AS SELECT ...",
                        "Every statement must create a TVIEW.", null);
            }
        }
        List<List<String>> cycles = set.cycles();
        if (!cycles.isEmpty()) {
            throw new DeployFailure(ErrorCode.TV030.name(), "dependency cycle: " + DependencyGraph.spell(cycles.getFirst()),
                    "A TVIEW cannot read itself, directly or through other TVIEWs: remove one of the reads.", null);
        }
        long errors = set.findings().stream().filter(finding -> finding.diagnostic().isError()).count();
        if (errors > 0) {
            DefinitionSet.Finding first = set.findings().stream().filter(f -> f.diagnostic().isError()).findFirst().orElseThrow();
            throw new DeployFailure(first.diagnostic().code().name(), errors + (errors == 1 ? " error" : " errors")
                    + " in the definition (first: line " + first.diagnostic().line() + ", " + first.diagnostic().message()
                    + "); nothing was done", "Fix the problems listed in the Problems tab first.", null);
        }
        return set.inCreationOrder();
    }

    /** The runtime's refusal as a failure with its SQLSTATE (TVnnn); a dropped link stays an SQLException. */
    private static DeployFailure runtimeFailure(SQLException e) throws SQLException {
        if (DatabaseSession.isLinkLost(e)) {
            throw e;
        }
        String message = e.getMessage();
        String hint = null;
        if (e instanceof PSQLException psql && psql.getServerErrorMessage() != null) {
            ServerErrorMessage server = psql.getServerErrorMessage();
            message = server.getMessage();
            hint = server.getHint();
        }
        return new DeployFailure(e.getSQLState(), message + "; nothing was changed", hint, e);
    }

    private static void restoreAutoCommit(Connection connection) {
        try {
            connection.setAutoCommit(true);
        } catch (SQLException linkGone) {
            // The link dropped; the failure that is being thrown already says so.
        }
    }

    private static void rollbackQuietly(Connection connection, Exception failure) {
        try {
            connection.rollback();
        } catch (SQLException rollbackFailure) {
            failure.addSuppressed(rollbackFailure);
        }
    }
}
