package io.tviewstudio.core.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a SQL file into statements at top-level semicolons, skipping those inside quotes, quoted
 * identifiers, dollar-quoted bodies and comments. Comment-only pieces are dropped.
 */
final class SqlScript {

    private SqlScript() {
    }

    /** The statements, each stripped and without its terminating semicolon. */
    static List<String> statements(String text) {
        List<String> statements = new ArrayList<>();
        int start = 0;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\'' || c == '"') {
                i = skipQuoted(text, i, c);
            } else if (c == '-' && text.startsWith("--", i)) {
                int end = text.indexOf('\n', i);
                i = end < 0 ? text.length() : end + 1;
            } else if (c == '/' && text.startsWith("/*", i)) {
                i = skipBlockComment(text, i);
            } else if (c == '$' && dollarTag(text, i) != null) {
                String tag = dollarTag(text, i);
                int end = text.indexOf(tag, i + tag.length());
                i = end < 0 ? text.length() : end + tag.length();
            } else if (c == ';') {
                add(statements, text.substring(start, i));
                start = ++i;
            } else {
                i++;
            }
        }
        add(statements, text.substring(start));
        return statements;
    }

    /** The text without leading whitespace and comments. */
    static String stripLeadingComments(String text) {
        int i = 0;
        while (i < text.length()) {
            if (Character.isWhitespace(text.charAt(i))) {
                i++;
            } else if (text.startsWith("--", i)) {
                int end = text.indexOf('\n', i);
                i = end < 0 ? text.length() : end + 1;
            } else if (text.startsWith("/*", i)) {
                i = skipBlockComment(text, i);
            } else {
                break;
            }
        }
        return text.substring(i);
    }

    private static void add(List<String> statements, String piece) {
        String statement = piece.strip();
        if (!stripLeadingComments(statement).isEmpty()) {
            statements.add(statement);
        }
    }

    private static int skipQuoted(String text, int open, char quote) {
        int i = open + 1;
        while (i < text.length()) {
            if (text.charAt(i) == quote) {
                if (i + 1 < text.length() && text.charAt(i + 1) == quote) {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        return text.length();
    }

    private static int skipBlockComment(String text, int open) {
        // PostgreSQL block comments nest.
        int depth = 0;
        int i = open;
        while (i < text.length()) {
            if (text.startsWith("/*", i)) {
                depth++;
                i += 2;
            } else if (text.startsWith("*/", i)) {
                depth--;
                i += 2;
                if (depth == 0) {
                    return i;
                }
            } else {
                i++;
            }
        }
        return text.length();
    }

    /** The dollar-quote opening tag at {@code i} ({@code $$} or {@code $name$}), or null. */
    static String dollarTag(String text, int i) {
        if (i > 0 && (Character.isLetterOrDigit(text.charAt(i - 1)) || text.charAt(i - 1) == '_')) {
            return null; // part of an identifier such as a$b, or a parameter like $1 follows a word
        }
        int j = i + 1;
        while (j < text.length() && (Character.isLetterOrDigit(text.charAt(j)) || text.charAt(j) == '_')) {
            if (j == i + 1 && Character.isDigit(text.charAt(j))) {
                return null; // $1 is a parameter, not a tag
            }
            j++;
        }
        return j < text.length() && text.charAt(j) == '$' ? text.substring(i, j + 1) : null;
    }
}
