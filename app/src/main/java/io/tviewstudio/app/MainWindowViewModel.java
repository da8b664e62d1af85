package io.tviewstudio.app;

import io.tviewstudio.app.demo.DemoDatabaseViewModel;
import io.tviewstudio.app.demo.DemoSession;
import io.tviewstudio.app.demo.StartupSettings;
import io.tviewstudio.app.graph.DependencyGraphViewModel;
import io.tviewstudio.app.help.AboutDialogViewModel;
import io.tviewstudio.app.load.LoadGeneratorViewModel;
import io.tviewstudio.app.metrics.MetricsViewModel;
import java.util.Objects;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/** State and actions of the main window. Holds no nodes; {@link MainWindowView} binds to it. */
public final class MainWindowViewModel implements AutoCloseable {

    static final String NOT_CONNECTED = "Not connected";
    static final String CONNECT_NOT_AVAILABLE = "Connecting to a server is not available yet";

    private final DialogService dialogService;
    private final AppInfo appInfo;
    private final Runnable quitAction;
    private final DemoDatabaseViewModel demo;
    private final DependencyGraphViewModel dependencyGraph = new DependencyGraphViewModel();
    private final MetricsViewModel metrics = new MetricsViewModel();
    private final LoadGeneratorViewModel loadGenerator = new LoadGeneratorViewModel();

    private final ReadOnlyStringWrapper windowTitle;
    private final ReadOnlyStringWrapper statusText = new ReadOnlyStringWrapper(NOT_CONNECTED);
    private final BooleanBinding busy;
    private final BooleanBinding demoOpenOrStarting;

    public MainWindowViewModel(DialogService dialogService, AppInfo appInfo, Runnable quitAction,
                               DemoDatabaseViewModel demo) {
        this.dialogService = Objects.requireNonNull(dialogService);
        this.appInfo = Objects.requireNonNull(appInfo);
        this.quitAction = Objects.requireNonNull(quitAction);
        this.demo = Objects.requireNonNull(demo);
        this.windowTitle = new ReadOnlyStringWrapper(appInfo.productName());

        busy = demo.stateProperty().isEqualTo(DemoDatabaseViewModel.State.STARTING);
        demoOpenOrStarting = busy.or(demo.stateProperty().isEqualTo(DemoDatabaseViewModel.State.OPEN));
        Bindings.bindContent(dependencyGraph.tviews(), demo.tviews());
        demo.statusTextProperty().addListener((observable, old, text) ->
                statusText.set(text.isEmpty() ? NOT_CONNECTED : text));
        dependencyGraph.loadingProperty().bind(busy);
        // Metrics and load follow the open database (the demo's for now); the graph shows the rates.
        demo.stateProperty().addListener((observable, old, state) -> followDemo(state));
        metrics.refreshRatesProperty().subscribe(dependencyGraph::showRefreshRates);
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

    public MetricsViewModel metrics() {
        return metrics;
    }

    /** The demo's load generator; available while the demo database is open. */
    public LoadGeneratorViewModel loadGenerator() {
        return loadGenerator;
    }

    /** What happens right after the window appears. */
    public void startup(StartupSettings settings) {
        if (settings.openDemo()) {
            openDemoDatabase();
        } else if (settings.jdbcUrl().isPresent()) {
            statusText.set(NOT_CONNECTED + " \u2014 " + StartupSettings.ENV_JDBC_URL + " is set, but "
                    + CONNECT_NOT_AVAILABLE.toLowerCase());
        }
    }

    public void connect() {
        statusText.set(NOT_CONNECTED + " \u2014 " + CONNECT_NOT_AVAILABLE);
    }

    public void openDemoDatabase() {
        demo.open();
    }

    public void showAbout() {
        dialogService.showAbout(new AboutDialogViewModel(appInfo));
    }

    public void quit() {
        quitAction.run();
    }

    /** Releases what the window holds: stops the load, the sampling and the demo server. */
    @Override
    public void close() {
        loadGenerator.close();
        metrics.close();
        demo.close();
    }
}
