package io.tviewstudio.tools.demo;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * How often each {@link LoadOperation} is chosen, as relative weights (0 leaves an operation out).
 * The default is a blog's day: mostly comments and edits, a few renames that cascade widely, and
 * inserts that balance deletes, so that the data neither drains nor grows: as many posts inserted
 * as deleted, and comments inserted as fast as deletes remove them, counting the comments a
 * deleted post takes with it (24 = 6 + 6 posts x 3 comments, the demo's comments per post; more
 * comments per post and deleted posts take more, fewer and they take less, so the ratio holds).
 * {@code LoadStatements} keeps the counts in a band besides.
 */
public record LoadMix(Map<LoadOperation, Integer> weights) {

    public static final LoadMix DEFAULT = new LoadMix(Map.of(
            LoadOperation.INSERT_POST, 6,
            LoadOperation.UPDATE_POST, 22,
            LoadOperation.DELETE_POST, 6,
            LoadOperation.INSERT_COMMENT, 24,
            LoadOperation.UPDATE_COMMENT, 26,
            LoadOperation.DELETE_COMMENT, 6,
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
