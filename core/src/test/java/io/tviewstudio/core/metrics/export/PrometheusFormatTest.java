package io.tviewstudio.core.metrics.export;

import io.tviewstudio.core.metrics.MetricsReading;
import io.tviewstudio.core.testing.Resources;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.tviewstudio.core.metrics.export.ExpositionGrammar.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The exposition text of a known reading, exactly, and read back by the format's grammar. */
class PrometheusFormatTest {

    @Test
    void aKnownReadingGivesTheGoldenText() {
        assertThat(PrometheusFormat.write(KnownReading.reading())).isEqualTo(Resources.text("metrics/known-reading.prom"));
    }

    @Test
    void theTextReadsBackLineByLineWithCumulativeBucketsEndingInfEqualToCount() {
        List<ExpositionGrammar.Sample> samples = ExpositionGrammar.parse(PrometheusFormat.write(KnownReading.reading()));

        assertThat(samples).hasSize(36);
        assertThat(value(samples, "tviews_refresh_errors_total", "tview", "public.tv_post")).isEqualTo(3);
        assertThat(value(samples, "tviews_flush_restarts_total")).isEqualTo(4);
        assertThat(value(samples, "tviews_rows_written_total", "tview", "public.tv_post", "kind", "updated")).isEqualTo(5);
        assertThat(value(samples, "tviews_refreshes_total", "tview", KnownReading.ODD_NAME)).as("label unescaped").isZero();
        assertThat(value(samples, "tviews_refresh_duration_seconds_bucket", "tview", "public.tv_post", "le", "+Inf"))
                .isEqualTo(value(samples, "tviews_refresh_duration_seconds_count", "tview", "public.tv_post"))
                .isEqualTo(8);
        assertThat(value(samples, "tviews_refresh_duration_seconds_sum", "tview", "public.tv_post")).isEqualTo(3.0123);
        assertThat(samples).filteredOn(s -> s.name().equals("tviews_cache_hit_ratio")).as("no gauge without a ratio")
                .hasSize(1);
    }

    @Test
    void withoutTviewsOnlyTheQueueGaugesAndRestartsAreWritten() {
        String text = PrometheusFormat.write(new MetricsReading(Instant.EPOCH, List.of(1.0, Double.POSITIVE_INFINITY),
                Map.of(), 0, 0));

        assertThat(ExpositionGrammar.parse(text)).extracting(ExpositionGrammar.Sample::name)
                .containsExactly("tviews_queue_open_transactions", "tviews_queue_deferred_transactions",
                        "tviews_flush_restarts_total");
    }

    @Test
    void numbersAreWrittenAsPrometheusClientsWriteThem() {
        assertThat(PrometheusFormat.number(0.0001)).isEqualTo("0.0001");
        assertThat(PrometheusFormat.number(0.00025)).isEqualTo("0.00025");
        assertThat(PrometheusFormat.number(1.0)).isEqualTo("1");
        assertThat(PrometheusFormat.number(2.5)).isEqualTo("2.5");
        assertThat(PrometheusFormat.number(10)).isEqualTo("10");
        assertThat(PrometheusFormat.number(0)).isEqualTo("0");
        assertThat(PrometheusFormat.number(1e-9)).isEqualTo("1.0E-9");
        assertThat(PrometheusFormat.number(Double.POSITIVE_INFINITY)).isEqualTo("+Inf");
        assertThat(PrometheusFormat.number(Double.NEGATIVE_INFINITY)).isEqualTo("-Inf");
        assertThat(PrometheusFormat.number(Double.NaN)).isEqualTo("NaN");
    }

    @Test
    void labelValuesEscapeBackslashQuoteAndLineFeedAndHelpEscapesBackslashAndLineFeed() {
        assertThat(PrometheusFormat.escapeLabel("a\\b\"c\nd")).isEqualTo("a\\\\b\\\"c\\nd");
        assertThat(PrometheusFormat.escapeHelp("a\\b\"c\nd")).isEqualTo("a\\\\b\"c\\nd");
    }

    @Test
    void theGrammarCheckRejectsWhatAScraperWouldReject() {
        String head = "# TYPE h histogram\n";
        assertThatThrownBy(() -> ExpositionGrammar.parse(head + "h_bucket{le=\"1\"} 3\nh_bucket{le=\"+Inf\"} 2\nh_sum 1\nh_count 2\n"))
                .hasMessageContaining("not cumulative");
        assertThatThrownBy(() -> ExpositionGrammar.parse(head + "h_bucket{le=\"1\"} 3\nh_bucket{le=\"+Inf\"} 3\nh_sum 1\nh_count 4\n"))
                .hasMessageContaining("is not _count");
        assertThatThrownBy(() -> ExpositionGrammar.parse(head + "h_bucket{le=\"1\"} 3\nh_sum 1\nh_count 3\n"))
                .hasMessageContaining("last bucket is not le=\"+Inf\"");
        assertThatThrownBy(() -> ExpositionGrammar.parse("# TYPE c counter\nc 1\n")).hasMessageContaining("_total");
        assertThatThrownBy(() -> ExpositionGrammar.parse("# TYPE g gauge\ng{x=\"a\"b\"} 1\n"))
                .hasMessageContaining("not HELP, TYPE, a sample");
        assertThatThrownBy(() -> ExpositionGrammar.parse("# TYPE g gauge\ng 1\n# TYPE f gauge\nf 1\ng 2\n"))
                .hasMessageContaining("outside its family");
    }
}
