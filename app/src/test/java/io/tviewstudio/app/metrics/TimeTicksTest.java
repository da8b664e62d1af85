package io.tviewstudio.app.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TimeTicksTest {

    @Test
    void aMinuteShowsEveryFifteenSecondsOnTheQuarterMinutes() {
        // 02:29:54 to 02:30:54 UTC, the sample's odd second at the end.
        double upper = 1_764_988_254;
        assertThat(TimeTicks.values(upper - 60, upper, 5, 0))
                .containsExactly(1_764_988_200.0, 1_764_988_215.0, 1_764_988_230.0, 1_764_988_245.0)
                .allSatisfy(tick -> assertThat(MetricsFormat.clock(tick)).isNotEmpty());
    }

    @Test
    void theStepIsTheSmallestRoundOneThatKeepsTheLabelsApart() {
        assertThat(TimeTicks.step(60, 5)).isEqualTo(15);
        assertThat(TimeTicks.step(300, 5)).isEqualTo(60);
        assertThat(TimeTicks.step(900, 5)).isEqualTo(300);
        assertThat(TimeTicks.step(3600, 5)).isEqualTo(900);
        assertThat(TimeTicks.step(20, 5)).isEqualTo(5);
    }

    @Test
    void roundTimesAreRoundInLocalTimeToo() {
        // UTC+05:45: a minute step falls on :00 of the local clock, which is :15 of UTC.
        int offset = 5 * 3600 + 45 * 60;
        assertThat(TimeTicks.values(1_764_988_000, 1_764_988_300, 5, offset))
                .allSatisfy(tick -> assertThat((tick + offset) % 60).isZero());
    }
}
