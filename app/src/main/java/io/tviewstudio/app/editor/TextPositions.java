package io.tviewstudio.app.editor;

/** Converts the analyzer's 1-based line and column to offsets in the editor's text. */
public final class TextPositions {

    private TextPositions() {
    }

    /** The offset of line/column (1-based), clamped to the text. */
    public static int offset(String text, int line, int column) {
        int offset = 0;
        for (int current = 1; current < line; current++) {
            int newline = text.indexOf('\n', offset);
            if (newline < 0) {
                return text.length();
            }
            offset = newline + 1;
        }
        int lineEnd = text.indexOf('\n', offset);
        int limit = lineEnd < 0 ? text.length() : lineEnd;
        return Math.min(offset + Math.max(column - 1, 0), limit);
    }

    /**
     * The range to underline for a finding at {@code start}: the word (identifier, with dots for
     * qualified names) that starts there, else one character; at the end of the text, the last one.
     *
     * @return {start, end}
     */
    public static int[] underline(String text, int start) {
        if (text.isEmpty()) {
            return new int[]{0, 0};
        }
        if (start >= text.length() || text.charAt(start) == '\n') {
            int from = Math.max(0, Math.min(start, text.length()) - 1);
            return new int[]{from, from + 1};
        }
        int end = start;
        while (end < text.length() && (Character.isLetterOrDigit(text.charAt(end)) || text.charAt(end) == '_'
                || text.charAt(end) == '.' || text.charAt(end) == '$')) {
            end++;
        }
        return new int[]{start, Math.max(end, start + 1)};
    }
}
