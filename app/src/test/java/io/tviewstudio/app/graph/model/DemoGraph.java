package io.tviewstudio.app.graph.model;

import io.tviewstudio.core.catalog.TviewInfo;
import io.tviewstudio.core.catalog.TviewSource;
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

    public static DependencyDag blog() {
        return DependencyDag.fromCatalog(BLOG);
    }

    /**
     * A layered DAG of {@code size} nodes: a fifth base tables, the rest TVIEWs that each read two
     * or three relations of earlier layers, chosen by a fixed pseudo-random sequence.
     */
    public static DependencyDag generated(int size) {
        int tables = Math.max(1, size / 5);
        List<DagNode> nodes = new ArrayList<>();
        List<DagEdge> edges = new ArrayList<>();
        long seed = 42;
        for (int i = 0; i < tables; i++) {
            nodes.add(DagNode.table("tb_entity_" + i));
        }
        for (int i = tables; i < size; i++) {
            String name = "tv_read_model_" + i;
            nodes.add(new DagNode(name, DagNode.Kind.TVIEW, i * 37L, i * 8192L, i % 4 == 0 ? "deferred" : "immediate",
                    "SELECT \u2026", -1));
            int reads = 2 + i % 2;
            for (int r = 0; r < reads; r++) {
                seed = seed * 6364136223846793005L + 1442695040888963407L;
                // Mostly recent predecessors, so the graph gets depth as well as width.
                int window = Math.min(i, 60);
                int source = i - 1 - (int) Long.remainderUnsigned(seed >>> 11, window);
                edges.add(new DagEdge(nodes.get(source).name(), name));
            }
        }
        return DependencyDag.of(nodes, edges);
    }
}
