package io.tviewstudio.app.metrics;

import javafx.beans.value.ObservableValue;
import javafx.collections.ObservableList;
import javafx.geometry.Pos;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * A card with a title, the current value and a line chart whose time axis slides with the newest
 * sample. Animations and point symbols are off: a chart that moves every second must only redraw
 * its lines.
 */
final class LiveChart extends VBox {

    /** Tick labels at this many places across the time axis at most. */
    private static final int TICKS = 5;

    private final TimeAxis time = new TimeAxis(TICKS);
    private final NumberAxis values = new NumberAxis();
    private final LineChart<Number, Number> chart = new LineChart<>(time, values);
    private final Label headline = new Label();

    LiveChart(String id, String title, String unit, ObservableValue<String> headlineText) {
        setId(id);
        getStyleClass().add("metrics-card");

        Label heading = new Label(title);
        heading.getStyleClass().add("metrics-card-title");
        Label unitLabel = new Label(unit);
        unitLabel.getStyleClass().add("metrics-card-unit");
        headline.setId(id + "Headline");
        headline.getStyleClass().add("metrics-card-headline");
        headline.textProperty().bind(headlineText);
        heading.setMinWidth(Region.USE_PREF_SIZE);
        headline.setMinWidth(0);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox header = new HBox(6, heading, unitLabel, spacer, headline);
        header.setAlignment(Pos.BASELINE_LEFT);

        values.setMinorTickVisible(false);
        values.setForceZeroInRange(true);

        chart.setId(id + "Chart");
        chart.setAnimated(false);
        chart.setCreateSymbols(false);
        chart.setLegendVisible(true);
        chart.setHorizontalZeroLineVisible(false);
        chart.setVerticalGridLinesVisible(false);
        chart.setMinSize(0, 0);
        chart.setPrefSize(300, 160);
        VBox.setVgrow(chart, Priority.ALWAYS);
        getChildren().addAll(header, chart);
        setMinSize(0, 0);
        showRange(Double.NaN, 300);
    }

    void setSeries(ObservableList<XYChart.Series<Number, Number>> series) {
        chart.setData(series);
    }

    /** Value axis from 0 (rates) or fitted to the data (ratios close to 100 %). */
    void setForceZero(boolean force) {
        values.setForceZeroInRange(force);
    }

    void addChartStyle(String styleClass) {
        chart.getStyleClass().add(styleClass);
    }

    /** Shows {@code seconds} up to {@code latest} (epoch seconds); before the first sample, up to now. */
    void showRange(double latest, double seconds) {
        double upper = Double.isNaN(latest) ? System.currentTimeMillis() / 1000.0 : latest;
        time.show(upper - seconds, upper);
    }

    LineChart<Number, Number> chart() {
        return chart;
    }
}
