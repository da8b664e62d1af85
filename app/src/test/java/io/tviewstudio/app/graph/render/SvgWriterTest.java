package io.tviewstudio.app.graph.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.tviewstudio.app.graph.layout.ElkLayeredLayout;
import io.tviewstudio.app.graph.model.DagEdge;
import io.tviewstudio.app.graph.model.DagLayout;
import io.tviewstudio.app.graph.model.DagNode;
import io.tviewstudio.app.graph.model.DependencyDag;
import io.tviewstudio.app.graph.model.GraphHighlight;
import java.util.List;
import org.junit.jupiter.api.Test;

class SvgWriterTest {

    private static DagNode tview(String name) {
        return new DagNode(name, DagNode.Kind.TVIEW, 3, DagNode.UNKNOWN, "immediate", "", -1);
    }

    @Test
    void drawsTheEdgesOfACycleInRedAndNoOthers() {
        DependencyDag dag = DependencyDag.of(List.of(DagNode.table("tb_a"), tview("tv_b"), tview("tv_c")),
                List.of(new DagEdge("tb_a", "tv_b"), new DagEdge("tv_b", "tv_c"), new DagEdge("tv_c", "tv_b")));
        DagLayout layout = new ElkLayeredLayout().layout(dag);

        String svg = SvgWriter.toSvg(layout, GraphHighlight.NONE);

        assertThat(count(svg, "<polyline")).isEqualTo(3);
        assertThat(count(svg, "stroke=\"" + GraphStyle.CYCLE + "\" stroke-width")).as("two edges, two nodes")
                .isEqualTo(4);
        assertThat(svg).contains(">tv_b</text>", ">tb_a</text>", "immediate \u00b7 3 rows");
    }

    @Test
    void escapesNamesAndDimsWhatTheSelectionDoesNotReach() {
        DependencyDag dag = DependencyDag.of(List.of(DagNode.table("\"odd<&>\""), tview("tv_x"), DagNode.table("tb_y")),
                List.of(new DagEdge("\"odd<&>\"", "tv_x"), new DagEdge("tb_y", "tv_x")));
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
