package io.tviewstudio.app.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.tviewstudio.app.FxThread;
import io.tviewstudio.tools.demo.LoadGenerator;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The panel's logic without a database: detached, and attached to a server that refuses connections. */
class LoadGeneratorViewModelTest {

    private final LoadGeneratorViewModel viewModel = new LoadGeneratorViewModel();

    @BeforeAll
    static void startToolkit() {
        FxThread.startToolkit();
    }

    @AfterEach
    void close() {
        FxThread.run(viewModel::close);
    }

    @Test
    void withoutADatabaseTheCommandsDoNothing() {
        viewModel.start();
        viewModel.togglePause();

        assertThat(viewModel.availableProperty().get()).isFalse();
        assertThat(viewModel.stateProperty().get()).isEqualTo(LoadGenerator.State.STOPPED);
        assertThat(viewModel.stats()).isNull();
        assertThat(viewModel.rateProperty().get()).isEqualTo(LoadGeneratorViewModel.DEFAULT_RATE);
        assertThat(viewModel.clientsProperty().get()).isEqualTo(LoadGeneratorViewModel.DEFAULT_CLIENTS);
    }

    @Test
    void failingConnectionsAreCountedAsErrorsAndShownWithTheirCode() {
        FxThread.run(() -> {
            viewModel.attach(() -> {
                throw new SQLException("Connection to 127.0.0.1:1 refused.", "08001");
            });
            viewModel.clientsProperty().set(2);
            viewModel.rateProperty().set(100);
            viewModel.start();
        });
        assertThat(viewModel.availableProperty().get()).isTrue();
        assertThat(viewModel.stateProperty().get()).isEqualTo(LoadGenerator.State.RUNNING);

        FxThread.waitUntil(20, () -> {
            viewModel.refresh();
            return !viewModel.errorsProperty().get().equals("0");
        });
        assertThat(viewModel.lastErrorProperty().get()).matches("[a-z ]+: \\[08001\\] Connection to 127.0.0.1:1 refused.");
        assertThat(viewModel.operationsProperty().get()).isEqualTo("0");
        FxThread.waitUntil(20, () -> viewModel.stats().clients() == 2 && viewModel.stats().targetRate() == 100);

        FxThread.run(viewModel::togglePause);
        assertThat(viewModel.stateProperty().get()).isEqualTo(LoadGenerator.State.PAUSED);
        FxThread.run(viewModel::togglePause);
        assertThat(viewModel.stateProperty().get()).isEqualTo(LoadGenerator.State.RUNNING);

        FxThread.run(viewModel::stop);
        FxThread.waitUntil(20, () -> viewModel.stats().state() == LoadGenerator.State.STOPPED);

        FxThread.run(viewModel::detach);
        assertThat(viewModel.availableProperty().get()).isFalse();
        assertThat(viewModel.errorsProperty().get()).isEqualTo("0");
    }

    @Test
    void theRateIsShownInWholeOperationsPerSecond() {
        assertThat(LoadGeneratorViewModel.rateText(39.6)).isEqualTo("40 ops/s");
    }
}
