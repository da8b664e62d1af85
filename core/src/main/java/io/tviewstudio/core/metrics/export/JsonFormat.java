package io.tviewstudio.core.metrics.export;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tviewstudio.core.metrics.MetricsReading;
import io.tviewstudio.core.metrics.MetricsSnapshot;
import io.tviewstudio.core.metrics.TviewCounters;
import io.tviewstudio.core.metrics.TviewRates;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A reading as a JSON document, and back. The cumulative counters are the document; the rates of a
 * window ({@link MetricsSnapshot}) can be added beside them under {@code window} but are derived,
 * so {@link #read} ignores them. Bucket bounds are written as Prometheus {@code le} strings
 * ({@code "0.005"}, {@code "+Inf"}): JSON has no infinity. The field names are a documented
 * interface (docs/reference/monitoring.md), so the tree is built by hand rather than from the
 * records' accessors.
 */
public final class JsonFormat {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonFormat() {
    }

    /** The reading as an indented document. */
    public static String write(MetricsReading reading) {
        return write(reading, null, true);
    }

    /**
     * The reading, with the rates of {@code window} beside each TVIEW's counters when it is not
     * null and covers some time; {@code indent} false gives one line (for a stream of samples).
     */
    public static String write(MetricsReading reading, MetricsSnapshot window, boolean indent) {
        ObjectNode document = MAPPER.createObjectNode();
        document.put("at", reading.at().toString());
        document.put("openTransactions", reading.openTransactions());
        document.put("deferredTransactions", reading.deferredTransactions());
        document.put("flushRestarts", reading.flushRestarts());
        ArrayNode le = document.putArray("latencyBucketsLe");
        reading.latencyBounds().forEach(bound -> le.add(PrometheusFormat.number(bound)));
        boolean rates = window != null && window.ok() && window.total() != null && window.total().seconds() > 0;
        if (rates) {
            document.set("window", rates(window.total()));
        }
        ArrayNode tviews = document.putArray("tviews");
        reading.tviews().values().stream().sorted(Comparator.comparing(TviewCounters::tview)).forEach(t -> {
            ObjectNode node = tviews.addObject();
            node.put("entity", t.entity());
            node.put("tview", t.tview());
            node.put("refreshes", t.refreshes());
            node.put("rowsInserted", t.rowsInserted());
            node.put("rowsUpdated", t.rowsUpdated());
            node.put("rowsDeleted", t.rowsDeleted());
            node.put("rowsSkipped", t.rowsSkipped());
            node.put("cascades", t.cascades());
            node.put("enqueued", t.enqueued());
            node.put("coalesced", t.coalesced());
            node.put("fullRebuilds", t.fullRebuilds());
            node.put("errors", t.errors());
            ArrayNode buckets = node.putArray("latencyBuckets");
            for (long count : t.latencyBuckets()) {
                buckets.add(count);
            }
            node.put("latencySumSeconds", t.latencySumSeconds());
            node.put("latencyCount", t.latencyCount());
            node.put("cacheHitRatio", t.cacheHitRatio());
            TviewRates tviewRates = rates ? window.tviews().get(t.entity()) : null;
            if (tviewRates != null) {
                node.set("window", rates(tviewRates));
            }
        });
        try {
            return indent ? MAPPER.writer(SerializationFeature.INDENT_OUTPUT).writeValueAsString(document)
                    : MAPPER.writeValueAsString(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of plain values always serializes", e);
        }
    }

    private static ObjectNode rates(TviewRates rates) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("seconds", rates.seconds());
        node.put("refreshes", rates.delta().refreshes());
        node.put("rowsWritten", rates.delta().rowsWritten());
        node.put("errors", rates.delta().errors());
        node.put("refreshesPerSecond", rates.refreshesPerSecond());
        node.put("rowsWrittenPerSecond", rates.rowsWrittenPerSecond());
        node.put("enqueuedPerSecond", rates.enqueuedPerSecond());
        node.put("meanLatencySeconds", rates.meanLatencySeconds());
        node.put("p50Seconds", rates.p50Seconds());
        node.put("p95Seconds", rates.p95Seconds());
        node.put("p99Seconds", rates.p99Seconds());
        return node;
    }

    /**
     * The reading a document of {@link #write} holds.
     *
     * @throws IllegalArgumentException when the text is not such a document
     */
    public static MetricsReading read(String json) {
        JsonNode document;
        try {
            document = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a JSON document: " + e.getOriginalMessage(), e);
        }
        List<Double> bounds = new ArrayList<>();
        for (JsonNode le : required(document, "latencyBucketsLe")) {
            bounds.add(bound(le.asText()));
        }
        Map<String, TviewCounters> tviews = new LinkedHashMap<>();
        for (JsonNode t : required(document, "tviews")) {
            JsonNode bucketNodes = required(t, "latencyBuckets");
            long[] buckets = new long[bucketNodes.size()];
            for (int i = 0; i < buckets.length; i++) {
                buckets[i] = bucketNodes.get(i).asLong();
            }
            JsonNode ratio = t.get("cacheHitRatio");
            TviewCounters counters = new TviewCounters(required(t, "entity").asText(), required(t, "tview").asText(),
                    count(t, "refreshes"), count(t, "rowsInserted"), count(t, "rowsUpdated"), count(t, "rowsDeleted"),
                    count(t, "rowsSkipped"), count(t, "cascades"), count(t, "enqueued"), count(t, "coalesced"),
                    count(t, "fullRebuilds"), buckets, required(t, "latencySumSeconds").asDouble(),
                    count(t, "latencyCount"), ratio == null || ratio.isNull() ? null : ratio.asDouble(),
                    t.path("errors").asLong(0));  // absent in documents written before errors were counted
            tviews.put(counters.entity(), counters);
        }
        return new MetricsReading(Instant.parse(required(document, "at").asText()), bounds, tviews,
                required(document, "openTransactions").asInt(), required(document, "deferredTransactions").asInt(),
                document.path("flushRestarts").asLong(0));
    }

    private static JsonNode required(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new IllegalArgumentException("metrics document without \"" + field + "\"");
        }
        return value;
    }

    private static long count(JsonNode node, String field) {
        return required(node, field).asLong();
    }

    private static double bound(String le) {
        return switch (le) {
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(le);
        };
    }
}
