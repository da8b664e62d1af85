package io.tviewstudio.core.analysis;

import io.tviewstudio.core.analysis.schema.RelationInfo;
import io.tviewstudio.core.analysis.schema.RelationKind;
import net.sf.jsqlparser.expression.CastExpression;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.LongValue;
import net.sf.jsqlparser.expression.NullValue;
import net.sf.jsqlparser.expression.StringValue;
import net.sf.jsqlparser.expression.operators.relational.EqualsTo;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.select.Join;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.SelectItem;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * TV013: a pk_<entity> that can be NULL or repeat. The runtime finds out from the data when it adds
 * the primary key; here it is found from the definition: a constant key, a key column that is not a
 * unique, not-null key of its table, or a join that can repeat rows (joined on columns that are not
 * a unique key of the joined table) without GROUP BY the key.
 */
final class KeyRules {

    private KeyRules() {
    }

    static void check(AnalysisContext context, List<OutputColumn> columns) {
        TviewName name = context.name();
        PlainSelect plain = context.model().topPlainSelect();
        List<SelectItem<?>> items = Typing.outputItems(context.model().top);
        if (name == null || plain == null || items == null) {
            return;
        }
        int index = columns.stream().map(OutputColumn::name).toList().indexOf(name.pkColumn());
        if (index < 0 || index >= items.size()) {
            return;
        }
        Expression key = items.get(index).getExpression();
        while (key instanceof CastExpression cast) {
            key = cast.getLeftExpression();
        }
        String message = "TVIEW " + context.tview() + ": the definition yields NULL or duplicate " + name.pkColumn() + " values";
        String hint = "Each row needs a unique, non-null " + name.pkColumn() + ": select it from the root table's primary key "
                + "and aggregate child rows (GROUP BY or a correlated subquery).";
        if (key instanceof LongValue || key instanceof StringValue || key instanceof NullValue) {
            context.reporter().error(items.get(index).getExpression(), ErrorCode.TV013, message, hint + " It is a constant here.");
            return;
        }
        if (!(key instanceof Column column) || !context.catalog().knowsRelations()) {
            return;
        }
        Optional<RelationInfo> keyRelation = relationOf(context, column);
        String keyColumn = QueryModel.unquote(column.getColumnName());
        if (keyRelation.isPresent() && isTable(keyRelation.get())
                && !keyRelation.get().isUniqueOn(Set.of(keyColumn))) {
            context.reporter().error(key, ErrorCode.TV013, message, hint + " " + keyRelation.get().name() + "." + keyColumn
                    + " is not a unique, not-null key of its table.");
            return;
        }
        if (groupsByKey(plain, key) || plain.getJoins() == null) {
            return;
        }
        for (Join join : plain.getJoins()) {
            if (join.getRightItem() instanceof Table table) {
                repeatingJoin(context, table, join).ifPresent(joined -> context.reporter().error(table, ErrorCode.TV013, message,
                        hint + " The join with " + joined + " is not on a unique key of " + joined + ", so it can repeat rows."));
            }
        }
    }

    /** Only tables declare the keys this check relies on; a view's keys are unknown. */
    private static boolean isTable(RelationInfo relation) {
        return relation.kind() == RelationKind.TABLE || relation.kind() == RelationKind.PARTITIONED_TABLE;
    }

    private static Optional<RelationInfo> relationOf(AnalysisContext context, Column column) {
        if (column.getTable() == null || column.getTable().getName() == null) {
            return Optional.empty();
        }
        QueryModel.Binding binding = context.model().aliases.get(QueryModel.unquote(column.getTable().getName()));
        return binding instanceof QueryModel.TableBinding table ? context.typing().relation(table.ref()) : Optional.empty();
    }

    private static boolean groupsByKey(PlainSelect plain, Expression key) {
        if (plain.getDistinct() != null && plain.getDistinct().getOnSelectItems() == null) {
            return true;
        }
        if (plain.getGroupBy() == null || plain.getGroupBy().getGroupByExpressionList() == null) {
            return false;
        }
        for (Object grouped : plain.getGroupBy().getGroupByExpressionList()) {
            if (grouped.toString().equalsIgnoreCase(key.toString())) {
                return true;
            }
        }
        return false;
    }

    /** The joined table's name when the join is not on one of its unique keys (so it may repeat rows). */
    private static Optional<String> repeatingJoin(AnalysisContext context, Table table, Join join) {
        String name = QueryModel.unquote(table.getName());
        Optional<RelationInfo> relation = context.catalog().relation(QueryModel.unquote(table.getSchemaName()), name);
        if (relation.isEmpty() || !isTable(relation.get()) || join.getOnExpressions().isEmpty()) {
            return Optional.empty();
        }
        String alias = table.getAlias() != null ? QueryModel.unquote(table.getAlias().getName()) : name;
        Set<String> equated = new HashSet<>();
        for (Expression on : join.getOnExpressions()) {
            collectEquated(on, alias, equated);
        }
        return relation.get().isUniqueOn(equated) ? Optional.empty() : Optional.of(relation.get().name());
    }

    /** Columns of the joined alias that an equality in the ON condition (AND-ed) pins to another value. */
    private static void collectEquated(Expression on, String alias, Set<String> equated) {
        if (on instanceof net.sf.jsqlparser.expression.operators.conditional.AndExpression and) {
            collectEquated(and.getLeftExpression(), alias, equated);
            collectEquated(and.getRightExpression(), alias, equated);
        } else if (on instanceof net.sf.jsqlparser.expression.Parenthesis parenthesis) {
            collectEquated(parenthesis.getExpression(), alias, equated);
        } else if (on instanceof EqualsTo equals) {
            addIfOwn(equals.getLeftExpression(), alias, equated);
            addIfOwn(equals.getRightExpression(), alias, equated);
        }
    }

    private static void addIfOwn(Expression side, String alias, Set<String> equated) {
        if (side instanceof Column column && column.getTable() != null && column.getTable().getName() != null
                && QueryModel.unquote(column.getTable().getName()).equals(alias)) {
            equated.add(QueryModel.unquote(column.getColumnName()));
        }
    }
}
