package io.tviewstudio.app.editor;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fxmisc.richtext.model.StyleSpans;
import org.fxmisc.richtext.model.StyleSpansBuilder;

/**
 * SQL syntax colouring for the definition editor: style classes for keywords, functions, relation
 * names of the trinity pattern ({@code tb_}, {@code tv_}, {@code v_}), strings, dollar-quoted
 * bodies, numbers and comments. A lexer, not a parser: it must be fast enough to run on every key.
 */
public final class SqlHighlighter {

    static final Set<String> KEYWORDS = Set.of(
            "ALL", "AND", "ANY", "AS", "ASC", "BETWEEN", "BY", "CASE", "CAST", "CREATE", "CROSS", "DESC", "DISTINCT",
            "ELSE", "END", "EXISTS", "FALSE", "FILTER", "FROM", "FULL", "GROUP", "HAVING", "IF", "ILIKE", "IN", "INNER",
            "IS", "JOIN", "LATERAL", "LEFT", "LIKE", "LIMIT", "NOT", "NULL", "OFFSET", "ON", "OR", "ORDER", "OUTER",
            "OVER", "PARTITION", "RIGHT", "SELECT", "THEN", "TRUE", "TVIEW", "UNION", "USING", "WHEN", "WHERE", "WITH");

    private static final Pattern TOKENS = Pattern.compile(
            "(?<COMMENT>--[^\\n]*|/\\*(?s:.*?)(?:\\*/|$))"
                    + "|(?<DOLLAR>\\$\\$(?s:.*?)(?:\\$\\$|$))"
                    + "|(?<STRING>'(?:[^']|'')*(?:'|$))"
                    + "|(?<QUOTED>\"(?:[^\"]|\"\")*(?:\"|$))"
                    + "|(?<NUMBER>\\b\\d+(?:\\.\\d+)?\\b)"
                    + "|(?<WORD>[A-Za-z_][A-Za-z_0-9$]*)(?<CALL>\\s*\\()?"
                    + "|(?<OPERATOR>::|->>|->|#>>|#>|[-+*/<>=!|&%]+)");

    private SqlHighlighter() {
    }

    /** The style classes of every character of the text (unstyled runs get an empty collection). */
    public static StyleSpans<Collection<String>> highlight(String text) {
        StyleSpansBuilder<Collection<String>> spans = new StyleSpansBuilder<>();
        Matcher matcher = TOKENS.matcher(text);
        int last = 0;
        while (matcher.find()) {
            String style = styleOf(matcher);
            int end = matcher.group("WORD") != null ? matcher.end("WORD") : matcher.end();
            if (style == null) {
                continue;
            }
            spans.add(List.of(), matcher.start() - last);
            spans.add(List.of(style), end - matcher.start());
            last = end;
        }
        spans.add(List.of(), text.length() - last);
        return spans.create();
    }

    /** The style class of a token, or null for plain text. */
    static String styleOf(Matcher matcher) {
        if (matcher.group("COMMENT") != null) {
            return "sql-comment";
        }
        if (matcher.group("DOLLAR") != null || matcher.group("STRING") != null) {
            return "sql-string";
        }
        if (matcher.group("QUOTED") != null) {
            return "sql-identifier";
        }
        if (matcher.group("NUMBER") != null) {
            return "sql-number";
        }
        if (matcher.group("OPERATOR") != null) {
            return "sql-operator";
        }
        String word = matcher.group("WORD");
        if (word == null) {
            return null;
        }
        if (KEYWORDS.contains(word.toUpperCase(Locale.ROOT))) {
            return "sql-keyword";
        }
        if (matcher.group("CALL") != null) {
            return "sql-function";
        }
        String lower = word.toLowerCase(Locale.ROOT);
        if (lower.startsWith("tv_") || lower.startsWith("tb_") || lower.startsWith("v_")) {
            return "sql-relation";
        }
        return null;
    }
}
