package io.tviewstudio.app;

import javafx.application.Application;
import javafx.scene.Scene;
import javafx.stage.Stage;

/** The desktop application: wires the main window's view model to its view and shows it. */
public class TviewStudioApp extends Application {

    private static final String STYLESHEET = "studio.css";

    @Override
    public void start(Stage stage) {
        MainWindowViewModel viewModel = new MainWindowViewModel(
                new JavaFxDialogService(stage), AppInfo.load(), stage::close);

        Scene scene = new Scene(new MainWindowView(viewModel), 1200, 760);
        scene.getStylesheets().add(TviewStudioApp.class.getResource(STYLESHEET).toExternalForm());

        stage.titleProperty().bind(viewModel.windowTitleProperty());
        stage.setScene(scene);
        stage.setMinWidth(640);
        stage.setMinHeight(420);
        stage.show();
    }
}
