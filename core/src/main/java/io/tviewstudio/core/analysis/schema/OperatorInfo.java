package io.tviewstudio.core.analysis.schema;

/** A binary operator, e.g. {@code text = text}. */
public record OperatorInfo(String symbol, String leftType, String rightType) {
}
