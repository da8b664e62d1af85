package io.tviewstudio.app.graph;

import static org.assertj.core.api.Assertions.assertThat;

import io.tviewstudio.app.graph.layout.ElkLayeredLayout;
import io.tviewstudio.app.graph.model.DagLayout;
import io.tviewstudio.app.graph.model.DemoGraph;
import io.tviewstudio.core.catalog.TviewInfo;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import javafx.application.Platform;
import javafx.geometry.BoundingBox;
import javafx.geometry.Bounds;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.ScrollBar;
import javafx.scene.control.TextArea;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The selected node's details beside the graph: never over the nodes they highlight, Fit included. */
@ExtendWith(ApplicationExtension.class)
class NodeDetailsPlacementAppTest {

    /** tv_post with a definition of 14 lines, as a real one is. */
    private static final TviewInfo LONG_POST = new TviewInfo("post", "tv_post", 0, 216, DemoGraph.POST.sources(),
            "immediate", """
            SELECT p.pk_post, p.id, p.fk_user, p.fk_category, u.id AS user_id,
                   jsonb_build_object(
                       'id', p.id,
                       'title', p.title,
                       'body', p.body,
                       'published', p.published,
                       'author', jsonb_build_object(
                           'id', u.id,
                           'name', u.name),
                       'category', c.title)
                   AS data
            FROM tb_post p
            JOIN tb_user u ON u.pk_user = p.fk_user
            JOIN tb_category c ON c.pk_category = p.fk_category""", 65_536);

    private DependencyGraphViewModel viewModel;
    private DependencyGraphView view;

    @Start
    void start(Stage stage) {
        viewModel = new DependencyGraphViewModel(new ElkLayeredLayout()::layout, Executors.newSingleThreadExecutor(), Platform::runLater);
        view = new DependencyGraphView(viewModel);
        stage.setScene(new Scene(view, 820, 560));
        stage.getScene().getStylesheets().add(io.tviewstudio.app.TviewStudioApp.class.getResource("studio.css").toExternalForm());
        stage.show();
        viewModel.tviews().setAll(List.of(LONG_POST, DemoGraph.CATEGORY, DemoGraph.COMMENT));
    }

    @Test
    void theHighlightedNodesStayInViewBesideTheDetailsAlsoAfterFit(FxRobot robot) {
        robot.interact(() -> viewModel.select("tb_user"));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(viewModel.highlightProperty().get().impact()).contains("tv_post", "tv_category", "tv_comment");
        assertLitNodesVisibleAndUncovered(robot);

        robot.interact(view::fit);
        WaitForAsyncUtils.waitForFxEvents();
        assertLitNodesVisibleAndUncovered(robot);
    }

    /** The graph drawn smaller to stay whole beside the details gets its scale back when they close. */
    @Test
    void closingTheDetailsGivesTheGraphItsScaleBack(FxRobot robot) {
        robot.interact(view::fit);
        WaitForAsyncUtils.waitForFxEvents();
        double fitted = view.canvas().scale();
        robot.interact(() -> viewModel.select("tv_post"));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(view.canvas().scale()).as("beside the details").isLessThan(fitted);
        robot.interact(() -> viewModel.select(null));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#graphDetails").query().isVisible()).isFalse();
        assertThat(view.canvas().scale()).as("the details closed").isCloseTo(fitted, org.assertj.core.data.Offset.offset(1e-6));
    }

    @Test
    void theDefinitionShowsEveryLineWithoutAScrollBarOfItsOwn(FxRobot robot) {
        robot.interact(() -> viewModel.select("tv_post"));
        WaitForAsyncUtils.waitForFxEvents();

        TextArea definition = robot.lookup("#detailsDefinition").queryAs(TextArea.class);
        assertThat(definition.getText().lines()).hasSize(14);
        // The text area's skin sizes it and decides on its scroll bars in layout passes, which a
        // loaded machine may not have run yet when the events are processed: wait for them to settle.
        awaitLayout(() -> definition.getHeight() > 14 * 12 && definition.lookupAll(".scroll-bar").stream()
                .map(ScrollBar.class::cast).noneMatch(bar -> bar.getOrientation() == Orientation.VERTICAL && bar.isVisible()));
        assertThat(definition.lookupAll(".scroll-bar").stream().map(ScrollBar.class::cast)
                .filter(bar -> bar.getOrientation() == Orientation.VERTICAL))
                .allSatisfy(bar -> assertThat(bar.isVisible()).as("the box's own vertical scroll bar").isFalse());
        assertThat(definition.getHeight()).isGreaterThan(14 * 12);
    }

    /** Waits (at most 10 s) until the condition holds on the FX thread; the assertions that follow say what failed. */
    private static void awaitLayout(BooleanSupplier condition) {
        try {
            WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS,
                    () -> WaitForAsyncUtils.asyncFx(condition::getAsBoolean).get());
        } catch (TimeoutException e) {
            // Not settled: the assertions report the state it is in.
        }
    }

    private void assertLitNodesVisibleAndUncovered(FxRobot robot) {
        DagCanvas canvas = view.canvas();
        Bounds canvasOnScene = sceneBounds(canvas);
        Bounds details = sceneBounds(robot.lookup("#graphDetails").query());
        assertThat(robot.lookup("#graphDetails").query().isVisible()).isTrue();
        for (DagLayout.NodeBox box : canvas.graphLayout().boxes()) {
            if (!viewModel.highlightProperty().get().isLit(box.node().name())) {
                continue;
            }
            Bounds node = canvas.localToScene(new BoundingBox(canvas.toPaneX(box.x()), canvas.toPaneY(box.y()),
                    box.width() * canvas.scale(), box.height() * canvas.scale()));
            assertThat(canvasOnScene.contains(node)).as(box.node().name() + " in view").isTrue();
            assertThat(node.intersects(details)).as(box.node().name() + " under the details").isFalse();
        }
    }

    private static Bounds sceneBounds(Node node) {
        return node.localToScene(node.getBoundsInLocal());
    }
}
