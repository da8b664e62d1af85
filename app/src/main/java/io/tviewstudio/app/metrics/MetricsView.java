package io.tviewstudio.app.metrics;

import java.time.Duration;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableValue;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.RowConstraints;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

/**
 * The "Metrics" pane: a toolbar (interval, time window, pause), an error banner while the
 * connection is lost, four live charts (refresh rate, latency, queue, cache hits), the table of
 * per-TVIEW values and, on the right, an optional side panel (the demo's load generator).
 * Forwards events to {@link MetricsViewModel}.
 */
public final class MetricsView extends BorderPane {

    public static final String STYLESHEET = "/io/tviewstudio/app/metrics/metrics.css";

    private final MetricsViewModel viewModel;
    private final LiveChart refreshChart;
    private final LiveChart latencyChart;
    private final LiveChart queueChart;
    private final LiveChart cacheChart;

    public MetricsView(MetricsViewModel viewModel, Node side) {
        this.viewModel = viewModel;
        setId("metricsPane");
        getStyleClass().addAll("placeholder-pane", "metrics-pane");
        getStylesheets().add(MetricsView.class.getResource(STYLESHEET).toExternalForm());

        refreshChart = new LiveChart("refreshChart", "Refresh rate", "per TVIEW", viewModel.refreshHeadlineProperty());
        latencyChart = new LiveChart("latencyChart", "Refresh latency", "ms, all TVIEWs",
                viewModel.latencyHeadlineProperty());
        latencyChart.addChartStyle("latency-chart");
        latencyChart.setSeries(viewModel.latency().series());
        queueChart = new LiveChart("queueChart", "Refresh queue", "keys per second", viewModel.queueHeadlineProperty());
        queueChart.addChartStyle("queue-chart");
        queueChart.setSeries(viewModel.queue().series());
        cacheChart = new LiveChart("cacheChart", "Cache hit ratio", "% of tv_ table and index reads",
                viewModel.cacheHeadlineProperty());
        cacheChart.setForceZero(false);
        cacheChart.setSeries(viewModel.cacheHits().series());
        refreshChart.setSeries(viewModel.refreshes().series());
        refreshChart.getChildren().set(0, refreshHeader(refreshChart));

        viewModel.latestProperty().subscribe(latest -> showRange());
        viewModel.windowProperty().subscribe(window -> showRange());

        GridPane charts = new GridPane();
        charts.setId("metricsCharts");
        charts.getStyleClass().add("metrics-charts");
        charts.add(refreshChart, 0, 0);
        charts.add(latencyChart, 1, 0);
        charts.add(queueChart, 0, 1);
        charts.add(cacheChart, 1, 1);
        for (int i = 0; i < 2; i++) {
            ColumnConstraints column = new ColumnConstraints();
            column.setPercentWidth(50);
            column.setHgrow(Priority.ALWAYS);
            charts.getColumnConstraints().add(column);
            RowConstraints row = new RowConstraints();
            row.setPercentHeight(50);
            row.setVgrow(Priority.ALWAYS);
            charts.getRowConstraints().add(row);
        }
        VBox.setVgrow(charts, Priority.ALWAYS);

        TableView<TviewMetricsRow> table = table();
        VBox body = new VBox(errorBanner(), charts, table);
        body.getStyleClass().add("metrics-body");
        setTop(toolbar());
        setCenter(body);
        if (side != null) {
            VBox sideColumn = new VBox(side);
            sideColumn.getStyleClass().add("metrics-side");
            setRight(sideColumn);
        }
    }

    private void showRange() {
        double seconds = viewModel.windowProperty().get().toSeconds();
        double latest = viewModel.latestProperty().get();
        for (LiveChart chart : new LiveChart[] {refreshChart, latencyChart, queueChart, cacheChart}) {
            chart.showRange(latest, seconds);
        }
    }

    private HBox toolbar() {
        Label title = new Label("Metrics");
        title.setId("metricsPaneTitle");
        title.getStyleClass().add("graph-title");

        Label status = new Label();
        status.setId("metricsStatus");
        status.textProperty().bind(viewModel.statusProperty());
        viewModel.statusProperty().subscribe(text -> status.getStyleClass().setAll("metrics-status",
                text.startsWith("Live") ? "metrics-status-live"
                        : text.equals(MetricsViewModel.PAUSED) ? "metrics-status-paused"
                        : text.equals(MetricsViewModel.RECONNECTING) ? "metrics-status-error" : "metrics-status-off"));

        ChoiceBox<Duration> interval = choice("metricsInterval", MetricsViewModel.INTERVALS,
                viewModel.intervalProperty().get(), "How often to sample");
        interval.valueProperty().bindBidirectional(viewModel.intervalProperty());
        ChoiceBox<Duration> window = choice("metricsWindow", MetricsViewModel.WINDOWS,
                viewModel.windowProperty().get(), "How much time the charts show");
        window.valueProperty().bindBidirectional(viewModel.windowProperty());

        Button pause = new Button();
        pause.setId("metricsPause");
        pause.getStyleClass().add("graph-tool");
        pause.textProperty().bind(Bindings.when(viewModel.pausedProperty()).then("\u25B6  Resume")
                .otherwise("\u275A\u275A  Pause"));
        pause.setTooltip(new Tooltip("Stop or continue sampling"));
        pause.setOnAction(event -> viewModel.togglePause());

        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox toolbar = new HBox(8, title, status, spacer, new Label("Every"), interval, new Label("Show"), window,
                pause);
        toolbar.setId("metricsToolbar");
        toolbar.getStyleClass().addAll("placeholder-title", "graph-toolbar");
        toolbar.setAlignment(Pos.CENTER_LEFT);
        return toolbar;
    }

