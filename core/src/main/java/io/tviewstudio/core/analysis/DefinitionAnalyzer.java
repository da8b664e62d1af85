package io.tviewstudio.core.analysis;

import io.tviewstudio.core.analysis.schema.CatalogSnapshot;
import net.sf.jsqlparser.JSQLParserException;
import net.sf.jsqlparser.parser.CCJSqlParserConstants;
import net.sf.jsqlparser.parser.ParseException;
import net.sf.jsqlparser.parser.Token;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.select.Select;

import java.util.ArrayList;
import java.util.List;

/**
 * Analyses TVIEW definitions before the runtime sees them: the checks of {@code pg_tviews_create},
 * with the same error codes, placed at a line and column. Give it {@code CREATE TVIEW name AS
 * SELECT ...} text, or a name and a bare SELECT. With {@link CatalogSnapshot#offline()} only the
 * checks that need no database run; with a catalog also unknown relations, columns and functions,
 * column types, key uniqueness and the complete lineage.
 */
public final class DefinitionAnalyzer {

    private DefinitionAnalyzer() {
    }

    /** Analyses {@code CREATE TVIEW [IF NOT EXISTS] name AS select} (one statement, optional trailing semicolon). */
    public static AnalysisResult analyze(String sourceText, CatalogSnapshot catalog) {
        Definition definition = Definition.readCreate(sourceText);
        if (definition == null) {
            Reporter reporter = new Reporter(new SourceText(sourceText), sourceText, 0);
            int at = Math.max(0, SqlScanner.firstSignificant(sourceText, 0));
            reporter.atSource(at, Severity.ERROR, Definition.startsWithCreateTview(sourceText) ? ErrorCode.TV010 : ErrorCode.TV010,
                    "expected CREATE TVIEW [IF NOT EXISTS] tv_<entity> AS SELECT ...",
                    "Write CREATE TVIEW tv_post AS SELECT ..., or analyse a bare SELECT together with its TVIEW name.");
            SourceText text = new SourceText(sourceText);
            return new AnalysisResult(null, null, sourceText, false, List.of(), List.of(), List.of(), reporter.diagnostics(),
                    text.line(at), text.column(at));
        }
        return analyze(definition, sourceText, catalog);
    }

    /** Analyses a bare SELECT for the TVIEW {@code tviewName}, as {@code pg_tviews_create(tviewName, selectSql)} would. */
    public static AnalysisResult analyze(String tviewName, String selectSql, CatalogSnapshot catalog) {
        return analyze(new Definition(tviewName, 0, selectSql, 0, false, false), selectSql, catalog);
    }

    /**
     * Analyses a script of {@code CREATE TVIEW} statements separated by semicolons; each result's
     * positions are positions in the whole script.
     */
    public static List<AnalysisResult> analyzeScript(String script, CatalogSnapshot catalog) {
        return splitScript(script).stream().map(statement -> analyze(statement, catalog)).toList();
    }

    /**
     * The statements of a script, each as a text of the script's length in which everything but that
     * statement is blanked out: analysing one with {@link #analyze(String, CatalogSnapshot)} gives
     * positions in the whole script. Comment-only pieces are left out.
     */
    public static List<String> splitScript(String script) {
        List<String> statements = new ArrayList<>();
        for (int[] range : SqlScanner.statements(script)) {
            StringBuilder single = new StringBuilder(script.length());
            for (int i = 0; i < script.length(); i++) {
                char c = script.charAt(i);
                single.append(i >= range[0] && i < range[1] || c == '\n' ? c : ' ');
            }
            statements.add(single.toString());
        }
        return statements;
    }

    private static AnalysisResult analyze(Definition definition, String sourceText, CatalogSnapshot catalog) {
        String select = definition.select();
        int semicolon = SqlScanner.firstSemicolon(select);
        String body = semicolon < 0 ? select : select.substring(0, semicolon);
        Reporter reporter = new Reporter(new SourceText(sourceText), body, definition.selectOffset());
        SourceText text = new SourceText(sourceText);
        int at = definition.createSyntax() ? definition.nameOffset()
                : definition.selectOffset() + Math.max(0, SqlScanner.firstSignificant(select, 0));
        int line = text.line(at);
        int column = text.column(at);
        String nameText = definition.nameText();
        TviewName name = TviewName.parse(nameText).orElse(null);
        if (name == null) {
            reporter.atSource(definition.nameOffset(), Severity.ERROR, ErrorCode.TV001,
                    "invalid TVIEW name '" + nameText + "'", TviewName.HINT);
        } else {
            checkNameFree(definition, name, catalog, reporter);
        }
        java.util.function.Supplier<AnalysisResult> empty = () -> new AnalysisResult(nameText, name, body.strip(),
                definition.ifNotExists(), List.of(), List.of(), List.of(), reporter.diagnostics(), line, column);
        if (SqlScanner.isBlank(select)) {
            reporter.atSelect(0, Severity.ERROR, ErrorCode.TV010, "TVIEW definition is empty",
                    "Pass a SELECT statement, e.g. SELECT pk_post, id, jsonb_build_object(...) AS data FROM tb_post.");
            return empty.get();
        }
        if (semicolon >= 0 && SqlScanner.firstSignificant(select, semicolon + 1) >= 0) {
            reporter.atSelect(SqlScanner.firstSignificant(select, semicolon + 1), Severity.ERROR, ErrorCode.TV010,
                    "TVIEW definition must be a single SELECT statement", "Remove everything after the first top-level semicolon.");
            return empty.get();
        }
        Select parsed = parse(body, nameText, reporter);
        if (parsed == null) {
            return empty.get();
        }
        QueryModel model = QueryModel.of(parsed);
        Typing typing = new Typing(model, catalog);
        AnalysisContext context = new AnalysisContext(model, typing, catalog, name, nameText, reporter);
        List<OutputColumn> columns = outputColumns(parsed, typing);
        RelationRules.check(context);
        FunctionRules.check(context);
        ShapeRules.check(context);
        ColumnRules.check(context, columns);
        LineageRules.Lineage lineage = LineageRules.derive(context, columns);
        KeyRules.check(context, columns);
        return new AnalysisResult(nameText, name, body.strip(), definition.ifNotExists(), columns, lineage.sources(),
                lineage.rules(), reporter.diagnostics(), line, column);
    }

