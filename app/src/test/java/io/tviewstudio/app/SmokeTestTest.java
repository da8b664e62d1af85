package io.tviewstudio.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.tviewstudio.app.demo.StartupSettings;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The application started with --smoke-test (as packaging/check.sh starts the packaged launcher). */
@ExtendWith(ApplicationExtension.class)
class SmokeTestTest {

    private final ByteArrayOutputStream output = new ByteArrayOutputStream();
    private final AtomicInteger exits = new AtomicInteger();

    @Start
    void start(Stage stage) {
        SmokeTest smokeTest = new SmokeTest(new PrintStream(output, true, StandardCharsets.UTF_8), exits::incrementAndGet);
        // Demo settings: the smoke test must not open the demo database even when it would.
        new TviewStudioApp(StartupSettings.demo(), Optional.of(smokeTest)).start(stage);
    }

    @Test
    void reportsTheFirstSceneOnceAndExitsWithoutOpeningTheDemo(FxRobot robot) {
        FxThread.waitUntil(30, () -> exits.get() > 0);

        assertThat(exits).hasValue(1);
        assertThat(output.toString(StandardCharsets.UTF_8)).matches(
                "TVIEW Studio \\S+: first scene shown \\(window \"TVIEW Studio\", 1200x760, showing=true, "
                        + "JavaFX \\S+, Java \\S+ at \\S.*\\)\\R");
        assertThat(robot.lookup("#statusBar #statusText").queryAs(Label.class).getText()).isEqualTo("Not connected");
    }

    @Test
    void isRequestedByItsFlagOnly() {
        assertThat(SmokeTest.requested(List.of("--smoke-test"))).isTrue();
        assertThat(SmokeTest.requested(List.of("--verbose", "--smoke-test"))).isTrue();
        assertThat(SmokeTest.requested(List.of())).isFalse();
        assertThat(SmokeTest.requested(List.of("--smoke-testing", "smoke-test"))).isFalse();
    }
}
