package io.tviewstudio.app.editor;

import io.tviewstudio.core.analysis.AnalysisResult;
import io.tviewstudio.core.analysis.ErrorCode;
import io.tviewstudio.core.analysis.schema.CatalogSnapshot;
import io.tviewstudio.core.api.TviewStudio;
import io.tviewstudio.core.deploy.CreatePreview;
import io.tviewstudio.core.deploy.DefinitionDiff;
import io.tviewstudio.core.deploy.DefinitionSet;
import io.tviewstudio.core.deploy.ReplacePlan;
import io.tviewstudio.core.deploy.ReplaceResult;
import io.tviewstudio.core.deploy.TviewCreator;
import io.tviewstudio.core.graph.DependencyGraph;
import io.tviewstudio.core.jdbc.DatabaseError;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * What the editor does with the database, through the core facade ({@link TviewStudio}): analyse the text (against the live
 * catalog, or offline), preview the runtime's objects (a dry run that is rolled back), install
 * the TVIEWs in dependency order in one transaction, so that nothing is half-applied, and replace
 * an installed TVIEW that the document edits, with its dependants. No JavaFX.
 *
 * <p>{@code editing} is the entities of the installed TVIEWs the document edits: the text is
 * analysed as their replacement, so their own names are no TV002.
 */
public final class DefinitionDeployer {

    /**
     * The editor's text checked: its definitions and, when its only definition replaces an installed
     * TVIEW the document edits, that TVIEW's plan and its definition's diff (else both null).
     */
    public record Checked(DefinitionSet definitions, ReplacePlan plan, DefinitionDiff diff) {
    }

    private DefinitionDeployer() {
    }

    /** The definitions of the editor's text, analysed with the catalog (null: offline). */
    public static DefinitionSet analyse(String fileName, String text, Connection connection, Set<String> editing) {
        DefinitionSet set = DefinitionSet.ofScripts(List.of(new DefinitionSet.SourceFile(fileName, text)));
        return connection == null ? set : set.analyzedWith(TviewStudio.on(connection).catalog().replacing(editing));
    }

    /** The text analysed, plus, when it replaces an installed TVIEW, what the replacement changes (connected only). */
    public static Checked check(String fileName, String text, Connection connection, Set<String> editing) throws SQLException {
        DefinitionSet set = analyse(fileName, text, connection, editing);
        AnalysisResult replacement = replacement(set.entries(), editing);
        if (connection == null || replacement == null) {
            return new Checked(set, null, null);
        }
        return TviewStudio.on(connection).replacePlan(replacement.name().entity())
                .map(plan -> new Checked(set, plan, plan.diff(replacement.select())))
                .orElse(new Checked(set, null, null));
    }

    /**
     * The definition that replaces an installed TVIEW: the text's only definition, when it names a
     * TVIEW the document edits; else null (the text creates TVIEWs).
     */
    public static AnalysisResult replacement(List<DefinitionSet.Entry> definitions, Set<String> editing) {
        if (definitions.size() != 1) {
            return null;
        }
        AnalysisResult only = definitions.getFirst().analysis();
        return only.name() != null && editing.contains(only.name().entity()) ? only : null;
    }

    /** The TVIEW the text replaces (see {@link #replacement}), found offline: the names alone decide. */
    public static String replacementTarget(String fileName, String text, Set<String> editing) {
        AnalysisResult replacement = editing.isEmpty() ? null : replacement(analyse(fileName, text, null, editing).entries(), editing);
        return replacement == null ? null : replacement.name().toString();
    }

    /** The dry run: every object the runtime would generate, then a rollback. */
    public static List<CreatePreview.PlannedTview> preview(Connection connection, String fileName, String text, Set<String> editing)
            throws DeployFailure, SQLException {
        List<DefinitionSet.Entry> order = checked(analyse(fileName, text, connection, editing));
        refuseInstalled(connection, order, editing);
        try {
            return TviewStudio.on(connection).preview(order.stream().map(DefinitionSet.Entry::analysis).toList());
        } catch (SQLException e) {
            throw runtimeFailure(e);
        }
    }

    /**
     * Creates the TVIEWs in one transaction, telling {@code progress} the TVIEW being created; on
     * any error everything is rolled back.
     */
    public static List<TviewCreator.Created> install(Connection connection, String fileName, String text, Set<String> editing,
                                                     Consumer<String> progress) throws DeployFailure, SQLException {
        List<DefinitionSet.Entry> order = checked(analyse(fileName, text, connection, editing));
        refuseInstalled(connection, order, editing);
        try {
            return TviewStudio.on(connection).apply(order.stream().map(DefinitionSet.Entry::analysis).toList(), progress);
        } catch (SQLException e) {
            throw runtimeFailure(e);
        }
    }

    /**
     * Replaces the TVIEW that the text's only definition names, with its dependants, in one
     * transaction ({@link TviewStudio#replace}); a dry run rolls back. A failed step becomes the failure
     * that names it, with the server's error; nothing was changed then.
     */
    public static ReplaceResult replace(Connection connection, String fileName, String text, Set<String> editing,
                                        boolean dryRun) throws DeployFailure, SQLException {
        List<DefinitionSet.Entry> order = checked(analyse(fileName, text, connection, editing));
        AnalysisResult replacement = replacement(order, editing);
        if (replacement == null) {
            throw new DeployFailure(null, "the text is not one definition of a TVIEW it edits; nothing was done",
                    "Install creates the TVIEWs of the text.", null);
        }
        TviewStudio studio = TviewStudio.on(connection);
        ReplaceResult result = dryRun ? studio.dryRunReplace(replacement) : studio.replace(replacement);
        ReplaceResult.Failure failure = result.failure();
        if (failure == null) {
            return result;
        }
        if (failure.cause() != null && DatabaseError.isConnectionLoss(failure.cause())) {
            throw failure.cause();
        }
        throw new DeployFailure(failure.sqlState(), failure.explanation() + "; everything was rolled back, nothing was changed",
                failure.hint(), failure.cause());
    }

    /**
     * An edited TVIEW that is still installed, in a text of several definitions: the replacement
     * works on one definition at a time, and creating it would only meet the runtime's TV002.
     */
    private static void refuseInstalled(Connection connection, List<DefinitionSet.Entry> order, Set<String> editing)
            throws DeployFailure {
        if (order.size() < 2 || editing.isEmpty()) {
            return;
        }
        CatalogSnapshot catalog = TviewStudio.on(connection).catalog();
        for (DefinitionSet.Entry entry : order) {
            AnalysisResult analysis = entry.analysis();
            if (editing.contains(analysis.name().entity()) && catalog.tviewExists(analysis.name().entity())) {
                throw new DeployFailure(ErrorCode.TV002.name(), "TVIEW " + analysis.name() + " is installed, and a text of "
                        + order.size() + " definitions cannot replace it; nothing was done",
                        "Keep only the definition of " + analysis.name() + " to replace it, or remove it to create the others.", null);
            }
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
                    DefinitionSet.CYCLE_HINT, null);
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
        DatabaseError error = DatabaseError.of(e);
        if (error.connectionLost()) {
            throw e;
        }
        return new DeployFailure(error.sqlState(), error.message() + "; nothing was changed", error.hint(), e);
    }
}
