package io.tviewstudio.app.load;

import io.tviewstudio.tools.demo.LoadGenerator;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

/**
 * The "Load generator" card beside the metrics: start, pause and stop, the rate slider and the
 * clients spinner, and what the generator has done. Shown while the demo database is open.
 */
public final class LoadGeneratorView extends VBox {

    private final Timeline refresher;

    public LoadGeneratorView(LoadGeneratorViewModel viewModel) {
        setId("loadGeneratorPane");
        getStyleClass().add("load-card");
        getStylesheets().add(LoadGeneratorView.class.getResource("/io/tviewstudio/app/metrics/metrics.css")
                .toExternalForm());
        visibleProperty().bind(viewModel.availableProperty());
        managedProperty().bind(visibleProperty());

        Label title = new Label("Load generator");
        title.getStyleClass().add("load-title");
        Label state = new Label();
        state.setId("loadState");
        state.textProperty().bind(viewModel.stateProperty().map(LoadGeneratorView::stateText));
        viewModel.stateProperty().subscribe(value -> state.getStyleClass().setAll("load-state",
                "load-state-" + value.name().toLowerCase(java.util.Locale.ROOT)));
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox header = new HBox(8, title, spacer, state);
        header.setAlignment(Pos.CENTER_LEFT);

        Label explain = new Label("Writes posts, comments, renames and moves to the demo blog, "
                + "so that every chart moves.");
        explain.getStyleClass().add("load-explain");
        explain.setWrapText(true);

        Button start = button("loadStart", "\u25B6  Start", "Start writing", viewModel::start);
        start.getStyleClass().add("load-primary");
        start.disableProperty().bind(viewModel.stateProperty().isEqualTo(LoadGenerator.State.RUNNING));
        Button pause = button("loadPause", "Pause", "Hold every client after its current write",
                viewModel::togglePause);
        pause.textProperty().bind(Bindings.when(viewModel.stateProperty().isEqualTo(LoadGenerator.State.PAUSED))
                .then("Resume").otherwise("Pause"));
        pause.disableProperty().bind(viewModel.stateProperty().isEqualTo(LoadGenerator.State.STOPPED));
        Button stop = button("loadStop", "\u25A0  Stop", "Finish the running writes and disconnect", viewModel::stop);
        stop.disableProperty().bind(viewModel.stateProperty().isEqualTo(LoadGenerator.State.STOPPED));
        HBox buttons = new HBox(6, start, pause, stop);
        buttons.getChildren().forEach(node -> HBox.setHgrow(node, Priority.ALWAYS));

        Slider rate = new Slider(LoadGeneratorViewModel.MIN_RATE, LoadGeneratorViewModel.MAX_RATE,
                viewModel.rateProperty().get());
        rate.setId("loadRate");
        rate.valueProperty().bindBidirectional(viewModel.rateProperty());
        rate.setTooltip(new Tooltip("Target writes per second, all clients together"));
        Label rateValue = new Label();
        rateValue.setId("loadRateValue");
        rateValue.getStyleClass().add("load-value");
        rateValue.textProperty().bind(viewModel.rateProperty().map(value -> LoadGeneratorViewModel.rateText(
                value.doubleValue())));

        Spinner<Integer> clients = new Spinner<>();
        clients.setId("loadClients");
        SpinnerValueFactory.IntegerSpinnerValueFactory clientValues = new SpinnerValueFactory.IntegerSpinnerValueFactory(
                1, LoadGeneratorViewModel.MAX_CLIENTS, viewModel.clientsProperty().get());
        clients.setValueFactory(clientValues);
        clients.setEditable(true);
        clients.setPrefWidth(90);
        clientValues.valueProperty().addListener((observable, old, value) -> viewModel.clientsProperty().set(value));
        viewModel.clientsProperty().addListener((observable, old, value) -> clientValues.setValue(value.intValue()));

        GridPane settings = new GridPane();
        settings.setHgap(10);
        settings.setVgap(8);
        settings.addRow(0, label("Rate"), rateValue);
        settings.add(rate, 0, 1, 2, 1);
        settings.addRow(2, label("Clients"), clients);

        GridPane stats = new GridPane();
        stats.getStyleClass().add("load-stats");
        stats.setHgap(10);
        stats.setVgap(4);
        stats.addRow(0, label("Writes"), value("loadOperations", viewModel.operationsProperty()));
        stats.addRow(1, label("Achieved"), value("loadAchieved", viewModel.achievedProperty()));
        stats.addRow(2, label("Errors"), value("loadErrors", viewModel.errorsProperty()));

        Label lastError = new Label();
        lastError.setId("loadLastError");
        lastError.getStyleClass().add("load-error");
        lastError.setWrapText(true);
        lastError.textProperty().bind(viewModel.lastErrorProperty());
        lastError.visibleProperty().bind(viewModel.lastErrorProperty().isNotEmpty());
        lastError.managedProperty().bind(lastError.visibleProperty());

        getChildren().addAll(header, explain, buttons, settings, stats, lastError);

        refresher = new Timeline(new KeyFrame(Duration.millis(500), event -> viewModel.refresh()));
        refresher.setCycleCount(Timeline.INDEFINITE);
        sceneProperty().subscribe(scene -> {
            if (scene == null) {
                refresher.stop();
            } else {
                refresher.play();
            }
        });
    }

    static String stateText(LoadGenerator.State state) {
        return switch (state) {
            case RUNNING -> "Running";
            case PAUSED -> "Paused";
            case STOPPED -> "Stopped";
        };
    }

    private static Button button(String id, String text, String tooltip, Runnable action) {
        Button button = new Button(text);
        button.setId(id);
        button.setMaxWidth(Double.MAX_VALUE);
        button.setTooltip(new Tooltip(tooltip));
        button.setOnAction(event -> action.run());
        return button;
    }

    private static Label label(String text) {
        Label label = new Label(text);
        label.getStyleClass().add("load-label");
        return label;
    }

    private static Label value(String id, javafx.beans.value.ObservableValue<String> text) {
        Label value = new Label();
        value.setId(id);
        value.getStyleClass().add("load-value");
        value.textProperty().bind(text);
        return value;
    }
}
