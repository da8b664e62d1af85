package io.tviewstudio.tools.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StatisticsTest {

    @Test
    void medianOfAnOddCountIsTheMiddleSample() {
        assertThat(Statistics.ofNanos(ms(5, 1, 3)).medianMs()).isEqualTo(3.0);
    }

    @Test
    void medianOfAnEvenCountIsTheMeanOfTheTwoMiddleSamples() {
        assertThat(Statistics.ofNanos(ms(4, 1, 3, 2)).medianMs()).isEqualTo(2.5);
    }

    @Test
    void p95IsTheNearestRankSample() {
        long[] hundred = new long[100];
        for (int i = 0; i < 100; i++) {
            hundred[i] = (100 - i) * 1_000_000L;
        }
        Statistics.Summary summary = Statistics.ofNanos(hundred);

        assertThat(summary.p95Ms()).isEqualTo(95.0);
        assertThat(summary.minMs()).isEqualTo(1.0);
        assertThat(summary.maxMs()).isEqualTo(100.0);
        assertThat(summary.count()).isEqualTo(100);
    }

    @Test
    void p95OfFewSamplesIsTheLargest() {
        // rank ceil(0.95 * 3) = 3: with three samples only the slowest is at or above 95 % of them.
        assertThat(Statistics.ofNanos(ms(1, 9, 2)).p95Ms()).isEqualTo(9.0);
        assertThat(Statistics.ofNanos(ms(7)).p95Ms()).isEqualTo(7.0);
        assertThat(Statistics.ofNanos(ms(7)).medianMs()).isEqualTo(7.0);
    }

    @Test
    void p95Of21SamplesIsTheTwentieth() {
        long[] samples = new long[21];
        for (int i = 0; i < 21; i++) {
            samples[i] = (i + 1) * 1_000_000L;
        }
        assertThat(Statistics.ofNanos(samples).p95Ms()).isEqualTo(20.0);
    }

    @Test
    void nanosecondsBecomeFractionalMilliseconds() {
        assertThat(Statistics.ofNanos(new long[] {1_500_000, 250_000}).medianMs()).isEqualTo(0.875);
    }

    @Test
    void noSamplesIsAnError() {
        assertThatThrownBy(() -> Statistics.ofNanos(new long[0])).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no samples");
    }

    @Test
    void ratiosNeedBothMediansAndANonZeroDivisor() {
        assertThat(Statistics.ratio(3.0, 2.0)).isEqualTo(1.5);
        assertThat(Statistics.ratio(null, 2.0)).isNull();
        assertThat(Statistics.ratio(3.0, null)).isNull();
        assertThat(Statistics.ratio(3.0, 0.0)).isNull();
    }

    private static long[] ms(long... millis) {
        long[] nanos = new long[millis.length];
        for (int i = 0; i < millis.length; i++) {
            nanos[i] = millis[i] * 1_000_000;
        }
        return nanos;
    }
}
