package io.tviewstudio.core.analysis.schema;

/** The kinds of relation a definition can read ({@code pg_class.relkind}). */
public enum RelationKind {
    TABLE, PARTITIONED_TABLE, VIEW, MATERIALIZED_VIEW, FOREIGN_TABLE, OTHER;

    /** The kind of a {@code pg_class.relkind} letter. */
    public static RelationKind of(String relkind) {
        return switch (relkind) {
            case "r" -> TABLE;
            case "p" -> PARTITIONED_TABLE;
            case "v" -> VIEW;
            case "m" -> MATERIALIZED_VIEW;
            case "f" -> FOREIGN_TABLE;
            default -> OTHER;
        };
    }
}
