package io.tviewstudio.app;

import io.tviewstudio.app.connection.CatalogRefresher;
import io.tviewstudio.app.connection.ConnectionDialogViewModel;
import io.tviewstudio.app.connection.ConnectionInfo;
import io.tviewstudio.app.connection.DatabaseSession;
import io.tviewstudio.app.connection.DatabaseViewModel;
import io.tviewstudio.app.connection.ProfileStore;
import io.tviewstudio.app.connection.SessionOpener;
import io.tviewstudio.app.demo.DemoDatabaseViewModel;
import io.tviewstudio.app.demo.DemoSession;
import io.tviewstudio.app.editor.DefinitionEditorViewModel;
import io.tviewstudio.app.demo.StartupSettings;
import io.tviewstudio.app.graph.DependencyGraphViewModel;
import io.tviewstudio.app.help.AboutDialogViewModel;
import io.tviewstudio.app.help.HelpTopic;
import io.tviewstudio.app.inspect.InspectorViewModel;
import io.tviewstudio.app.migrate.MigrationViewModel;
import io.tviewstudio.app.playbook.PlaybookExportViewModel;
import io.tviewstudio.app.playbook.PlaybookRestoreViewModel;
import io.tviewstudio.app.tools.FolderOpener;
import io.tviewstudio.core.catalog.TviewInfo;
import io.tviewstudio.core.connect.ConnectionSpec;
import io.tviewstudio.core.connect.Environment;
import java.util.List;
import io.tviewstudio.app.load.LoadGeneratorViewModel;
import io.tviewstudio.app.metrics.MetricsViewModel;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;

/** State and actions of the main window. Holds no nodes; {@link MainWindowView} binds to it. */
public final class MainWindowViewModel implements AutoCloseable {

    static final String NOT_CONNECTED = "Not connected";
    static final String DEMO_LABEL = "demo database";

    /** The main window's work areas, one tab each. */
    public enum WorkArea { DESIGN, METRICS }

    private final DialogService dialogService;
    private final AppInfo appInfo;
    private final Runnable quitAction;
    private final DemoDatabaseViewModel demo;
    private final DependencyGraphViewModel dependencyGraph;
    private final SessionOpener opener;
    private final ProfileStore profiles;
    private final Executor background;
    private final Executor ui;
    private final DatabaseViewModel database;
    private final CatalogRefresher catalogRefresher;
    private final DefinitionEditorViewModel editor;
    private final MetricsViewModel metrics;
    private final LoadGeneratorViewModel loadGenerator = new LoadGeneratorViewModel();
    private final ObjectProperty<WorkArea> workArea = new SimpleObjectProperty<>(WorkArea.DESIGN);
    private Runnable onBringForward = () -> { };

    private final ReadOnlyStringWrapper windowTitle;
    private final ReadOnlyStringWrapper statusText = new ReadOnlyStringWrapper(NOT_CONNECTED);
    private final BooleanBinding busy;
    private final BooleanBinding demoOpenOrStarting;

    /**
     * The window as the application opens it: profiles in the user's config directory, logins with the
     * process environment.
     *
     * @param ui where what background work found reaches the window's state: {@code Platform::runLater}
     *           in the application; the view-models of the window share it
     */
    public MainWindowViewModel(DialogService dialogService, AppInfo appInfo, Runnable quitAction,
                               DemoDatabaseViewModel demo, Executor ui) {
        this(dialogService, appInfo, quitAction, demo,
                (spec, label) -> DatabaseSession.open(spec, Environment.system(), label),
                ProfileStore.inConfigDirectory(Environment.system()), MainWindowViewModel::runInBackground, ui);
    }

