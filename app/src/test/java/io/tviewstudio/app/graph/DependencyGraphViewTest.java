package io.tviewstudio.app.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.tviewstudio.app.graph.model.DagLayout;
import io.tviewstudio.app.graph.model.DemoGraph;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Executors;
import javafx.application.Platform;
import javafx.geometry.Point2D;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The graph pane in a real (headless) scene, fed the demo blog's catalog. */
@ExtendWith(ApplicationExtension.class)
class DependencyGraphViewTest {

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    private DependencyGraphViewModel viewModel;
    private DependencyGraphView view;

    @TempDir
    Path dir;

    @Start
    void start(Stage stage) {
        viewModel = new DependencyGraphViewModel(new io.tviewstudio.app.graph.layout.ElkLayeredLayout()::layout,
                Executors.newSingleThreadExecutor(), Platform::runLater);
        view = new DependencyGraphView(viewModel);
        Scene scene = new Scene(view, 1000, 640);
        scene.getStylesheets().add(io.tviewstudio.app.TviewStudioApp.class.getResource("studio.css").toExternalForm());
        stage.setScene(scene);
        stage.show();
        viewModel.tviews().setAll(DemoGraph.BLOG);
    }

    @Test
    void drawsEveryTableAndTviewOfTheCatalog() {
        WaitForAsyncUtils.waitForFxEvents();
        DagCanvas canvas = view.canvas();

        assertThat(canvas.graphLayout().boxes()).hasSize(7);
        assertThat(canvas.lastFrame().nodes()).isEqualTo(7);
        assertThat(canvas.lastFrame().edges()).isEqualTo(8);
        assertThat(canvas.lastFrame().text()).isTrue();
    }

    @Test
    void clickingANodeShowsItsDetailsAndClickingTheBackgroundHidesThem(FxRobot robot) {
        robot.clickOn(onScreen("tv_comment"));

        assertThat(viewModel.selectedProperty().get()).isEqualTo("tv_comment");
        assertThat(robot.lookup("#graphDetails").query().isVisible()).isTrue();
        assertThat(label(robot, "#detailsName")).isEqualTo("tv_comment");
        assertThat(label(robot, "#detailsKind")).isEqualTo("TVIEW");
        assertThat(label(robot, "#detailsRefreshMode")).isEqualTo("deferred");
        assertThat(label(robot, "#detailsRows")).isEqualTo("648 rows");
        assertThat(label(robot, "#detailsSize")).isEqualTo("160 kB");

        // The pane's top left corner: no node there, and no overlay over it.
        DagCanvas canvas = view.canvas();
        assertThat(canvas.graphLayout().nodeAt(canvas.toGraphX(4), canvas.toGraphY(4))).isEmpty();
        robot.clickOn(canvas.localToScreen(4, 4));

        assertThat(viewModel.selectedProperty().get()).isEmpty();
        assertThat(robot.lookup("#graphDetails").query().isVisible()).isFalse();
    }

    @Test
    void selectingATableHighlightsEveryTviewItRefreshes(FxRobot robot) {
        robot.clickOn(onScreen("tb_post"));

        assertThat(view.canvas().lastFrame().nodes()).isEqualTo(7);
        assertThat(viewModel.highlightProperty().get().impact())
                .containsExactlyInAnyOrder("tv_post", "tv_category", "tv_comment");
        assertThat(label(robot, "#detailsKind")).isEqualTo("BASE TABLE");
        assertThat(label(robot, "#detailsAWriteRefreshes")).isEqualTo("3 TVIEWs");
        assertThat(robot.lookup("#detailsImpact").queryAs(VBox.class).getChildren())
                .extracting(node -> ((Label) node).getText()).containsExactly("tv_post", "tv_category", "tv_comment");

        robot.clickOn("#detailsClose");
        assertThat(viewModel.highlightProperty().get().active()).isFalse();
    }

    @Test
    void searchSelectsTheNodeAndBringsItToTheMiddle(FxRobot robot) {
        robot.clickOn("#graphSearch").write("category").type(KeyCode.ENTER);

        assertThat(viewModel.selectedProperty().get()).isEqualTo("tb_category");
        assertThat(label(robot, "#graphMessage")).isEqualTo("1 of 2 matches");
        DagCanvas canvas = view.canvas();
        DagLayout.NodeBox box = canvas.graphLayout().box("tb_category").orElseThrow();
        assertThat(canvas.toPaneX(box.centerX())).isCloseTo(canvas.getWidth() / 2, within(1.0));
        assertThat(canvas.toPaneY(box.centerY())).isCloseTo(canvas.getHeight() / 2, within(1.0));
        assertThat(canvas.scale()).isGreaterThanOrEqualTo(1);

        robot.doubleClickOn("#graphSearch").eraseText(20).write("nope").type(KeyCode.ENTER);
        assertThat(label(robot, "#graphMessage")).isEqualTo("No table or TVIEW matches \u201cnope\u201d");
        assertThat(robot.lookup("#graphSearch").queryAs(TextField.class).getText()).isEqualTo("nope");
    }

