package io.tviewstudio.app;

import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.text.TextAlignment;

/** A titled, empty area that marks where a feature view will go. */
final class PlaceholderPane extends VBox {

    PlaceholderPane(String id, String title, String hint) {
        setId(id);
        getStyleClass().add("placeholder-pane");

        Label heading = new Label(title);
        heading.setId(id + "Title");
        heading.getStyleClass().add("placeholder-title");
        heading.setMaxWidth(Double.MAX_VALUE);

        Label hintLabel = new Label(hint);
        hintLabel.getStyleClass().add("placeholder-hint");
        hintLabel.setWrapText(true);
        hintLabel.setTextAlignment(TextAlignment.CENTER);
        StackPane body = new StackPane(hintLabel);
        body.setAlignment(Pos.CENTER);
        VBox.setVgrow(body, Priority.ALWAYS);

        getChildren().addAll(heading, body);
    }
}
