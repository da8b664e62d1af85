package io.tviewstudio.app.connection;

import static org.assertj.core.api.Assertions.assertThat;

import io.tviewstudio.app.FxThread;
import io.tviewstudio.core.connect.ConnectionSpec;
import io.tviewstudio.core.connect.Environment;
import io.tviewstudio.core.testing.ManagedServiceDatabase;
import io.tviewstudio.core.testing.TestDatabase;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javafx.application.Platform;
import javafx.scene.control.TextArea;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * "Install runtime" from the banner, logged in as a role that lacks a right the install needs:
 * the banner names each missing right and offers the GRANT statements to copy; nothing is
 * installed; after the GRANT the same button installs.
 */
class DatabaseViewModelInstallTest {

    @TempDir
    Path home;

    private ManagedServiceDatabase managed;
    private DatabaseViewModel viewModel;

    @BeforeAll
    static void startToolkit() {
        FxThread.startToolkit();
    }

    @AfterEach
    void close() throws Exception {
        if (viewModel != null) {
            FxThread.run(viewModel::close);
        }
        managed.close();
    }

    @Test
    void aRoleWithoutCreateOnPublicSeesTheMissingRightAndItsGrantThenInstallsAfterTheGrant() throws Exception {
        managed = ManagedServiceDatabase.create();
        TestDatabase db = managed.db();
        String installer = "mgd_installer_" + db.name();
        db.execute("CREATE ROLE " + installer + " LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE");
        List<String> before = managed.catalogSnapshot();
        DatabaseSession session = DatabaseSession.open(new ConnectionSpec(db.jdbcUrl(), null, null, null, installer,
                null, null, null, null), new Environment(Map.of(), home), "managed");
        viewModel = new DatabaseViewModel(Platform::runLater);
        ConnectionBanner[] banner = new ConnectionBanner[1];

        FxThread.run(() -> {
            banner[0] = new ConnectionBanner(viewModel);
            viewModel.attach(session);
        });
        FxThread.waitUntil(30, () -> viewModel.stateProperty().get() == DatabaseViewModel.State.RUNTIME_MISSING);
        FxThread.run(viewModel::runBannerAction);
        FxThread.waitUntil(30, () -> viewModel.bannerHeadlineProperty().get().equals("Missing rights to install the runtime"));

        assertThat(viewModel.stateProperty().get()).isEqualTo(DatabaseViewModel.State.RUNTIME_MISSING);
        assertThat(viewModel.bannerMessageProperty().get()).isEqualTo("role " + installer
                + " cannot install the TVIEW runtime: 1 right is missing; nothing was installed.\n"
                + "\u2022 role " + installer + " lacks CREATE on schema public "
                + "(the runtime's tables, views, functions and type are created in schema public)\n"
                + "Run these statements as a superuser or the owner of each object, then try again:");
        assertThat(viewModel.bannerDetailsProperty().get()).isEqualTo("GRANT CREATE ON SCHEMA public TO " + installer + ";");
        assertThat(viewModel.bannerActionProperty().get()).isEqualTo(DatabaseViewModel.INSTALL_RUNTIME);
        // The banner shows the statements in a read-only text area, so they can be selected and copied.
        TextArea details = (TextArea) banner[0].lookup("#bannerDetails");
        assertThat(details.isVisible()).isTrue();
        assertThat(details.isEditable()).isFalse();
        assertThat(details.getText()).isEqualTo("GRANT CREATE ON SCHEMA public TO " + installer + ";");
        assertThat(managed.catalogSnapshot()).isEqualTo(before);

        db.execute(viewModel.bannerDetailsProperty().get());
        FxThread.run(viewModel::runBannerAction);
        FxThread.waitUntil(60, () -> viewModel.stateProperty().get() == DatabaseViewModel.State.CONNECTED);
        assertThat(viewModel.bannerHeadlineProperty().get()).isEmpty();
        assertThat(viewModel.bannerDetailsProperty().get()).isEmpty();
        assertThat(details.isVisible()).isFalse();
        assertThat(db.scalar("SELECT installed_by::text FROM pg_tviews_runtime")).isEqualTo(installer);
    }
}
