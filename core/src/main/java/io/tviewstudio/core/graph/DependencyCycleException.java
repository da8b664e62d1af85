package io.tviewstudio.core.graph;

import java.util.List;

/** TVIEWs that read each other: no creation order exists. The runtime refuses such a definition (TV030). */
public final class DependencyCycleException extends IllegalStateException {

    private final List<String> cycle;

    DependencyCycleException(List<String> cycle) {
        super("TV030: dependency cycle: " + DependencyGraph.spell(cycle));
        this.cycle = List.copyOf(cycle);
    }

    /** The TVIEWs of one cycle, each reading the next, the first repeated at the end. */
    public List<String> cycle() {
        return cycle;
    }
}
