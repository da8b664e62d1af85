package io.tviewstudio.core.migrate;

import io.tviewstudio.core.analysis.AnalysisResult;

import java.util.List;

/**
 * A proposed TVIEW for a materialized view.
 *
 * @param tview        the proposed name, {@code tv_<entity>}; null when no root table could be found
 * @param createTview  {@code CREATE TVIEW tv_x AS SELECT ...} to review and edit; null when none could be written
 * @param blockers     what keeps it from being created as is (the analyzer's errors included), empty when convertible
 * @param analysis     the analysis of {@code createTview} against the live catalog, null without a proposal
 */
public record ConversionProposal(MaterializedView matview, String tview, String createTview, List<Blocker> blockers,
                                 AnalysisResult analysis) {

    public ConversionProposal {
        blockers = List.copyOf(blockers);
    }

    public boolean convertible() {
        return createTview != null && blockers.isEmpty();
    }
}