    public MainWindowViewModel(DialogService dialogService, AppInfo appInfo, Runnable quitAction,
                               DemoDatabaseViewModel demo, SessionOpener opener, ProfileStore profiles,
                               Executor background, Executor ui) {
        this.opener = Objects.requireNonNull(opener);
        this.profiles = Objects.requireNonNull(profiles);
        this.background = Objects.requireNonNull(background);
        this.ui = Objects.requireNonNull(ui);
        this.dependencyGraph = new DependencyGraphViewModel(ui);
        this.database = new DatabaseViewModel(ui);
        this.catalogRefresher = new CatalogRefresher(database, CatalogRefresher.INTERVAL);
        this.editor = new DefinitionEditorViewModel(database, dialogService, background, ui);
        this.metrics = new MetricsViewModel(ui);
        this.dialogService = Objects.requireNonNull(dialogService);
        this.appInfo = Objects.requireNonNull(appInfo);
        this.quitAction = Objects.requireNonNull(quitAction);
        this.demo = Objects.requireNonNull(demo);
        this.windowTitle = new ReadOnlyStringWrapper(appInfo.productName());

        busy = demo.stateProperty().isEqualTo(DemoDatabaseViewModel.State.STARTING);
        demoOpenOrStarting = busy.or(demo.stateProperty().isEqualTo(DemoDatabaseViewModel.State.OPEN));
        // One change per read of the catalog (bindContent would pass through an empty list and lose the layout).
        database.tviews().subscribe(() -> dependencyGraph.tviews().setAll(database.tviews()));
        demo.statusTextProperty().addListener((observable, old, text) -> {
            if (!text.isEmpty() || database.sessionProperty().get() == null) {
                statusText.set(text.isEmpty() ? NOT_CONNECTED : text);
            }
        });
        demo.stateProperty().addListener((observable, old, state) -> demoStateChanged(state));
        database.statusTextProperty().addListener((observable, old, text) -> {
            if (!text.isEmpty()) {
                statusText.set(text);
            }
        });
        dependencyGraph.setOnEditDefinition(this::editDefinition);
        dependencyGraph.loadingProperty().bind(busy);
        // Metrics follow the open database, the load generator the demo; the graph shows the rates.
        demo.stateProperty().addListener((observable, old, state) -> followDemo(state));
        database.sessionProperty().addListener((observable, old, session) -> followSession(session));
        metrics.refreshRatesProperty().subscribe(dependencyGraph::showRefreshRates);
        catalogRefresher.start();
    }

    private void followDemo(DemoDatabaseViewModel.State state) {
        DemoSession session = demo.session();
        if (state == DemoDatabaseViewModel.State.OPEN && session != null) {
            metrics.connect(session::connect);
            loadGenerator.attach(session::connect);
        } else {
            loadGenerator.detach();
            metrics.disconnect();
        }
    }

    /** A server the user connected to (not the demo, which followDemo handles): sample its metrics. */
    private void followSession(DatabaseSession session) {
        if (session != null && !DEMO_LABEL.equals(session.label())) {
            metrics.connect(session::openAnother);
        } else if (session == null && demo.session() == null) {
            metrics.disconnect();
        }
    }

