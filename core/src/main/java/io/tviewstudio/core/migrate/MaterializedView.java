package io.tviewstudio.core.migrate;

import java.util.List;
import java.util.Optional;

/**
 * A materialized view as {@code pg_matviews} and the catalog describe it.
 *
 * @param name          schema-qualified ({@code public.mv_post})
 * @param definition    {@code pg_get_viewdef}: the SELECT, as PostgreSQL prints it
 * @param estimatedRows {@code pg_class.reltuples}, -1 when never analysed
 * @param sources       the relations it reads directly, schema-qualified
 * @param indexes       {@code CREATE INDEX} statements of its indexes
 * @param grants        {@code GRANT} statements re-creating its privileges
 */
public record MaterializedView(String name, String owner, String definition, boolean populated, long totalBytes,
                               long estimatedRows, List<String> sources, List<Column> columns, List<String> indexes,
                               List<String> grants, String comment) {

    public MaterializedView {
        sources = List.copyOf(sources);
        columns = List.copyOf(columns);
        indexes = List.copyOf(indexes);
        grants = List.copyOf(grants);
    }

    /**
     * PostgreSQL's row estimate ({@code reltuples}), which exists only once the materialized view was
     * vacuumed or analysed: {@code not populated} (WITH NO DATA) or {@code not analysed yet} until then.
     */
    public String estimatedRowsText() {
        if (!populated) {
            return "not populated";
        }
        return estimatedRows < 0 ? "not analysed yet" : Long.toString(estimatedRows);
    }

    /**
     * The {@code pk_<entity>} column when the materialized view is already shaped like a TVIEW: its
     * columns are {@code pk_<entity>}, {@code id}, a {@code jsonb} column {@code data} and otherwise
     * only {@code fk_*} columns. Such a materialized view is converted as it is, not wrapped again.
     */
    public Optional<String> tviewShapedKey() {
        List<String> keys = columns.stream().map(Column::name).filter(name -> name.matches("pk_[a-z0-9_]+")).toList();
        boolean shaped = keys.size() == 1
                && columns.stream().filter(c -> c.name().equals("id")).count() == 1
                && columns.stream().filter(c -> c.name().equals("data") && c.type().equals("jsonb")).count() == 1
                && columns.stream().allMatch(c -> c.name().equals(keys.getFirst()) || c.name().equals("id")
                        || c.name().equals("data") || c.name().startsWith("fk_"));
        return shaped ? Optional.of(keys.getFirst()) : Optional.empty();
    }

    /** A column with its type as {@code format_type} prints it. */
    public record Column(String name, String type) {
    }
}
