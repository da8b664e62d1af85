package io.tviewstudio.app.help;

import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;

/** The About dialog: product name, versions (application, TVIEW runtime, Java) and a one-line description. */
public final class AboutDialogView extends Dialog<ButtonType> {

    public AboutDialogView(AboutDialogViewModel viewModel) {
        titleProperty().bind(viewModel.titleProperty());

        Label heading = label("aboutHeading", "about-heading");
        heading.textProperty().bind(viewModel.headingProperty());
        Label version = label("aboutVersion", "about-version");
        version.textProperty().bind(viewModel.versionTextProperty());
        Label runtime = label("aboutRuntime", "about-version");
        runtime.textProperty().bind(viewModel.runtimeTextProperty());
        Label platform = label("aboutPlatform", "about-version");
        platform.textProperty().bind(viewModel.platformTextProperty());
        Label description = label("aboutDescription", "about-description");
        description.textProperty().bind(viewModel.descriptionProperty());
        description.setWrapText(true);
        description.setMaxWidth(360);

        VBox content = new VBox(8, heading, version, runtime, platform, description);
        getDialogPane().setId("aboutDialog");
        getDialogPane().setContent(content);
        getDialogPane().getButtonTypes().add(ButtonType.CLOSE);
    }

    private static Label label(String id, String styleClass) {
        Label label = new Label();
        label.setId(id);
        label.getStyleClass().add(styleClass);
        return label;
    }
}
