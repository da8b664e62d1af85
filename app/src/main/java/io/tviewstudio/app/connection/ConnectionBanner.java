package io.tviewstudio.app.connection;

import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TextArea;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** The strip over the work area that says what is wrong with the database and offers the fix. */
public final class ConnectionBanner extends HBox {

    public ConnectionBanner(DatabaseViewModel viewModel) {
        setId("connectionBanner");
        getStyleClass().add("connection-banner");
        setAlignment(Pos.CENTER_LEFT);
        setSpacing(12);

        Label headline = new Label();
        headline.setId("bannerHeadline");
        headline.getStyleClass().add("banner-headline");
        headline.textProperty().bind(viewModel.bannerHeadlineProperty());
        Label message = new Label();
        message.setId("bannerMessage");
        message.setWrapText(true);
        message.textProperty().bind(viewModel.bannerMessageProperty());
        // The GRANT statements of missing rights: read-only but selectable, to paste into psql.
        TextArea details = new TextArea();
        details.setId("bannerDetails");
        details.getStyleClass().add("banner-details");
        details.setEditable(false);
        details.setWrapText(false);
        details.textProperty().bind(viewModel.bannerDetailsProperty());
        details.prefRowCountProperty().bind(javafx.beans.binding.Bindings.createIntegerBinding(
                () -> (int) Math.max(1, viewModel.bannerDetailsProperty().get().lines().count()),
                viewModel.bannerDetailsProperty()));
        details.visibleProperty().bind(viewModel.bannerDetailsProperty().isNotEmpty());
        details.managedProperty().bind(details.visibleProperty());
        VBox text = new VBox(2, headline, message, details);
        HBox.setHgrow(text, Priority.ALWAYS);

        ProgressBar progress = new ProgressBar();
        progress.setId("bannerProgress");
        progress.setPrefWidth(140);
        progress.progressProperty().bind(viewModel.progressProperty());
        progress.visibleProperty().bind(viewModel.stateProperty().isEqualTo(DatabaseViewModel.State.INSTALLING_RUNTIME));
        progress.managedProperty().bind(progress.visibleProperty());

        Button action = new Button();
        action.setId("bannerAction");
        action.getStyleClass().add("banner-action");
        action.textProperty().bind(viewModel.bannerActionProperty());
        action.visibleProperty().bind(viewModel.bannerActionProperty().isNotEmpty());
        action.managedProperty().bind(action.visibleProperty());
        action.setOnAction(event -> viewModel.runBannerAction());

        getChildren().addAll(text, progress, action);
        visibleProperty().bind(viewModel.bannerHeadlineProperty().isNotEmpty());
        managedProperty().bind(visibleProperty());
    }
}
