package io.tviewstudio.core.playbook;

/** A base table some exported TVIEW reads, with its row count at export time. */
public record SourceTableSnapshot(String table, long rowCount) {
}
