package io.tviewstudio.core.catalog;

import java.util.List;
import java.util.Objects;

/**
 * A TVIEW as the runtime's catalog describes it.
 *
 * @param entity      the entity name ({@code post} for {@code tv_post})
 * @param table       the TVIEW table, as regclass text (e.g. {@code tv_post})
 * @param depth       0 for a TVIEW that reads only tables, otherwise 1 + the depth of the deepest TVIEW it reads
 * @param rowCount    the rows in the TVIEW table when the catalog was read
 * @param sources     its lineage rules, ordered by relation, rule and column
 * @param refreshMode {@code immediate} or {@code deferred} ({@code pg_tview_meta.refresh_mode})
 * @param definition  the definition as given ({@code pg_tview_meta.definition}); empty when not read
 * @param totalBytes  the table's size with indexes and TOAST ({@code pg_total_relation_size}), or
 *                    {@link #SIZE_UNKNOWN}
 */
public record TviewInfo(String entity, String table, int depth, long rowCount, List<TviewSource> sources,
                        String refreshMode, String definition, long totalBytes) {

    /** {@link #totalBytes()} when the size was not read. */
    public static final long SIZE_UNKNOWN = -1;

    public TviewInfo {
        sources = List.copyOf(sources);
        Objects.requireNonNull(refreshMode);
        Objects.requireNonNull(definition);
    }

    /** A TVIEW whose definition and size were not read, in the runtime's default refresh mode. */
    public TviewInfo(String entity, String table, int depth, long rowCount, List<TviewSource> sources) {
        this(entity, table, depth, rowCount, sources, "immediate", "", SIZE_UNKNOWN);
    }

    /** The relations this TVIEW reads, each once, in the order of {@link #sources()}. */
    public List<String> sourceRelations() {
        return sources.stream().map(TviewSource::relation).distinct().toList();
    }
}
