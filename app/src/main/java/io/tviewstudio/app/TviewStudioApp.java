package io.tviewstudio.app;

import io.tviewstudio.app.demo.DemoDatabaseViewModel;
import io.tviewstudio.app.demo.DemoSession;
import io.tviewstudio.app.demo.StartupSettings;
import io.tviewstudio.tools.demo.DemoProgress;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import java.util.Optional;
import javafx.stage.Stage;

/** The desktop application: wires the main window's view model to its view and shows it. */
public class TviewStudioApp extends Application {

    private static final String STYLESHEET = "studio.css";

    private final StartupSettings startupSettings;
    private Optional<SmokeTest> smokeTest;
    private MainWindowViewModel viewModel;

    /**
     * Reads what to open at startup from the environment (see {@link StartupSettings}); the
     * command line may ask for a {@link SmokeTest} (read in {@link #init()}).
     */
    public TviewStudioApp() {
        this(StartupSettings.fromEnvironment(), Optional.empty());
    }

    public TviewStudioApp(StartupSettings startupSettings) {
        this(startupSettings, Optional.empty());
    }

    /** With a smoke test, the window reports its first scene and the application ends; nothing opens. */
    public TviewStudioApp(StartupSettings startupSettings, Optional<SmokeTest> smokeTest) {
        this.startupSettings = startupSettings;
        this.smokeTest = smokeTest;
    }

    @Override
    public void init() {
        if (smokeTest.isEmpty() && SmokeTest.requested(getParameters().getRaw())) {
            smokeTest = Optional.of(SmokeTest.ofProcess());
        }
    }

    @Override
    public void start(Stage stage) {
        DialogService dialogService = new JavaFxDialogService(stage, Optional.of(getHostServices()::showDocument));
        AppInfo appInfo = AppInfo.load();
        viewModel = new MainWindowViewModel(dialogService, appInfo, stage::close,
                new DemoDatabaseViewModel(TviewStudioApp::startDemo, dialogService), Platform::runLater);

        Scene scene = new Scene(new MainWindowView(viewModel), 1200, 760);
        scene.getStylesheets().add(TviewStudioApp.class.getResource(STYLESHEET).toExternalForm());

        stage.titleProperty().bind(viewModel.windowTitleProperty());
        stage.setScene(scene);
        stage.setMinWidth(640);
        stage.setMinHeight(420);
        // Closing the window by its title bar asks, as File › Quit does, before unsaved text is lost.
        stage.setOnCloseRequest(event -> {
            if (!viewModel.mayClose()) {
                event.consume();
            }
        });
        stage.setOnHidden(event -> viewModel.close());
        smokeTest.ifPresent(test -> test.reportFirstScene(stage, appInfo));
        stage.show();
        if (smokeTest.isEmpty()) {
            viewModel.startup(startupSettings);
        }
    }

    /**
     * Starts the demo database and says on standard output how to reach it: the terminal that ran
     * {@code ./run-studio.sh} gets the psql command, and app/check/first-window.sh the server's
     * directory, which it checks is gone after the window closed.
     */
    private static DemoSession startDemo(DemoProgress progress) throws Exception {
        DemoSession session = DemoSession.start(progress);
        String psql = session.psqlCommand();
        System.out.println("TVIEW Studio: demo database open at " + session.jdbcUrl()
                + (psql == null ? "" : "; connect with psql: " + psql));
        return session;
    }

    /** Stops the demo server, also when the application ends without the window being hidden. */
    @Override
    public void stop() {
        if (viewModel != null) {
            viewModel.close();
        }
    }
}
