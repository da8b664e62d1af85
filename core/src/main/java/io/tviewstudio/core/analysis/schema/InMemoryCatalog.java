package io.tviewstudio.core.analysis.schema;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A catalog held in memory, for tests and for analysis against a schema described by hand. It knows
 * every relation (what is not declared does not exist); it knows functions only when at least one
 * was declared.
 */
public final class InMemoryCatalog implements CatalogSnapshot {

    private final String currentSchema;
    private final Map<String, RelationInfo> relations;
    private final Map<String, List<FunctionInfo>> functions;
    private final Set<String> tviewEntities;

    private InMemoryCatalog(Builder builder) {
        this.currentSchema = builder.currentSchema;
        this.relations = Map.copyOf(builder.relations);
        this.functions = Map.copyOf(builder.functions);
        this.tviewEntities = Set.copyOf(builder.tviewEntities);
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public boolean knowsRelations() {
        return true;
    }

    @Override
    public Optional<RelationInfo> relation(String schema, String name) {
        if (schema != null) {
            return Optional.ofNullable(relations.get(schema + "." + name));
        }
        // pg_catalog is searched first, as in PostgreSQL.
        RelationInfo system = relations.get("pg_catalog." + name);
        return Optional.ofNullable(system != null ? system : relations.get(currentSchema + "." + name));
    }

    @Override
    public boolean knowsFunctions() {
        return !functions.isEmpty();
    }

    @Override
    public List<FunctionInfo> functions(String name) {
        return functions.getOrDefault(name, List.of());
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
        return tviewEntities.contains(entity);
    }

    @Override
    public String currentSchema() {
        return currentSchema;
    }

    /** Declares relations with a compact column list: {@code "pk_user integer primary key, id uuid not null, name text"}. */
    public static final class Builder {
        private String currentSchema = "public";
        private final Map<String, RelationInfo> relations = new LinkedHashMap<>();
        private final Map<String, List<FunctionInfo>> functions = new LinkedHashMap<>();
        private final Set<String> tviewEntities = new HashSet<>();

        public Builder currentSchema(String schema) {
            this.currentSchema = schema;
            return this;
        }

        public Builder table(String name, String columns) {
            return add(name, RelationKind.TABLE, false, columns, List.of());
        }

        /** A TVIEW table {@code tv_<entity>}: a table with primary key {@code pk_<entity>}. */
        public Builder tview(String name, String columns) {
            add(name, RelationKind.TABLE, true, columns, List.of());
            String table = name.substring(name.lastIndexOf('.') + 1);
            tviewEntities.add(table.substring(3));
            return this;
        }

        /** A plain view reading the given relations ({@code schema.name} or a name in the current schema). */
        public Builder view(String name, String columns, String... reads) {
            List<String> qualified = new ArrayList<>();
            for (String read : reads) {
                qualified.add(read.contains(".") ? read : currentSchema + "." + read);
            }
            return add(name, RelationKind.VIEW, false, columns, qualified);
        }

        public Builder relation(String name, RelationKind kind, String columns) {
            return add(name, kind, false, columns, List.of());
        }

        public Builder function(String name, char volatility, String returnType, String... argTypes) {
            functions.computeIfAbsent(name, key -> new ArrayList<>())
                    .add(new FunctionInfo(name, List.of(argTypes), returnType, volatility, false, false));
            return this;
        }

        public InMemoryCatalog build() {
            return new InMemoryCatalog(this);
        }

        private Builder add(String name, RelationKind kind, boolean tview, String columns, List<String> reads) {
            String schema = name.contains(".") ? name.substring(0, name.indexOf('.')) : currentSchema;
            String table = name.substring(name.lastIndexOf('.') + 1);
            List<ColumnInfo> columnInfos = new ArrayList<>();
            List<List<String>> keys = new ArrayList<>();
            for (String spec : columns.split(",")) {
                String[] words = spec.trim().toLowerCase(Locale.ROOT).split("\\s+", 2);
                String rest = words.length > 1 ? words[1] : "text";
                boolean primaryKey = rest.contains("primary key");
                String type = rest.replace("primary key", "").replace("not null", "").replace("unique", "").trim();
                columnInfos.add(new ColumnInfo(words[0], type, primaryKey || rest.contains("not null")));
                if (primaryKey || (rest.contains("unique") && rest.contains("not null"))) {
                    keys.add(List.of(words[0]));
                }
            }
            relations.put(schema + "." + table, new RelationInfo(schema, table, kind, tview, columnInfos, keys, reads));
            return this;
        }
    }
}