    public ReadOnlyStringProperty windowTitleProperty() {
        return windowTitle.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusTextProperty() {
        return statusText.getReadOnlyProperty();
    }

    /** Progress of the work in the background (see {@link DemoDatabaseViewModel#progressProperty()}). */
    public ReadOnlyDoubleProperty progressProperty() {
        return demo.progressProperty();
    }

    /** True while work runs in the background. */
    public BooleanBinding busyProperty() {
        return busy;
    }

    /** True while the demo database is starting or open, when opening it again makes no sense. */
    public BooleanBinding openDemoDisabledProperty() {
        return demoOpenOrStarting;
    }

    public DependencyGraphViewModel dependencyGraph() {
        return dependencyGraph;
    }

    /** The database the window works on (connection banner, TVIEWs of the graph). */
    public DatabaseViewModel database() {
        return database;
    }

    public DefinitionEditorViewModel editor() {
        return editor;
    }

    public MetricsViewModel metrics() {
        return metrics;
    }

    /** The demo's load generator; available while the demo database is open. */
    public LoadGeneratorViewModel loadGenerator() {
        return loadGenerator;
    }

    /** The work area the window shows (its selected tab); the view binds its tabs to it both ways. */
    public ObjectProperty<WorkArea> workAreaProperty() {
        return workArea;
    }

    /**
     * Shows the editor: the Design work area, with the window brought forward (e.g. when a tool
     * window put a proposal into the editor).
     */
    public void showEditor() {
        workArea.set(WorkArea.DESIGN);
        onBringForward.run();
    }

    /** What brings the window forward; the view sets it (the window is the view's business). */
    public void setOnBringForward(Runnable onBringForward) {
        this.onBringForward = Objects.requireNonNull(onBringForward);
    }

    /** A new Export playbook window's state, for the open database. */
    public PlaybookExportViewModel playbookExport() {
        return new PlaybookExportViewModel(database, appInfo.productName() + " " + appInfo.version(), FolderOpener.desktop(), background, ui);
    }

    /** A new Restore playbook window's state, restoring into the open database. */
    public PlaybookRestoreViewModel playbookRestore() {
        return new PlaybookRestoreViewModel(database, dialogService, background);
    }

    /** A new row inspector's state, over the open database. */
    public InspectorViewModel inspector() {
        return new InspectorViewModel(database, dialogService, background);
    }

    /** A new migration assistant's state; its proposals open in this window's editor, which it then shows. */
    public MigrationViewModel migration() {
        MigrationViewModel migration = new MigrationViewModel(database, editor, dialogService, background);
        migration.setOnProposed(this::showEditor);
        return migration;
    }

    /** What happens right after the window appears. */
    public void startup(StartupSettings settings) {
        if (settings.openDemo()) {
            openDemoDatabase();
        } else if (settings.jdbcUrl().isPresent()) {
            // The configured server: the dialog shows the attempt, and why it failed if it does.
            ConnectionDialogViewModel dialog = connectionDialog();
            dialog.useUrlProperty().set(true);
            dialog.urlProperty().set(settings.jdbcUrl().get());
            dialog.profileNameProperty().set(StartupSettings.ENV_JDBC_URL);
            dialog.saveProfileProperty().set(false);
            dialogService.showConnectionDialog(dialog);
            dialog.connect();
        }
    }

    /** Opens the connect dialog; a successful login replaces the database the window works on. */
    public void connect() {
        dialogService.showConnectionDialog(connectionDialog());
    }

    private ConnectionDialogViewModel connectionDialog() {
        return new ConnectionDialogViewModel(opener, profiles, background, ui, database::attach);
    }

    /** Graph › Refresh: reads the TVIEWs, their row counts and sizes again. */
    public void refreshCatalog() {
        catalogRefresher.refreshNow();
    }

    /** Opens a TVIEW of the graph in the editor (asks first when the editor has unsaved text). */
    public void editDefinition(String tview) {
        database.tviews().stream().filter(info -> info.table().equals(tview)).findFirst()
                .ifPresent(info -> editor.editTview(info.table(), info.definition()));
    }

    private void demoStateChanged(DemoDatabaseViewModel.State state) {
        DemoSession session = demo.session();
        if (state == DemoDatabaseViewModel.State.OPEN && session != null) {
            List<TviewInfo> known = List.copyOf(demo.tviews());
            database.showTviews(known);
            // The editor works on the demo database through a session of its own, logged in off the UI thread.
            ConnectionSpec spec = new ConnectionSpec(session.jdbcUrl(), null, null, null, "postgres", session.password(),
                    null, null, 5);
            CompletableFuture.supplyAsync(() -> {
                try {
                    return opener.open(spec, DEMO_LABEL);
                } catch (Exception e) {
                    throw new CompletionException(e);
                }
            }, background).whenComplete((opened, error) -> ui.execute(() -> {
                if (error == null && demo.session() == session) {
                    database.attachDemo(opened, session.serverVersion(), known);
                } else if (error == null) {
                    opened.close();
                }
            }));
        } else if (state == DemoDatabaseViewModel.State.CLOSED || state == DemoDatabaseViewModel.State.FAILED) {
            DatabaseSession current = database.sessionProperty().get();
            if (current == null || DEMO_LABEL.equals(current.label())) {
                database.close();
            }
        }
    }

    private static void runInBackground(Runnable work) {
        Thread thread = new Thread(work, "background-work");
        thread.setDaemon(true);
        thread.start();
    }

    public void openDemoDatabase() {
        demo.open();
    }

    /** File › Connection info: where the open database is; for the demo, the psql command naming its password file. */
    public void showConnectionInfo() {
        DatabaseSession session = database.sessionProperty().get();
        if (session == null) {
            dialogService.showConnectionInfo(ConnectionInfo.notConnected());
            return;
        }
        DemoSession demoSession = demo.session();
        String demoPsql = DEMO_LABEL.equals(session.label()) && demoSession != null ? demoSession.psqlCommand() : null;
        dialogService.showConnectionInfo(ConnectionInfo.of(session.label(), session.target(), demoPsql));
    }

    /** Help › Documentation: the documentation's index. */
    public void showDocumentation() {
        showDocumentationAt(HelpTopic.INDEX);
    }

    /** The documentation at a page or heading. */
    public void showDocumentationAt(HelpTopic topic) {
        dialogService.showDocumentation(topic);
    }

    public void showAbout() {
        dialogService.showAbout(new AboutDialogViewModel(appInfo));
    }

    /** File › Quit: asks first when the editor has unsaved text (issue #20, item 11). */
    public void quit() {
        if (mayClose()) {
            quitAction.run();
        }
    }

    /** Whether the window may close now: nothing unsaved, or the user lets it go. */
    public boolean mayClose() {
        return editor.confirmDiscard();
    }

    /** Releases what the window holds: the load, the sampling, the database session and the demo server. */
    @Override
    public void close() {
        catalogRefresher.close();
        loadGenerator.close();
        metrics.close();
        database.close();
        demo.close();
        statusText.set(NOT_CONNECTED);
    }
}
