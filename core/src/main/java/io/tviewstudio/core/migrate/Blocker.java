package io.tviewstudio.core.migrate;

import io.tviewstudio.core.analysis.ErrorCode;

/** Why a materialized view cannot become a TVIEW as proposed, with the runtime's code and what to do instead. */
public record Blocker(ErrorCode code, String message, String workaround) {

    @Override
    public String toString() {
        return code + " " + code.errorName() + ": " + message + (workaround == null ? "" : " (workaround: " + workaround + ")");
    }
}
