package io.tviewstudio.core.metrics.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tviewstudio.core.metrics.MetricsReading;
import io.tviewstudio.core.metrics.MetricsSnapshot;
import io.tviewstudio.core.metrics.TviewCounters;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A reading written as JSON with Jackson reads back equal; rates ride along without changing it. */
class JsonFormatTest {

    @Test
    void aReadingRoundTripsExactly() {
        MetricsReading reading = KnownReading.reading();

        assertThat(JsonFormat.read(JsonFormat.write(reading))).isEqualTo(reading);
    }

    @Test
    void theDocumentUsesLeStringsForBoundsAndNullForAMissingRatio() throws Exception {
        JsonNode document = new ObjectMapper().readTree(JsonFormat.write(KnownReading.reading()));

        assertThat(document.get("at").asText()).isEqualTo("2025-03-01T10:15:30.123456Z");
        assertThat(document.get("latencyBucketsLe").toString()).isEqualTo("[\"0.00025\",\"0.005\",\"1\",\"+Inf\"]");
        assertThat(document.get("tviews").get(0).get("tview").asText()).isEqualTo(KnownReading.ODD_NAME);
        assertThat(document.get("tviews").get(0).get("cacheHitRatio").isNull()).isTrue();
        assertThat(document.get("tviews").get(1).get("latencyBuckets").toString()).isEqualTo("[2,6,7,8]");
        assertThat(document.has("window")).as("no rates without a window").isFalse();
    }

    @Test
    void aWindowAddsRatesOnOneLineAndReadingBackIgnoresThem() throws Exception {
        MetricsReading now = KnownReading.reading();
        TviewCounters post = now.tviews().get("post");
        MetricsReading earlier = new MetricsReading(now.at().minusSeconds(4), now.latencyBounds(),
                Map.of("post", new TviewCounters("post", post.tview(), 4, 1, 1, 0, 0, 0, 5, 0, 2,
                        new long[] {1, 3, 4, 4}, 0.01, 4, 0.9)), 0, 0);

        String line = JsonFormat.write(now, MetricsSnapshot.between(earlier, now), false);

        assertThat(line).doesNotContain("\n");
        JsonNode postNode = new ObjectMapper().readTree(line).get("tviews").get(1);
        assertThat(postNode.get("window").get("seconds").asDouble()).isEqualTo(4.0);
        assertThat(postNode.get("window").get("refreshes").asLong()).isEqualTo(4);
        assertThat(postNode.get("window").get("refreshesPerSecond").asDouble()).isEqualTo(1.0);
        assertThat(postNode.get("window").get("rowsWritten").asLong()).isEqualTo(5);
        assertThat(JsonFormat.read(line)).isEqualTo(now);
    }

    @Test
    void textThatIsNotAMetricsDocumentIsRefused() {
        assertThatThrownBy(() -> JsonFormat.read("{\"at\": ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("not a JSON document: ");
        assertThatThrownBy(() -> JsonFormat.read("{\"at\": \"2025-03-01T10:15:30Z\", \"tviews\": []}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("metrics document without \"latencyBucketsLe\"");
    }
}
