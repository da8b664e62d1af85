package io.tviewstudio.core.analysis.schema;

import java.util.List;
import java.util.Optional;

/** The catalog of analysis without a database: knows nothing. */
enum OfflineCatalog implements CatalogSnapshot {
    INSTANCE;

    @Override
    public boolean knowsRelations() {
        return false;
    }

    @Override
    public Optional<RelationInfo> relation(String schema, String name) {
        return Optional.empty();
    }

    @Override
    public boolean knowsFunctions() {
        return false;
    }

    @Override
    public List<FunctionInfo> functions(String name) {
        return List.of();
    }

    @Override
    public List<OperatorInfo> operators(String symbol) {
        return List.of();
    }

    @Override
    public boolean implicitlyCastable(String from, String to) {
        return false;
    }

    @Override
    public boolean tviewExists(String entity) {
        return false;
    }

    @Override
    public String currentSchema() {
        return null;
    }
}
