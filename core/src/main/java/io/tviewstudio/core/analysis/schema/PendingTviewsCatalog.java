package io.tviewstudio.core.analysis.schema;

import java.util.List;
import java.util.Optional;

/**
 * A catalog plus TVIEWs that are defined but not created yet (earlier definitions of the same
 * file): a definition that reads one of them is checked against its columns instead of being
 * refused as reading an unknown relation (and so is one that reads its view v_&lt;entity&gt;). Everything
 * else is answered by the underlying catalog.
 */
public final class PendingTviewsCatalog extends ForwardingCatalog {

    private final List<RelationInfo> pending;

    public PendingTviewsCatalog(CatalogSnapshot base, List<RelationInfo> pending) {
        super(base);
        this.pending = List.copyOf(pending);
    }

    @Override
    public Optional<RelationInfo> relation(String schema, String name) {
        String wanted = schema != null ? schema : base.currentSchema();
        for (RelationInfo tview : pending) {
            if (wanted == null || tview.schema() == null || tview.schema().equals(wanted)) {
                if (tview.name().equals(name)) {
                    return Optional.of(tview);
                }
                // Its view v_<entity>, which pg_tviews_create makes beside it, with the same columns.
                if (RelationInfo.tviewTableOfView(name).filter(tview.name()::equals).isPresent()) {
                    return Optional.of(new RelationInfo(tview.schema(), name, RelationKind.VIEW, false, tview.columns(),
                            List.of(), tview.schema() == null ? List.of() : List.of(tview.qualifiedName())));
                }
            }
        }
        return base.relation(schema, name);
    }

    /** A pending TVIEW counts as existing: defining the same entity twice is TV002, as the runtime would say. */
    @Override
    public boolean tviewExists(String entity) {
        return base.tviewExists(entity) || pending.stream().anyMatch(t -> t.name().equals("tv_" + entity));
    }
}
