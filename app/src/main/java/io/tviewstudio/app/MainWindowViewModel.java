package io.tviewstudio.app;

import io.tviewstudio.app.help.AboutDialogViewModel;
import java.util.Objects;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/** State and actions of the main window. Holds no nodes; {@link MainWindowView} binds to it. */
public final class MainWindowViewModel {

    static final String NOT_CONNECTED = "Not connected";
    static final String CONNECT_NOT_AVAILABLE = "Connecting to a server is not available yet";
    static final String DEMO_NOT_AVAILABLE = "The demo database is not available yet";

    private final DialogService dialogService;
    private final AppInfo appInfo;
    private final Runnable quitAction;

    private final ReadOnlyStringWrapper windowTitle;
    private final ReadOnlyStringWrapper statusText = new ReadOnlyStringWrapper(NOT_CONNECTED);

    public MainWindowViewModel(DialogService dialogService, AppInfo appInfo, Runnable quitAction) {
        this.dialogService = Objects.requireNonNull(dialogService);
        this.appInfo = Objects.requireNonNull(appInfo);
        this.quitAction = Objects.requireNonNull(quitAction);
        this.windowTitle = new ReadOnlyStringWrapper(appInfo.productName());
    }

    public ReadOnlyStringProperty windowTitleProperty() {
        return windowTitle.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusTextProperty() {
        return statusText.getReadOnlyProperty();
    }

    public void connect() {
        statusText.set(NOT_CONNECTED + " \u2014 " + CONNECT_NOT_AVAILABLE);
    }

    public void openDemoDatabase() {
        statusText.set(NOT_CONNECTED + " \u2014 " + DEMO_NOT_AVAILABLE);
    }

    public void showAbout() {
        dialogService.showAbout(new AboutDialogViewModel(appInfo));
    }

    public void quit() {
        quitAction.run();
    }
}
