package io.tviewstudio.app.graph.model;

import io.tviewstudio.core.catalog.DependencyGraphReader;
import io.tviewstudio.core.catalog.TviewInfo;
import io.tviewstudio.core.catalog.TviewSource;
import io.tviewstudio.core.graph.DependencyGraph;
import io.tviewstudio.core.graph.GraphNode;
import io.tviewstudio.core.graph.NodeKind;
import io.tviewstudio.core.graph.ReadEdge;
import java.util.ArrayList;
import java.util.List;

/** The demo database's catalog as TviewCatalog reads it, and generated graphs for the tests. */
public final class DemoGraph {

    public static final TviewInfo POST = new TviewInfo("post", "tv_post", 0, 216, List.of(
            new TviewSource("tb_category", "table", "parent", "fk_category", "pk_category"),
            new TviewSource("tb_post", "table", "root", "pk_post", "pk_post"),
            new TviewSource("tb_user", "table", "parent", "fk_user", "pk_user")),
            "immediate", "SELECT p.pk_post, p.id FROM tb_post p", 65_536);
    public static final TviewInfo CATEGORY = new TviewInfo("category", "tv_category", 1, 6, List.of(
            new TviewSource("tb_category", "table", "root", "pk_category", "pk_category"),
            new TviewSource("tv_post", "tview", "child", "pk_category", "fk_category")),
            "immediate", "SELECT c.pk_category FROM tb_category c", 32_768);
    public static final TviewInfo COMMENT = new TviewInfo("comment", "tv_comment", 1, 648, List.of(
            new TviewSource("tb_comment", "table", "root", "pk_comment", "pk_comment"),
            new TviewSource("tb_user", "table", "parent", "fk_user", "pk_user"),
            new TviewSource("tv_post", "tview", "parent", "fk_post", "pk_post")),
            "deferred", "SELECT m.pk_comment FROM tb_comment m", 163_840);

    public static final List<TviewInfo> BLOG = List.of(POST, CATEGORY, COMMENT);

    private DemoGraph() {
    }

    public static DependencyGraph blog() {
        return DependencyGraphReader.graphOf(BLOG);
    }

    /**
     * A DAG of {@code size} nodes shaped like a big schema: a fifth base tables, the rest TVIEWs
     * on {@value #LEVELS} levels; each TVIEW reads two or three relations of lower levels (mostly
     * the level right below), chosen by a fixed pseudo-random sequence.
     */
    public static DependencyGraph generated(int size) {
        int tables = Math.max(1, size / 5);
        List<GraphNode> nodes = new ArrayList<>();
        List<List<String>> levels = new ArrayList<>();
        List<ReadEdge> edges = new ArrayList<>();
        levels.add(new ArrayList<>());
        for (int i = 0; i < tables; i++) {
            nodes.add(GraphNode.table("tb_entity_" + i));
            levels.get(0).add("tb_entity_" + i);
        }
        int tviews = size - tables;
        long seed = 42;
        for (int i = 0; i < tviews; i++) {
            int level = 1 + (int) ((long) i * LEVELS / Math.max(1, tviews));
            while (levels.size() <= level) {
                levels.add(new ArrayList<>());
            }
            String name = "tv_read_model_" + i;
            nodes.add(new GraphNode(name, NodeKind.TVIEW, i * 37L, i * 8192L, i % 4 == 0 ? "deferred" : "immediate",
                    "SELECT \u2026", level - 1));
            int reads = 2 + i % 2;
            for (int r = 0; r < reads; r++) {
                seed = seed * 6364136223846793005L + 1442695040888963407L;
                int from = r == 0 || level == 1 ? level - 1 : (int) Long.remainderUnsigned(seed >>> 7, level);
                List<String> candidates = levels.get(from);
                String source = candidates.get((int) Long.remainderUnsigned(seed >>> 17, candidates.size()));
                edges.add(new ReadEdge(source, name));
            }
            levels.get(level).add(name);
        }
        return DependencyGraph.of(nodes, edges);
    }

    private static final int LEVELS = 6;
}
