package io.tviewstudio.core.metrics.export;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads Prometheus text exposition (0.0.4) back, written independently of {@link PrometheusFormat}
 * from the format's grammar, and fails on anything a scraper would reject or misread: a line that
 * is not HELP, TYPE, a sample or blank; a family split in two or typed twice; a sample outside its
 * family; a counter without {@code _total}; a duplicate series; a histogram whose buckets are not
 * cumulative in ascending {@code le} order ending with {@code +Inf} equal to {@code _count}.
 */
public final class ExpositionGrammar {

    private static final String NAME = "[a-zA-Z_:][a-zA-Z0-9_:]*";
    private static final String LABEL_VALUE = "(?:[^\"\\\\\\n]|\\\\[\\\\\"n])*";
    private static final String LABEL = "([a-zA-Z_][a-zA-Z0-9_]*)=\"(" + LABEL_VALUE + ")\"";
    private static final String VALUE = "[-+]?(?:[0-9]+(?:\\.[0-9]*)?(?:[eE][-+]?[0-9]+)?|Inf)|NaN";
    private static final Pattern HELP = Pattern.compile("# HELP (" + NAME + ") (?:[^\\\\\\n]|\\\\[\\\\n])*");
    private static final Pattern TYPE = Pattern.compile("# TYPE (" + NAME + ") (counter|gauge|histogram|summary|untyped)");
    private static final String ANY_LABEL = "[a-zA-Z_][a-zA-Z0-9_]*=\"" + LABEL_VALUE + "\"";
    private static final Pattern SAMPLE = Pattern.compile(
            "(" + NAME + ")(?:\\{(" + ANY_LABEL + "(?:," + ANY_LABEL + ")*)?\\})? (" + VALUE + ")");
    private static final Pattern ONE_LABEL = Pattern.compile(LABEL);

    /** One sample line: its metric name, its labels unescaped in order, its value. */
    public record Sample(String name, Map<String, String> labels, double value) {
    }

    private ExpositionGrammar() {
    }

    /** Every sample of {@code text}, after checking it line by line; throws AssertionError naming the line. */
    public static List<Sample> parse(String text) {
        if (!text.isEmpty() && !text.endsWith("\n")) {
            throw new AssertionError("exposition text must end with a line feed");
        }
        List<Sample> samples = new ArrayList<>();
        Set<String> typed = new HashSet<>();
        Set<String> helped = new HashSet<>();
        Set<String> series = new HashSet<>();
        String family = null;
        String type = null;
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length - 1; i++) {
            String line = lines[i];
            String where = "line " + (i + 1) + " \"" + line + "\": ";
            Matcher m;
            if (line.isEmpty()) {
                continue;
            } else if ((m = HELP.matcher(line)).matches()) {
                if (!helped.add(m.group(1))) {
                    throw new AssertionError(where + "second HELP for " + m.group(1));
                }
            } else if ((m = TYPE.matcher(line)).matches()) {
                if (!typed.add(m.group(1))) {
                    throw new AssertionError(where + "family typed twice (or split in two)");
                }
                family = m.group(1);
                type = m.group(2);
                if (type.equals("counter") && !family.endsWith("_total")) {
                    throw new AssertionError(where + "a counter's name must end with _total");
                }
            } else if ((m = SAMPLE.matcher(line)).matches()) {
                String name = m.group(1);
                boolean inFamily = "histogram".equals(type)
                        ? name.equals(family + "_bucket") || name.equals(family + "_sum") || name.equals(family + "_count")
                        : name.equals(family);
                if (!inFamily) {
                    throw new AssertionError(where + "sample outside its family " + family);
                }
                Map<String, String> labels = labels(m.group(2));
                if (!series.add(name + labels)) {
                    throw new AssertionError(where + "duplicate series");
                }
                samples.add(new Sample(name, labels, number(m.group(3))));
            } else {
                throw new AssertionError(where + "not HELP, TYPE, a sample or a blank line");
            }
        }
        checkHistograms(samples, typed);
        return samples;
    }

    /** The value of the one sample with this name and these labels (name, value, name, value...). */
    public static double value(List<Sample> samples, String name, String... labels) {
        Map<String, String> wanted = new LinkedHashMap<>();
        for (int i = 0; i < labels.length; i += 2) {
            wanted.put(labels[i], labels[i + 1]);
        }
        return samples.stream().filter(s -> s.name().equals(name) && s.labels().equals(wanted)).findFirst()
                .orElseThrow(() -> new AssertionError("no sample " + name + wanted)).value();
    }

    private static void checkHistograms(List<Sample> samples, Set<String> families) {
        Map<String, List<Sample>> buckets = new LinkedHashMap<>();
        Map<String, Double> counts = new HashMap<>();
        Set<String> sums = new HashSet<>();
        for (Sample s : samples) {
            Map<String, String> rest = new LinkedHashMap<>(s.labels());
            rest.remove("le");
            if (s.name().endsWith("_bucket")) {
                if (!s.labels().containsKey("le")) {
                    throw new AssertionError(s + ": bucket without le");
                }
                buckets.computeIfAbsent(s.name().replaceAll("_bucket$", "") + rest, k -> new ArrayList<>()).add(s);
            } else if (s.name().endsWith("_count")) {
                counts.put(s.name().replaceAll("_count$", "") + rest, s.value());
            } else if (s.name().endsWith("_sum")) {
                sums.add(s.name().replaceAll("_sum$", "") + rest);
            }
        }
        for (Map.Entry<String, List<Sample>> histogram : buckets.entrySet()) {
            double previousLe = Double.NEGATIVE_INFINITY;
            double previousCount = 0;
            for (Sample bucket : histogram.getValue()) {
                double le = number(bucket.labels().get("le"));
                if (le <= previousLe || bucket.value() < previousCount) {
                    throw new AssertionError(histogram.getKey() + ": buckets not in ascending le order or not cumulative at " + bucket);
                }
                previousLe = le;
                previousCount = bucket.value();
            }
            if (previousLe != Double.POSITIVE_INFINITY) {
                throw new AssertionError(histogram.getKey() + ": last bucket is not le=\"+Inf\"");
            }
            if (!Double.valueOf(previousCount).equals(counts.get(histogram.getKey()))) {
                throw new AssertionError(histogram.getKey() + ": +Inf bucket " + previousCount + " is not _count "
                        + counts.get(histogram.getKey()));
            }
            if (!sums.contains(histogram.getKey())) {
                throw new AssertionError(histogram.getKey() + ": no _sum");
            }
        }
    }

    private static Map<String, String> labels(String text) {
        Map<String, String> labels = new LinkedHashMap<>();
        if (text == null) {
            return labels;
        }
        Matcher m = ONE_LABEL.matcher(text);
        while (m.find()) {
            if (labels.put(m.group(1), unescape(m.group(2))) != null) {
                throw new AssertionError("label " + m.group(1) + " twice in {" + text + "}");
            }
        }
        return labels;
    }

    private static String unescape(String value) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\') {
                char next = value.charAt(++i);
                out.append(next == 'n' ? '\n' : next);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static double number(String text) {
        return switch (text) {
            case "+Inf", "Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            case "NaN" -> Double.NaN;
            default -> Double.parseDouble(text);
        };
    }
}
