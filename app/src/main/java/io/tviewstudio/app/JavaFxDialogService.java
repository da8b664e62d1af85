package io.tviewstudio.app;

import io.tviewstudio.app.help.AboutDialogView;
import io.tviewstudio.app.help.AboutDialogViewModel;
import javafx.stage.Window;

/** {@link DialogService} that shows real JavaFX dialogs, modal to the main window. */
public final class JavaFxDialogService implements DialogService {

    private final Window owner;

    public JavaFxDialogService(Window owner) {
        this.owner = owner;
    }

    @Override
    public void showAbout(AboutDialogViewModel about) {
        AboutDialogView dialog = new AboutDialogView(about);
        dialog.initOwner(owner);
        dialog.showAndWait();
    }
}
