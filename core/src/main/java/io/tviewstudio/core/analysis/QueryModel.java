package io.tviewstudio.core.analysis;

import net.sf.jsqlparser.expression.AnalyticExpression;
import net.sf.jsqlparser.expression.AnalyticType;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.ExpressionVisitorAdapter;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.expression.operators.relational.ComparisonOperator;
import net.sf.jsqlparser.expression.operators.relational.EqualsTo;
import net.sf.jsqlparser.expression.operators.relational.GreaterThan;
import net.sf.jsqlparser.expression.operators.relational.GreaterThanEquals;
import net.sf.jsqlparser.expression.operators.relational.MinorThan;
import net.sf.jsqlparser.expression.operators.relational.MinorThanEquals;
import net.sf.jsqlparser.expression.operators.relational.NotEqualsTo;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.select.FromItem;
import net.sf.jsqlparser.statement.select.Join;
import net.sf.jsqlparser.statement.select.OrderByElement;
import net.sf.jsqlparser.statement.select.ParenthesedFromItem;
import net.sf.jsqlparser.statement.select.ParenthesedSelect;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.select.SelectItem;
import net.sf.jsqlparser.statement.select.SetOperationList;
import net.sf.jsqlparser.statement.select.TableFunction;
import net.sf.jsqlparser.statement.select.Values;
import net.sf.jsqlparser.statement.select.WithItem;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a parsed definition references, collected in one walk over the JSqlParser tree: tables,
 * columns, function calls, comparisons, and the aliases that name relations. Aliases are collected
 * for the whole statement rather than per scope: definitions reuse an alias only for the same
 * relation in practice, and an alias bound to two different relations is marked ambiguous so that
 * no check relies on it.
 */
final class QueryModel {

    /** A relation named in a FROM clause. {@code depth} 0 is the outermost query. */
    record TableRef(Table table, String schema, String name, int depth) {
    }

    /** A function call; {@code topTarget} when it is in the outermost query's select list. */
    record Call(Function function, String name, boolean topTarget) {
    }

    /** What an alias stands for: a table, a subquery or CTE (with its select), or something unknown. */
    sealed interface Binding permits TableBinding, DerivedBinding, OpaqueBinding {
    }

    record TableBinding(TableRef ref) implements Binding {
    }

    record DerivedBinding(Select select) implements Binding {
    }

    record OpaqueBinding() implements Binding {
    }

    static final Binding AMBIGUOUS = new OpaqueBinding();

    final Select top;
    final List<TableRef> tables = new ArrayList<>();
    final List<Column> columns = new ArrayList<>();
    final List<Call> calls = new ArrayList<>();
    final List<ComparisonOperator> comparisons = new ArrayList<>();
    final List<AnalyticExpression> topWindowFunctions = new ArrayList<>();
    final Map<String, Binding> aliases = new HashMap<>();
    final Set<String> selectAliases = new HashSet<>();
    final Map<String, Select> ctes = new HashMap<>();
    boolean recursiveWith;

    private QueryModel(Select top) {
        this.top = top;
    }

    static QueryModel of(Select select) {
        QueryModel model = new QueryModel(select);
        new Walker(model).select(select, 0);
        return model;
    }

    /** The outermost plain SELECT, or null for set operations and VALUES. */
    PlainSelect topPlainSelect() {
        Select s = top;
        while (s instanceof ParenthesedSelect p) {
            s = p.getSelect();
        }
        return s instanceof PlainSelect plain ? plain : null;
    }

    static String unquote(String identifier) {
        if (identifier == null) {
            return null;
        }
        if (identifier.length() >= 2 && identifier.startsWith("\"") && identifier.endsWith("\"")) {
            return identifier.substring(1, identifier.length() - 1).replace("\"\"", "\"");
        }
        return identifier.toLowerCase(java.util.Locale.ROOT);
    }

    private void bind(String alias, Binding binding) {
        Binding previous = aliases.putIfAbsent(alias, binding);
        if (previous != null && !sameRelation(previous, binding)) {
            aliases.put(alias, AMBIGUOUS);
        }
    }

    private static boolean sameRelation(Binding a, Binding b) {
        return a instanceof TableBinding ta && b instanceof TableBinding tb
                && java.util.Objects.equals(ta.ref().schema(), tb.ref().schema()) && ta.ref().name().equals(tb.ref().name());
    }

    private static final class Walker extends ExpressionVisitorAdapter<Void> {
        private final QueryModel model;
        private int depth;
        private boolean inTopTarget;

        Walker(QueryModel model) {
            this.model = model;
        }

        void select(Select select, int level) {
            int saved = depth;
            depth = level;
            if (select.getWithItemsList() != null) {
                for (WithItem<?> with : select.getWithItemsList()) {
                    model.recursiveWith |= with.isRecursive() && level == 0;
                    if (with.getSelect() != null) {
                        // A column list renames the CTE's columns: its select items no longer tell them.
                        boolean renamed = with.getWithItemList() != null && !with.getWithItemList().isEmpty();
                        model.ctes.put(unquote(with.getAliasName()), renamed ? null : with.getSelect());
                        select(with.getSelect(), level + 1);
                    }
                }
            }
            switch (select) {
                case PlainSelect plain -> plain(plain);
                case SetOperationList set -> set.getSelects().forEach(s -> select(s, level));
                case ParenthesedSelect parenthesed -> select(parenthesed.getSelect(), level);
                case Values values -> expression(values.getExpressions());
                default -> { }
            }
            orderBy(select.getOrderByElements());
            depth = saved;
        }

