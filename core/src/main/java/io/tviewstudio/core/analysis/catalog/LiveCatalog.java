package io.tviewstudio.core.analysis.catalog;

import java.sql.Connection;
import java.util.List;
import java.util.Optional;

/**
 * The catalog of a live database: forwards to {@link io.tviewstudio.core.catalog.LiveCatalog}.
 *
 * @deprecated moved to {@code io.tviewstudio.core.catalog} so that the analysis holds no JDBC
 * (issue #21). This forwarder stays only because the desktop app still imports this name; delete
 * it, and its exemptions in ArchitectureTest, once the app takes its catalog from the facade.
 */
@Deprecated(forRemoval = true)
public final class LiveCatalog implements CatalogSnapshot {

    private final CatalogSnapshot live;

    public LiveCatalog(Connection connection) {
        this.live = new io.tviewstudio.core.catalog.LiveCatalog(connection);
    }

    @Override
    public boolean knowsRelations() {
        return live.knowsRelations();
    }

    @Override
    public Optional<RelationInfo> relation(String schema, String name) {
        return live.relation(schema, name);
    }

    @Override
    public boolean knowsFunctions() {
        return live.knowsFunctions();
    }

    @Override
    public List<FunctionInfo> functions(String name) {
        return live.functions(name);
    }

    @Override
    public List<OperatorInfo> operators(String symbol) {
        return live.operators(symbol);
    }

    @Override
    public boolean implicitlyCastable(String from, String to) {
        return live.implicitlyCastable(from, to);
    }

    @Override
    public boolean tviewExists(String entity) {
        return live.tviewExists(entity);
    }

    @Override
    public String currentSchema() {
        return live.currentSchema();
    }
}
