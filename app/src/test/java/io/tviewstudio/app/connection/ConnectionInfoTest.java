package io.tviewstudio.app.connection;

import static org.assertj.core.api.Assertions.assertThat;

import io.tviewstudio.core.connect.PasswordSource;
import io.tviewstudio.core.connect.ResolvedConnection;
import java.util.List;
import java.util.Properties;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.TextField;
import javafx.scene.input.Clipboard;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** File › Connection info (issue #20, item 3): what it says about a server and the demo, and its Copy button. */
@ExtendWith(ApplicationExtension.class)
class ConnectionInfoTest {

    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        stage.setScene(new Scene(new StackPane(), 320, 120));
        stage.show();
    }

    private static ResolvedConnection target(String database, String user, PasswordSource password) {
        return new ResolvedConnection("jdbc:postgresql://db.example:5433/" + database, new Properties(), "db.example", 5433,
                database, user, password, null, List.of());
    }

    @Test
    void aServerShowsWhereAndAsWhomAndAPsqlCommandQuotedForTheShell() {
        ConnectionInfo info = ConnectionInfo.of("prod", target("shop db", "app", PasswordSource.PASSWORD_FILE), null);

        assertThat(info.title()).isEqualTo("prod");
        assertThat(info.entries()).extracting(e -> e.label() + ": " + e.value()).containsExactly(
                "Server: db.example:5433", "Database: shop db", "User: app", "Password: from the password file");
        assertThat(info.psqlCommand()).isEqualTo("psql -h db.example -p 5433 -U app 'shop db'");
        assertThat(ConnectionInfo.shellWord("it's")).isEqualTo("'it'\\''s'");
    }

    @Test
    void theDemoGivesItsOwnCommandNamingThePasswordFileAndCopyPutsItOnTheClipboard(FxRobot robot) {
        String demoCommand = "PGPASSFILE=/tmp/tviews-demo-1/pgpass psql -h 127.0.0.1 -p 54321 -U postgres tview_demo";
        ConnectionInfo info = ConnectionInfo.of("demo", target("tview_demo", "postgres", PasswordSource.EXPLICIT), demoCommand);
        assertThat(info.title()).isEqualTo("Demo database");
        assertThat(info.entries().get(3).value()).isEqualTo("generated for this start, in the password file the command names");

        robot.interact(() -> {
            ConnectionInfoView dialog = new ConnectionInfoView(info);
            dialog.initOwner(stage);
            dialog.show();
        });
        assertThat(robot.lookup("#psqlCommandField").queryAs(TextField.class).getText()).isEqualTo(demoCommand);
        assertThat(robot.lookup("#psqlCommandField").queryAs(TextField.class).isEditable()).isFalse();

        robot.clickOn("#copyPsqlButton");
        assertThat(robot.lookup("#copyPsqlButton").queryAs(Button.class).getText()).isEqualTo("Copied");
        String[] clipboard = new String[1];
        robot.interact(() -> clipboard[0] = Clipboard.getSystemClipboard().getString());
        assertThat(clipboard[0]).isEqualTo(demoCommand);

        robot.clickOn("Close");
        assertThat(robot.lookup("#connectionInfoDialog").tryQuery()).isEmpty();
    }
}