        private void plain(PlainSelect plain) {
            fromItem(plain.getFromItem());
            if (plain.getJoins() != null) {
                for (Join join : plain.getJoins()) {
                    fromItem(join.getRightItem());
                    join.getOnExpressions().forEach(this::expression);
                }
            }
            for (SelectItem<?> item : plain.getSelectItems()) {
                if (item.getAlias() != null) {
                    model.selectAliases.add(unquote(item.getAlias().getName()));
                }
                inTopTarget = depth == 0;
                expression(item.getExpression());
                inTopTarget = false;
            }
            if (plain.getDistinct() != null && plain.getDistinct().getOnSelectItems() != null) {
                plain.getDistinct().getOnSelectItems().forEach(i -> expression(i.getExpression()));
            }
            expression(plain.getWhere());
            if (plain.getGroupBy() != null) {
                expression(plain.getGroupBy().getGroupByExpressionList());
                plain.getGroupBy().getGroupingSets().forEach(this::expression);
            }
            expression(plain.getHaving());
        }

        private void orderBy(List<OrderByElement> elements) {
            if (elements != null) {
                elements.forEach(e -> expression(e.getExpression()));
            }
        }

        private void fromItem(FromItem item) {
            switch (item) {
                case null -> { }
                case Table table -> table(table);
                case ParenthesedSelect sub -> {
                    if (sub.getAlias() != null) {
                        boolean renamed = sub.getAlias().getAliasColumns() != null && !sub.getAlias().getAliasColumns().isEmpty();
                        model.bind(unquote(sub.getAlias().getName()),
                                renamed ? new OpaqueBinding() : new DerivedBinding(sub.getSelect()));
                    }
                    select(sub.getSelect(), depth + 1);
                }
                case ParenthesedFromItem nested -> {
                    fromItem(nested.getFromItem());
                    if (nested.getJoins() != null) {
                        for (Join join : nested.getJoins()) {
                            fromItem(join.getRightItem());
                            join.getOnExpressions().forEach(this::expression);
                        }
                    }
                }
                case TableFunction function -> {
                    if (function.getAlias() != null) {
                        model.bind(unquote(function.getAlias().getName()), new OpaqueBinding());
                    }
                    expression(function.getFunction());
                }
                default -> {
                    if (item.getAlias() != null) {
                        model.bind(unquote(item.getAlias().getName()), new OpaqueBinding());
                    }
                }
            }
        }

        private void table(Table table) {
            String name = unquote(table.getName());
            String schema = unquote(table.getSchemaName());
            String alias = table.getAlias() != null ? unquote(table.getAlias().getName()) : name;
            if (schema == null && model.ctes.containsKey(name)) {
                Select cte = model.ctes.get(name);
                model.bind(alias, cte == null ? new OpaqueBinding() : new DerivedBinding(cte));
                return;
            }
            TableRef ref = new TableRef(table, schema, name, depth);
            model.tables.add(ref);
            model.bind(alias, new TableBinding(ref));
        }

        private void expression(Expression expression) {
            if (expression != null) {
                expression.accept(this, null);
            }
        }

        @Override
        public <S> Void visit(Column column, S context) {
            model.columns.add(column);
            return null;
        }

        @Override
        public <S> Void visit(Function function, S context) {
            model.calls.add(new Call(function, lastPart(function.getName()), inTopTarget));
            return super.visit(function, context);
        }

        @Override
        public <S> Void visit(AnalyticExpression analytic, S context) {
            boolean window = analytic.getType() != AnalyticType.FILTER_ONLY && analytic.getType() != AnalyticType.WITHIN_GROUP;
            if (window && depth == 0) {
                model.topWindowFunctions.add(analytic);
            }
            return super.visit(analytic, context);
        }

        @Override
        public <S> Void visit(ParenthesedSelect subquery, S context) {
            boolean saved = inTopTarget;
            inTopTarget = false;
            select(subquery.getSelect(), depth + 1);
            inTopTarget = saved;
            return null;
        }

        @Override
        public <S> Void visit(Select subquery, S context) {
            boolean saved = inTopTarget;
            inTopTarget = false;
            select(subquery, depth + 1);
            inTopTarget = saved;
            return null;
        }

        @Override
        public <S> Void visit(EqualsTo e, S context) {
            model.comparisons.add(e);
            return super.visit(e, context);
        }

        @Override
        public <S> Void visit(NotEqualsTo e, S context) {
            model.comparisons.add(e);
            return super.visit(e, context);
        }

        @Override
        public <S> Void visit(GreaterThan e, S context) {
            model.comparisons.add(e);
            return super.visit(e, context);
        }

        @Override
        public <S> Void visit(GreaterThanEquals e, S context) {
            model.comparisons.add(e);
            return super.visit(e, context);
        }

        @Override
        public <S> Void visit(MinorThan e, S context) {
            model.comparisons.add(e);
            return super.visit(e, context);
        }

        @Override
        public <S> Void visit(MinorThanEquals e, S context) {
            model.comparisons.add(e);
            return super.visit(e, context);
        }

        private static String lastPart(String name) {
            String last = name.substring(name.lastIndexOf('.') + 1);
            return unquote(last);
        }
    }
}
