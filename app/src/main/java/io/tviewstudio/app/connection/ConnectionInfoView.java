package io.tviewstudio.app.connection;

import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;

/** File › Connection info: the open database's address and login, and a psql command to copy. */
public final class ConnectionInfoView extends Dialog<ButtonType> {

    public ConnectionInfoView(ConnectionInfo info) {
        setTitle("Connection info");
        setHeaderText(info.title());
        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(6);
        int row = 0;
        for (ConnectionInfo.Entry entry : info.entries()) {
            grid.addRow(row++, new Label(entry.label()), readOnly(entry.value(), null));
        }
        if (info.psqlCommand() != null) {
            TextField command = readOnly(info.psqlCommand(), "psqlCommandField");
            command.setPrefColumnCount(72);  // the demo's command is about 100 characters
            Button copy = new Button("Copy");
            copy.setId("copyPsqlButton");
            copy.setOnAction(event -> {
                ClipboardContent content = new ClipboardContent();
                content.putString(command.getText());
                Clipboard.getSystemClipboard().setContent(content);
                copy.setText("Copied");
            });
            HBox line = new HBox(6, command, copy);
            HBox.setHgrow(command, Priority.ALWAYS);
            grid.addRow(row, new Label("psql"), line);
        }
        setResizable(true);
        getDialogPane().setId("connectionInfoDialog");
        getDialogPane().setContent(grid);
        getDialogPane().getButtonTypes().add(ButtonType.CLOSE);
    }

    /** A value the user can select and copy but not change. */
    private static TextField readOnly(String value, String id) {
        TextField field = new TextField(value);
        field.setEditable(false);
        field.setFocusTraversable(true);
        if (id != null) {
            field.setId(id);
        }
        return field;
    }
}
