package io.tviewstudio.core.install;

/**
 * What {@link RuntimeInstaller#uninstall} removed.
 *
 * @param removedVersion the runtime version that was installed; null when none was, and nothing was done
 * @param droppedTviews  how many TVIEWs were dropped with it (their base tables stay)
 */
public record RuntimeRemoval(String removedVersion, long droppedTviews) {

    /** Whether a runtime was installed and is gone now. */
    public boolean removed() {
        return removedVersion != null;
    }
}
