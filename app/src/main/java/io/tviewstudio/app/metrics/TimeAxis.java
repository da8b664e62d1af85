package io.tviewstudio.app.metrics;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import javafx.scene.chart.ValueAxis;

/**
 * A time axis (epoch seconds) whose bounds slide with the newest sample while its labels stay on
 * round clock times ({@link TimeTicks}); {@code NumberAxis} counts its ticks from the lower bound.
 */
final class TimeAxis extends ValueAxis<Number> {

    private final int maxTicks;

    TimeAxis(int maxTicks) {
        this.maxTicks = maxTicks;
        setAutoRanging(false);
        setMinorTickVisible(false);
    }

    /** Shows {@code [lower, upper]}. */
    void show(double lower, double upper) {
        setLowerBound(lower);
        setUpperBound(upper);
    }

    @Override
    protected List<Number> calculateTickValues(double length, Object range) {
        double[] bounds = (double[]) range;
        int offset = ZoneId.systemDefault().getRules().getOffset(Instant.ofEpochSecond((long) bounds[0])).getTotalSeconds();
        return List.copyOf(TimeTicks.values(bounds[0], bounds[1], maxTicks, offset));
    }

    @Override
    protected List<Number> calculateMinorTickMarks() {
        return List.of();
    }

    @Override
    protected String getTickMarkLabel(Number value) {
        return MetricsFormat.clock(value.doubleValue());
    }

    @Override
    protected Object getRange() {
        return new double[] {getLowerBound(), getUpperBound()};
    }

    @Override
    protected void setRange(Object range, boolean animate) {
        double[] bounds = (double[]) range;
        double length = getSide() != null && getSide().isVertical() ? getHeight() : getWidth();
        currentLowerBound.set(bounds[0]);
        setScale(calculateNewScale(length, bounds[0], bounds[1]));
    }
}
