package io.tviewstudio.core.analysis;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * What the analysis of one definition found.
 *
 * @param tviewName   the TVIEW name as written (null when none was given)
 * @param name        the parsed name, null when it is invalid (TV001) or missing
 * @param select      the SELECT text as written, without a trailing semicolon
 * @param ifNotExists whether {@code CREATE TVIEW IF NOT EXISTS} was written
 * @param columns     the result columns, empty when the SELECT could not be parsed
 * @param sources     the relations the TVIEW reads (views looked through), named as in {@code lineage}
 * @param lineage     the lineage rules the runtime would derive (complete only with a catalog)
 * @param diagnostics every finding, ordered by position
 * @param line        where the definition is in the source text (1-based): its TVIEW name, or for a bare SELECT its start
 * @param column      the column of that position (1-based)
 */
public record AnalysisResult(String tviewName, TviewName name, String select, boolean ifNotExists,
                             List<OutputColumn> columns, List<String> sources, List<LineageRule> lineage, List<Diagnostic> diagnostics,
                             int line, int column) {

    public AnalysisResult {
        columns = List.copyOf(columns);
        sources = List.copyOf(sources);
        lineage = List.copyOf(lineage);
        diagnostics = diagnostics.stream()
                .sorted(Comparator.comparingInt(Diagnostic::line).thenComparingInt(Diagnostic::column)).toList();
    }

    public boolean hasErrors() {
        return diagnostics.stream().anyMatch(Diagnostic::isError);
    }

    public List<Diagnostic> errors() {
        return diagnostics.stream().filter(Diagnostic::isError).toList();
    }

    /**
     * The error the runtime would raise: pg_tviews_create stops at the first failed check, so of all
     * errors found this is the one whose check comes first in the runtime ({@link ErrorCode} order).
     */
    public Optional<Diagnostic> firstRuntimeError() {
        return errors().stream().min(Comparator.comparingInt((Diagnostic d) -> d.code().ordinal()));
    }

    /** The SQL that creates this TVIEW through the runtime; see {@link CreateTviewTranslator}. */
    public String createCall() {
        return CreateTviewTranslator.toCreateCall(tviewName, select, ifNotExists);
    }

    /**
     * This TVIEW as the relation a later definition may read (its result columns, the key
     * {@code pk_<entity>}), so that definitions of one file can be checked before any of them exists.
     * Null when the name is invalid.
     */
    public io.tviewstudio.core.analysis.schema.RelationInfo asRelation(String defaultSchema) {
        if (name == null) {
            return null;
        }
        var relationColumns = columns.stream()
                .map(c -> new io.tviewstudio.core.analysis.schema.ColumnInfo(c.name(), c.type(), c.name().equals(name.pkColumn())))
                .toList();
        return new io.tviewstudio.core.analysis.schema.RelationInfo(name.schema() != null ? name.schema() : defaultSchema,
                name.table(), io.tviewstudio.core.analysis.schema.RelationKind.TABLE, true, relationColumns,
                List.of(List.of(name.pkColumn())), List.of());
    }

    /** One sentence per lineage rule: for each source, what a change there recomputes. */
    public List<String> lineageExplanation() {
        String tview = name == null ? tviewName : name.toString();
        return lineage.stream().map(rule -> rule.explanation(tview)).toList();
    }
}
