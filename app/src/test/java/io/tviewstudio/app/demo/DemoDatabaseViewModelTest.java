package io.tviewstudio.app.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tviewstudio.app.FxThread;
import io.tviewstudio.app.RecordingDialogService;
import io.tviewstudio.app.demo.DemoDatabaseViewModel.State;
import io.tviewstudio.core.catalog.TviewInfo;
import java.io.IOException;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DemoDatabaseViewModelTest {

    private final RecordingDialogService dialogs = new RecordingDialogService();
    private final CountDownLatch release = new CountDownLatch(1);
    private final AtomicInteger serversStopped = new AtomicInteger();
    private DemoDatabaseViewModel viewModel;

    @BeforeAll
    static void startToolkit() {
        FxThread.startToolkit();
    }

    @AfterEach
    void closeViewModel() {
        release.countDown();
        if (viewModel != null) {
            FxThread.run(viewModel::close);
        }
    }

    @Test
    void opensTheRealDemoDatabaseAndListsItsTviews() throws SQLException {
        viewModel = new DemoDatabaseViewModel(DemoSession::start, dialogs);

        FxThread.run(viewModel::open);
        FxThread.waitUntil(120, () -> viewModel.stateProperty().get() != State.STARTING);

        assertThat(viewModel.stateProperty().get()).isEqualTo(State.OPEN);
        assertThat(viewModel.statusTextProperty().get())
                .matches("Connected to demo database \\(PostgreSQL \\d+\\.\\d+\\) \u2014 3 TVIEWs");
        assertThat(viewModel.tviews()).extracting(TviewInfo::table)
                .containsExactly("tv_post", "tv_category", "tv_comment");
        assertThat(viewModel.progressProperty().get()).isEqualTo(1.0);
        assertThat(dialogs.errors).isEmpty();

        String url = viewModel.session().jdbcUrl();
        String password = viewModel.session().password();
        assertThat(viewModel.session().psqlCommand()).matches("PGPASSFILE=\\S+/pgpass psql -h 127\\.0\\.0\\.1 -p \\d+ -U postgres tview_demo");
        DriverManager.getConnection(url, "postgres", password).close();
        viewModel.session().connect().close();
        assertThatThrownBy(() -> DriverManager.getConnection(url, "postgres", "wrong"))
                .isInstanceOf(SQLException.class).extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("28P01");
        FxThread.run(viewModel::close);

        assertThat(viewModel.stateProperty().get()).isEqualTo(State.CLOSED);
        assertThat(viewModel.tviews()).isEmpty();
        assertThatThrownBy(() -> DriverManager.getConnection(url, "postgres", password)).isInstanceOf(SQLException.class);
    }

    @Test
    void showsEachStepAndItsProgressWhileStarting() {
        viewModel = new DemoDatabaseViewModel(progress -> {
            progress.step("Starting PostgreSQL", 0.0);
            progress.step("Loading the sample schema", 0.8);
            return awaitReleaseThenOpen();
        }, dialogs);

        FxThread.run(viewModel::open);
        FxThread.waitUntil(10, () -> viewModel.progressProperty().get() == 0.8);

        assertThat(viewModel.stateProperty().get()).isEqualTo(State.STARTING);
        assertThat(viewModel.statusTextProperty().get())
                .isEqualTo("Opening the demo database: Loading the sample schema\u2026");
    }

    @Test
    void aFailureIsShownInTheStatusAndInAnErrorDialog() {
        IOException failure = new IOException("No PostgreSQL binaries on the classpath\nsecond line");
        viewModel = new DemoDatabaseViewModel(progress -> {
            throw failure;
        }, dialogs);

        FxThread.run(viewModel::open);
        FxThread.waitUntil(10, () -> viewModel.stateProperty().get() == State.FAILED);

        assertThat(viewModel.statusTextProperty().get())
                .isEqualTo("Could not open the demo database: No PostgreSQL binaries on the classpath");
        assertThat(dialogs.errors).singleElement().satisfies(shown -> {
            assertThat(shown.title()).isEqualTo("Demo database");
            assertThat(shown.error()).isSameAs(failure);
        });
        assertThat(viewModel.progressProperty().get()).isZero();
    }

    @Test
    void canBeOpenedAgainAfterAFailure() {
        AtomicInteger attempts = new AtomicInteger();
        viewModel = new DemoDatabaseViewModel(progress -> {
            if (attempts.incrementAndGet() == 1) {
                throw new IOException("first attempt fails");
            }
            return fakeSession();
        }, dialogs);

        FxThread.run(viewModel::open);
        FxThread.waitUntil(10, () -> viewModel.stateProperty().get() == State.FAILED);
        FxThread.run(viewModel::open);
        FxThread.waitUntil(10, () -> viewModel.stateProperty().get() == State.OPEN);

        assertThat(attempts).hasValue(2);
        assertThat(viewModel.statusTextProperty().get()).endsWith("\u2014 0 TVIEWs");
    }

    @Test
    void openingWhileStartingDoesNotStartASecondServer() {
        AtomicInteger attempts = new AtomicInteger();
        viewModel = new DemoDatabaseViewModel(progress -> {
            attempts.incrementAndGet();
            return awaitReleaseThenOpen();
        }, dialogs);

        FxThread.run(viewModel::open);
        FxThread.run(viewModel::open);
        release.countDown();
        FxThread.waitUntil(10, () -> viewModel.stateProperty().get() == State.OPEN);

        assertThat(attempts).hasValue(1);
    }

    @Test
    void closingWhileStartingStopsTheServerOnceItIsUp() {
        viewModel = new DemoDatabaseViewModel(progress -> awaitReleaseThenOpen(), dialogs);

        FxThread.run(viewModel::open);
        FxThread.run(viewModel::close);
        release.countDown();
        FxThread.waitUntil(10, () -> serversStopped.get() == 1);

        assertThat(viewModel.stateProperty().get()).isEqualTo(State.CLOSED);
        assertThat(viewModel.statusTextProperty().get()).isEmpty();
        assertThat(dialogs.errors).isEmpty();
    }

    @Test
    void closingAnOpenDatabaseStopsItsServerOnce() {
        viewModel = new DemoDatabaseViewModel(progress -> fakeSession(), dialogs);
        FxThread.run(viewModel::open);
        FxThread.waitUntil(10, () -> viewModel.stateProperty().get() == State.OPEN);

        FxThread.run(viewModel::close);
        FxThread.run(viewModel::close);

        assertThat(serversStopped).hasValue(1);
    }

    private DemoSession awaitReleaseThenOpen() throws InterruptedException {
        if (!release.await(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the test never released the opener");
        }
        return fakeSession();
    }

    private DemoSession fakeSession() {
        return new DemoSession("17.6", "jdbc:postgresql://127.0.0.1:1/tview_demo", List.of(),
                serversStopped::incrementAndGet);
    }
}
