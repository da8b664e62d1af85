package io.tviewstudio.app.migrate;

import io.tviewstudio.core.migrate.Blocker;
import io.tviewstudio.core.migrate.ConversionProposal;
import io.tviewstudio.core.migrate.MaterializedView;
import java.util.stream.Collectors;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/** A materialized view of the list: what pg_matviews says, the proposal for it, and its refresh time once timed. */
public final class MatviewItem {

    private final MaterializedView matview;
    private final ConversionProposal proposal;
    private final ReadOnlyStringWrapper refreshTime = new ReadOnlyStringWrapper("not timed");

    public MatviewItem(MaterializedView matview, ConversionProposal proposal) {
        this.matview = matview;
        this.proposal = proposal;
    }

    public MaterializedView matview() { return matview; }
    public ConversionProposal proposal() { return proposal; }
    public String name() { return matview.name(); }
    public String sources() { return String.join(", ", matview.sources()); }
    public String size() { return (matview.totalBytes() + 1023) / 1024 + " kB"; }
    /** The row estimate, or why there is none yet ({@link MaterializedView#estimatedRowsText()}). */
    public String rows() { return matview.estimatedRowsText(); }

    /** {@code yes: tv_customer}, or {@code no: TV020 unsupported_sql} (the first blocker). */
    public String verdict() {
        if (proposal.convertible()) {
            return "yes: " + proposal.tview();
        }
        Blocker first = proposal.blockers().getFirst();
        return "no: " + first.code() + " " + first.code().errorName();
    }

    /** Every blocker with its code, message and workaround, one paragraph each; empty when convertible. */
    public String blockersText() {
        return proposal.blockers().stream().map(b -> b.code() + " " + b.code().errorName() + ": " + b.message()
                + (b.workaround() == null || b.workaround().isBlank() ? "" : "\n    Workaround: " + b.workaround()))
                .collect(Collectors.joining("\n"));
    }

    /** e.g. {@code 12 ms}, as the last timing measured it. */
    public ReadOnlyStringProperty refreshTimeProperty() { return refreshTime.getReadOnlyProperty(); }

    void refreshTimed(String text) {
        refreshTime.set(text);
    }
}
