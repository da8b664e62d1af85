package io.tviewstudio.app.playbook;

/** One line of a restore plan: what happens to one TVIEW, and what its rows must be afterwards. */
public record PlanStep(int order, String tview, String state, String action, long expectedRows, String expectedChecksum) {
}
