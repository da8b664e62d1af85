package io.tviewstudio.core.health;

import java.util.List;

/**
 * What a verification found.
 *
 * @param differences the rows that differed from their views (with a repair: marked repaired)
 * @param remaining   the rows that still differ: after a repair, what a second verification found;
 *                    without one, the differences themselves
 */
public record Verification(List<RowDifference> differences, List<RowDifference> remaining) {

    public Verification {
        differences = List.copyOf(differences);
        remaining = List.copyOf(remaining);
    }

    /** Whether every TVIEW verified equals its view now. */
    public boolean consistent() {
        return remaining.isEmpty();
    }
}
