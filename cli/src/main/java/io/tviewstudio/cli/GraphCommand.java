package io.tviewstudio.cli;

import io.tviewstudio.core.graph.DependencyGraph;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.sql.SQLException;
import java.util.List;

@Command(name = "graph",
        header = "Print the dependency graph of tables and TVIEWs (Graphviz DOT or JSON).",
        description = {"Print the dependency graph of tables and TVIEWs (Graphviz DOT or JSON): the database's TVIEWs,",
                "plus unsaved definitions from files (-f), or only those (--offline). Exit code 1 on a dependency cycle (TV030)."})
final class GraphCommand extends DatabaseCommand {

    enum Format { dot, json }

    @Mixin
    GraphSource source;

    @Option(names = "--format", paramLabel = "FORMAT", description = "dot (default) or json; --json is the same as --format json.")
    Format format = Format.dot;

    @Override
    Integer prepare() {
        source.read();
        return source.offline ? print(source.offlineGraph(), new Output(spec.commandLine().getOut(), spec.commandLine().getErr(), false)) : null;
    }

    @Override
    int run(Session session) throws SQLException {
        return print(source.liveGraph(session.studio()), session.output());
    }

    private int print(DependencyGraph graph, Output output) {
        PrintText.raw(spec, json || format == Format.json ? graph.toJson() : graph.toDot());
        List<List<String>> cycles = graph.cycles();
        for (List<String> cycle : cycles) {
            output.diagnostic("error [TV030 dependency_cycle]: dependency cycle: " + DependencyGraph.spell(cycle));
        }
        return cycles.isEmpty() ? ExitCode.OK : ExitCode.PROBLEMS_FOUND;
    }
}
