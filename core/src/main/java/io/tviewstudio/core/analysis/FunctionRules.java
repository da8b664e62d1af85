package io.tviewstudio.core.analysis;

import io.tviewstudio.core.analysis.schema.CatalogSnapshot;
import io.tviewstudio.core.analysis.schema.FunctionInfo;
import io.tviewstudio.core.analysis.schema.OperatorInfo;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.operators.relational.ComparisonOperator;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** TV042 (unknown function or operator, from the catalog) and TV021 (volatile functions). */
final class FunctionRules {

    static final String VOLATILE_HINT = "A row recomputed later must equal the row computed now. Store the value in a base table "
            + "column (e.g. a default) and read it, or use a stable/immutable function.";
    static final String UNKNOWN_HINT = "Check the function name and cast the arguments to the types it takes.";

    /** Volatile functions known without a catalog: the ones a read model is tempted to call. */
    static final Set<String> KNOWN_VOLATILE = Set.of("random", "random_normal", "setseed", "clock_timestamp",
            "timeofday", "gen_random_uuid", "uuid_generate_v1", "uuid_generate_v1mc", "uuid_generate_v4",
            "nextval", "setval", "currval", "lastval", "pg_sleep");

    /** Names the parser sees as function calls but PostgreSQL handles as syntax. */
    private static final Set<String> SYNTAX = Set.of("coalesce", "greatest", "least", "nullif", "row", "rollup",
            "cube", "grouping", "values", "any", "some", "all", "array");

    private FunctionRules() {
    }

    static void check(AnalysisContext context) {
        CatalogSnapshot catalog = context.catalog();
        Set<String> volatileNames = new LinkedHashSet<>();
        QueryModel.Call firstVolatile = null;
        for (QueryModel.Call call : context.model().calls) {
            if (SYNTAX.contains(call.name())) {
                continue;
            }
            List<String> argumentTypes = argumentTypes(context, call);
            if (catalog.knowsFunctions()) {
                List<FunctionInfo> overloads = catalog.functions(call.name());
                if (overloads.isEmpty() || (argumentTypes != null && overloads.stream().noneMatch(f -> matches(catalog, f, argumentTypes)))) {
                    String signature = call.name() + "(" + (argumentTypes == null ? "..." : String.join(", ", argumentTypes)) + ")";
                    context.reporter().error(call.function(), ErrorCode.TV042,
                            "TVIEW " + context.tview() + ": function " + signature + " does not exist", UNKNOWN_HINT);
                    continue;
                }
            }
            if (isVolatile(catalog, call, argumentTypes == null ? -1 : argumentTypes.size())) {
                volatileNames.add(call.name());
                firstVolatile = firstVolatile == null ? call : firstVolatile;
            }
        }
        if (firstVolatile != null) {
            context.reporter().error(firstVolatile.function(), ErrorCode.TV021, "TVIEW " + context.tview()
                    + " calls volatile function(s): " + String.join(", ", volatileNames.stream().sorted().toList()), VOLATILE_HINT);
        }
        if (catalog.knowsFunctions()) {
            for (ComparisonOperator comparison : context.model().comparisons) {
                checkOperator(context, comparison);
            }
        }
    }

    private static boolean isVolatile(CatalogSnapshot catalog, QueryModel.Call call, int argumentCount) {
        if (catalog.knowsFunctions()) {
            List<FunctionInfo> candidates = catalog.functions(call.name()).stream()
                    .filter(f -> argumentCount < 0 || f.accepts(argumentCount)).toList();
            if (!candidates.isEmpty()) {
                return candidates.stream().allMatch(FunctionInfo::isVolatile);
            }
        }
        return KNOWN_VOLATILE.contains(call.name());
    }

    /** The argument types when every one is known, else null (no resolution is attempted then). */
    private static List<String> argumentTypes(AnalysisContext context, QueryModel.Call call) {
        if (call.function().isAllColumns() || call.function().getNamedParameters() != null) {
            return null;
        }
        List<String> types = new ArrayList<>();
        if (call.function().getParameters() != null) {
            for (Expression argument : call.function().getParameters()) {
                String type = context.typing().typeOf(argument);
                if (type == null) {
                    return null;
                }
                types.add(type);
            }
        }
        return types;
    }

    private static boolean matches(CatalogSnapshot catalog, FunctionInfo function, List<String> argumentTypes) {
        if (!function.accepts(argumentTypes.size())) {
            return false;
        }
        for (int i = 0; i < argumentTypes.size(); i++) {
            String parameter = i < function.argTypes().size() - 1 || !function.variadic()
                    ? function.argTypes().get(i)
                    : function.argTypes().getLast().replaceAll("\\[]$", "");
            if (!accepts(catalog, parameter, argumentTypes.get(i))) {
                return false;
            }
        }
        return true;
    }

    /** Whether an argument of type {@code argument} may be passed for a parameter of type {@code parameter}. */
    static boolean accepts(CatalogSnapshot catalog, String parameter, String argument) {
        String wanted = Types.normalize(parameter);
        if (argument.equals(Types.UNKNOWN) || argument.equals(wanted) || catalog.implicitlyCastable(argument, wanted)) {
            return true;
        }
        return switch (wanted) {
            case "any", "anyelement", "anynonarray", "anycompatible", "anycompatiblenonarray" -> true;
            case "anyarray", "anycompatiblearray" -> argument.endsWith("[]");
            case "anyrange", "anycompatiblerange" -> argument.endsWith("range");
            case "anymultirange", "anycompatiblemultirange" -> argument.endsWith("multirange");
            // Enum types cannot be recognised by name: do not claim a mismatch.
            case "anyenum" -> !Types.INTEGERS.contains(argument) && !Set.of("text", "uuid", "json", "jsonb", "boolean", "numeric").contains(argument);
            default -> false;
        };
    }

    private static void checkOperator(AnalysisContext context, ComparisonOperator comparison) {
        String left = context.typing().typeOf(comparison.getLeftExpression());
        String right = context.typing().typeOf(comparison.getRightExpression());
        if (left == null || right == null || left.equals(Types.UNKNOWN) || right.equals(Types.UNKNOWN) || left.equals(right)) {
            return;
        }
        String symbol = comparison.getStringExpression().trim();
        List<OperatorInfo> operators = context.catalog().operators(symbol);
        boolean found = operators.stream().anyMatch(o -> accepts(context.catalog(), o.leftType(), left)
                && accepts(context.catalog(), o.rightType(), right));
        if (!found) {
            context.reporter().error(comparison, ErrorCode.TV042, "TVIEW " + context.tview()
                    + ": operator does not exist: " + left + " " + symbol + " " + right,
                    "Cast one side so that both have the same type, e.g. ... = 1::text.");
        }
    }
}
