package io.tviewstudio.core.analysis;

/** A text with line and column lookups (1-based; a tab counts as one column). */
record SourceText(String text) {

    int line(int offset) {
        int line = 1;
        for (int i = 0; i < Math.min(offset, text.length()); i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    int column(int offset) {
        int lineStart = text.lastIndexOf('\n', Math.min(offset, text.length()) - 1) + 1;
        return offset - lineStart + 1;
    }

    /** The offset of a 1-based line and column, clamped to the text. */
    int offset(int line, int column) {
        int offset = 0;
        for (int l = 1; l < line && offset >= 0; l++) {
            offset = text.indexOf('\n', offset) + 1;
            if (offset == 0) {
                return text.length();
            }
        }
        return Math.min(text.length(), offset + Math.max(0, column - 1));
    }
}
