package io.tviewstudio.app.graph;

import static org.assertj.core.api.Assertions.assertThat;

import io.tviewstudio.app.graph.layout.ElkLayeredLayout;
import io.tviewstudio.app.graph.model.DemoGraph;
import java.util.List;
import java.util.concurrent.Executors;
import javafx.application.Platform;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Labeled;
import javafx.scene.layout.HBox;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The graph pane narrowed as far as the divider at ~520 px, and further: every tool and legend entry stays whole. */
@ExtendWith(ApplicationExtension.class)
class NarrowGraphPaneAppTest {

    private static final double PANE_WIDTH = 520;

    private DependencyGraphView view;

    @Start
    void start(Stage stage) {
        DependencyGraphViewModel viewModel = new DependencyGraphViewModel(new ElkLayeredLayout()::layout,
                Executors.newSingleThreadExecutor(), Platform::runLater);
        view = new DependencyGraphView(viewModel);
        // The pane as wide as the split pane leaves it; the window (shared by the tests) keeps its size.
        narrowTo(PANE_WIDTH);
        Scene scene = new Scene(new HBox(view), 1000, 640);
        scene.getStylesheets().add(io.tviewstudio.app.TviewStudioApp.class.getResource("studio.css").toExternalForm());
        stage.setScene(scene);
        stage.show();
        viewModel.tviews().setAll(DemoGraph.BLOG);
    }

    @Test
    void at520PixelsTheToolsTitleAndLegendAreWholeAndInsideThePane(FxRobot robot) {
        WaitForAsyncUtils.waitForFxEvents();
        assertWholeAndInside(robot);
        Bounds toolbar = bounds(robot.lookup("#graphToolbar").query());
        assertThat(bounds(robot.lookup("#graphFit").query()).getMinY()).as("one line of tools")
                .isLessThan(toolbar.getMinY() + toolbar.getHeight() / 2);
    }

    @Test
    void narrowerStillTheToolsMoveBelowTheTitleAndTheLegendWraps(FxRobot robot) {
        robot.interact(() -> narrowTo(360));
        WaitForAsyncUtils.waitForFxEvents();
        assertWholeAndInside(robot);
        assertThat(bounds(robot.lookup("#graphSearch").query()).getMinY())
                .isGreaterThan(bounds(robot.lookup("#dependencyGraphPaneTitle").query()).getMaxY());
        // The header grows to its second line: the graph below does not cover the tools.
        double graphTop = bounds(robot.lookup("#graphBody").query()).getMinY();
        for (String id : List.of("#graphSearch", "#graphZoomOut", "#graphFit", "#graphExport")) {
            assertThat(bounds(robot.lookup(id).query()).getMaxY()).as(id + " above the graph").isLessThanOrEqualTo(graphTop);
        }
    }

    private void assertWholeAndInside(FxRobot robot) {
        Bounds pane = bounds(view);
        for (String id : List.of("#dependencyGraphPaneTitle", "#graphZoomOut", "#graphZoomIn", "#graphFit", "#graphExport")) {
            Labeled labeled = robot.lookup(id).queryAs(Labeled.class);
            assertThat(shownText(labeled)).as(id).isEqualTo(labeled.getText());
            assertThat(pane.contains(bounds(labeled))).as(id + " inside the pane").isTrue();
        }
        assertThat(robot.lookup("#graphSearch").query().getBoundsInLocal().getWidth()).isGreaterThanOrEqualTo(80);
        Bounds body = bounds(robot.lookup("#graphBody").query());
        assertThat(body.contains(bounds(robot.lookup("#graphLegend").query()))).as("legend inside the graph").isTrue();
        for (Node label : robot.lookup("#graphLegend .graph-legend-label").queryAll()) {
            assertThat(shownText((Labeled) label)).isEqualTo(((Labeled) label).getText());
            assertThat(body.contains(bounds(label))).as(((Labeled) label).getText()).isTrue();
        }
    }

    private void narrowTo(double width) {
        view.setMinWidth(width);
        view.setPrefWidth(width);
        view.setMaxWidth(width);
    }

    private static String shownText(Labeled labeled) {
        Node text = labeled.lookup(".text");
        return text instanceof Text shown ? shown.getText() : "";
    }

    private static Bounds bounds(Node node) {
        return node.localToScene(node.getBoundsInLocal());
    }
}
