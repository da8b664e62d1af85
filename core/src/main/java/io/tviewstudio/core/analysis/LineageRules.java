package io.tviewstudio.core.analysis;

import io.tviewstudio.core.analysis.schema.CatalogSnapshot;
import io.tviewstudio.core.analysis.schema.RelationInfo;
import io.tviewstudio.core.analysis.schema.RelationKind;
import net.sf.jsqlparser.schema.Column;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The lineage rules of pg_tviews__derive_lineage: root (source has pk_<entity>), child (source has
 * fk_<entity>), parent (the TVIEW selects fk_<p>, the source has pk_<p>); TV022 when a source has
 * none, TV023 when a source cannot carry triggers. Plain views are looked through to their tables,
 * except another TVIEW's view v_&lt;entity&gt;, which is a source as its table tv_&lt;entity&gt; (issue #19).
 * Without a catalog the source's columns are those the definition names plus pk_<x> for a table
 * named tb_<x> or tv_<x> (or a view v_<x>, taken for TVIEW tv_<x>), and a source without rule is
 * only a warning.
 */
final class LineageRules {

    private LineageRules() {
    }

    /** A source relation and the FROM-clause reference that brought it in. */
    private record Source(String label, QueryModel.TableRef ref, RelationInfo relation, Set<String> knownColumns) {
    }

    /** The source relations (as labelled in the rules) and the rules derived for them. */
    record Lineage(List<String> sources, List<LineageRule> rules) {
    }

    static Lineage derive(AnalysisContext context, List<OutputColumn> columns) {
        TviewName name = context.name();
        List<LineageRule> rules = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        if (name == null) {
            return new Lineage(labels, rules);
        }
        List<String> fkColumns = columns.stream().map(OutputColumn::name).filter(c -> c.startsWith("fk_")).toList();
        for (Source source : sources(context)) {
            labels.add(source.label());
            if (source.relation() != null && !supported(context, source)) {
                continue;
            }
            boolean tview = source.relation() != null ? source.relation().tview() : source.ref().name().startsWith("tv_");
            List<LineageRule> found = new ArrayList<>();
            if (source.knownColumns().contains(name.pkColumn())) {
                found.add(new LineageRule(source.label(), tview, "root", name.pkColumn(), name.pkColumn()));
            }
            if (source.knownColumns().contains("fk_" + name.entity())) {
                found.add(new LineageRule(source.label(), tview, "child", name.pkColumn(), "fk_" + name.entity()));
            }
            for (String fk : fkColumns) {
                String parentKey = "pk_" + fk.substring(3);
                if (source.knownColumns().contains(parentKey)) {
                    found.add(new LineageRule(source.label(), tview, "parent", fk, parentKey));
                }
            }
            if (found.isEmpty()) {
                String hint = "Link its rows to " + context.tview() + " through keys: select its key as fk_<name> in the definition "
                        + "(when " + source.label() + " has pk_<name>), give it a column " + name.pkColumn() + " or fk_" + name.entity()
                        + ", or read it through a TVIEW that has such a key.";
                if (source.relation() != null) {
                    context.reporter().error(source.ref().table(), ErrorCode.TV022,
                            "TVIEW " + context.tview() + ": cannot derive lineage for source " + source.label(), hint);
                } else {
                    context.reporter().at(source.ref().table(), Severity.WARNING, ErrorCode.TV022, "TVIEW " + context.tview()
                            + ": no lineage rule found for source " + source.label() + " from the columns the definition names", hint);
                }
            }
            rules.addAll(found);
        }
        return new Lineage(labels, rules);
    }

    private static boolean supported(AnalysisContext context, Source source) {
        RelationInfo relation = source.relation();
        String why = switch (relation.kind()) {
            case MATERIALIZED_VIEW -> "materialized view";
            case FOREIGN_TABLE -> "foreign table";
            default -> Set.of("pg_catalog", "information_schema").contains(relation.schema()) ? "system catalog" : null;
        };
        if (why == null) {
            return true;
        }
        String hint = switch (relation.kind()) {
            case MATERIALIZED_VIEW -> "Read a regular table instead: convert the materialized view into a TVIEW, or copy its data into a table.";
            case FOREIGN_TABLE -> "Read a regular table instead: copy the foreign data into a local table.";
            default -> "System catalogs change without triggers; read your own tables only.";
        };
        context.reporter().error(source.ref().table(), ErrorCode.TV023, "TVIEW " + context.tview() + " reads " + source.label()
                + ", which cannot carry refresh triggers (" + why + ")", hint);
        return false;
    }

