package io.tviewstudio.app.tools;

import static io.tviewstudio.app.FxThread.waitUntil;

import static org.assertj.core.api.Assertions.assertThat;

import io.tviewstudio.app.AppInfo;
import io.tviewstudio.app.JavaFxDialogService;
import io.tviewstudio.app.MainWindowView;
import io.tviewstudio.app.MainWindowViewModel;
import io.tviewstudio.app.connection.DatabaseSession;
import io.tviewstudio.app.connection.ProfileStore;
import io.tviewstudio.app.demo.DemoDatabaseViewModel;
import io.tviewstudio.app.demo.DemoOpener;
import io.tviewstudio.app.graph.render.PngWriter;
import io.tviewstudio.core.connect.Environment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/** The main window as the tool window tests drive it: real dialogs, real sessions, the Database menu. */
public final class ToolWindowFixture {

    public final MainWindowViewModel viewModel;
    public final MainWindowView view;
    public final DemoDatabaseViewModel demo;

    public ToolWindowFixture(Stage stage, Path home, DemoOpener demo) {
        Environment environment = new Environment(Map.of(), home);
        this.demo = new DemoDatabaseViewModel(demo, new io.tviewstudio.app.RecordingDialogService());
        viewModel = new MainWindowViewModel(new JavaFxDialogService(stage), new AppInfo("TVIEW Studio", "test"),
                stage::close, this.demo,
                (spec, label) -> DatabaseSession.open(spec, environment, label),
                ProfileStore.inConfigDirectory(environment), work -> new Thread(work, "test-background").start(),
                Platform::runLater);
        view = new MainWindowView(viewModel);
        Scene scene = new Scene(view, 1280, 800);
        scene.getStylesheets().add(MainWindowView.class.getResource("studio.css").toExternalForm());
        stage.setScene(scene);
        stage.show();
    }

    /** Connects through the connect dialog as the superuser and waits until the status bar says so. */
    public void connect(FxRobot robot, String jdbcUrl, String statusEnd) {
        robot.interact(viewModel::connect);
        robot.interact(() -> {
            robot.lookup("#useUrlCheckBox").queryAs(CheckBox.class).setSelected(true);
            robot.lookup("#urlField").queryAs(TextField.class).setText(jdbcUrl);
            robot.lookup("#userField").queryAs(TextField.class).setText("postgres");
            robot.lookup("#saveProfileCheckBox").queryAs(CheckBox.class).setSelected(false);
        });
        robot.clickOn("#connectButton");
        waitUntil(60, () -> robot.lookup("#statusText").queryAs(Label.class).getText().endsWith(statusEnd)
                || robot.lookup("#bannerHeadline").queryAs(Label.class).getText().endsWith(statusEnd));
    }

    /** Chooses an item of the Database menu, as a click on it would. */
    public void chooseFromDatabaseMenu(FxRobot robot, String itemId) {
        MenuItem item = robot.lookup("#menuBar").queryAs(MenuBar.class).getMenus().stream()
                .filter(menu -> "databaseMenu".equals(menu.getId())).findFirst().orElseThrow()
                .getItems().stream().filter(menuItem -> itemId.equals(menuItem.getId())).findFirst().orElseThrow();
        assertThat(item.isDisable()).as(itemId + " enabled").isFalse();
        robot.interact(item::fire);
    }

    /** Answers the confirmation dialog with Yes, after checking its question. */
    public static String confirm(FxRobot robot) {
        waitUntil(10, () -> robot.lookup("#confirmDialog").tryQuery().isPresent());
        DialogPane question = robot.lookup("#confirmDialog").queryAs(DialogPane.class);
        String text = question.getContentText();
        robot.clickOn(question.lookupButton(ButtonType.YES));
        return text;
    }

    public static Label label(FxRobot robot, String query) {
        return robot.lookup(query).queryAs(Label.class);
    }

    public static void setText(FxRobot robot, String query, String text) {
        robot.interact(() -> robot.lookup(query).queryAs(TextField.class).setText(text));
    }

    public static Window windowOf(FxRobot robot, String rootId) {
        waitUntil(10, () -> robot.lookup("#" + rootId).tryQuery().isPresent());
        return robot.lookup("#" + rootId).query().getScene().getWindow();
    }
}
