package io.tviewstudio.core.analysis.schema;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A catalog that answers every question with another catalog's answer: the base of catalogs that
 * change one kind of answer of an underlying one (TVIEWs not created yet, TVIEWs being replaced)
 * and override only that.
 */
abstract class ForwardingCatalog implements CatalogSnapshot {

    protected final CatalogSnapshot base;

    protected ForwardingCatalog(CatalogSnapshot base) {
        this.base = Objects.requireNonNull(base);
    }

    @Override
    public boolean knowsRelations() {
        return base.knowsRelations();
    }

    @Override
    public Optional<RelationInfo> relation(String schema, String name) {
        return base.relation(schema, name);
    }

    @Override
    public boolean knowsFunctions() {
        return base.knowsFunctions();
    }

    @Override
    public List<FunctionInfo> functions(String name) {
        return base.functions(name);
    }

    @Override
    public List<OperatorInfo> operators(String symbol) {
        return base.operators(symbol);
    }

    @Override
    public boolean implicitlyCastable(String from, String to) {
        return base.implicitlyCastable(from, to);
    }

    @Override
    public boolean tviewExists(String entity) {
        return base.tviewExists(entity);
    }

    @Override
    public String currentSchema() {
        return base.currentSchema();
    }
}
