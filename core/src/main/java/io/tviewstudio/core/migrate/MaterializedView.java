package io.tviewstudio.core.migrate;

import java.util.List;

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

    /** A column with its type as {@code format_type} prints it. */
    public record Column(String name, String type) {
    }
}
