package io.tviewstudio.app;

import java.io.PrintStream;
import java.util.List;
import java.util.Objects;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;

/**
 * {@value #FLAG}: the application shows its main window, reports on standard output once the first
 * scene has been laid out for rendering, and exits with status 0 without opening the demo database.
 * The packaging check starts the installed launcher this way to prove that the bundled runtime,
 * JavaFX and the application jars work together (see packaging/check.sh).
 *
 * @param out  where the report goes ({@code System.out} in the application)
 * @param exit what ends the application ({@code Platform::exit} in the application)
 */
public record SmokeTest(PrintStream out, Runnable exit) {

    public static final String FLAG = "--smoke-test";
    /** The words the packaging check looks for in the report line. */
    public static final String FIRST_SCENE_SHOWN = "first scene shown";

    public SmokeTest {
        Objects.requireNonNull(out);
        Objects.requireNonNull(exit);
    }

    /** Whether the command-line arguments ask for a smoke test (other arguments are ignored, as before). */
    public static boolean requested(List<String> arguments) {
        return arguments.contains(FLAG);
    }

    /** The smoke test of a real launch: reports on standard output, exits through {@link Platform#exit()}. */
    public static SmokeTest ofProcess() {
        return new SmokeTest(System.out, Platform::exit);
    }

    /**
     * Arms the report for the first layout pulse of the stage's scene. Call it before
     * {@code stage.show()}: the pulse listener then runs exactly once, after the window appeared.
     */
    public void reportFirstScene(Stage stage, AppInfo appInfo) {
        Scene scene = stage.getScene();
        Runnable[] listener = new Runnable[1];
        listener[0] = () -> {
            scene.removePostLayoutPulseListener(listener[0]);
            out.println(report(stage, scene, appInfo));
            out.flush();
            // Later, so that the pulse that showed the scene completes before the toolkit stops.
            Platform.runLater(exit);
        };
        scene.addPostLayoutPulseListener(listener[0]);
    }

    // The runtime's location lets the check prove that the bundled runtime, not a system JDK, ran.
    static String report(Stage stage, Scene scene, AppInfo appInfo) {
        return String.format("%s %s: %s (window \"%s\", %dx%d, showing=%s, JavaFX %s, Java %s at %s)",
                appInfo.productName(), appInfo.version(), FIRST_SCENE_SHOWN, stage.getTitle(),
                Math.round(scene.getWidth()), Math.round(scene.getHeight()), stage.isShowing(),
                System.getProperty("javafx.runtime.version"), Runtime.version(), System.getProperty("java.home"));
    }
}
