package io.tviewstudio.core.catalog;

import java.util.List;

/**
 * A TVIEW as the runtime's catalog describes it.
 *
 * @param entity   the entity name ({@code post} for {@code tv_post})
 * @param table    the TVIEW table, as regclass text (e.g. {@code tv_post})
 * @param depth    0 for a TVIEW that reads only tables, otherwise 1 + the depth of the deepest TVIEW it reads
 * @param rowCount the rows in the TVIEW table when the catalog was read
 * @param sources  its lineage rules, ordered by relation, rule and column
 */
public record TviewInfo(String entity, String table, int depth, long rowCount, List<TviewSource> sources) {

    public TviewInfo {
        sources = List.copyOf(sources);
    }

    /** The relations this TVIEW reads, each once, in the order of {@link #sources()}. */
    public List<String> sourceRelations() {
        return sources.stream().map(TviewSource::relation).distinct().toList();
    }
}
