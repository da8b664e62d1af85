package io.tviewstudio.app;

import io.tviewstudio.app.connection.ConnectionDialogView;
import io.tviewstudio.app.connection.ConnectionInfo;
import io.tviewstudio.app.connection.ConnectionInfoView;
import io.tviewstudio.app.connection.ConnectionDialogViewModel;
import io.tviewstudio.app.help.AboutDialogView;
import io.tviewstudio.app.help.AboutDialogViewModel;
import io.tviewstudio.app.help.DocsLibrary;
import io.tviewstudio.app.help.HelpTopic;
import io.tviewstudio.app.help.HelpWindow;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.scene.control.TextArea;
import javafx.stage.Window;

/** {@link DialogService} that shows real JavaFX dialogs, modal to the main window. */
public final class JavaFxDialogService implements DialogService {

    private final Window owner;
    private final Optional<Consumer<String>> browser;
    private HelpWindow helpWindow;

    /** Without a system browser: web links in the documentation are shown for the user to copy. */
    public JavaFxDialogService(Window owner) {
        this(owner, Optional.empty());
    }

    /** @param browser opens web links of the documentation (HostServices::showDocument) */
    public JavaFxDialogService(Window owner, Optional<Consumer<String>> browser) {
        this.owner = owner;
        this.browser = browser;
    }

    @Override
    public void showAbout(AboutDialogViewModel about) {
        AboutDialogView dialog = new AboutDialogView(about);
        dialog.initOwner(owner);
        dialog.showAndWait();
    }

    /** One Help window for the main window, made (and the docs parsed) the first time it is asked for. */
    @Override
    public void showDocumentation(HelpTopic topic) {
        if (helpWindow == null) {
            try {
                helpWindow = new HelpWindow(owner, DocsLibrary.bundled(), browser);
            } catch (IllegalStateException | java.io.UncheckedIOException e) {
                showError("Documentation", "The documentation could not be opened.", e);
                return;
            }
        }
        helpWindow.show(topic);
    }

    @Override
    public void showError(String title, String message, Throwable error) {
        Alert alert = new Alert(Alert.AlertType.ERROR);
        alert.initOwner(owner);
        alert.setTitle(title);
        alert.setHeaderText(message);
        alert.setContentText(error.getMessage() == null ? error.toString() : error.getMessage());
        alert.getDialogPane().setId("errorDialog");

        StringWriter trace = new StringWriter();
        error.printStackTrace(new PrintWriter(trace));
        TextArea details = new TextArea(trace.toString());
        details.setEditable(false);
        details.setPrefRowCount(14);
        alert.getDialogPane().setExpandableContent(details);
        // Not showAndWait: errors arrive from background tasks, and nothing waits for the answer.
        alert.show();
    }

    @Override
    public void showConnectionInfo(ConnectionInfo info) {
        ConnectionInfoView dialog = new ConnectionInfoView(info);
        dialog.initOwner(owner);
        dialog.show();
    }

    @Override
    public void showConnectionDialog(ConnectionDialogViewModel connection) {
        ConnectionDialogView dialog = new ConnectionDialogView(connection);
        dialog.initOwner(owner);
        if (owner != null && owner.getScene() != null) {
            dialog.getDialogPane().getStylesheets().addAll(owner.getScene().getStylesheets());
        }
        dialog.show();
    }

    @Override
    public boolean confirm(String title, String question) {
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION, question, ButtonType.YES, ButtonType.NO);
        alert.initOwner(owner);
        alert.setTitle(title);
        alert.setHeaderText(null);
        alert.getDialogPane().setId("confirmDialog");
        return alert.showAndWait().filter(ButtonType.YES::equals).isPresent();
    }
}
