package io.tviewstudio.core.playbook;

/** Told about each step of a long playbook operation, e.g. to drive a progress bar or print a line. */
@FunctionalInterface
public interface PlaybookProgress {

    /**
     * @param done    steps finished before this one (0-based index of this step)
     * @param total   all steps, when known; otherwise 0
     * @param message what this step does
     */
    void step(int done, int total, String message);

    PlaybookProgress NONE = (done, total, message) -> { };
}
