package io.tviewstudio.core.analysis;

import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.statement.select.ParenthesedSelect;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.select.SetOperationList;

import java.util.Set;

/** TV020: top-level SQL whose rows cannot be recomputed one key at a time (pg_tviews__check_supported). */
final class ShapeRules {

    static final String HINT = "Each TVIEW row must be computable from its own key. Move the construct into a subquery "
            + "that feeds one row per key, split the definition into several TVIEWs, or aggregate with jsonb_agg in a correlated subquery.";

    /** Set-returning functions known without a catalog. */
    private static final Set<String> SET_RETURNING = Set.of("generate_series", "generate_subscripts", "unnest",
            "jsonb_array_elements", "jsonb_array_elements_text", "json_array_elements", "json_array_elements_text",
            "jsonb_each", "jsonb_each_text", "json_each", "json_each_text", "jsonb_object_keys", "json_object_keys",
            "regexp_matches", "regexp_split_to_table", "string_to_table", "jsonb_to_recordset", "json_to_recordset",
            "jsonb_populate_recordset", "json_populate_recordset", "jsonb_path_query");

    private ShapeRules() {
    }

    static void check(AnalysisContext context) {
        QueryModel model = context.model();
        Select top = model.top;
        while (top instanceof ParenthesedSelect parenthesed) {
            top = parenthesed.getSelect();
        }
        if (top instanceof SetOperationList set) {
            report(context, set.getSelects().size() > 1 ? set.getSelects().get(1) : set, "UNION / INTERSECT / EXCEPT");
        }
        if (model.recursiveWith) {
            report(context, top, "WITH RECURSIVE");
        }
        PlainSelect plain = model.topPlainSelect();
        if (plain != null && plain.getDistinct() != null && plain.getDistinct().getOnSelectItems() != null) {
            report(context, plain, "DISTINCT ON");
        }
        if (!model.topWindowFunctions.isEmpty()) {
            report(context, model.topWindowFunctions.get(0), "window functions (OVER)");
        }
        if (top.getLimit() != null || top.getOffset() != null || top.getFetch() != null
                || model.top.getLimit() != null || model.top.getOffset() != null || model.top.getFetch() != null) {
            report(context, top, "LIMIT / OFFSET / FETCH");
        }
        if (plain != null && plain.getGroupBy() != null && (!plain.getGroupBy().getGroupingSets().isEmpty()
                || groupsByRollupOrCube(plain))) {
            report(context, plain, "GROUPING SETS / ROLLUP / CUBE");
        }
        model.calls.stream().filter(QueryModel.Call::topTarget).filter(call -> returnsSet(context, call)).findFirst()
                .ifPresent(call -> report(context, call.function(), "set-returning functions in the select list"));
    }

    private static boolean groupsByRollupOrCube(PlainSelect plain) {
        if (plain.getGroupBy().getGroupByExpressionList() == null) {
            return false;
        }
        for (Object expression : plain.getGroupBy().getGroupByExpressionList()) {
            if (expression instanceof Function function
                    && Set.of("rollup", "cube").contains(function.getName().toLowerCase(java.util.Locale.ROOT))) {
                return true;
            }
        }
        return false;
    }

    private static boolean returnsSet(AnalysisContext context, QueryModel.Call call) {
        if (context.catalog().knowsFunctions()) {
            var overloads = context.catalog().functions(call.name());
            if (!overloads.isEmpty()) {
                return overloads.stream().allMatch(f -> f.returnsSet());
            }
        }
        return SET_RETURNING.contains(call.name());
    }

    private static void report(AnalysisContext context, Object node, String feature) {
        context.reporter().error(node instanceof Expression || node instanceof net.sf.jsqlparser.parser.ASTNodeAccess ? node : null,
                ErrorCode.TV020, "TVIEW " + context.tview() + " uses unsupported SQL at its top level: " + feature, HINT);
    }
}
