package io.tviewstudio.core.analysis;

import io.tviewstudio.core.analysis.schema.CatalogSnapshot;
import io.tviewstudio.core.analysis.schema.FunctionInfo;
import io.tviewstudio.core.analysis.schema.RelationInfo;
import net.sf.jsqlparser.expression.AnalyticExpression;
import net.sf.jsqlparser.expression.BooleanValue;
import net.sf.jsqlparser.expression.CastExpression;
import net.sf.jsqlparser.expression.DoubleValue;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.expression.JsonExpression;
import net.sf.jsqlparser.expression.LongValue;
import net.sf.jsqlparser.expression.NullValue;
import net.sf.jsqlparser.expression.StringValue;
import net.sf.jsqlparser.expression.operators.arithmetic.Concat;
import net.sf.jsqlparser.expression.operators.relational.ComparisonOperator;
import net.sf.jsqlparser.expression.operators.relational.ExistsExpression;
import net.sf.jsqlparser.expression.operators.relational.ParenthesedExpressionList;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.statement.select.AllColumns;
import net.sf.jsqlparser.statement.select.AllTableColumns;
import net.sf.jsqlparser.statement.select.FromItem;
import net.sf.jsqlparser.statement.select.Join;
import net.sf.jsqlparser.statement.select.ParenthesedSelect;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.select.SelectItem;
import net.sf.jsqlparser.statement.select.SetOperationList;
import net.sf.jsqlparser.statement.select.Values;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Names and types of columns and expressions, as far as the catalog tells them. Every answer may be
 * "don't know" (null or {@link Resolution#UNDECIDABLE}); checks only report what is known.
 */
final class Typing {

    /** The outcome of looking up a column reference. */
    record Resolution(boolean missing, boolean known, String type) {
        static final Resolution UNDECIDABLE = new Resolution(false, false, null);
        static final Resolution MISSING = new Resolution(true, true, null);

        static Resolution found(String type) {
            return new Resolution(false, true, type);
        }
    }

    /** Names PostgreSQL reads as functions or constants even without parentheses. */
    private static final Set<String> KEYWORD_VALUES = Set.of("true", "false", "current_user", "session_user",
            "current_role", "user", "current_catalog", "current_schema", "current_date", "current_time",
            "current_timestamp", "localtime", "localtimestamp");

    private final QueryModel model;
    private final CatalogSnapshot catalog;
    private final Set<Column> resolving = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());

    Typing(QueryModel model, CatalogSnapshot catalog) {
        this.model = model;
        this.catalog = catalog;
    }

    /** The relation a FROM-clause table resolves to, when the catalog knows it. */
    Optional<RelationInfo> relation(QueryModel.TableRef ref) {
        return catalog.relation(ref.schema(), ref.name());
    }

    /** Whether a qualified reference names no relation of the statement (PostgreSQL: missing FROM-clause entry). */
    boolean unknownQualifier(Column column) {
        if (column.getTable() == null || column.getTable().getName() == null || column.getTable().getSchemaName() != null) {
            return false;
        }
        String qualifier = QueryModel.unquote(column.getTable().getName());
        return !model.aliases.containsKey(qualifier);
    }

    Resolution resolve(Column column) {
        // Statement-wide aliases can lead a CTE's column back to itself: an unqualified name inside
        // the CTE is looked up among all relations, the CTE among them.
        if (!resolving.add(column)) {
            return Resolution.UNDECIDABLE;
        }
        try {
            return resolveOnce(column);
        } finally {
            resolving.remove(column);
        }
    }

    private Resolution resolveOnce(Column column) {
        String name = QueryModel.unquote(column.getColumnName());
        if (column.getTable() != null && column.getTable().getName() != null) {
            if (column.getTable().getSchemaName() != null) {
                return Resolution.UNDECIDABLE;
            }
            QueryModel.Binding binding = model.aliases.get(QueryModel.unquote(column.getTable().getName()));
            return binding == null ? Resolution.UNDECIDABLE : resolveIn(binding, name);
        }
        if (KEYWORD_VALUES.contains(name) || model.selectAliases.contains(name) || model.aliases.containsKey(name)) {
            return Resolution.UNDECIDABLE;
        }
        boolean decidable = true;
        for (QueryModel.Binding binding : model.aliases.values()) {
            Resolution resolution = resolveIn(binding, name);
            if (resolution.known() && !resolution.missing()) {
                return resolution;
            }
            decidable &= resolution.known();
        }
        return decidable ? Resolution.MISSING : Resolution.UNDECIDABLE;
    }

    private Resolution resolveIn(QueryModel.Binding binding, String name) {
        switch (binding) {
            case QueryModel.TableBinding table -> {
                Optional<RelationInfo> relation = relation(table.ref());
                if (relation.isEmpty()) {
                    return Resolution.UNDECIDABLE;
                }
                // A pending TVIEW (defined earlier in the same file) may have columns of unknown type.
                return relation.get().column(name).map(c -> Resolution.found(c.type() == null ? null : Types.normalize(c.type())))
                        .orElse(Resolution.MISSING);
            }
            case QueryModel.DerivedBinding derived -> {
                List<SelectItem<?>> items = outputItems(derived.select());
                List<String> names = outputNames(derived.select());
                if (names == null) {
                    return Resolution.UNDECIDABLE;
                }
                int index = names.indexOf(name);
                if (index < 0) {
                    return Resolution.MISSING;
                }
                return Resolution.found(items == null || index >= items.size() ? null : typeOf(items.get(index).getExpression()));
            }
            default -> {
                return Resolution.UNDECIDABLE;
            }
        }
    }

    /** The type of an expression, {@link Types#UNKNOWN} for an untyped literal, null when not known. */
    String typeOf(Expression expression) {
        return switch (expression) {
            case null -> null;
            case Column column -> {
                Resolution resolution = resolve(column);
                yield resolution.known() ? resolution.type() : null;
            }
            case CastExpression cast -> Types.normalize(cast.getColDataType().getDataType()
                    + (cast.getColDataType().getArrayData() == null ? "" : "[]".repeat(cast.getColDataType().getArrayData().size())));
            case LongValue value -> value.getValue() > Integer.MAX_VALUE || value.getValue() < Integer.MIN_VALUE ? "bigint" : "integer";
            case DoubleValue value -> "numeric";
            case StringValue value -> Types.UNKNOWN;
            case NullValue value -> Types.UNKNOWN;
            case BooleanValue value -> "boolean";
            case ComparisonOperator comparison -> "boolean";
            case ExistsExpression exists -> "boolean";
            case Concat concat -> "text";
            case JsonExpression json -> json.getOperators().getLast().contains(">>") ? "text" : typeOf(json.getExpression());
            case ParenthesedExpressionList<?> list -> list.size() == 1 ? typeOf(list.get(0)) : null;
            case ParenthesedSelect sub -> {
                List<SelectItem<?>> items = outputItems(sub.getSelect());
                yield items == null || items.isEmpty() ? null : typeOf(items.get(0).getExpression());
            }
            case AnalyticExpression analytic -> Types.builtinReturnType(analytic.getName().toLowerCase(java.util.Locale.ROOT));
            case Function function -> functionType(function);
            default -> null;
        };
    }

    private String functionType(Function function) {
        String name = QueryModel.unquote(function.getName().substring(function.getName().lastIndexOf('.') + 1));
        if (Set.of("coalesce", "greatest", "least", "nullif").contains(name) && function.getParameters() != null) {
            for (Expression argument : function.getParameters()) {
                String type = typeOf(argument);
                if (type != null && !Types.UNKNOWN.equals(type)) {
                    return type;
                }
            }
            return null;
        }
        List<FunctionInfo> overloads = catalog.functions(name);
        List<String> returns = overloads.stream().map(FunctionInfo::returnType).distinct().toList();
        if (returns.size() == 1 && !Types.isPolymorphic(returns.get(0))) {
            return Types.normalize(returns.get(0));
        }
        return Types.builtinReturnType(name);
    }

    /** The select items whose values make the result columns, or null when they cannot be listed. */
    static List<SelectItem<?>> outputItems(Select select) {
        return switch (select) {
            case PlainSelect plain -> plain.getSelectItems().stream().anyMatch(Typing::isStar) ? null : plain.getSelectItems();
            case SetOperationList set -> outputItems(set.getSelects().get(0));
            case ParenthesedSelect parenthesed -> outputItems(parenthesed.getSelect());
            default -> null;
        };
    }

    private static boolean isStar(SelectItem<?> item) {
        return item.getExpression() instanceof AllColumns || item.getExpression() instanceof AllTableColumns;
    }

    /** The result column names PostgreSQL gives a select, or null when they depend on unknown relations. */
    List<String> outputNames(Select select) {
        return switch (select) {
            case PlainSelect plain -> plainNames(plain);
            case SetOperationList set -> outputNames(set.getSelects().get(0));
            case ParenthesedSelect parenthesed -> outputNames(parenthesed.getSelect());
            case Values values -> {
                int width = values.getExpressions().isEmpty() ? 0
                        : values.getExpressions().get(0) instanceof ParenthesedExpressionList<?> row ? row.size() : 1;
                List<String> names = new ArrayList<>();
                for (int i = 1; i <= width; i++) {
                    names.add("column" + i);
                }
                yield names;
            }
            default -> null;
        };
    }

    private List<String> plainNames(PlainSelect plain) {
        List<String> names = new ArrayList<>();
        for (SelectItem<?> item : plain.getSelectItems()) {
            if (item.getExpression() instanceof AllColumns && !(item.getExpression() instanceof AllTableColumns)) {
                List<FromItem> from = new ArrayList<>();
                from.add(plain.getFromItem());
                if (plain.getJoins() != null) {
                    plain.getJoins().stream().map(Join::getRightItem).forEach(from::add);
                }
                for (FromItem fromItem : from) {
                    List<String> expanded = fromItemColumns(fromItem);
                    if (expanded == null) {
                        return null;
                    }
                    names.addAll(expanded);
                }
            } else if (item.getExpression() instanceof AllTableColumns all) {
                QueryModel.Binding binding = model.aliases.get(QueryModel.unquote(all.getTable().getName()));
                List<String> expanded = bindingColumns(binding);
                if (expanded == null) {
                    return null;
                }
                names.addAll(expanded);
            } else {
                names.add(item.getAlias() != null ? QueryModel.unquote(item.getAlias().getName())
                        : ColumnNames.figure(item.getExpression()));
            }
        }
        return names;
    }

    private List<String> fromItemColumns(FromItem item) {
        if (item == null) {
            return List.of();
        }
        String alias = item.getAlias() != null ? QueryModel.unquote(item.getAlias().getName())
                : item instanceof net.sf.jsqlparser.schema.Table table ? QueryModel.unquote(table.getName()) : null;
        return alias == null ? null : bindingColumns(model.aliases.get(alias));
    }

    private List<String> bindingColumns(QueryModel.Binding binding) {
        return switch (binding) {
            case QueryModel.TableBinding table -> relation(table.ref())
                    .map(r -> r.columns().stream().map(c -> c.name()).toList()).orElse(null);
            case QueryModel.DerivedBinding derived -> outputNames(derived.select());
            case null, default -> null;
        };
    }
}
