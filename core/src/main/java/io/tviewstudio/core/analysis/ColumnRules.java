package io.tviewstudio.core.analysis;

import net.sf.jsqlparser.statement.select.SelectItem;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** TV010 (duplicate column names), TV011 (required columns) and TV012 (types of key columns). */
final class ColumnRules {

    private ColumnRules() {
    }

    static void check(AnalysisContext context, List<OutputColumn> columns) {
        List<SelectItem<?>> items = Typing.outputItems(context.model().top);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < columns.size(); i++) {
            String name = columns.get(i).name();
            if (!seen.add(name)) {
                context.reporter().error(item(items, i), ErrorCode.TV010, "TVIEW " + context.tview()
                        + ": invalid definition: column \"" + name + "\" specified more than once",
                        "Give every column its own name with AS.");
            }
        }
        TviewName name = context.name();
        if (name == null) {
            return;
        }
        for (String required : List.of(name.pkColumn(), "id", "data")) {
            if (!seen.contains(required)) {
                context.reporter().error(null, ErrorCode.TV011,
                        "TVIEW " + context.tview() + ": the definition has no column " + required,
                        "Every TVIEW selects pk_" + name.entity() + " (integer key), id (uuid) and data (jsonb); name the expression with AS "
                                + required + ".");
            }
        }
        for (int i = 0; i < columns.size(); i++) {
            OutputColumn column = columns.get(i);
            String expected = expectedType(column.name(), name);
            if (column.type() == null || expected == null) {
                continue;
            }
            boolean ok = expected.equals("integer or bigint") ? Types.INTEGERS.contains(column.type()) : expected.equals(column.type());
            if (!ok) {
                context.reporter().error(item(items, i), ErrorCode.TV012, "TVIEW " + context.tview() + ": column " + column.name()
                        + " has type " + column.type() + ", expected " + expected,
                        "Key columns pk_<entity> and fk_<parent> are integer or bigint; id is uuid; data is jsonb. "
                                + "Cast the expression, e.g. ... ::jsonb AS data.");
            }
        }
    }

    private static String expectedType(String column, TviewName name) {
        if (column.equals("id")) {
            return "uuid";
        }
        if (column.equals("data")) {
            return "jsonb";
        }
        return column.equals(name.pkColumn()) || column.startsWith("fk_") ? "integer or bigint" : null;
    }

    private static Object item(List<SelectItem<?>> items, int index) {
        return items != null && index < items.size() ? items.get(index).getExpression() : null;
    }
}
