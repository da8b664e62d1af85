package io.tviewstudio.core.analysis.schema;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What the analyzer may ask about a database: which relations exist, with which columns and keys,
 * which functions and operators exist, which TVIEWs exist. Each kind of knowledge may be missing
 * (offline analysis): then the analyzer skips the checks that need it rather than guess.
 */
public interface CatalogSnapshot {

    /** No knowledge at all: only the checks that need no database run. */
    static CatalogSnapshot offline() {
        return OfflineCatalog.INSTANCE;
    }

    /** Whether {@link #relation} answers for every relation (an empty answer then means "does not exist"). */
    boolean knowsRelations();

    /** The relation a possibly schema-qualified name resolves to, as PostgreSQL would resolve it. */
    Optional<RelationInfo> relation(String schema, String name);

    /** Whether {@link #functions} and {@link #operators} answer for every name. */
    boolean knowsFunctions();

    /** Every visible function of that (lower-case, unqualified) name; empty when none exists. */
    List<FunctionInfo> functions(String name);

    /** Every visible binary operator with that symbol. */
    List<OperatorInfo> operators(String symbol);

    /** Whether a value of type {@code from} is implicitly cast to {@code to} (type names as format_type prints them). */
    boolean implicitlyCastable(String from, String to);

    /** Whether a TVIEW with this entity exists (in any schema); false when unknown. */
    boolean tviewExists(String entity);

    /** The schema an unqualified new object is created in; null when unknown. */
    String currentSchema();

    /**
     * This catalog as a definition that replaces the installed TVIEWs of these entities sees it:
     * they (their tables and views) are absent, so that a new definition of one of them is checked
     * as a replacement, not refused as an existing TVIEW (TV002). Every other TVIEW stays.
     */
    default CatalogSnapshot replacing(Collection<String> entities) {
        return entities.isEmpty() ? this : new ReplacedTviewsCatalog(this, Set.copyOf(entities));
    }
}
