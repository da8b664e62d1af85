package io.tviewstudio.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.tviewstudio.app.help.AboutDialogViewModel;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MainWindowViewModelTest {

    private final List<AboutDialogViewModel> aboutDialogsShown = new ArrayList<>();
    private final DialogService dialogService = aboutDialogsShown::add;
    private int quitRequests;

    private final MainWindowViewModel viewModel = new MainWindowViewModel(
            dialogService, new AppInfo("TVIEW Studio", "9.8.7"), () -> quitRequests++);

    @Test
    void startsNotConnectedWithTheProductAsWindowTitle() {
        assertThat(viewModel.windowTitleProperty().get()).isEqualTo("TVIEW Studio");
        assertThat(viewModel.statusTextProperty().get()).isEqualTo("Not connected");
    }

    @Test
    void connectSaysItIsNotAvailableYetAndStaysNotConnected() {
        viewModel.connect();

        assertThat(viewModel.statusTextProperty().get())
                .startsWith("Not connected")
                .contains(MainWindowViewModel.CONNECT_NOT_AVAILABLE);
    }

    @Test
    void openDemoDatabaseSaysItIsNotAvailableYet() {
        viewModel.openDemoDatabase();

        assertThat(viewModel.statusTextProperty().get())
                .startsWith("Not connected")
                .contains(MainWindowViewModel.DEMO_NOT_AVAILABLE);
    }

    @Test
    void showAboutAsksTheDialogServiceForAnAboutDialogWithTheVersion() {
        viewModel.showAbout();

        assertThat(aboutDialogsShown).singleElement().satisfies(about -> {
            assertThat(about.titleProperty().get()).isEqualTo("About TVIEW Studio");
            assertThat(about.headingProperty().get()).isEqualTo("TVIEW Studio");
            assertThat(about.versionTextProperty().get()).isEqualTo("Version 9.8.7");
        });
    }

    @Test
    void quitRunsTheQuitActionOnce() {
        viewModel.quit();

        assertThat(quitRequests).isEqualTo(1);
    }
}
