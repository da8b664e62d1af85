package io.tviewstudio.core.inspect;

import io.tviewstudio.core.catalog.TviewSource;
import java.util.List;

/**
 * The rows of one source relation that a TVIEW row was built from, found through one lineage rule:
 * {@code source.sourceColumn = row.tviewColumn}.
 *
 * @param value     the row's {@code tviewColumn} value matched, null when the row has none (no rows then)
 * @param rows      each source row as a JSON object in column order, at most the limit asked for
 * @param truncated whether more rows matched than were read
 */
public record SourceRows(TviewSource rule, Long value, List<String> rows, boolean truncated) {

    public SourceRows {
        rows = List.copyOf(rows);
    }
}
