package io.tviewstudio.core.graph;

import io.tviewstudio.core.analysis.LineageRule;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * "{@code reader} reads from {@code source}": a change in the source refreshes the reader, through
 * the lineage rules listed. The edge points the way changes flow, from source to reader. A graph has
 * at most one edge from a source to a reader, so two edges are equal when they join the same two nodes.
 */
public final class ReadEdge {

    private final String source;
    private final String reader;
    private final List<LineageRule> rules = new ArrayList<>();

    /** An edge without lineage rules (a dependency whose rule is not known). */
    public ReadEdge(String source, String reader) {
        this(source, reader, List.of());
    }

    public ReadEdge(String source, String reader, List<LineageRule> rules) {
        this.source = Objects.requireNonNull(source);
        this.reader = Objects.requireNonNull(reader);
        rules.forEach(this::add);
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
    public boolean equals(Object other) {
        return other instanceof ReadEdge edge && source.equals(edge.source) && reader.equals(edge.reader);
    }

    @Override
    public int hashCode() {
        return 31 * source.hashCode() + reader.hashCode();
    }

    @Override
    public String toString() {
        return source + " -> " + reader;
    }
}
