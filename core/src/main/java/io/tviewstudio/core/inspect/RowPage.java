package io.tviewstudio.core.inspect;

import java.util.List;

/**
 * A page of rows in key order, and whether more rows lie beyond it in the direction it was read.
 *
 * @param rows in ascending key order, also when read backwards
 * @param more whether a further page exists in the direction of the read (after the last row for
 *             a forward read, before the first for a backward one)
 */
public record RowPage(List<RowSummary> rows, boolean more) {

    public RowPage {
        rows = List.copyOf(rows);
    }

    public long firstPk() {
        return rows.getFirst().pk();
    }

    public long lastPk() {
        return rows.getLast().pk();
    }
}
