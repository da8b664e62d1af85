package io.tviewstudio.core.analysis.catalog;

/** A binary operator, e.g. {@code text = text}. */
public record OperatorInfo(String symbol, String leftType, String rightType) {
}
