package io.tviewstudio.core.deploy;

import io.tviewstudio.core.analysis.AnalysisResult;
import io.tviewstudio.core.analysis.DefinitionAnalyzer;
import io.tviewstudio.core.analysis.Diagnostic;
import io.tviewstudio.core.analysis.ErrorCode;
import io.tviewstudio.core.analysis.Severity;
import io.tviewstudio.core.analysis.schema.CatalogSnapshot;
import io.tviewstudio.core.analysis.schema.PendingTviewsCatalog;
import io.tviewstudio.core.analysis.schema.RelationInfo;
import io.tviewstudio.core.graph.DependencyGraph;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The TVIEW definitions of one or more files, analysed together: each definition may read TVIEWs
 * that others define, so they are analysed and created in dependency order, and a definition is
 * checked against the TVIEWs defined before it as if they existed.
 */
public final class DefinitionSet {

    /** The hint of a dependency cycle among definitions (TV030): the same in the findings, the app and the command line. */
    public static final String CYCLE_HINT = "A TVIEW cannot read itself, directly or through other TVIEWs: remove one of the reads.";

    /** A file's name (as shown in messages) and its text. */
    public record SourceFile(String name, String text) {
    }

    /**
     * One definition.
     *
     * @param file     the file it comes from
     * @param source   what the analyzer reads: the file text with every other statement blanked out
     *                 (positions are the file's), or the whole text for a bare SELECT
     * @param bareName the TVIEW name given for a bare SELECT, else null
     * @param analysis the analysis
     */
    public record Entry(String file, String source, String bareName, AnalysisResult analysis) {

        Entry analyzedWith(CatalogSnapshot catalog) {
            return new Entry(file, source, bareName, bareName != null
                    ? DefinitionAnalyzer.analyze(bareName, source, catalog) : DefinitionAnalyzer.analyze(source, catalog));
        }

        /** Whether the text is a definition at all: {@code CREATE TVIEW name AS ...}, or a SELECT with a given name. */
        public boolean translatable() {
            return analysis.tviewName() != null;
        }
    }

    /** A diagnostic and the file it is in. */
    public record Finding(String file, Diagnostic diagnostic) {

        /** {@code post.sql:3:14: error TV041: message (hint: ...)}, the form compilers print. */
        @Override
        public String toString() {
            return file + ":" + diagnostic;
        }
    }

    private final List<Entry> entries;

    private DefinitionSet(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    /** The {@code CREATE TVIEW} statements of the files, analysed offline. */
    public static DefinitionSet ofScripts(List<SourceFile> files) {
        List<Entry> entries = new ArrayList<>();
        for (SourceFile file : files) {
            for (String statement : DefinitionAnalyzer.splitScript(file.text())) {
                entries.add(new Entry(file.name(), statement, null, null).analyzedWith(CatalogSnapshot.offline()));
            }
        }
        return new DefinitionSet(entries).analyzedWith(CatalogSnapshot.offline());
    }

    /**
     * One file holding a bare SELECT for the TVIEW {@code name}, or a single {@code CREATE TVIEW}
     * statement (then its name must be {@code name}; the caller checks with {@link Entry#analysis()}).
     */
    public static DefinitionSet ofSelect(SourceFile file, String name) {
        List<String> statements = DefinitionAnalyzer.splitScript(file.text());
        if (statements.size() == 1 && DefinitionAnalyzer.analyze(statements.getFirst(), CatalogSnapshot.offline()).tviewName() != null) {
            return ofScripts(List.of(file));
        }
        String select = statements.size() == 1 ? statements.getFirst() : file.text();
        return new DefinitionSet(List.of(new Entry(file.name(), select, name, null).analyzedWith(CatalogSnapshot.offline())));
    }

    public List<Entry> entries() {
        return entries;
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    /** The analyses, in file order. */
    public List<AnalysisResult> analyses() {
        return entries.stream().map(Entry::analysis).toList();
    }

    /** The graph of these definitions alone. */
    public DependencyGraph graph() {
        return DependencyGraph.fromDefinitions(analyses());
    }

    /** Cycles among the definitions (each spelled tv_a -> tv_b -> tv_a); empty when they can be ordered. */
    public List<List<String>> cycles() {
        return graph().cycles();
    }

    /**
     * Every diagnostic of every definition, by file and position, plus a TV030 error at the first
     * TVIEW of each dependency cycle among the definitions.
     */
    public List<Finding> findings() {
        List<Finding> findings = new ArrayList<>();
        for (Entry entry : entries) {
            entry.analysis().diagnostics().forEach(d -> findings.add(new Finding(entry.file(), d)));
        }
        for (List<String> cycle : cycles()) {
            Entry first = entry(cycle.getFirst());
            findings.add(new Finding(first.file(), new Diagnostic(first.analysis().line(), first.analysis().column(),
                    Severity.ERROR, ErrorCode.TV030, "dependency cycle: " + DependencyGraph.spell(cycle),
                    CYCLE_HINT)));
        }
        List<String> files = entries.stream().map(Entry::file).distinct().toList();
        findings.sort(java.util.Comparator.comparingInt((Finding f) -> files.indexOf(f.file()))
                .thenComparingInt(f -> f.diagnostic().line()).thenComparingInt(f -> f.diagnostic().column()));
        return findings;
    }

    /** The definition of a TVIEW (as the graph names it), or null. */
    public Entry entry(String tview) {
        return entries.stream().filter(e -> e.analysis().name() != null && e.analysis().name().toString().equals(tview))
                .findFirst().orElse(null);
    }

    /**
     * The definitions in an order they can be created in: every TVIEW after the TVIEWs of this set it
     * reads, otherwise file order. With a cycle, file order.
     */
    public List<Entry> inCreationOrder() {
        if (!cycles().isEmpty()) {
            return entries;
        }
        DependencyGraph graph = graph();
        List<Entry> ordered = new ArrayList<>();
        List<Entry> waiting = new ArrayList<>(entries);
        while (!waiting.isEmpty()) {
            // The first definition in file order whose TVIEWs of this set are all placed (no cycle: one exists).
            Entry next = waiting.stream().filter(entry -> entry.analysis().name() == null
                    || graph.reads(entry.analysis().name().toString()).stream()
                    .map(this::entry).allMatch(read -> read == null || read == entry || ordered.contains(read)))
                    .findFirst().orElse(waiting.getFirst());
            ordered.add(next);
            waiting.remove(next);
        }
        return ordered;
    }

    /**
     * Analyses every definition again with {@code catalog}, in creation order, each seeing the TVIEWs
     * defined before it as pending relations. The entries keep their file order.
     */
    public DefinitionSet analyzedWith(CatalogSnapshot catalog) {
        Map<Entry, Entry> reanalysed = new LinkedHashMap<>();
        List<RelationInfo> pending = new ArrayList<>();
        for (Entry entry : inCreationOrder()) {
            // Offline nothing is known about any relation, so pending TVIEWs add nothing either.
            Entry again = entry.analyzedWith(pending.isEmpty() || !catalog.knowsRelations()
                    ? catalog : new PendingTviewsCatalog(catalog, pending));
            reanalysed.put(entry, again);
            RelationInfo relation = again.analysis().asRelation(catalog.currentSchema());
            if (relation != null) {
                pending.add(relation);
            }
        }
        return new DefinitionSet(entries.stream().map(reanalysed::get).map(Objects::requireNonNull).toList());
    }
}
