package io.tviewstudio.app.graph.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.tviewstudio.app.graph.layout.ElkLayeredLayout;
import io.tviewstudio.app.graph.model.DagLayout;
import io.tviewstudio.app.graph.model.GraphHighlight;
import io.tviewstudio.core.graph.DependencyGraph;
import io.tviewstudio.core.graph.GraphNode;
import io.tviewstudio.core.graph.NodeKind;
import io.tviewstudio.core.graph.ReadEdge;
import java.util.List;
import org.junit.jupiter.api.Test;

class SvgWriterTest {

    private static GraphNode tview(String name) {
        return new GraphNode(name, NodeKind.TVIEW, 3, GraphNode.UNKNOWN, "immediate", "", -1);
    }

    @Test
    void drawsTheEdgesOfACycleInRedAndNoOthers() {
        DependencyGraph dag = DependencyGraph.of(List.of(GraphNode.table("tb_a"), tview("tv_b"), tview("tv_c")),
                List.of(new ReadEdge("tb_a", "tv_b"), new ReadEdge("tv_b", "tv_c"), new ReadEdge("tv_c", "tv_b")));
        DagLayout layout = new ElkLayeredLayout().layout(dag);

        String svg = SvgWriter.toSvg(layout, GraphHighlight.NONE);

        assertThat(count(svg, "<polyline")).isEqualTo(3);
        assertThat(count(svg, "stroke=\"" + GraphStyle.CYCLE + "\" stroke-width")).as("two edges, two nodes")
                .isEqualTo(4);
        assertThat(svg).contains(">tv_b</text>", ">tb_a</text>", "immediate \u00b7 3 rows");
    }

    @Test
    void escapesNamesAndDimsWhatTheSelectionDoesNotReach() {
        DependencyGraph dag = DependencyGraph.of(List.of(GraphNode.table("\"odd<&>\""), tview("tv_x"), GraphNode.table("tb_y")),
                List.of(new ReadEdge("\"odd<&>\"", "tv_x"), new ReadEdge("tb_y", "tv_x")));
        DagLayout layout = new ElkLayeredLayout().layout(dag);

        String svg = SvgWriter.toSvg(layout, GraphHighlight.of(dag, "\"odd<&>\""));

        assertThat(svg).contains(">&quot;odd&lt;&amp;&gt;&quot;</text>").doesNotContain("<&>");
        assertThat(svg).contains("<g id=\"tb_y\" opacity=\"0.32\">");
        assertThat(svg).contains("<g id=\"tv_x\" opacity=\"1\">");
    }

    private static int count(String text, String part) {
        return text.split(java.util.regex.Pattern.quote(part), -1).length - 1;
    }
}
