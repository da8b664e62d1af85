package io.tviewstudio.app.graph;

import static org.assertj.core.api.Assertions.assertThat;

import io.tviewstudio.app.FxThread;
import io.tviewstudio.app.graph.layout.ElkLayeredLayout;
import io.tviewstudio.app.graph.model.DagLayout;
import io.tviewstudio.app.graph.model.DemoGraph;
import io.tviewstudio.app.graph.model.GraphHighlight;
import io.tviewstudio.app.graph.render.DagPainter;
import io.tviewstudio.app.graph.render.PngWriter;
import io.tviewstudio.app.graph.render.SvgWriter;
import io.tviewstudio.core.graph.DependencyGraph;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;
import javafx.scene.Scene;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Lays out and draws generated DAGs of 100 and 1,000 nodes and prints the timings (no timing
 * assertions: the numbers depend on the machine). Run it alone with
 * {@code mvn -pl app test -Dtest=LargeGraphBenchmarkTest}; it also leaves the 1,000-node drawing
 * in {@code app/target/graph-benchmark/}.
 */
class LargeGraphBenchmarkTest {

    private static final int REPAINTS = 20;

    @BeforeAll
    static void toolkit() {
        FxThread.startToolkit();
    }

    @Test
    void laysOutAndDrawsAHundredAndAThousandNodes() throws Exception {
        Path out = Files.createDirectories(Path.of("target", "graph-benchmark"));
        for (int size : new int[] {100, 1_000}) {
            DependencyGraph dag = DemoGraph.generated(size);
            new ElkLayeredLayout().layout(DemoGraph.generated(50)); // class loading and JIT warm-up, not measured

            long start = System.nanoTime();
            DagLayout layout = new ElkLayeredLayout().layout(dag);
            double layoutMs = millis(start);
            assertThat(layout.boxes()).hasSize(size);

            AtomicReference<DagCanvas> canvasRef = new AtomicReference<>();
            FxThread.run(() -> {
                DagCanvas canvas = new DagCanvas();
                Stage stage = new Stage();
                stage.setScene(new Scene(new StackPane(canvas), 1280, 800));
                stage.show();
                canvasRef.set(canvas);
            });
            DagCanvas canvas = canvasRef.get();
            double[] timings = new double[4];
            AtomicReference<DagPainter.Frame> fitFrame = new AtomicReference<>();
            AtomicReference<DagPainter.Frame> zoomedFrame = new AtomicReference<>();
            FxThread.run(() -> {
                canvas.setGraphLayout(layout);
                long first = System.nanoTime();
                fitFrame.set(canvas.paintNow());
                timings[0] = millis(first);
                long repaint = System.nanoTime();
                for (int i = 0; i < REPAINTS; i++) {
                    canvas.paintNow();
                }
                timings[1] = millis(repaint) / REPAINTS;
                canvas.centerOn(layout.boxes().iterator().next().node().name());
                canvas.setHighlight(GraphHighlight.of(dag, layout.boxes().iterator().next().node().name()));
                long zoomed = System.nanoTime();
                for (int i = 0; i < REPAINTS; i++) {
                    zoomedFrame.set(canvas.paintNow());
                }
                timings[2] = millis(zoomed) / REPAINTS;
                canvas.fit();
                long export = System.nanoTime();
                try {
                    PngWriter.write(canvas.renderWholeGraph(), out.resolve("dag-" + size + ".png"));
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                timings[3] = millis(export);
            });
            long svgStart = System.nanoTime();
            SvgWriter.write(layout, GraphHighlight.NONE, out.resolve("dag-" + size + ".svg"));
            double svgMs = millis(svgStart);

            System.out.printf(Locale.ROOT, "DAG %,d nodes, %,d edges (%.0f x %.0f units): layout %.0f ms, "
                            + "first paint %.1f ms, repaint at fit %.1f ms (%d nodes, %d edges drawn, labels %s), "
                            + "repaint at 100%% %.1f ms (%d nodes, %d edges drawn), PNG export %.0f ms, SVG export %.0f ms%n",
                    size, dag.edges().size(), layout.width(), layout.height(), layoutMs, timings[0], timings[1],
                    fitFrame.get().nodes(), fitFrame.get().edges(), fitFrame.get().text() ? "on" : "off",
                    timings[2], zoomedFrame.get().nodes(), zoomedFrame.get().edges(), timings[3], svgMs);
            assertThat(zoomedFrame.get().nodes()).as("culled at 100%").isLessThanOrEqualTo(size);
        }
    }

    private static double millis(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e6;
    }
}
