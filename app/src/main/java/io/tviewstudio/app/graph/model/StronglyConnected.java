package io.tviewstudio.app.graph.model;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Tarjan's strongly connected components, iterative so that a long chain of TVIEWs cannot
 * overflow the stack. An edge lies on a cycle when both ends are in one component (a self-loop
 * included).
 */
final class StronglyConnected {

    private final DependencyDag dag;
    private final Map<String, Integer> index = new HashMap<>();
    private final Map<String, Integer> lowLink = new HashMap<>();
    private final Map<String, Integer> component = new HashMap<>();
    private final Deque<String> stack = new ArrayDeque<>();
    private final Set<String> onStack = new HashSet<>();
    private int nextIndex;
    private int nextComponent;

    StronglyConnected(DependencyDag dag) {
        this.dag = dag;
    }

    Set<DagEdge> cycleEdges() {
        for (DagNode node : dag.nodes()) {
            if (!index.containsKey(node.name())) {
                visit(node.name());
            }
        }
        Set<DagEdge> onCycle = new LinkedHashSet<>();
        for (DagEdge edge : dag.edges()) {
            // Same component: a path leads back from the target to the source (or it is a self-loop).
            if (component.get(edge.source()).equals(component.get(edge.target()))) {
                onCycle.add(edge);
            }
        }
        return onCycle;
    }

    private record Frame(String node, Iterator<String> next) {
    }

    private void visit(String start) {
        Deque<Frame> frames = new ArrayDeque<>();
        open(start, frames);
        while (!frames.isEmpty()) {
            Frame frame = frames.peek();
            if (frame.next().hasNext()) {
                String reader = frame.next().next();
                if (!index.containsKey(reader)) {
                    open(reader, frames);
                } else if (onStack.contains(reader)) {
                    lowLink.merge(frame.node(), index.get(reader), Math::min);
                }
                continue;
            }
            frames.pop();
            if (!frames.isEmpty()) {
                lowLink.merge(frames.peek().node(), lowLink.get(frame.node()), Math::min);
            }
            if (lowLink.get(frame.node()).equals(index.get(frame.node()))) {
                String member;
                do {
                    member = stack.pop();
                    onStack.remove(member);
                    component.put(member, nextComponent);
                } while (!member.equals(frame.node()));
                nextComponent++;
            }
        }
    }

    private void open(String node, Deque<Frame> frames) {
        index.put(node, nextIndex);
        lowLink.put(node, nextIndex);
        nextIndex++;
        stack.push(node);
        onStack.add(node);
        List<String> readers = dag.readersOf(node);
        frames.push(new Frame(node, readers.iterator()));
    }
}
