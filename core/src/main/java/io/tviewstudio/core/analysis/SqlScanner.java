package io.tviewstudio.core.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Lexical scanning that needs no parser: where statements end (top-level semicolons outside quotes,
 * comments and dollar quotes, as the runtime's {@code pg_tviews__single_statement} finds them) and
 * what is only whitespace or comments.
 */
final class SqlScanner {

    private static final Pattern DOLLAR_TAG = Pattern.compile("\\$(?:[A-Za-z_][A-Za-z_0-9]*)?\\$");

    private SqlScanner() {
    }

    /** The [start, end) ranges of the statements of a script; a range with only comments is left out. */
    static List<int[]> statements(String text) {
        List<int[]> result = new ArrayList<>();
        int start = 0;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == ';') {
                addIfNotBlank(text, start, i, result);
                start = i + 1;
                i++;
            } else {
                i = skipToken(text, i);
            }
        }
        addIfNotBlank(text, start, text.length(), result);
        return result;
    }

    /** The offset of the first top-level semicolon, or -1. */
    static int firstSemicolon(String text) {
        int i = 0;
        while (i < text.length()) {
            if (text.charAt(i) == ';') {
                return i;
            }
            i = skipToken(text, i);
        }
        return -1;
    }

    /**
     * The offset of the first opening parenthesis (outside quotes and comments) that is nested more
     * than {@code limit} levels deep, or -1.
     */
    static int parenthesisDeeperThan(String text, int limit) {
        int depth = 0;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '(' && ++depth > limit) {
                return i;
            } else if (c == ')' && depth > 0) {
                depth--;
            }
            i = skipToken(text, i);
        }
        return -1;
    }

    /** Whether the text holds nothing but whitespace, semicolons and comments. */
    static boolean isBlank(String text) {
        return firstSignificant(text, 0) < 0;
    }

    /** The offset of the first character that is not whitespace, a semicolon or inside a comment, or -1. */
    static int firstSignificant(String text, int from) {
        int i = from;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c) || c == ';') {
                i++;
            } else if (startsComment(text, i)) {
                i = skipToken(text, i);
            } else {
                return i;
            }
        }
        return -1;
    }

    /**
     * The text with every dollar-quoted string replaced by a single-quoted string of the same length,
     * so that a parser without dollar quotes reads it and positions stay the same.
     */
    static String maskDollarQuotes(String text) {
        StringBuilder out = new StringBuilder(text);
        int i = 0;
        while (i < text.length()) {
            int next = skipToken(text, i);
            if (text.charAt(i) == '$' && next - i > 2 && DOLLAR_TAG.matcher(text).region(i, text.length()).lookingAt()) {
                out.setCharAt(i, '\'');
                for (int k = i + 1; k < next - 1; k++) {
                    out.setCharAt(k, text.charAt(k) == '\n' ? '\n' : 'x');
                }
                out.setCharAt(next - 1, '\'');
            }
            i = next;
        }
        return out.toString();
    }

    private static void addIfNotBlank(String text, int start, int end, List<int[]> result) {
        if (!isBlank(text.substring(start, end))) {
            result.add(new int[] {start, end});
        }
    }

    private static boolean startsComment(String text, int i) {
        return text.startsWith("--", i) || text.startsWith("/*", i);
    }

    /** The offset just after the token starting at i: a quoted string or identifier, a comment, or one character. */
    private static int skipToken(String text, int i) {
        char c = text.charAt(i);
        if (c == '\'' || c == '"') {
            int k = i + 1;
            while (k < text.length()) {
                if (text.charAt(k) == c) {
                    if (k + 1 < text.length() && text.charAt(k + 1) == c) {
                        k += 2;
                        continue;
                    }
                    return k + 1;
                }
                k++;
            }
            return text.length();
        }
        if (text.startsWith("--", i)) {
            int k = text.indexOf('\n', i);
            return k < 0 ? text.length() : k;
        }
        if (text.startsWith("/*", i)) {
            // Block comments nest in PostgreSQL: /* a /* b */ ; */ is one comment.
            int depth = 1;
            int k = i + 2;
            while (k < text.length() && depth > 0) {
                if (text.startsWith("/*", k)) {
                    depth++;
                    k += 2;
                } else if (text.startsWith("*/", k)) {
                    depth--;
                    k += 2;
                } else {
                    k++;
                }
            }
            return k;
        }
        if (c == '$') {
            Matcher tag = DOLLAR_TAG.matcher(text).region(i, text.length());
            if (tag.lookingAt() && (i == 0 || !Character.isLetterOrDigit(text.charAt(i - 1)))) {
                int k = text.indexOf(tag.group(), tag.end());
                return k < 0 ? text.length() : k + tag.group().length();
            }
        }
        return i + 1;
    }
}
