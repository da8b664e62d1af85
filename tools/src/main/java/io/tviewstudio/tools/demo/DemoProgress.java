package io.tviewstudio.tools.demo;

/** Receives the steps of starting the demo database, for a progress display. */
@FunctionalInterface
public interface DemoProgress {

    /** No progress display. */
    DemoProgress NONE = (step, fraction) -> { };

    /**
     * A step begins.
     *
     * @param step     what happens now, e.g. "Installing the TVIEW runtime"
     * @param fraction how much of the whole start-up is done, from 0.0 to 1.0
     */
    void step(String step, double fraction);
}