    /** The source relations in the order of their first reference, views replaced by what they read. */
    private static List<Source> sources(AnalysisContext context) {
        CatalogSnapshot catalog = context.catalog();
        Map<String, Source> sources = new LinkedHashMap<>();
        for (QueryModel.TableRef ref : context.model().tables) {
            if (context.name() != null && ref.name().equals(context.name().table())) {
                continue;  // TV030, reported elsewhere
            }
            Optional<RelationInfo> relation = catalog.relation(ref.schema(), ref.name());
            if (relation.isPresent()) {
                addResolved(catalog, ref, relation.get(), sources, new LinkedHashSet<>());
            } else if (!catalog.knowsRelations()) {
                // Offline, v_<entity> is taken for the view of TVIEW tv_<entity> (the naming the runtime
                // gives it), so that definitions reading each other's views are ordered and cycle-checked.
                String relationName = RelationInfo.tviewTableOfView(ref.name()).orElse(ref.name());
                String label = ref.schema() == null ? relationName : ref.schema() + "." + relationName;
                Source source = sources.computeIfAbsent(label, l -> new Source(l, ref, null, new LinkedHashSet<>()));
                source.knownColumns().addAll(namedColumns(context, ref, relationName));
            }
        }
        return new ArrayList<>(sources.values());
    }

    private static void addResolved(CatalogSnapshot catalog, QueryModel.TableRef ref, RelationInfo relation,
                                    Map<String, Source> sources, Set<String> visiting) {
        Optional<RelationInfo> tviewTable = tviewOfView(catalog, relation);
        if (tviewTable.isPresent()) {
            relation = tviewTable.get();  // another TVIEW's v_<entity>: a source as its tv_<entity>, not looked through
        }
        if (relation.kind() == RelationKind.VIEW && !relation.tview()) {
            if (!visiting.add(relation.qualifiedName())) {
                return;
            }
            for (String read : relation.reads()) {
                int dot = read.indexOf('.');
                catalog.relation(read.substring(0, dot), read.substring(dot + 1))
                        .ifPresent(r -> addResolved(catalog, ref, r, sources, visiting));
            }
            return;
        }
        String label = relation.schema().equals(catalog.currentSchema()) || relation.schema().equals("pg_catalog")
                ? relation.name() : relation.qualifiedName();
        if (relation.schema().equals("public") && !"public".equals(catalog.currentSchema())) {
            label = relation.qualifiedName();
        }
        Set<String> columns = new LinkedHashSet<>();
        relation.columns().forEach(c -> columns.add(c.name()));
        sources.putIfAbsent(relation.qualifiedName(), new Source(label, ref, relation, columns));
    }

    /**
     * The table of the TVIEW whose view this is (v_&lt;entity&gt; beside a TVIEW table tv_&lt;entity&gt;
     * in the same schema), as pg_tviews__view_sources finds it through pg_tview_meta.view_oid.
     */
    private static Optional<RelationInfo> tviewOfView(CatalogSnapshot catalog, RelationInfo relation) {
        if (relation.kind() != RelationKind.VIEW || relation.tview()) {
            return Optional.empty();
        }
        return RelationInfo.tviewTableOfView(relation.name()).flatMap(table -> catalog.relation(relation.schema(), table))
                .filter(RelationInfo::tview);
    }

    /**
     * Offline: the columns the definition names for this table, plus its key by naming convention
     * (of {@code relationName}: a v_&lt;x&gt; read is taken for tv_&lt;x&gt;).
     */
    private static Set<String> namedColumns(AnalysisContext context, QueryModel.TableRef ref, String relationName) {
        Set<String> columns = new LinkedHashSet<>();
        String alias = ref.table().getAlias() != null ? QueryModel.unquote(ref.table().getAlias().getName()) : ref.name();
        for (Column column : context.model().columns) {
            if (column.getTable() != null && column.getTable().getName() != null
                    && QueryModel.unquote(column.getTable().getName()).equals(alias)) {
                columns.add(QueryModel.unquote(column.getColumnName()));
            }
        }
        if (relationName.matches("t[bv]_[a-z0-9_]+")) {
            columns.add("pk_" + relationName.substring(3));
        }
        return columns;
    }
}
