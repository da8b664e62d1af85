package io.tviewstudio.app.graph.layout;

import static org.assertj.core.api.Assertions.assertThat;

import io.tviewstudio.app.graph.model.DagLayout;
import io.tviewstudio.app.graph.model.DemoGraph;
import io.tviewstudio.core.graph.DependencyGraph;
import io.tviewstudio.core.graph.GraphNode;
import io.tviewstudio.core.graph.NodeKind;
import io.tviewstudio.core.graph.ReadEdge;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ElkLayeredLayoutTest {

    private final ElkLayeredLayout layout = new ElkLayeredLayout();

    @Test
    void placesEveryTviewRightOfWhatItReads() {
        DagLayout laidOut = layout.layout(DemoGraph.blog());

        assertThat(laidOut.boxes()).hasSize(7);
        for (ReadEdge edge : laidOut.dag().graphEdges()) {
            DagLayout.NodeBox source = laidOut.box(edge.source()).orElseThrow();
            DagLayout.NodeBox target = laidOut.box(edge.reader()).orElseThrow();
            assertThat(source.x() + source.width()).as(edge.toString()).isLessThan(target.x());
        }
        assertThat(laidOut.box("tv_category").orElseThrow().x()).isEqualTo(laidOut.box("tv_comment").orElseThrow().x());
    }

    @Test
    void nodesDoNotOverlapAndLieInsideTheDrawing() {
        DagLayout laidOut = layout.layout(DemoGraph.generated(200));

        List<DagLayout.NodeBox> boxes = new ArrayList<>(laidOut.boxes());
        for (int i = 0; i < boxes.size(); i++) {
            DagLayout.NodeBox a = boxes.get(i);
            assertThat(a.x()).isGreaterThanOrEqualTo(0);
            assertThat(a.y()).isGreaterThanOrEqualTo(0);
            assertThat(a.x() + a.width()).isLessThanOrEqualTo(laidOut.width());
            assertThat(a.y() + a.height()).isLessThanOrEqualTo(laidOut.height());
            for (int j = i + 1; j < boxes.size(); j++) {
                DagLayout.NodeBox b = boxes.get(j);
                assertThat(a.x() < b.x() + b.width() && b.x() < a.x() + a.width()
                        && a.y() < b.y() + b.height() && b.y() < a.y() + a.height())
                        .as(a.node().name() + " overlaps " + b.node().name()).isFalse();
            }
        }
    }

    @Test
    void routesEveryEdgeFromSourceToTarget() {
        DagLayout laidOut = layout.layout(DemoGraph.blog());

        assertThat(laidOut.edges()).hasSize(8);
        for (DagLayout.EdgePath path : laidOut.edges()) {
            DagLayout.NodeBox source = laidOut.box(path.edge().source()).orElseThrow();
            DagLayout.NodeBox target = laidOut.box(path.edge().reader()).orElseThrow();
            DagLayout.Point first = path.points().get(0);
            DagLayout.Point last = path.points().get(path.points().size() - 1);
            assertThat(first.x()).isCloseTo(source.x() + source.width(), org.assertj.core.data.Offset.offset(1.0));
            assertThat(last.x()).isCloseTo(target.x(), org.assertj.core.data.Offset.offset(1.0));
        }
    }

    @Test
    void laysOutAGraphWithACycle() {
        DependencyGraph cyclic = DependencyGraph.of(
                List.of(GraphNode.table("tb_a"), tview("tv_b"), tview("tv_c")),
                List.of(new ReadEdge("tb_a", "tv_b"), new ReadEdge("tv_b", "tv_c"), new ReadEdge("tv_c", "tv_b")));

        DagLayout laidOut = layout.layout(cyclic);

        assertThat(laidOut.boxes()).hasSize(3);
        assertThat(laidOut.edges()).hasSize(3);
    }

    @Test
    void anEmptyGraphHasAnEmptyLayout() {
        DagLayout laidOut = layout.layout(DependencyGraph.empty());

        assertThat(laidOut.boxes()).isEmpty();
        assertThat(laidOut.width()).isZero();
    }

    private static GraphNode tview(String name) {
        return new GraphNode(name, NodeKind.TVIEW, 0, GraphNode.UNKNOWN, "immediate", "", -1);
    }
}
