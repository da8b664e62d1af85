package io.tviewstudio.app.playbook;

/** A TVIEW's rows after the restore against the export: count and checksum both ways. */
public record ChecksumRow(String tview, long exportedRows, String currentRows, String exportedChecksum, String currentChecksum,
                          boolean matches) {
}
