package io.tviewstudio.core.migrate;

import io.tviewstudio.core.analysis.AnalysisResult;
import io.tviewstudio.core.analysis.DefinitionAnalyzer;
import io.tviewstudio.core.analysis.DefinitionParser;
import io.tviewstudio.core.analysis.Diagnostic;
import io.tviewstudio.core.analysis.ErrorCode;
import io.tviewstudio.core.catalog.LiveCatalog;
import net.sf.jsqlparser.JSQLParserException;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.select.SelectItem;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Proposes a TVIEW for a materialized view: the root table (the first table of its FROM) gives
 * the trinity columns ({@code pk_<entity>} from its integer primary key, {@code id}, its
 * {@code fk_*} columns), and every column of the materialized view becomes a key of one
 * {@code jsonb_build_object} read model, so {@code data} holds the same values under the same
 * names. FROM, WHERE, GROUP BY and HAVING are kept. The proposal is then analysed against the live
 * catalog, which adds the runtime's own objections (lineage, unsupported SQL, ...). A materialized
 * view already shaped like a TVIEW ({@link MaterializedView#tviewShapedKey()}) keeps its select list.
 */
public final class MatviewProposer {

    private static final String SELECT_LIST = "tview_proposed_select_list";
    private static final List<String> INTEGER_TYPES = List.of("smallint", "integer", "bigint");

    private MatviewProposer() {
    }

    public static ConversionProposal propose(Connection connection, MaterializedView matview) throws SQLException {
        List<Blocker> blockers = new ArrayList<>();
        Select select;
        try {
            select = (Select) DefinitionParser.parse(matview.definition());
        } catch (JSQLParserException | ClassCastException e) {
            blockers.add(new Blocker(ErrorCode.TV010, "the definition of " + matview.name() + " cannot be parsed",
                    "Write the TVIEW definition by hand (CREATE TVIEW tv_<entity> AS SELECT ...)."));
            return new ConversionProposal(matview, null, null, blockers, null);
        }
        if (!(select instanceof PlainSelect plain)) {
            blockers.add(new Blocker(ErrorCode.TV020, matview.name() + " is a UNION / INTERSECT / EXCEPT of several queries: "
                    + "a TVIEW row must be computable from one key of one root table",
                    "Create one TVIEW per branch, or one TVIEW over a table that owns every row with the branches as "
                            + "correlated subqueries (jsonb_agg) in its data."));
            return new ConversionProposal(matview, null, null, blockers, null);
        }
        if (!(plain.getFromItem() instanceof Table root)) {
            blockers.add(new Blocker(ErrorCode.TV022, matview.name() + " reads first from a subquery or function, not a table: "
                    + "there is no root table whose key would be the TVIEW key",
                    "Put the table that owns one row per result row first in the FROM clause."));
            return new ConversionProposal(matview, null, null, blockers, null);
        }
        String alias = root.getAlias() != null ? root.getAlias().getName() : root.getName();
        RootTable table = rootTable(connection, root.getFullyQualifiedName());
        if (table == null) {
            blockers.add(new Blocker(ErrorCode.TV023, root.getFullyQualifiedName() + " is not a table",
                    "A TVIEW's root must be a table; convert the materialized view it reads first."));
            return new ConversionProposal(matview, null, null, blockers, null);
        }
        if (matview.tviewShapedKey().isPresent()) {
            // Already pk_<entity>, id, data (and fk_*): its own select list is the TVIEW's; wrapping it in
            // another jsonb_build_object would nest the document one level deeper than the materialized view's.
            plain.setOrderByElements(null);
            return analysed(connection, matview, "tv_" + matview.tviewShapedKey().get().substring(3), plain.toString(), blockers);
        }
        String entity = table.pk != null && table.pk.startsWith("pk_") ? table.pk.substring(3)
                : table.name.replaceFirst("^tb_", "").toLowerCase(Locale.ROOT);
        String tview = "tv_" + entity;
        List<String> items = new ArrayList<>();
        if (table.pk == null) {
            blockers.add(new Blocker(ErrorCode.TV011, table.qualified + " has no single-column primary key, so no TVIEW key pk_" + entity,
                    "Add an integer key: ALTER TABLE " + table.qualified + " ADD COLUMN pk_" + entity
                            + " bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY (or UNIQUE NOT NULL)."));
            items.add("NULL::bigint AS pk_" + entity);
        } else {
            if (!INTEGER_TYPES.contains(table.pkType)) {
                blockers.add(new Blocker(ErrorCode.TV012, "the primary key " + table.qualified + "." + table.pk + " is " + table.pkType
                        + ": a TVIEW key must be smallint, integer or bigint",
                        "Add an integer identity column pk_" + entity + " to " + table.qualified + " and keep " + table.pk
                                + " as an ordinary unique column."));
            }
            items.add(alias + "." + quote(table.pk) + (table.pk.equals("pk_" + entity) ? "" : " AS pk_" + entity));
        }
        if (table.hasUuidId) {
            items.add(alias + ".id");
        } else {
            blockers.add(new Blocker(ErrorCode.TV011, table.qualified + " has no column id of type uuid, the TVIEW's public identifier",
                    "ALTER TABLE " + table.qualified + " ADD COLUMN id uuid NOT NULL DEFAULT gen_random_uuid();"));
            items.add("NULL::uuid AS id");
        }
        table.foreignKeys.forEach(fk -> items.add(alias + "." + quote(fk)));
        items.add(dataObject(plain, matview));
        if (plain.getGroupBy() != null && table.pk != null && !groupsBy(plain, alias, table.pk)) {
            blockers.add(new Blocker(ErrorCode.TV013, matview.name() + " groups by other columns than the key "
                    + alias + "." + table.pk + ": one TVIEW row per key cannot be formed",
                    "Group by " + alias + "." + table.pk + ", or compute the aggregate per key in a correlated subquery."));
        }
        plain.setSelectItems(new ArrayList<>(List.of(SelectItem.from(new Column(SELECT_LIST)))));
        plain.setOrderByElements(null);
        String rest = plain.toString();
        String selectText = rest.replace(SELECT_LIST, String.join(",\n       ", items));
        return analysed(connection, matview, tview, selectText, blockers);
    }

    /** The proposal {@code CREATE TVIEW tview AS select}, with the analyzer's errors added to the blockers found so far. */
    private static ConversionProposal analysed(Connection connection, MaterializedView matview, String tview, String select,
                                               List<Blocker> blockers) throws SQLException {
        String create = "CREATE TVIEW " + tview + " AS\n" + select;
        AnalysisResult analysis = DefinitionAnalyzer.analyze(create, new LiveCatalog(connection));
        for (Diagnostic error : analysis.errors()) {
            boolean known = blockers.stream().anyMatch(b -> b.code() == error.code());
            if (!known) {
                blockers.add(new Blocker(error.code(), error.message(), error.hint()));
            }
        }
        return new ConversionProposal(matview, tview, create, blockers, analysis);
    }

    /** jsonb_build_object('col', expr, ...) in chunks of 50 pairs (its argument limit), joined with ||. */
    private static String dataObject(PlainSelect plain, MaterializedView matview) {
        List<String> pairs = new ArrayList<>();
        List<SelectItem<?>> selectItems = plain.getSelectItems();
        for (int i = 0; i < selectItems.size(); i++) {
            Expression expression = selectItems.get(i).getExpression();
            String key = i < matview.columns().size() ? matview.columns().get(i).name() : "column" + (i + 1);
            pairs.add("'" + key.replace("'", "''") + "', " + expression);
        }
        List<String> objects = new ArrayList<>();
        for (int i = 0; i < pairs.size(); i += 50) {
            objects.add("jsonb_build_object(" + String.join(", ", pairs.subList(i, Math.min(pairs.size(), i + 50))) + ")");
        }
        return (objects.isEmpty() ? "'{}'::jsonb" : String.join(" || ", objects)) + " AS data";
    }

    private static boolean groupsBy(PlainSelect plain, String alias, String pk) {
        var expressions = plain.getGroupBy().getGroupByExpressionList();
        if (expressions == null) {
            return false;
        }
        for (Object expression : expressions) {
            String text = expression.toString().replace("\"", "");
            if (text.equals(pk) || text.equals(alias + "." + pk)) {
                return true;
            }
        }
        return false;
    }

    private record RootTable(String qualified, String name, String pk, String pkType, boolean hasUuidId, List<String> foreignKeys) {
    }

    private static RootTable rootTable(Connection connection, String name) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("""
                SELECT format('%I.%I', n.nspname, c.relname), c.relname,
                       (SELECT a.attname FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[0]
                        WHERE i.indrelid = c.oid AND i.indisprimary AND i.indnatts = 1),
                       (SELECT format_type(a.atttypid, NULL) FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[0]
                        WHERE i.indrelid = c.oid AND i.indisprimary AND i.indnatts = 1),
                       EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'id' AND a.atttypid = 'uuid'::regtype
                               AND NOT a.attisdropped),
                       ARRAY(SELECT a.attname::text FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname LIKE 'fk\\_%'
                             AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum)
                FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE c.oid = to_regclass(?) AND c.relkind IN ('r', 'p')""")) {
            statement.setString(1, name);
            try (ResultSet rows = statement.executeQuery()) {
                if (!rows.next()) {
                    return null;
                }
                return new RootTable(rows.getString(1), rows.getString(2), rows.getString(3), rows.getString(4), rows.getBoolean(5),
                        List.of((String[]) rows.getArray(6).getArray()));
            }
        }
    }

    private static String quote(String identifier) {
        return identifier.matches("[a-z_][a-z0-9_]*") ? identifier : "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}
