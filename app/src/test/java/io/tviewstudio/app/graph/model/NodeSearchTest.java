package io.tviewstudio.app.graph.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.tviewstudio.core.graph.DependencyGraph;
import io.tviewstudio.core.graph.GraphNode;
import org.junit.jupiter.api.Test;

class NodeSearchTest {

    @Test
    void searchRanksExactThenPrefixThenContainedIgnoringCase() {
        DependencyGraph graph = DemoGraph.blog();

        assertThat(NodeSearch.matches(graph, "TV_POST")).containsExactly("tv_post");
        assertThat(NodeSearch.matches(graph, "post")).containsExactly("tb_post", "tv_post");
        assertThat(NodeSearch.matches(graph, "tv_c")).containsExactly("tv_category", "tv_comment");
        assertThat(NodeSearch.matches(graph, "  ")).isEmpty();
        assertThat(NodeSearch.matches(graph, "nothing")).isEmpty();
    }

    @Test
    void nodeTextShowsModeRowsAndSizes() {
        assertThat(NodeText.subtitle(DemoGraph.blog().node("tv_comment").orElseThrow())).isEqualTo("deferred \u00b7 648 rows");
        assertThat(NodeText.subtitle(GraphNode.table("tb_user"))).isEqualTo("base table");
        assertThat(NodeText.rows(1)).isEqualTo("1 row");
        assertThat(NodeText.rows(1234567)).isEqualTo("1,234,567 rows");
        assertThat(NodeText.bytes(-1)).isEqualTo("unknown");
        assertThat(NodeText.bytes(512)).isEqualTo("512 B");
        assertThat(NodeText.bytes(65_536)).isEqualTo("64 kB");
        assertThat(NodeText.bytes(1_572_864)).isEqualTo("1.5 MB");
    }
}
