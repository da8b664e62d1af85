package io.tviewstudio.app;

import javafx.application.Application;

/**
 * Entry point for classpath launches. The JavaFX launcher refuses to start a main class that
 * extends {@link Application} when JavaFX is not on the module path, so this plain class starts it.
 */
public final class Launcher {

    private Launcher() {
    }

    public static void main(String[] args) {
        Application.launch(TviewStudioApp.class, args);
    }
}
