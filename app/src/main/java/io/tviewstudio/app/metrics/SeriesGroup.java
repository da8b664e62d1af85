package io.tviewstudio.app.metrics;

import java.util.HashMap;
import java.util.Map;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.scene.chart.XYChart;

/**
 * The lines of one chart, by name, over a sliding time window: x is the sample's time in epoch
 * seconds. Points older than the window are dropped as new ones arrive, so memory stays bounded.
 */
public final class SeriesGroup {

    /** No line keeps more points than this, whatever the window and interval. */
    static final int MAX_POINTS = 3600;

    private final ObservableList<XYChart.Series<Number, Number>> series = FXCollections.observableArrayList();
    private final Map<String, XYChart.Series<Number, Number>> byName = new HashMap<>();

    public ObservableList<XYChart.Series<Number, Number>> series() {
        return series;
    }

    /** The line of that name, created (empty) on first use. */
    public XYChart.Series<Number, Number> line(String name) {
        return byName.computeIfAbsent(name, key -> {
            XYChart.Series<Number, Number> line = new XYChart.Series<>();
            line.setName(key);
            series.add(line);
            return line;
        });
    }

    /** Adds a point; a null value (nothing measured) leaves a gap in the data. */
    void add(String name, double x, Double y) {
        XYChart.Series<Number, Number> line = line(name);
        if (y != null && Double.isFinite(y)) {
            line.getData().add(new XYChart.Data<>(x, y));
        }
    }

    /** Drops the points before {@code fromX} and the oldest beyond {@link #MAX_POINTS}. */
    void trim(double fromX) {
        for (XYChart.Series<Number, Number> line : series) {
            ObservableList<XYChart.Data<Number, Number>> data = line.getData();
            int old = 0;
            while (old < data.size() && data.get(old).getXValue().doubleValue() < fromX) {
                old++;
            }
            old = Math.max(old, data.size() - MAX_POINTS);
            if (old > 0) {
                data.remove(0, old);
            }
        }
    }

    void clear() {
        series.clear();
        byName.clear();
    }

    /** Drops every line's points and keeps the lines (fixed ones, as the percentiles, stay in the legend). */
    void clearPoints() {
        series.forEach(line -> line.getData().clear());
    }

    /** Points of the named line, 0 when it does not exist. */
    public int points(String name) {
        XYChart.Series<Number, Number> line = byName.get(name);
        return line == null ? 0 : line.getData().size();
    }
}
