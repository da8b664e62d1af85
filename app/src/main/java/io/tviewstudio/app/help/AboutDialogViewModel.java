package io.tviewstudio.app.help;

import io.tviewstudio.app.AppInfo;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/** What the About dialog says. */
public final class AboutDialogViewModel {

    private final ReadOnlyStringWrapper title;
    private final ReadOnlyStringWrapper heading;
    private final ReadOnlyStringWrapper versionText;
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

    public ReadOnlyStringProperty descriptionProperty() {
        return description.getReadOnlyProperty();
    }
}
