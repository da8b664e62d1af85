package io.tviewstudio.core.analysis.schema;

/**
 * A column of a relation.
 *
 * @param type the type as {@code format_type} prints it without modifiers ({@code integer}, {@code character varying})
 */
public record ColumnInfo(String name, String type, boolean notNull) {
}
