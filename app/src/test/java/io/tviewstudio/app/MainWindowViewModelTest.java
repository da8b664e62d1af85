package io.tviewstudio.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.tviewstudio.app.demo.DemoDatabaseViewModel;
import io.tviewstudio.app.demo.DemoSession;
import io.tviewstudio.app.demo.StartupSettings;
import io.tviewstudio.core.catalog.TviewInfo;
import io.tviewstudio.core.catalog.TviewSource;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.application.Platform;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class MainWindowViewModelTest {

    private final RecordingDialogService dialogService = new RecordingDialogService();
    private final AtomicInteger demoOpenings = new AtomicInteger();
    private int quitRequests;

    private static final TviewInfo POST = new TviewInfo("post", "tv_post", 0, 2,
            List.of(new TviewSource("tb_post", "table", "root", "pk_post", "pk_post")));

    private final DemoDatabaseViewModel demo = new DemoDatabaseViewModel(progress -> {
        demoOpenings.incrementAndGet();
        return new DemoSession("17.6", "jdbc:postgresql://127.0.0.1:1/tview_demo", List.of(POST), () -> { });
    }, dialogService);

    private final MainWindowViewModel viewModel = new MainWindowViewModel(
            dialogService, new AppInfo("TVIEW Studio", "9.8.7"), () -> quitRequests++, demo, Platform::runLater);

    @BeforeAll
    static void startToolkit() {
        FxThread.startToolkit();
    }

    @AfterEach
    void closeWindow() {
        FxThread.run(viewModel::close);
    }

    @Test
    void startsNotConnectedWithTheProductAsWindowTitle() {
        assertThat(viewModel.windowTitleProperty().get()).isEqualTo("TVIEW Studio");
        assertThat(viewModel.statusTextProperty().get()).isEqualTo("Not connected");
        assertThat(viewModel.busyProperty().get()).isFalse();
        assertThat(viewModel.openDemoDisabledProperty().get()).isFalse();
        assertThat(viewModel.workAreaProperty().get()).isEqualTo(MainWindowViewModel.WorkArea.DESIGN);
    }

    @Test
    void showEditorSwitchesToTheDesignWorkAreaAndBringsTheWindowForward() {
        AtomicInteger broughtForward = new AtomicInteger();
        viewModel.setOnBringForward(broughtForward::incrementAndGet);
        viewModel.workAreaProperty().set(MainWindowViewModel.WorkArea.METRICS);

        viewModel.showEditor();

        assertThat(viewModel.workAreaProperty().get()).isEqualTo(MainWindowViewModel.WorkArea.DESIGN);
        assertThat(broughtForward).hasValue(1);

        // Already on Design: the window still comes forward, for a second proposal.
        viewModel.showEditor();
        assertThat(broughtForward).hasValue(2);
    }

    @Test
    void connectionInfoWithoutADatabaseSaysHowToOpenOne() {
        viewModel.showConnectionInfo();

        assertThat(dialogService.connectionInfos).hasSize(1);
        assertThat(dialogService.connectionInfos.getFirst().title()).isEqualTo("Not connected");
        assertThat(dialogService.connectionInfos.getFirst().psqlCommand()).isNull();
    }

    @Test
    void connectOpensTheConnectionDialogAndStaysNotConnected() {
        viewModel.connect();

        assertThat(dialogService.connectionDialogs).hasSize(1);
        assertThat(viewModel.statusTextProperty().get()).isEqualTo("Not connected");
    }

    @Test
    void startupWithoutAServerOpensTheDemoDatabase() {
        FxThread.run(() -> viewModel.startup(StartupSettings.demo()));
        FxThread.waitUntil(10, () -> viewModel.statusTextProperty().get().startsWith("Connected"));

        assertThat(demoOpenings).hasValue(1);
        assertThat(viewModel.statusTextProperty().get())
                .isEqualTo("Connected to demo database (PostgreSQL 17.6) \u2014 1 TVIEW");
        assertThat(viewModel.openDemoDisabledProperty().get()).isTrue();
    }

    @Test
    void theDemoTviewsReachTheDependencyGraphEvenAfterAGarbageCollection() {
        // Catches bindings that hang on weak listeners only.
        System.gc();

        FxThread.run(viewModel::openDemoDatabase);
        FxThread.waitUntil(10, () -> viewModel.statusTextProperty().get().startsWith("Connected"));

        assertThat(viewModel.dependencyGraph().tviews()).containsExactly(POST);
        assertThat(viewModel.dependencyGraph().emptyProperty().get()).isFalse();

        FxThread.run(viewModel::close);
        assertThat(viewModel.dependencyGraph().tviews()).isEmpty();
    }

    @Test
    void whileTheDemoStartsTheWindowIsBusyAndTheGraphIsLoading() {
        CountDownLatch release = new CountDownLatch(1);
        MainWindowViewModel starting = new MainWindowViewModel(dialogService, new AppInfo("TVIEW Studio", "9.8.7"),
                () -> { }, new DemoDatabaseViewModel(progress -> {
                    release.await(30, TimeUnit.SECONDS);
                    return new DemoSession("17.6", "jdbc:postgresql://127.0.0.1:1/tview_demo", List.of(), () -> { });
                }, dialogService), Platform::runLater);
        try {
            FxThread.run(starting::openDemoDatabase);

            assertThat(starting.busyProperty().get()).isTrue();
            assertThat(starting.openDemoDisabledProperty().get()).isTrue();
            assertThat(starting.dependencyGraph().loadingProperty().get()).isTrue();
            assertThat(starting.statusTextProperty().get()).startsWith("Opening the demo database");
        } finally {
            release.countDown();
            FxThread.run(starting::close);
        }
    }

    @Test
    void startupWithAConfiguredServerConnectsToItInTheDialogInsteadOfOpeningTheDemo() {
        FxThread.run(() -> viewModel.startup(new StartupSettings(Optional.of("jdbc:postgresql://127.0.0.1:1/app"), false)));

        assertThat(demoOpenings).hasValue(0);
        assertThat(dialogService.connectionDialogs).singleElement().satisfies(dialog -> {
            assertThat(dialog.useUrlProperty().get()).isTrue();
            assertThat(dialog.urlProperty().get()).isEqualTo("jdbc:postgresql://127.0.0.1:1/app");
            FxThread.waitUntil(30, () -> !dialog.connectingProperty().get());
            assertThat(dialog.errorHeadlineProperty().get()).isEqualTo("Server unreachable");
            assertThat(dialog.errorMessageProperty().get()).startsWith("cannot reach PostgreSQL at 127.0.0.1:1");
        });
    }

    @Test
    void closeStopsTheDemoAndSaysNotConnected() {
        FxThread.run(viewModel::openDemoDatabase);
        FxThread.waitUntil(10, () -> viewModel.statusTextProperty().get().startsWith("Connected"));

        FxThread.run(viewModel::close);

        assertThat(viewModel.statusTextProperty().get()).isEqualTo("Not connected");
        assertThat(viewModel.openDemoDisabledProperty().get()).isFalse();
    }

    @Test
    void showAboutAsksTheDialogServiceForAnAboutDialogWithTheVersion() {
        viewModel.showAbout();

        assertThat(dialogService.aboutDialogs).singleElement().satisfies(about -> {
            assertThat(about.titleProperty().get()).isEqualTo("About TVIEW Studio");
            assertThat(about.headingProperty().get()).isEqualTo("TVIEW Studio");
            assertThat(about.versionTextProperty().get()).isEqualTo("Version 9.8.7");
            assertThat(about.runtimeTextProperty().get())
                    .isEqualTo("TVIEW runtime " + io.tviewstudio.core.install.RuntimeVersion.shipped()
                            + " (installed into databases by this version)");
            assertThat(about.platformTextProperty().get())
                    .startsWith("Java " + System.getProperty("java.runtime.version")).contains("JavaFX ");
        });
    }

    @Test
    void helpDocumentationOpensTheIndex() {
        viewModel.showDocumentation();

        assertThat(dialogService.documentation).containsExactly(io.tviewstudio.app.help.HelpTopic.INDEX);
    }

    @Test
    void quitRunsTheQuitActionOnce() {
        viewModel.quit();

        assertThat(quitRequests).isEqualTo(1);
        assertThat(dialogService.questions).as("nothing unsaved: no question").isEmpty();
    }

    @Test
    void quitWithUnsavedTextAsksAndStaysWhenTheUserKeepsIt() {
        FxThread.run(() -> viewModel.editor().textProperty().set("SELECT 1"));
        dialogService.answer = false;

        viewModel.quit();
        assertThat(viewModel.mayClose()).isFalse();

        assertThat(quitRequests).isZero();
        assertThat(dialogService.questions).hasSize(2).allMatch(q -> q.endsWith("has unsaved changes. Discard them?"));

        dialogService.answer = true;
        viewModel.quit();
        assertThat(quitRequests).isEqualTo(1);
    }
}
