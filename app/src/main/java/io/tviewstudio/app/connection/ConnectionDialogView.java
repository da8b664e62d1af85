package io.tviewstudio.app.connection;

import javafx.event.ActionEvent;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextField;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The connect dialog: saved profiles on the left, the connection fields on the right, and the
 * failure of the last attempt under them. "Connect" keeps the dialog open until a login works.
 */
public final class ConnectionDialogView extends Dialog<Void> {

    public static final ButtonType CONNECT = new ButtonType("Connect", ButtonBar.ButtonData.OK_DONE);

    public ConnectionDialogView(ConnectionDialogViewModel viewModel) {
        setTitle("Connect to a database");
        getDialogPane().setId("connectionDialog");
        getDialogPane().getStyleClass().add("connection-dialog");
        getDialogPane().getButtonTypes().addAll(CONNECT, ButtonType.CANCEL);
        getDialogPane().setContent(new HBox(14, profiles(viewModel), form(viewModel)));
        getDialogPane().setPrefWidth(720);

        Button connect = (Button) getDialogPane().lookupButton(CONNECT);
        connect.setId("connectButton");
        connect.disableProperty().bind(viewModel.connectingProperty());
        // The dialog stays open: a failed login is shown here and the user corrects a field.
        connect.addEventFilter(ActionEvent.ACTION, event -> {
            event.consume();
            viewModel.connect();
        });
        viewModel.connectedProperty().addListener((observable, old, connected) -> {
            if (connected) {
                close();
            }
        });
        setResultConverter(button -> null);
    }

    private static Node profiles(ConnectionDialogViewModel viewModel) {
        Label heading = new Label("Saved profiles");
        heading.getStyleClass().add("dialog-section");
        ListView<ConnectionProfile> list = new ListView<>(viewModel.savedProfiles());
        list.setId("profileList");
        list.setPrefWidth(200);
        list.setPlaceholder(new Label("No saved profiles"));
        list.setCellFactory(view -> new ListCell<>() {
            @Override
            protected void updateItem(ConnectionProfile profile, boolean empty) {
                super.updateItem(profile, empty);
                if (empty || profile == null) {
                    setText(null);
                    setGraphic(null);
                } else {
                    Label name = new Label(profile.name());
                    name.getStyleClass().add("profile-name");
                    Label target = new Label(profile.target());
                    target.getStyleClass().add("profile-target");
                    setText(null);
                    setGraphic(new VBox(1, name, target));
                }
            }
        });
        list.getSelectionModel().selectedItemProperty().addListener(
                (observable, old, profile) -> viewModel.selectedProfileProperty().set(profile));
        Button delete = new Button("Delete");
        delete.setId("deleteProfileButton");
        delete.disableProperty().bind(list.getSelectionModel().selectedItemProperty().isNull());
        delete.setOnAction(event -> viewModel.deleteSelectedProfile());
        VBox.setVgrow(list, Priority.ALWAYS);
        return new VBox(6, heading, list, delete);
    }

