package io.tviewstudio.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.tviewstudio.app.graph.render.PngWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import javafx.stage.Window;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** Runs view-model code on the JavaFX thread (headless Monocle toolkit) and waits for it. */
public final class FxThread {

    private FxThread() {
    }

    /** Starts the JavaFX toolkit if this JVM has not yet. */
    public static void startToolkit() {
        try {
            FxToolkit.registerPrimaryStage();
        } catch (TimeoutException e) {
            throw new IllegalStateException("the JavaFX toolkit did not start", e);
        }
    }

    /** Runs the action on the JavaFX thread and returns when it and the events it queued are done. */
    public static void run(Runnable action) {
        WaitForAsyncUtils.waitFor(WaitForAsyncUtils.asyncFx(action));
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Waits until the condition, checked on the JavaFX thread, holds; fails after the timeout. */
    public static void waitUntil(long seconds, BooleanSupplier condition) {
        try {
            WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS,
                    () -> WaitForAsyncUtils.waitForAsyncFx(10_000, condition::getAsBoolean));
        } catch (TimeoutException e) {
            throw new AssertionError("condition not met within " + seconds + " s", e);
        }
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Writes the window as the user sees it to target/screenshots/NAME (copied to docs/images by hand for the guides). */
    public static void screenshot(Window window, String name) {
        Path file = Path.of("target", "screenshots", name);
        WaitForAsyncUtils.waitForFxEvents();
        WaitForAsyncUtils.waitFor(WaitForAsyncUtils.asyncFx(() -> {
            try {
                Files.createDirectories(file.getParent());
                PngWriter.write(window.getScene().snapshot(null), file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }));
        assertThat(file).isNotEmptyFile();
    }
}