    private static ChoiceBox<Duration> choice(String id, java.util.List<Duration> values, Duration selected,
                                              String tooltip) {
        ChoiceBox<Duration> box = new ChoiceBox<>();
        box.setId(id);
        box.getItems().setAll(values);
        box.setValue(selected);
        box.setTooltip(new Tooltip(tooltip));
        box.setConverter(new StringConverter<>() {
            @Override
            public String toString(Duration value) {
                return value == null ? "" : MetricsFormat.duration(value);
            }

            @Override
            public Duration fromString(String text) {
                throw new UnsupportedOperationException();
            }
        });
        return box;
    }

    private Label errorBanner() {
        Label banner = new Label();
        banner.setId("metricsError");
        banner.getStyleClass().add("metrics-error");
        banner.setWrapText(true);
        banner.setMaxWidth(Double.MAX_VALUE);
        banner.textProperty().bind(viewModel.errorProperty());
        banner.visibleProperty().bind(viewModel.errorProperty().isNotEmpty());
        banner.managedProperty().bind(banner.visibleProperty());
        return banner;
    }

    /** The refresh chart's header: title, a switch between refreshes and rows per second, the headline. */
    private HBox refreshHeader(LiveChart card) {
        HBox header = (HBox) card.getChildren().get(0);
        ToggleGroup group = new ToggleGroup();
        ToggleButton refreshes = new ToggleButton("Refreshes");
        refreshes.setId("refreshChartRefreshes");
        ToggleButton rows = new ToggleButton("Rows");
        rows.setId("refreshChartRows");
        for (ToggleButton button : new ToggleButton[] {refreshes, rows}) {
            button.setToggleGroup(group);
            button.getStyleClass().add("metrics-switch");
            button.setMinWidth(Region.USE_PREF_SIZE);
        }
        refreshes.setSelected(true);
        group.selectedToggleProperty().addListener((observable, old, selected) -> {
            if (selected == null) {
                old.setSelected(true);  // one of the two stays chosen
            } else {
                card.setSeries(selected == rows ? viewModel.rowsWritten().series() : viewModel.refreshes().series());
            }
        });
        HBox toggles = new HBox(refreshes, rows);
        toggles.getStyleClass().add("metrics-switches");
        header.getChildren().set(1, toggles);
        return header;
    }

    private TableView<TviewMetricsRow> table() {
        TableView<TviewMetricsRow> table = new TableView<>(viewModel.rows());
        table.setId("metricsTable");
        table.getStyleClass().add("metrics-table");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new Label("Per-TVIEW values appear after the second sample."));
        table.setPrefHeight(132);
        table.setMinHeight(110);
        TableColumn<TviewMetricsRow, String> name = column("TVIEW", TviewMetricsRow::tview);
        name.getStyleClass().add("metrics-name-column");
        name.setPrefWidth(130);
        table.getColumns().add(name);
        table.getColumns().add(column("Refreshes/s", row -> MetricsFormat.rate(row.refreshesPerSecond())));
        table.getColumns().add(column("Rows/s", row -> MetricsFormat.rate(row.rowsPerSecond())));
        table.getColumns().add(column("p50", row -> MetricsFormat.millis(row.p50Millis())));
        table.getColumns().add(column("p95", row -> MetricsFormat.millis(row.p95Millis())));
        table.getColumns().add(column("p99", row -> MetricsFormat.millis(row.p99Millis())));
        table.getColumns().add(column("Enqueued/s", row -> MetricsFormat.rate(row.enqueuedPerSecond())));
        table.getColumns().add(column("Coalesced/s", row -> MetricsFormat.rate(row.coalescedPerSecond())));
        table.getColumns().add(column("Cache hits", row -> MetricsFormat.percent(row.cacheHitPercent())));
        table.setRowFactory(view -> new TableRow<>() {
            @Override
            protected void updateItem(TviewMetricsRow item, boolean empty) {
                super.updateItem(item, empty);
                pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("total"),
                        !empty && item != null && TviewMetricsRow.ALL.equals(item.tview()));
            }
        });
        return table;
    }

    private static TableColumn<TviewMetricsRow, String> column(String title,
                                                               Function<TviewMetricsRow, String> text) {
        TableColumn<TviewMetricsRow, String> column = new TableColumn<>(title);
        column.setSortable(false);
        column.setReorderable(false);
        column.setCellValueFactory(cell -> constant(text.apply(cell.getValue())));
        column.setCellFactory(view -> new TableCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item);
            }
        });
        if (!"TVIEW".equals(title)) {
            column.getStyleClass().add("metrics-number-column");
        }
        return column;
    }

    private static ObservableValue<String> constant(String value) {
        return new javafx.beans.property.ReadOnlyStringWrapper(value).getReadOnlyProperty();
    }

    /** The four chart cards, for tests: refresh, latency, queue, cache. */
    LiveChart[] charts() {
        return new LiveChart[] {refreshChart, latencyChart, queueChart, cacheChart};
    }
}
