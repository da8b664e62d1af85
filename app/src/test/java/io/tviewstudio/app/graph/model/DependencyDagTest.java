package io.tviewstudio.app.graph.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class DependencyDagTest {

    @Test
    void buildsTablesAndTviewsWithReadFromEdgesFromTheCatalog() {
        DependencyDag dag = DemoGraph.blog();

        assertThat(dag.nodes()).extracting(DagNode::name).containsExactly(
                "tb_category", "tb_post", "tb_user", "tb_comment", "tv_post", "tv_category", "tv_comment");
        assertThat(dag.node("tb_user").orElseThrow().kind()).isEqualTo(DagNode.Kind.TABLE);
        DagNode comment = dag.node("tv_comment").orElseThrow();
        assertThat(comment.kind()).isEqualTo(DagNode.Kind.TVIEW);
        assertThat(comment.refreshMode()).isEqualTo("deferred");
        assertThat(comment.rowCount()).isEqualTo(648);
        assertThat(comment.totalBytes()).isEqualTo(163_840);
        assertThat(dag.sourcesOf("tv_comment")).containsExactly("tb_comment", "tb_user", "tv_post");
        assertThat(dag.readersOf("tv_post")).containsExactly("tv_category", "tv_comment");
        assertThat(dag.edges()).hasSize(8).contains(new DagEdge("tv_post", "tv_category"));
        assertThat(dag.hasCycle()).isFalse();
    }

    @Test
    void impactOfATableIsEveryTviewItRefreshesTransitively() {
        DependencyDag dag = DemoGraph.blog();

        assertThat(dag.impactOf("tb_post")).containsExactly("tv_post", "tv_category", "tv_comment");
        assertThat(dag.impactOf("tb_comment")).containsExactly("tv_comment");
        assertThat(dag.impactOf("tv_comment")).isEmpty();
    }

    @Test
    void findsTheEdgesOfCyclesAndNoOthers() {
        List<DagNode> nodes = List.of(DagNode.table("tb_a"), tview("tv_b"), tview("tv_c"), tview("tv_d"), tview("tv_e"));
        DependencyDag dag = DependencyDag.of(nodes, List.of(
                new DagEdge("tb_a", "tv_b"), new DagEdge("tv_b", "tv_c"), new DagEdge("tv_c", "tv_d"),
                new DagEdge("tv_d", "tv_b"), new DagEdge("tv_d", "tv_e"), new DagEdge("tv_e", "tv_e")));

        assertThat(dag.cycleEdges()).containsExactlyInAnyOrder(new DagEdge("tv_b", "tv_c"),
                new DagEdge("tv_c", "tv_d"), new DagEdge("tv_d", "tv_b"), new DagEdge("tv_e", "tv_e"));
        assertThat(dag.impactOf("tv_c")).containsExactlyInAnyOrder("tv_d", "tv_b", "tv_c", "tv_e");
    }

    @Test
    void aLongChainNeedsNoDeepStack() {
        int length = 50_000;
        List<DagNode> nodes = new java.util.ArrayList<>();
        List<DagEdge> edges = new java.util.ArrayList<>();
        for (int i = 0; i < length; i++) {
            nodes.add(tview("tv_" + i));
            if (i > 0) {
                edges.add(new DagEdge("tv_" + (i - 1), "tv_" + i));
            }
        }
        edges.add(new DagEdge("tv_" + (length - 1), "tv_0"));

        assertThat(DependencyDag.of(nodes, edges).cycleEdges()).hasSize(length);
    }

    @Test
    void searchRanksExactThenPrefixThenContainedIgnoringCase() {
        DependencyDag dag = DemoGraph.blog();

        assertThat(dag.search("TV_POST")).containsExactly("tv_post");
        assertThat(dag.search("post")).containsExactly("tb_post", "tv_post");
        assertThat(dag.search("tv_c")).containsExactly("tv_category", "tv_comment");
        assertThat(dag.search("  ")).isEmpty();
        assertThat(dag.search("nothing")).isEmpty();
    }

    @Test
    void refusesEdgesToUnknownNodesAndDuplicateNodes() {
        assertThatThrownBy(() -> DependencyDag.of(List.of(DagNode.table("tb_a")), List.of(new DagEdge("tb_a", "tv_x"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("edge tb_a -> tv_x names a node that is not in the graph");
        assertThatThrownBy(() -> DependencyDag.of(List.of(DagNode.table("tb_a"), DagNode.table("tb_a")), List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("node tb_a is given twice");
    }

    @Test
    void nodeTextShowsModeRowsAndSizes() {
        assertThat(NodeText.subtitle(DemoGraph.blog().node("tv_comment").orElseThrow())).isEqualTo("deferred \u00b7 648 rows");
        assertThat(NodeText.subtitle(DagNode.table("tb_user"))).isEqualTo("base table");
        assertThat(NodeText.rows(1)).isEqualTo("1 row");
        assertThat(NodeText.rows(1234567)).isEqualTo("1,234,567 rows");
        assertThat(NodeText.bytes(-1)).isEqualTo("unknown");
        assertThat(NodeText.bytes(512)).isEqualTo("512 B");
        assertThat(NodeText.bytes(65_536)).isEqualTo("64 kB");
        assertThat(NodeText.bytes(1_572_864)).isEqualTo("1.5 MB");
    }

    private static DagNode tview(String name) {
        return new DagNode(name, DagNode.Kind.TVIEW, 0, DagNode.UNKNOWN, "immediate", "", -1);
    }
}
