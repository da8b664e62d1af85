package io.tviewstudio.core.inspect;

/**
 * What repairing one row did, committed in one transaction.
 *
 * @param before  the row and its view's row before the repair
 * @param after   the same after it (equal, or both absent, when the repair worked)
 * @param call    the runtime call that recomputed it, e.g. {@code pg_tviews_cascade('tb_post'::regclass, 3)}
 * @param queued  what that call returned: the lineage items it queued (other TVIEWs that read the
 *                same source row are recomputed with it, and written only where they differ)
 */
public record RowRepair(RowComparison before, RowComparison after, String call, int queued) {

    /** Whether the stored row changed (written, inserted or deleted). */
    public boolean changed() {
        return !java.util.Objects.equals(before.stored(), after.stored());
    }
}
