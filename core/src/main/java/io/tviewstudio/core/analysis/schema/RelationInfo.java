package io.tviewstudio.core.analysis.schema;

import java.util.List;
import java.util.Optional;

/**
 * A table, view or other relation.
 *
 * @param schema      its schema
 * @param name        its name
 * @param kind        table, view, ...
 * @param tview       whether it is a TVIEW table (registered in {@code pg_tview_meta})
 * @param columns     its columns in order
 * @param uniqueKeys  the column sets of its primary key and unique constraints whose columns are all not null
 * @param reads       for a plain view: the relations it reads directly, as {@code schema.name}
 */
public record RelationInfo(String schema, String name, RelationKind kind, boolean tview, List<ColumnInfo> columns,
                           List<List<String>> uniqueKeys, List<String> reads) {

    public RelationInfo {
        columns = List.copyOf(columns);
        uniqueKeys = uniqueKeys.stream().map(List::copyOf).toList();
        reads = List.copyOf(reads);
    }

    public Optional<ColumnInfo> column(String columnName) {
        return columns.stream().filter(c -> c.name().equals(columnName)).findFirst();
    }

    public boolean hasColumn(String columnName) {
        return column(columnName).isPresent();
    }

    /** {@code schema.name}, the way the graph and the lineage name relations. */
    public String qualifiedName() {
        return schema + "." + name;
    }

    /**
     * The name of the TVIEW table whose view a relation of this name would be: {@code tv_<entity>}
     * for {@code v_<entity>} (pg_tviews_create names a TVIEW's view so, in the TVIEW's schema), else
     * empty. Whether such a TVIEW exists is the caller's question.
     */
    public static Optional<String> tviewTableOfView(String name) {
        return name.matches("v_[a-z][a-z0-9_]*") ? Optional.of("t" + name) : Optional.empty();
    }

    /** Whether the given columns include a whole unique key, so that they identify at most one row. */
    public boolean isUniqueOn(java.util.Collection<String> columnNames) {
        return uniqueKeys.stream().anyMatch(columnNames::containsAll);
    }
}