    private static Node form(ConnectionDialogViewModel viewModel) {
        GridPane grid = new GridPane();
        grid.setHgap(10);
        grid.setVgap(7);
        ColumnConstraints labels = new ColumnConstraints();
        ColumnConstraints fields = new ColumnConstraints();
        fields.setHgrow(Priority.ALWAYS);
        grid.getColumnConstraints().addAll(labels, fields);

        TextField name = field("profileNameField", viewModel.profileNameProperty(), "e.g. production reporting");
        CheckBox useUrl = new CheckBox("Use a JDBC URL");
        useUrl.setId("useUrlCheckBox");
        useUrl.selectedProperty().bindBidirectional(viewModel.useUrlProperty());
        TextField url = field("urlField", viewModel.urlProperty(), "jdbc:postgresql://host:5432/database");
        TextField host = field("hostField", viewModel.hostProperty(), "localhost");
        TextField port = field("portField", viewModel.portProperty(), "5432");
        TextField database = field("databaseField", viewModel.databaseProperty(), "same as the user");
        TextField service = field("serviceField", viewModel.serviceProperty(), "a section of ~/.pg_service.conf");
        TextField user = field("userField", viewModel.userProperty(), System.getProperty("user.name"));
        PasswordField password = new PasswordField();
        password.setId("passwordField");
        password.setPromptText("from ~/.pgpass or PGPASSWORD when empty");
        password.textProperty().bindBidirectional(viewModel.passwordProperty());
        ComboBox<String> sslmode = new ComboBox<>();
        sslmode.setId("sslmodeBox");
        sslmode.getItems().setAll(ConnectionDialogViewModel.SSL_MODES);
        sslmode.valueProperty().bindBidirectional(viewModel.sslmodeProperty());
        sslmode.setMaxWidth(Double.MAX_VALUE);
        CheckBox save = new CheckBox("Save as profile (the password is never saved)");
        save.setId("saveProfileCheckBox");
        save.selectedProperty().bindBidirectional(viewModel.saveProfileProperty());

        for (Node partsOnly : new Node[]{host, port, database, service}) {
            partsOnly.disableProperty().bind(viewModel.useUrlProperty());
        }
        url.disableProperty().bind(viewModel.useUrlProperty().not());

        int row = 0;
        grid.addRow(row++, new Label("Profile name"), name);
        grid.add(useUrl, 1, row++);
        grid.addRow(row++, new Label("URL"), url);
        grid.addRow(row++, new Label("Host"), host);
        grid.addRow(row++, new Label("Port"), port);
        grid.addRow(row++, new Label("Database"), database);
        grid.addRow(row++, new Label("Service"), service);
        grid.addRow(row++, new Label("User"), user);
        grid.addRow(row++, new Label("Password"), password);
        grid.addRow(row++, new Label("SSL mode"), sslmode);
        grid.add(save, 1, row);

        ProgressIndicator spinner = new ProgressIndicator();
        spinner.setPrefSize(18, 18);
        spinner.visibleProperty().bind(viewModel.connectingProperty());
        spinner.managedProperty().bind(spinner.visibleProperty());
        Label progress = new Label();
        progress.setId("connectProgress");
        progress.textProperty().bind(viewModel.progressTextProperty());
        HBox progressRow = new HBox(8, spinner, progress);

        VBox form = new VBox(10, grid, progressRow, errorBox(viewModel));
        form.setPadding(new Insets(0, 0, 0, 4));
        HBox.setHgrow(form, Priority.ALWAYS);
        return form;
    }

    private static Node errorBox(ConnectionDialogViewModel viewModel) {
        Label headline = new Label();
        headline.setId("connectErrorHeadline");
        headline.getStyleClass().add("error-headline");
        headline.textProperty().bind(viewModel.errorHeadlineProperty());
        Label message = new Label();
        message.setId("connectErrorMessage");
        message.setWrapText(true);
        message.textProperty().bind(viewModel.errorMessageProperty());
        // Without a minimum height a wrapping label in a dialog is cut to one line with "...".
        message.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        Label hint = new Label();
        hint.setId("connectErrorHint");
        hint.getStyleClass().add("error-hint");
        hint.setWrapText(true);
        hint.textProperty().bind(viewModel.errorHintProperty());
        hint.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        VBox box = new VBox(3, headline, message, hint);
        box.setId("connectError");
        box.getStyleClass().add("error-box");
        box.setMaxWidth(470);
        box.visibleProperty().bind(viewModel.errorHeadlineProperty().isNotEmpty());
        box.managedProperty().bind(box.visibleProperty());
        return box;
    }

    private static TextField field(String id, javafx.beans.property.StringProperty value, String prompt) {
        TextField field = new TextField();
        field.setId(id);
        field.setPromptText(prompt);
        field.textProperty().bindBidirectional(value);
        return field;
    }
}
