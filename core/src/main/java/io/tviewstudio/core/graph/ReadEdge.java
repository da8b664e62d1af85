package io.tviewstudio.core.graph;

import io.tviewstudio.core.analysis.LineageRule;

import java.util.ArrayList;
import java.util.List;

/**
 * "{@code reader} reads from {@code source}": a change in the source refreshes the reader, through
 * the lineage rules listed. The edge points the way changes flow, from source to reader.
 */
public final class ReadEdge {

    private final String source;
    private final String reader;
    private final List<LineageRule> rules = new ArrayList<>();

    ReadEdge(String source, String reader) {
        this.source = source;
        this.reader = reader;
    }

    public String source() {
        return source;
    }

    public String reader() {
        return reader;
    }

    public List<LineageRule> rules() {
        return List.copyOf(rules);
    }

    void add(LineageRule rule) {
        if (!rules.contains(rule)) {
            rules.add(rule);
        }
    }

    /** {@code tb_user.pk_user -> tv_post.fk_user}, one per rule, joined with " | ". */
    public String rowPath() {
        return String.join(" | ", rules.stream()
                .map(r -> source + "." + r.sourceColumn() + " -> " + reader + "." + r.tviewColumn()).toList());
    }

    @Override
    public String toString() {
        return source + " -> " + reader;
    }
}