    @Test
    void dragPansWheelAndButtonsZoomAndFitShowsEverything(FxRobot robot) {
        DagCanvas canvas = view.canvas();
        double fitScale = canvas.scale();
        double x = canvas.translateXValue();
        Point2D empty = canvas.localToScreen(20, canvas.getHeight() - 60);

        robot.drag(empty, MouseButton.PRIMARY).moveBy(80, -30).release(MouseButton.PRIMARY);
        assertThat(canvas.translateXValue()).isCloseTo(x + 80, within(2.0));
        assertThat(viewModel.selectedProperty().get()).as("a drag is no click").isEmpty();

        robot.clickOn("#graphZoomIn");
        assertThat(canvas.scale()).isCloseTo(fitScale * DagCanvas.STEP, within(1e-9));
        robot.clickOn("#graphZoomOut").clickOn("#graphZoomOut");
        assertThat(canvas.scale()).isCloseTo(fitScale / DagCanvas.STEP, within(1e-9));
        robot.moveTo(canvas).scroll(3, javafx.geometry.VerticalDirection.UP);
        assertThat(canvas.scale()).isNotCloseTo(fitScale / DagCanvas.STEP, within(1e-6));

        robot.clickOn("#graphFit");
        assertThat(canvas.scale()).isEqualTo(fitScale);
        DagLayout layout = canvas.graphLayout();
        assertThat(canvas.toPaneX(0)).isGreaterThanOrEqualTo(0);
        assertThat(canvas.toPaneX(layout.width())).isLessThanOrEqualTo(canvas.getWidth());
        assertThat(canvas.toPaneY(layout.height())).isLessThanOrEqualTo(canvas.getHeight());
    }

    @Test
    void exportsThePngAndSvgFilesOfTheWholeGraph(FxRobot robot) throws IOException {
        robot.clickOn(onScreen("tb_user"));
        Path png = dir.resolve("graph.png");
        Path svg = dir.resolve("graph.svg");

        robot.interact(() -> {
            assertThat(view.exportPng(png)).isTrue();
            assertThat(view.exportSvg(svg)).isTrue();
        });

        byte[] image = Files.readAllBytes(png);
        assertThat(Arrays.copyOf(image, 8)).isEqualTo(PNG_SIGNATURE);
        DagLayout layout = view.canvas().graphLayout();
        int width = java.nio.ByteBuffer.wrap(image, 16, 4).getInt();
        int height = java.nio.ByteBuffer.wrap(image, 20, 4).getInt();
        assertThat(width).isEqualTo((int) Math.ceil(layout.width() * DagCanvas.EXPORT_SCALE));
        assertThat(height).isEqualTo((int) Math.ceil(layout.height() * DagCanvas.EXPORT_SCALE));
        javafx.scene.image.Image decoded = new javafx.scene.image.Image(png.toUri().toString());
        assertThat(decoded.isError()).as("a PNG that JavaFX itself reads back").isFalse();
        assertThat(decoded.getWidth()).isEqualTo(width);

        String drawing = Files.readString(svg);
        for (String name : viewModel.dagProperty().get().graphNodes().stream().map(node -> node.name()).toList()) {
            assertThat(drawing).contains(">" + name + "</text>");
        }
        assertThat(drawing).contains("stroke=\"#e8590c\"").as("the selected node's outline");
        assertThat(label(robot, "#graphMessage")).isEqualTo("Exported graph.svg");
    }

    private Point2D onScreen(String name) {
        WaitForAsyncUtils.waitForFxEvents();
        DagCanvas canvas = view.canvas();
        DagLayout.NodeBox box = canvas.graphLayout().box(name).orElseThrow();
        return canvas.localToScreen(canvas.toPaneX(box.centerX()), canvas.toPaneY(box.centerY()));
    }

    private static String label(FxRobot robot, String query) {
        return robot.lookup(query).queryAs(Label.class).getText();
    }
}
