package io.tviewstudio.core.analysis;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A definition as written: the TVIEW name and the SELECT, with where each starts in the source text.
 *
 * @param nameText     the name as written (quotes kept), null when a bare SELECT was given without a name
 * @param nameOffset   offset of the name in the source text
 * @param select       the SELECT text (everything after {@code AS}, or the whole bare SELECT)
 * @param selectOffset offset of {@link #select} in the source text
 * @param ifNotExists  whether {@code CREATE TVIEW IF NOT EXISTS} was written
 * @param createSyntax whether the source used {@code CREATE TVIEW}
 */
record Definition(String nameText, int nameOffset, String select, int selectOffset, boolean ifNotExists,
                  boolean createSyntax) {

    private static final String IDENTIFIER = "(?:\"(?:[^\"]|\"\")*\"|[^\\s.\"()]+)";
    static final Pattern CREATE_TVIEW = Pattern.compile(
            "CREATE\\s+TVIEW\\s+(IF\\s+NOT\\s+EXISTS\\s+)?(" + IDENTIFIER + "(?:\\s*\\.\\s*" + IDENTIFIER + ")?)\\s+AS\\b\\s*",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern CREATE_START = Pattern.compile("CREATE\\s+TVIEW\\b", Pattern.CASE_INSENSITIVE);

    /** Reads {@code CREATE TVIEW [IF NOT EXISTS] name AS select}; null when the text does not start that way. */
    static Definition readCreate(String source) {
        int start = SqlScanner.firstSignificant(source, 0);
        if (start < 0) {
            return null;
        }
        Matcher matcher = CREATE_TVIEW.matcher(source).region(start, source.length());
        if (!matcher.lookingAt()) {
            return null;
        }
        return new Definition(matcher.group(2), matcher.start(2), source.substring(matcher.end()), matcher.end(),
                matcher.group(1) != null, true);
    }

    /** Whether the text starts with {@code CREATE TVIEW} (possibly malformed after that). */
    static boolean startsWithCreateTview(String source) {
        int start = SqlScanner.firstSignificant(source, 0);
        return start >= 0 && CREATE_START.matcher(source).region(start, source.length()).lookingAt();
    }
}