    private static void checkNameFree(Definition definition, TviewName name, CatalogSnapshot catalog, Reporter reporter) {
        if (catalog.tviewExists(name.entity())) {
            reporter.atSource(definition.nameOffset(), definition.ifNotExists() ? Severity.INFO : Severity.ERROR, ErrorCode.TV002,
                    "TVIEW tv_" + name.entity() + " already exists" + (definition.ifNotExists() ? "; IF NOT EXISTS skips it" : ""),
                    "Drop it first with SELECT pg_tviews_drop('tv_" + name.entity() + "'), or choose another entity name.");
        } else if (catalog.knowsRelations() && (catalog.relation(name.schema(), name.table()).isPresent()
                || catalog.relation(name.schema(), name.viewName()).isPresent())) {
            String schema = name.schema() != null ? name.schema() : catalog.currentSchema();
            reporter.atSource(definition.nameOffset(), Severity.ERROR, ErrorCode.TV004,
                    "cannot create TVIEW " + schema + "." + name.table() + ": relation " + schema + "." + name.table()
                            + " or " + schema + "." + name.viewName() + " already exists",
                    "Rename or drop the existing relation, or choose another entity name.");
        }
    }

    private static Select parse(String body, String tview, Reporter reporter) {
        Statement statement;
        String masked = SqlScanner.maskDollarQuotes(body);
        int tooDeep = DefinitionParser.tooDeepAt(masked);
        if (tooDeep >= 0) {
            reporter.atSelect(tooDeep, Severity.ERROR, ErrorCode.TV010, "TVIEW " + tview
                            + ": invalid definition: parentheses nested more than " + DefinitionParser.MAX_NESTING + " levels deep",
                    "The analyzer reads at most " + DefinitionParser.MAX_NESTING + " levels of parentheses: "
                            + "flatten the expression (a CASE, a helper function, or a lateral join).");
            return null;
        }
        try {
            statement = DefinitionParser.parse(masked);
        } catch (JSQLParserException e) {
            Token at = unexpectedToken(e);
            if (at != null && at.kind == CCJSqlParserConstants.EOF) {
                at = null;  // "end of input", at the end of the text
            }
            String near = at == null || at.image == null || at.image.isEmpty() ? "end of input" : "\"" + at.image + "\"";
            String message = "TVIEW " + tview + ": invalid definition: syntax error at " + (at == null || at.image == null
                    || at.image.isEmpty() ? "end of input" : "or near " + near);
            String hint = "The definition must be one SELECT statement that PostgreSQL accepts as a view.";
            if (at != null && at.beginLine > 0) {
                reporter.atSelect(at.beginLine, at.beginColumn, Severity.ERROR, ErrorCode.TV010, message, hint);
            } else {
                reporter.atSelect(body.stripTrailing().length(), Severity.ERROR, ErrorCode.TV010, message, hint);
            }
            return null;
        }
        if (statement instanceof Select select) {
            return select;
        }
        reporter.atSelect(Math.max(0, SqlScanner.firstSignificant(body, 0)), Severity.ERROR, ErrorCode.TV010,
                "TVIEW " + tview + ": invalid definition: a definition is a SELECT, not " + statement.getClass().getSimpleName().toUpperCase(java.util.Locale.ROOT),
                "The definition must be one SELECT statement that PostgreSQL accepts as a view.");
        return null;
    }

    /**
     * The token PostgreSQL names in its syntax error: the furthest token any alternative of the
     * parser read. JSqlParser backtracks (a function call whose arguments fail is tried again as a
     * column name) and reports where its last alternative failed, often tokens earlier: the "(" of
     * {@code jsonb_build_object('title', p.title AS data} where PostgreSQL, which reads each token
     * once, names "AS". Its lookahead links every token it reads after the current one.
     */
    private static Token unexpectedToken(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof ParseException parse && parse.currentToken != null) {
                Token furthest = parse.currentToken;
                while (furthest.next != null) {
                    furthest = furthest.next;
                }
                return furthest;
            }
        }
        return null;
    }

    private static List<OutputColumn> outputColumns(Select select, Typing typing) {
        List<String> names = typing.outputNames(select);
        if (names == null) {
            return List.of();
        }
        var items = Typing.outputItems(select);
        List<OutputColumn> columns = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            String type = items == null || i >= items.size() ? null : typing.typeOf(items.get(i).getExpression());
            columns.add(new OutputColumn(names.get(i), type == null ? null : Types.resultType(type)));
        }
        return columns;
    }
}
