package io.tviewstudio.app.tools;

import java.awt.Desktop;
import java.io.IOException;
import java.nio.file.Path;

/** Shows a folder in the desktop's file manager. Tests pass one that records the path. */
@FunctionalInterface
public interface FolderOpener {

    /** Opens the folder; blocking, so call it off the JavaFX thread. */
    void open(Path folder) throws IOException;

    /** The desktop's file manager (java.awt.Desktop), where the platform has one. */
    static FolderOpener desktop() {
        return folder -> {
            if (!Desktop.isDesktopSupported() || !Desktop.getDesktop().isSupported(Desktop.Action.OPEN)) {
                throw new IOException("this desktop cannot open folders; the playbook is in " + folder);
            }
            Desktop.getDesktop().open(folder.toFile());
        };
    }
}
