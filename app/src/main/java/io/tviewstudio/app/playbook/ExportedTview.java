package io.tviewstudio.app.playbook;

/** One row of the export summary: a TVIEW with its counts and checksum at export time. */
public record ExportedTview(int order, String tview, long rows, long bytes, String checksum) {
}
