package io.tviewstudio.core.analysis;

import io.tviewstudio.core.analysis.schema.CatalogSnapshot;
import net.sf.jsqlparser.schema.Column;

import java.util.Objects;

/** TV030 (reads itself), TV040 (unknown relation) and TV041 (unknown column). */
final class RelationRules {

    private RelationRules() {
    }

    static void check(AnalysisContext context) {
        CatalogSnapshot catalog = context.catalog();
        for (QueryModel.TableRef ref : context.model().tables) {
            if (readsItself(context, ref)) {
                context.reporter().error(ref.table(), ErrorCode.TV030, "TVIEW " + context.tview() + " cannot read itself",
                        "A TVIEW is computed from base tables and other TVIEWs; remove the self-reference.");
            } else if (catalog.knowsRelations() && catalog.relation(ref.schema(), ref.name()).isEmpty()) {
                String written = ref.schema() == null ? ref.name() : ref.schema() + "." + ref.name();
                context.reporter().error(ref.table(), ErrorCode.TV040,
                        "TVIEW " + context.tview() + ": relation \"" + written + "\" does not exist",
                        "Create the table first, or check the name and the search_path.");
            }
        }
        for (Column column : context.model().columns) {
            if (context.typing().unknownQualifier(column)) {
                context.reporter().error(column, ErrorCode.TV040, "TVIEW " + context.tview()
                        + ": missing FROM-clause entry for table \"" + QueryModel.unquote(column.getTable().getName()) + "\"",
                        "Add the table to FROM, or correct the qualifier.");
            } else if (context.typing().resolve(column).missing()) {
                String written = column.getTable() != null && column.getTable().getName() != null
                        ? QueryModel.unquote(column.getTable().getName()) + "." + QueryModel.unquote(column.getColumnName())
                        : "\"" + QueryModel.unquote(column.getColumnName()) + "\"";
                context.reporter().error(column, ErrorCode.TV041, "TVIEW " + context.tview() + ": column " + written + " does not exist",
                        "Check the column name against the table definition (\\d table in psql).");
            }
        }
    }

    private static boolean readsItself(AnalysisContext context, QueryModel.TableRef ref) {
        TviewName name = context.name();
        if (name == null || !ref.name().equals(name.table())) {
            return false;
        }
        String own = name.schema() != null ? name.schema() : context.catalog().currentSchema();
        return ref.schema() == null || own == null || Objects.equals(ref.schema(), own);
    }
}
