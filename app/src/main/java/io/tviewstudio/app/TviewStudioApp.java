package io.tviewstudio.app;

import io.tviewstudio.app.demo.DemoDatabaseViewModel;
import io.tviewstudio.app.demo.DemoSession;
import io.tviewstudio.app.demo.StartupSettings;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.stage.Stage;

/** The desktop application: wires the main window's view model to its view and shows it. */
public class TviewStudioApp extends Application {

    private static final String STYLESHEET = "studio.css";

    private final StartupSettings startupSettings;
    private MainWindowViewModel viewModel;

    /** Reads what to open at startup from the environment (see {@link StartupSettings}). */
    public TviewStudioApp() {
        this(StartupSettings.fromEnvironment());
    }

    public TviewStudioApp(StartupSettings startupSettings) {
        this.startupSettings = startupSettings;
    }

    @Override
    public void start(Stage stage) {
        DialogService dialogService = new JavaFxDialogService(stage);
        viewModel = new MainWindowViewModel(dialogService, AppInfo.load(), stage::close,
                new DemoDatabaseViewModel(DemoSession::start, dialogService));

        Scene scene = new Scene(new MainWindowView(viewModel), 1200, 760);
        scene.getStylesheets().add(TviewStudioApp.class.getResource(STYLESHEET).toExternalForm());

        stage.titleProperty().bind(viewModel.windowTitleProperty());
        stage.setScene(scene);
        stage.setMinWidth(640);
        stage.setMinHeight(420);
        stage.setOnHidden(event -> viewModel.close());
        stage.show();
        viewModel.startup(startupSettings);
    }

    /** Stops the demo server, also when the application ends without the window being hidden. */
    @Override
    public void stop() {
        if (viewModel != null) {
            viewModel.close();
        }
    }
}
