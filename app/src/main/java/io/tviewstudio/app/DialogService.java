package io.tviewstudio.app;

import io.tviewstudio.app.connection.ConnectionDialogViewModel;
import io.tviewstudio.app.connection.ConnectionInfo;
import io.tviewstudio.app.help.AboutDialogViewModel;
import io.tviewstudio.app.help.HelpTopic;

/**
 * Everything a view model may ask of dialogs. View models call this instead of creating
 * windows, so their tests can pass a recording fake.
 */
public interface DialogService {

    void showAbout(AboutDialogViewModel about);

    /** Opens the documentation (the Help window) at a page or heading, without waiting. */
    void showDocumentation(HelpTopic topic);

    /** Tells the user that something failed, with the error's details on request. */
    void showError(String title, String message, Throwable error);

    /** Shows the connect dialog without waiting; it closes itself once a login worked. */
    void showConnectionDialog(ConnectionDialogViewModel connection);

    /** File › Connection info: where the open database is, and the psql command that opens it. */
    void showConnectionInfo(ConnectionInfo info);

    /** Asks a yes/no question (e.g. discard unsaved changes); true for yes. */
    boolean confirm(String title, String question);
}
