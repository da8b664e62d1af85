package io.tviewstudio.cli;

import io.tviewstudio.core.analysis.schema.CatalogSnapshot;
import io.tviewstudio.core.api.TviewStudio;
import io.tviewstudio.core.deploy.DefinitionSet;
import io.tviewstudio.core.graph.DependencyGraph;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;

/** Where graph and impact take the graph from: the database's TVIEWs, plus unsaved definitions from files. */
final class GraphSource {

    @Option(names = {"-f", "--file"}, paramLabel = "FILE",
            description = "Add the CREATE TVIEW definitions of this file (repeatable); a TVIEW defined there replaces the database's.")
    List<Path> files = List.of();

    @Option(names = "--offline", description = "Only the files' definitions; do not connect.")
    boolean offline;

    private DefinitionSet definitions;

    void read() {
        if (offline && files.isEmpty()) {
            throw CliException.usage("usage", "--offline needs at least one --file", null);
        }
        definitions = files.isEmpty() ? null : InputFiles.scripts(files);
    }

    /** The graph of the files' definitions alone, analysed offline. */
    DependencyGraph offlineGraph() {
        return DependencyGraph.fromDefinitions(definitions.analyzedWith(CatalogSnapshot.offline()).analyses());
    }

    /** The database's graph plus the files' definitions, analysed against its catalog. */
    DependencyGraph liveGraph(TviewStudio studio) throws SQLException {
        return definitions == null ? studio.graph() : studio.graph(definitions);
    }
}
