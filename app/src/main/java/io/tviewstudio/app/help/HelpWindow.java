package io.tviewstudio.app.help;

import java.util.Optional;
import java.util.function.Consumer;
import javafx.scene.Scene;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.stage.Stage;
import javafx.stage.Window;

/** The Help window: one documentation browser, kept open beside the main window and reused. */
public final class HelpWindow {

    private static final String STYLESHEET = "help.css";

    private final Stage stage = new Stage();
    private final DocsBrowserView view;

    /**
     * @param owner   the main window (the help window stays above it, and closes with it)
     * @param browser opens web links in the system browser, if there is one
     */
    public HelpWindow(Window owner, DocsLibrary library, Optional<Consumer<String>> browser) {
        view = new DocsBrowserView(new DocsBrowserViewModel(library, browser));
        Scene scene = new Scene(view, 1120, 760);
        if (owner != null && owner.getScene() != null) {
            scene.getStylesheets().addAll(owner.getScene().getStylesheets());
        }
        scene.getStylesheets().add(HelpWindow.class.getResource(STYLESHEET).toExternalForm());
        stage.setScene(scene);
        stage.titleProperty().bind(view.viewModel().titleProperty().map(title -> title + " \u2014 TVIEW Studio Help"));
        if (owner != null) {
            stage.initOwner(owner);
        }
        stage.setMinWidth(560);
        stage.setMinHeight(360);
        closeOnEscapeOrCtrlW(scene);
    }

    /** Escape and Ctrl+W close the window, unless a control uses the key first (an open menu, say). */
    private void closeOnEscapeOrCtrlW(Scene scene) {
        KeyCombination closeTab = new KeyCodeCombination(KeyCode.W, KeyCombination.SHORTCUT_DOWN);
        scene.addEventHandler(KeyEvent.KEY_PRESSED, event -> {
            if (event.getCode() == KeyCode.ESCAPE || closeTab.match(event)) {
                event.consume();
                stage.close();
            }
        });
    }

    /** Shows the window at a place in the documentation. */
    public void show(HelpTopic topic) {
        // Shown first, so that the page is laid out at the window's size when a heading is revealed.
        stage.show();
        stage.toFront();
        view.viewModel().open(topic);
    }

    public DocsBrowserView view() {
        return view;
    }

    public Stage stage() {
        return stage;
    }
}
