package io.tviewstudio.core.graph;

import java.util.List;

/**
 * What a change in one relation refreshes.
 *
 * @param relation     the changed relation
 * @param tviews       every TVIEW refreshed, nearest first
 * @param cascadeDepth the longest chain of refreshes (1: only TVIEWs reading the relation directly; 0: none)
 */
public record Impact(String relation, List<ImpactedTview> tviews, int cascadeDepth) {

    public Impact {
        tviews = List.copyOf(tviews);
    }

    /**
     * One refreshed TVIEW.
     *
     * @param tview    the TVIEW table
     * @param distance the fewest refreshes from the relation to it (1 = reads it directly)
     * @param rowPaths each way the change reaches it, as key columns: {@code tb_user.pk_user -> tv_post.fk_user -> ...}
     */
    public record ImpactedTview(String tview, int distance, List<String> rowPaths) {

        public ImpactedTview {
            rowPaths = List.copyOf(rowPaths);
        }
    }
}
