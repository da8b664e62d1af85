package io.tviewstudio.app.connection;

import static org.assertj.core.api.Assertions.assertThat;

import io.tviewstudio.core.connect.ConnectionFailure;
import io.tviewstudio.core.connect.ConnectionSpec;
import io.tviewstudio.core.connect.FailureCategory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dialog's view-model without the JavaFX toolkit: the login and its outcome run on the calling
 * thread (both executors are {@code Runnable::run}), so each step is done when its call returns.
 */
class ConnectionDialogViewModelTest {

    @TempDir
    Path directory;

    private final List<ConnectionSpec> attempts = new ArrayList<>();

    private ConnectionDialogViewModel dialog(SessionOpener opener) {
        return new ConnectionDialogViewModel((spec, label) -> {
            attempts.add(spec);
            return opener.open(spec, label);
        }, new ProfileStore(directory.resolve("profiles.json")), Runnable::run, Runnable::run, session -> { });
    }

    @Test
    void anInvalidPortIsRefusedBeforeAnyAttempt() {
        ConnectionDialogViewModel dialog = dialog((spec, label) -> null);
        dialog.portProperty().set("54x2");
        dialog.connect();

        assertThat(attempts).isEmpty();
        assertThat(dialog.errorHeadlineProperty().get()).isEqualTo("Invalid connection settings");
        assertThat(dialog.errorMessageProperty().get()).isEqualTo("invalid port number \"54x2\"");
        assertThat(dialog.errorHintProperty().get()).isEqualTo("Give a port between 1 and 65535.");
    }

    @Test
    void everyFailureCategoryIsShownWithItsHeadlineMessageAndHintAndNothingIsSaved() {
        for (FailureCategory category : FailureCategory.values()) {
            ConnectionDialogViewModel dialog = dialog((spec, label) -> {
                throw new ConnectionFailure(category, null, "message of " + category, "hint of " + category, null);
            });
            dialog.connect();

            assertThat(dialog.errorHeadlineProperty().get()).isEqualTo(FailureText.headline(category)).isNotBlank();
            assertThat(dialog.errorMessageProperty().get()).isEqualTo("message of " + category);
            assertThat(dialog.errorHintProperty().get()).isEqualTo("hint of " + category);
            assertThat(dialog.connectedProperty().get()).isFalse();
            assertThat(dialog.savedProfiles()).isEmpty();
        }
    }

    @Test
    void theTypedPasswordGoesToTheAttemptAndAProfileFillsEveryFieldButThePassword() {
        ConnectionDialogViewModel dialog = dialog((spec, label) -> {
            throw new ConnectionFailure(FailureCategory.WRONG_PASSWORD, "28P01", "wrong", null, null);
        });
        dialog.hostProperty().set("db.example");
        dialog.databaseProperty().set("app");
        dialog.passwordProperty().set("typed");
        dialog.connect();
        assertThat(attempts).singleElement().satisfies(spec -> {
            assertThat(spec.password()).isEqualTo("typed");
            assertThat(spec.host()).isEqualTo("db.example");
            assertThat(spec.port()).isEqualTo(5432);
        });

        dialog.fill(new ConnectionProfile("saved", null, "h2", 6000, "d2", "u2", "require", null));
        assertThat(dialog.hostProperty().get()).isEqualTo("h2");
        assertThat(dialog.portProperty().get()).isEqualTo("6000");
        assertThat(dialog.sslmodeProperty().get()).isEqualTo("require");
        assertThat(dialog.passwordProperty().get()).isEmpty();
    }

    @Test
    void theOutcomeReachesThePropertiesOnlyThroughTheUiExecutor() {
        List<Runnable> uiQueue = new ArrayList<>();
        ConnectionDialogViewModel dialog = new ConnectionDialogViewModel((spec, label) -> {
            throw new ConnectionFailure(FailureCategory.WRONG_PASSWORD, "28P01", "wrong", null, null);
        }, new ProfileStore(directory.resolve("profiles.json")), Runnable::run, uiQueue::add, session -> { });

        dialog.connect();

        assertThat(dialog.connectingProperty().get()).as("still connecting until the UI runs the outcome").isTrue();
        assertThat(dialog.errorMessageProperty().get()).isEmpty();
        assertThat(uiQueue).hasSize(1);

        uiQueue.getFirst().run();

        assertThat(dialog.connectingProperty().get()).isFalse();
        assertThat(dialog.errorMessageProperty().get()).isEqualTo("wrong");
    }
}
