package io.tviewstudio.core.api;

import io.tviewstudio.core.analysis.AnalysisResult;
import io.tviewstudio.core.analysis.schema.CatalogSnapshot;
import io.tviewstudio.core.catalog.DependencyGraphReader;
import io.tviewstudio.core.catalog.LiveCatalog;
import io.tviewstudio.core.catalog.TviewCatalog;
import io.tviewstudio.core.catalog.TviewInfo;
import io.tviewstudio.core.connect.ConnectionFailure;
import io.tviewstudio.core.connect.Connector;
import io.tviewstudio.core.connect.ResolvedConnection;
import io.tviewstudio.core.deploy.CreatePreview;
import io.tviewstudio.core.deploy.DefinitionSet;
import io.tviewstudio.core.deploy.ReplacePlan;
import io.tviewstudio.core.deploy.ReplaceResult;
import io.tviewstudio.core.deploy.TviewCreator;
import io.tviewstudio.core.deploy.TviewDropper;
import io.tviewstudio.core.deploy.TviewReplacer;
import io.tviewstudio.core.graph.DependencyGraph;
import io.tviewstudio.core.graph.Impact;
import io.tviewstudio.core.health.HealthCheck;
import io.tviewstudio.core.health.HealthChecker;
import io.tviewstudio.core.health.TviewVerifier;
import io.tviewstudio.core.health.Verification;
import io.tviewstudio.core.inspect.InspectException;
import io.tviewstudio.core.inspect.RowInspector;
import io.tviewstudio.core.jdbc.StatementCancel;
import io.tviewstudio.core.metrics.MetricsReader;
import io.tviewstudio.core.metrics.MetricsReading;
import io.tviewstudio.core.metrics.MetricsSampler;
import io.tviewstudio.core.migrate.ConversionProposal;
import io.tviewstudio.core.migrate.ConversionResult;
import io.tviewstudio.core.migrate.Cutover;
import io.tviewstudio.core.migrate.MaterializedView;
import io.tviewstudio.core.migrate.MatviewComparison;
import io.tviewstudio.core.migrate.MatviewConverter;
import io.tviewstudio.core.migrate.MatviewProposer;
import io.tviewstudio.core.migrate.MatviewReader;
import io.tviewstudio.core.migrate.RefreshTimer;
import io.tviewstudio.core.playbook.Playbook;
import io.tviewstudio.core.playbook.PlaybookException;
import io.tviewstudio.core.playbook.PlaybookExporter;
import io.tviewstudio.core.playbook.PlaybookProgress;
import io.tviewstudio.core.playbook.PlaybookRestore;
import io.tviewstudio.core.install.InstallPlan;
import io.tviewstudio.core.install.InstallPrivileges;
import io.tviewstudio.core.install.RuntimeErrorCodes;
import io.tviewstudio.core.install.RuntimeInstaller;
import io.tviewstudio.core.install.RuntimeRemoval;
import io.tviewstudio.core.install.RuntimeScripts;
import io.tviewstudio.core.install.RuntimeVersion;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The one way into the library for a database: every verb of the command line (and of any other
 * program) on one connection. Each verb delegates to the library class that holds its SQL, so that
 * SQL exists once; the facade adds no behaviour of its own. A verb that changes the database runs
 * in one transaction unless it says otherwise; the connection must be in auto-commit mode, and is
 * again afterwards. The caller owns the connection: the facade never closes it.
 *
 * <p>A failure of the database comes as the {@link SQLException} the driver raised; read it with
 * {@link io.tviewstudio.core.jdbc.DatabaseError#of}.
 */
public final class TviewStudio {

    private final Connection connection;

    private TviewStudio(Connection connection) {
        this.connection = Objects.requireNonNull(connection, "connection");
    }

    /** The facade over a connection the caller opened (e.g. with {@link Connector#open}) and closes. */
    public static TviewStudio on(Connection connection) {
        return new TviewStudio(connection);
    }

    // --- The runtime ---------------------------------------------------------------------------

    /** The runtime version this library installs, e.g. {@code 0.1.0}. */
    public static String shippedRuntimeVersion() {
        return RuntimeVersion.shipped();
    }

    /** The runtime version installed in the database; empty when none is. */
    public Optional<String> installedRuntimeVersion() throws SQLException {
        return RuntimeVersion.installed(connection);
    }

    /**
     * Requires the runtime at exactly the shipped version; {@code target} names the database in the failure.
     *
     * @throws ConnectionFailure {@code runtime_not_installed} or {@code runtime_version_mismatch}
     */
    public String requireCurrentRuntime(ResolvedConnection target) throws ConnectionFailure, SQLException {
        return Connector.requireCurrentRuntime(connection, target);
    }

    /**
     * Checks that the role has every right the runtime install needs.
     *
     * @throws io.tviewstudio.core.install.MissingPrivilegesException naming each missing right and its GRANT
     */
    public void requireInstallPrivileges() throws SQLException {
        InstallPrivileges.requireForInstall(connection);
    }

    /** Installs, re-installs or upgrades the runtime in place (every TVIEW kept), telling {@code progress} each piece. */
    public void installRuntime(Consumer<RuntimeScripts.Piece> progress) throws SQLException {
        RuntimeInstaller.install(connection, progress);
    }

    /** What {@link #installRuntime} would do: found by installing in a transaction that is rolled back. */
    public InstallPlan planRuntimeInstall() throws SQLException {
        return RuntimeInstaller.dryRun(connection);
    }

    /** Drops every TVIEW (base tables stay) and the runtime; does nothing when none is installed. */
    public RuntimeRemoval uninstallRuntime() throws SQLException {
        return RuntimeInstaller.uninstall(connection);
    }

    /** The installed runtime's name for one of its {@code TVnnn} codes; empty when it cannot say. */
    public Optional<String> errorName(String tvCode) {
        return RuntimeErrorCodes.name(connection, tvCode);
    }

    /** The server's version as the driver reports it, e.g. {@code 17.2}. */
    public String serverVersion() throws SQLException {
        return connection.getMetaData().getDatabaseProductVersion();
    }

    /** The server, the runtime versions and every TVIEW with its mode, rows (counted) and size. */
    public DatabaseStatus status() throws SQLException {
        Optional<String> installed = RuntimeVersion.installed(connection);
        return new DatabaseStatus(serverVersion(), installed.orElse(null),
                RuntimeVersion.shipped(), installed.isPresent() ? new TviewCatalog(connection).statuses() : List.of());
    }

    /**
     * Every installed TVIEW with its sources, rows (counted exactly) and refresh mode, those that read
     * only tables first: what the app's catalog tree and graph show.
     */
    public List<TviewInfo> tviews() throws SQLException {
        return new TviewCatalog(connection).list();
    }

    /**
     * Asks the server to cancel the statement this connection is running, while another thread
     * waits for it in a verb: that verb fails with SQLSTATE 57014 ({@code query_canceled}) after
     * rolling its transaction back. Nothing happens when no statement runs.
     */
    public void cancelRunningStatement() throws SQLException {
        StatementCancel.cancelRunning(connection);
    }

    // --- Definitions -----------------------------------------------------------------------------

    /** What the analysis may know of this database; answers are cached, so take one per analysis run. */
    public CatalogSnapshot catalog() {
        return new LiveCatalog(connection);
    }

    /** The definitions analysed against this database's catalog, in dependency order. */
    public DefinitionSet analyse(DefinitionSet definitions) {
        return definitions.analyzedWith(catalog());
    }

    /** Creates the definitions in a transaction that is rolled back, and reports every object each one generates. */
    public List<CreatePreview.PlannedTview> preview(List<AnalysisResult> definitions) throws SQLException {
        return CreatePreview.preview(connection, definitions);
    }

    /** Creates the definitions in the given order, in one transaction; {@code progress} hears {@code [2/3] tv_name}. */
    public List<TviewCreator.Created> apply(List<AnalysisResult> definitions, Consumer<String> progress) throws SQLException {
        return TviewCreator.createAll(connection, definitions, progress);
    }

    /**
     * Drops TVIEWs in one transaction; base tables stay.
     *
     * @param ifExists skip a missing TVIEW instead of failing with TV003
     * @param cascade  also drop the TVIEWs that read them, instead of failing with TV031
     * @return the runtime's messages, one per line
     */
    public List<String> drop(List<String> names, boolean ifExists, boolean cascade) throws SQLException {
        return TviewDropper.drop(connection, names, ifExists, cascade);
    }

    /**
     * What replacing the installed TVIEW of this entity involves: its stored definition and every
     * TVIEW that reads it; empty when no such TVIEW is installed.
     */
    public Optional<ReplacePlan> replacePlan(String entity) throws SQLException {
        return ReplacePlan.read(connection, entity);
    }

    /**
     * Replaces the installed TVIEW that {@code definition} names (analysed against
     * {@code catalog().replacing(...)}), with its dependants, in one transaction; a failed step rolls
     * everything back and is the result's failure.
     */
    public ReplaceResult replace(AnalysisResult definition) throws SQLException {
        return TviewReplacer.replace(connection, definition);
    }

    /** Every step of {@link #replace}, then a rollback: whether the replacement would succeed, and what it would do. */
    public ReplaceResult dryRunReplace(AnalysisResult definition) throws SQLException {
        return TviewReplacer.dryRun(connection, definition);
    }

    // --- Health ----------------------------------------------------------------------------------

    /** Compares the TVIEW, or all of them when {@code tview} is null, with its view row by row. */
    public Verification verify(String tview) throws SQLException {
        return TviewVerifier.verify(connection, tview);
    }

    /** As {@link #verify}, recomputing the rows that differ, then verifying again. */
    public Verification verifyAndRepair(String tview) throws SQLException {
        return TviewVerifier.repair(connection, tview);
    }

    /** Whether the runtime and every TVIEW's objects are in place ({@code pg_tviews_health_check}). */
    public List<HealthCheck> health() throws SQLException {
        return HealthChecker.check(connection);
    }

    // --- The dependency graph ------------------------------------------------------------------

    /** The installed TVIEWs and the relations they read. */
    public DependencyGraph graph() throws SQLException {
        return DependencyGraphReader.read(connection);
    }

    /** The installed graph plus unsaved definitions, analysed against this database; a definition replaces an installed TVIEW's edges. */
    public DependencyGraph graph(DefinitionSet unsaved) throws SQLException {
        return graph().withDefinitions(analyse(unsaved).analyses());
    }

    /**
     * What a change in {@code relation} refreshes in {@code graph}, naming the relation as the graph
     * does ({@code public.tb_user} is {@code tb_user}); empty when no such relation exists.
     */
    public Optional<Impact> impact(DependencyGraph graph, String relation) {
        Optional<String> node = graph.nodes().contains(relation) ? Optional.of(relation)
                : DependencyGraphReader.nodeName(connection, relation);
        return node.map(graph::impact);
    }

    // --- Metrics and rows ------------------------------------------------------------------------

    /** One reading of every TVIEW's refresh counters and the queue. */
    public MetricsReading readMetrics() throws SQLException {
        return new MetricsReader().read(connection);
    }

    /**
     * A sampler that polls the metrics over connections of its own from {@code source} (it runs on its
     * own thread, so not on a facade's connection), with rates and percentiles over {@code window}
     * and the last {@code maxHistory} snapshots kept.
     */
    public static MetricsSampler metricsSampler(MetricsSampler.ConnectionSource source, Duration window, int maxHistory) {
        return new MetricsSampler(source, window, maxHistory);
    }

    /**
     * The rows of the TVIEW whose table is {@code table}: pages of them, one compared with its view,
     * the source rows it was built from, and its repair; each read or repair in a transaction of its own.
     *
     * @throws InspectException {@code not_a_tview} when no TVIEW has that table
     */
    public RowInspector rowInspector(String table) throws SQLException, InspectException {
        return RowInspector.of(connection, table);
    }

    // --- Disaster-recovery playbooks -----------------------------------------------------------

    /**
     * Writes the playbook of this database into {@code folder} (new or empty), read in one snapshot.
     *
     * @param database the database's name as the playbook shows it
     * @param tool     who exports, e.g. {@code tviews 0.1.0}
     */
    public PlaybookExporter.Export exportPlaybook(String database, String tool, Path folder, boolean zip,
                                                  PlaybookProgress progress) throws SQLException, IOException, PlaybookException {
        return PlaybookExporter.export(connection, database, tool, folder, zip, progress);
    }

    /** What {@link #restorePlaybook} would do, read in a transaction that is rolled back. */
    public PlaybookRestore.Plan planPlaybookRestore(Playbook playbook) throws SQLException {
        return PlaybookRestore.plan(connection, playbook);
    }

    /** Restores the playbook's TVIEWs in one transaction, then verifies; rolled back on problems or a dry run. */
    public PlaybookRestore.Result restorePlaybook(Playbook playbook, PlaybookRestore.Options options, PlaybookProgress progress)
            throws SQLException, PlaybookException {
        return PlaybookRestore.restore(connection, playbook, options, progress);
    }

    // --- Migrating materialized views ----------------------------------------------------------

    /** Every materialized view of the database. */
    public List<MaterializedView> materializedViews() throws SQLException {
        return MatviewReader.list(connection);
    }

    /** The materialized view of that name, as PostgreSQL resolves it; empty when there is none. */
    public Optional<MaterializedView> materializedView(String name) throws SQLException {
        return MatviewReader.find(connection, name);
    }

    /** A TVIEW definition for the materialized view, analysed against this database, with what blocks it. */
    public ConversionProposal proposeConversion(MaterializedView matview) throws SQLException {
        return MatviewProposer.propose(connection, matview);
    }

    /** How long {@code REFRESH MATERIALIZED VIEW} takes, in a transaction that is rolled back (it locks out readers meanwhile). */
    public Duration timeRefresh(MaterializedView matview, Duration lockTimeout) throws SQLException {
        return RefreshTimer.time(connection, matview, lockTimeout);
    }

    /**
     * Creates the TVIEW of {@code createTview} next to the materialized view and compares their rows,
     * in a transaction that is rolled back; up to {@code sampleRows} differing rows each way.
     */
    public MatviewComparison.Result compareConversion(MaterializedView matview, String createTview, int sampleRows)
            throws SQLException {
        return MatviewComparison.compare(connection, matview, createTview, sampleRows);
    }

    /** Converts the materialized view in one transaction: create, compare, cut over only when equal. */
    public ConversionResult convert(MaterializedView matview, String createTview, Cutover cutover, boolean dryRun)
            throws SQLException {
        return MatviewConverter.convert(connection, matview, createTview, cutover, dryRun);
    }
}
