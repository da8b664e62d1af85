package io.tviewstudio.core.api;

import io.tviewstudio.core.catalog.TviewStatus;

import java.util.List;

/**
 * A database as {@code tviews status} shows it.
 *
 * @param server           the server's version, e.g. {@code 17.6}
 * @param installedRuntime the runtime version installed; null when none is
 * @param shippedRuntime   the runtime version this library installs
 * @param tviews           every TVIEW with its mode, depth, rows and size; empty without a runtime
 */
public record DatabaseStatus(String server, String installedRuntime, String shippedRuntime, List<TviewStatus> tviews) {

    public DatabaseStatus {
        tviews = List.copyOf(tviews);
    }

    /** Whether the runtime is installed at the version this library ships. */
    public boolean runtimeCurrent() {
        return shippedRuntime.equals(installedRuntime);
    }
}
