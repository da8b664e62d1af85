package io.tviewstudio.core.analysis;

import net.sf.jsqlparser.expression.AnalyticExpression;
import net.sf.jsqlparser.expression.ArrayConstructor;
import net.sf.jsqlparser.expression.CaseExpression;
import net.sf.jsqlparser.expression.CastExpression;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.expression.operators.relational.ExistsExpression;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.statement.select.ParenthesedSelect;
import net.sf.jsqlparser.statement.select.SelectItem;

import java.util.List;
import java.util.Locale;

/** The name PostgreSQL gives an unnamed select-list expression (its FigureColname rules). */
final class ColumnNames {

    static final String NO_NAME = "?column?";

    private ColumnNames() {
    }

    static String figure(Expression expression) {
        String name = strong(expression);
        if (name != null) {
            return name;
        }
        if (expression instanceof CastExpression cast) {
            // A cast of an unnamed value is named after the type as written, e.g. '{}'::jsonb -> jsonb.
            String type = cast.getColDataType().getDataType().toLowerCase(Locale.ROOT);
            return type.substring(type.lastIndexOf('.') + 1).replaceAll("\\s*\\(.*", "");
        }
        return NO_NAME;
    }

    private static String strong(Expression expression) {
        return switch (expression) {
            case Column column -> QueryModel.unquote(column.getColumnName());
            case AnalyticExpression analytic -> analytic.getName().toLowerCase(Locale.ROOT);
            case Function function -> QueryModel.unquote(function.getName().substring(function.getName().lastIndexOf('.') + 1));
            case CastExpression cast -> strong(cast.getLeftExpression());
            case CaseExpression ignored -> "case";
            case ExistsExpression ignored -> "exists";
            case ArrayConstructor ignored -> "array";
            case ParenthesedSelect sub -> {
                List<SelectItem<?>> items = Typing.outputItems(sub.getSelect());
                if (items == null || items.isEmpty()) {
                    yield null;
                }
                SelectItem<?> first = items.get(0);
                yield first.getAlias() != null ? QueryModel.unquote(first.getAlias().getName()) : strong(first.getExpression());
            }
            default -> null;
        };
    }
}
