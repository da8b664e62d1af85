package io.tviewstudio.tools.bench;

/** Hears what a run is doing: progress for the impatient, warnings that must not be missed. */
public interface BenchListener {

    void progress(String message);

    /** A skipped variant or a failed consistency check. */
    void warning(String message);
}
