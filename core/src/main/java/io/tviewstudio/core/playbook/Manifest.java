package io.tviewstudio.core.playbook;

import java.util.List;

/**
 * What a playbook holds ({@code manifest.json}): where and when it was exported, the runtime version,
 * every TVIEW in dependency order and the base tables they read.
 *
 * @param format         the manifest format, {@link #FORMAT}
 * @param checksumMethod how {@link TviewSnapshot#checksum()} is computed, in words
 */
public record Manifest(int format, String tool, String runtimeVersion, String database, String server,
                       String exportedAt, String checksumMethod, List<TviewSnapshot> tviews,
                       List<SourceTableSnapshot> sourceTables) {

    /** The manifest format this version writes and reads. */
    public static final int FORMAT = 1;

    public Manifest {
        tviews = List.copyOf(tviews);
        sourceTables = List.copyOf(sourceTables);
    }
}
