package io.tviewstudio.core.playbook;

import java.util.List;

/**
 * One TVIEW as exported: what re-creates it, what it reads, what the runtime generated for it (to
 * clean up leftovers when its catalog row is lost) and its contents at export time.
 *
 * @param order       1-based position in dependency order (every TVIEW after the TVIEWs it reads)
 * @param tview       the TVIEW table, schema-qualified ({@code public.tv_post})
 * @param view        the backing view, schema-qualified ({@code public.v_post})
 * @param reads       the exported TVIEWs it reads (schema-qualified)
 * @param sources     the base tables it reads (schema-qualified)
 * @param functions   generated functions, as {@code regprocedure} text
 * @param triggers    generated triggers on its sources
 * @param checksum    see {@link Checksums}
 */
public record TviewSnapshot(int order, String tview, String view, String entity, String schema, String pkColumn,
                            int depth, String refreshMode, String definition, List<String> reads, List<String> sources,
                            List<String> functions, List<GeneratedTrigger> triggers, long rowCount, long totalBytes,
                            String checksum) {

    public TviewSnapshot {
        reads = List.copyOf(reads);
        sources = List.copyOf(sources);
        functions = List.copyOf(functions);
        triggers = List.copyOf(triggers);
    }

    /** A trigger the runtime generated on a source relation. */
    public record GeneratedTrigger(String name, String table) {
    }

    /** {@code tv_post}: the table name without its schema. */
    public String tableName() {
        return tview.substring(tview.lastIndexOf('.') + 1);
    }
}
