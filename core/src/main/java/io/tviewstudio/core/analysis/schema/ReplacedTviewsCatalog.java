package io.tviewstudio.core.analysis.schema;

import java.util.Optional;
import java.util.Set;

/**
 * A catalog in which some installed TVIEWs are about to be replaced: a definition of one of them
 * is checked as its new definition, not refused as defining an existing TVIEW (TV002) or as
 * colliding with its own table and view (TV004). Their tables and views are absent, as they will be
 * once dropped; every other TVIEW still exists, so defining another existing one is still TV002.
 */
final class ReplacedTviewsCatalog extends ForwardingCatalog {

    private final Set<String> entities;

    ReplacedTviewsCatalog(CatalogSnapshot base, Set<String> entities) {
        super(base);
        this.entities = Set.copyOf(entities);
    }

    @Override
    public Optional<RelationInfo> relation(String schema, String name) {
        return base.relation(schema, name).filter(relation -> !replaced(relation));
    }

    /**
     * Whether the relation is the table or the view of a replaced TVIEW. The relation is resolved
     * first, as PostgreSQL resolves the name, so only that TVIEW's own objects are hidden and not a
     * relation of the same name in another schema. Its view {@code v_<entity>} is recognised by the
     * TVIEW table beside it (the entity is unique in the database).
     */
    private boolean replaced(RelationInfo relation) {
        String name = relation.name();
        if (relation.tview() && name.startsWith("tv_")) {
            return entities.contains(name.substring(3));
        }
        return relation.kind() == RelationKind.VIEW && name.startsWith("v_") && entities.contains(name.substring(2))
                && base.relation(relation.schema(), "t" + name).filter(RelationInfo::tview).isPresent();
    }

    @Override
    public boolean tviewExists(String entity) {
        return !entities.contains(entity) && base.tviewExists(entity);
    }
}
