package io.tviewstudio.core.analysis;

/**
 * A column of the definition's result, i.e. of {@code v_<entity>} and {@code tv_<entity>}.
 *
 * @param name the column name PostgreSQL would give it
 * @param type the PostgreSQL type name when it can be inferred ({@code integer}, {@code jsonb}, ...), else null
 */
public record OutputColumn(String name, String type) {
}
