package io.tviewstudio.core.demo;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * How often each {@link LoadOperation} is chosen, as relative weights (0 leaves an operation out).
 * The default is a blog's day: mostly comments and edits, a few renames that cascade widely, and
 * slightly more inserts than deletes so that the data neither drains nor explodes.
 */
public record LoadMix(Map<LoadOperation, Integer> weights) {

    public static final LoadMix DEFAULT = new LoadMix(Map.of(
            LoadOperation.INSERT_POST, 8,
            LoadOperation.UPDATE_POST, 20,
            LoadOperation.DELETE_POST, 6,
            LoadOperation.INSERT_COMMENT, 24,
            LoadOperation.UPDATE_COMMENT, 14,
            LoadOperation.DELETE_COMMENT, 18,
            LoadOperation.RENAME_USER, 4,
            LoadOperation.MOVE_POST, 6));

    public LoadMix {
        EnumMap<LoadOperation, Integer> copy = new EnumMap<>(LoadOperation.class);
        int total = 0;
        for (Map.Entry<LoadOperation, Integer> entry : weights.entrySet()) {
            int weight = entry.getValue();
            if (weight < 0) {
                throw new IllegalArgumentException("the weight of " + entry.getKey().label()
                        + " must not be negative: " + weight);
            }
            copy.put(entry.getKey(), weight);
            total += weight;
        }
        if (total <= 0) {
            throw new IllegalArgumentException("the load mix needs at least one operation with a positive weight");
        }
        weights = Collections.unmodifiableMap(copy);
    }

    /** Only this operation. */
    public static LoadMix only(LoadOperation operation) {
        return new LoadMix(Map.of(operation, 1));
    }

    public int weight(LoadOperation operation) {
        return weights.getOrDefault(operation, 0);
    }

    /** The operation at {@code point} (0 inclusive to 1 exclusive) of the weighted range. */
    public LoadOperation pick(double point) {
        int total = weights.values().stream().mapToInt(Integer::intValue).sum();
        double target = point * total;
        double seen = 0;
        LoadOperation last = null;
        for (Map.Entry<LoadOperation, Integer> entry : weights.entrySet()) {
            if (entry.getValue() == 0) {
                continue;
            }
            seen += entry.getValue();
            last = entry.getKey();
            if (target < seen) {
                return last;
            }
        }
        return last;
    }
}
