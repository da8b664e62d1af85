package io.tviewstudio.app.help;

import io.tviewstudio.app.AppInfo;
import io.tviewstudio.core.api.TviewStudio;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/** What the About dialog says: the application's version, the TVIEW runtime it installs and the Java it runs on. */
public final class AboutDialogViewModel {

    private final ReadOnlyStringWrapper title;
    private final ReadOnlyStringWrapper heading;
    private final ReadOnlyStringWrapper versionText;
    private final ReadOnlyStringWrapper runtimeText = new ReadOnlyStringWrapper(
            "TVIEW runtime " + TviewStudio.shippedRuntimeVersion() + " (installed into databases by this version)");
    private final ReadOnlyStringWrapper platformText = new ReadOnlyStringWrapper(
            "Java " + System.getProperty("java.runtime.version", Runtime.version().toString())
                    + " (" + System.getProperty("java.vendor", "unknown vendor") + "), JavaFX "
                    + System.getProperty("javafx.runtime.version", "unknown"));
    private final ReadOnlyStringWrapper description = new ReadOnlyStringWrapper(
            "Incrementally maintained JSONB read models (TVIEWs) for every PostgreSQL:"
                    + " design, install, monitor and recover them.");

    public AboutDialogViewModel(AppInfo appInfo) {
        title = new ReadOnlyStringWrapper("About " + appInfo.productName());
        heading = new ReadOnlyStringWrapper(appInfo.productName());
        versionText = new ReadOnlyStringWrapper("Version " + appInfo.version());
    }

    public ReadOnlyStringProperty titleProperty() {
        return title.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty headingProperty() {
        return heading.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty versionTextProperty() {
        return versionText.getReadOnlyProperty();
    }

    /** The version of the TVIEW runtime (SQL) this application installs and upgrades databases to. */
    public ReadOnlyStringProperty runtimeTextProperty() {
        return runtimeText.getReadOnlyProperty();
    }

    /** The Java runtime and JavaFX the application runs on (the bundled ones in the installed app). */
    public ReadOnlyStringProperty platformTextProperty() {
        return platformText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty descriptionProperty() {
        return description.getReadOnlyProperty();
    }
}
