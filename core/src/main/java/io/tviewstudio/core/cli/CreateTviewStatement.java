package io.tviewstudio.core.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One TVIEW to create, from {@code CREATE TVIEW [IF NOT EXISTS] name AS SELECT ...} or from a bare
 * SELECT with a name given separately, and its translation to {@code pg_tviews_create}. The runtime
 * judges the name and the SELECT (and raises its {@code TVnnn} codes); this class only finds the
 * two parts. The definition analyser may replace it with a parser-based one.
 *
 * @param name        the TVIEW name as written, e.g. {@code tv_post} or {@code app.tv_post}
 * @param select      the defining SELECT, without a trailing semicolon
 * @param ifNotExists skip, rather than fail, when the TVIEW exists (TV002)
 */
public record CreateTviewStatement(String name, String select, boolean ifNotExists) {

    private static final Pattern CREATE_TVIEW = Pattern.compile(
            "(?is)CREATE\\s+TVIEW\\s+(IF\\s+NOT\\s+EXISTS\\s+)?(\\S+?)\\s+AS\\s+(.*)");
    private static final Pattern CREATE_TVIEW_START = Pattern.compile("(?is)CREATE\\s+TVIEW\\b.*");

    /** Thrown when a file's text is neither CREATE TVIEW statements nor one SELECT with a name. */
    public static final class TranslationException extends Exception {
        public TranslationException(String message) {
            super(message);
        }
    }

    /**
     * The TVIEWs a file defines. With {@code name}, the file holds one SELECT (or one
     * {@code CREATE TVIEW} of that same name); without, one or more {@code CREATE TVIEW} statements.
     */
    public static List<CreateTviewStatement> parseScript(String text, String name) throws TranslationException {
        List<String> statements = SqlScript.statements(text);
        if (statements.isEmpty()) {
            throw new TranslationException("the file holds no SQL statement");
        }
        List<CreateTviewStatement> result = new ArrayList<>();
        int number = 0;
        for (String statement : statements) {
            number++;
            String code = SqlScript.stripLeadingComments(statement);
            if (CREATE_TVIEW_START.matcher(code).matches()) {
                result.add(parseCreate(code, number));
            } else if (name != null && statements.size() == 1) {
                result.add(new CreateTviewStatement(name, statement, false));
            } else if (name != null) {
                throw new TranslationException("with a TVIEW name the file must hold exactly one SELECT, but it holds "
                        + statements.size() + " statements");
            } else {
                throw new TranslationException("statement " + number + " is not CREATE TVIEW name AS SELECT ...: "
                        + firstLine(code) + " (to create from a bare SELECT, give the TVIEW name: tviews create tv_name --file FILE)");
            }
        }
        if (name != null && result.size() == 1 && !result.get(0).name().equals(name)) {
            throw new TranslationException("the file creates TVIEW " + result.get(0).name() + ", not " + name);
        }
        if (name != null && result.size() > 1) {
            throw new TranslationException("with a TVIEW name the file must hold exactly one statement, but it holds "
                    + result.size());
        }
        return result;
    }

    private static CreateTviewStatement parseCreate(String code, int number) throws TranslationException {
        Matcher matcher = CREATE_TVIEW.matcher(code);
        if (!matcher.matches() || matcher.group(2).toUpperCase(Locale.ROOT).equals("AS")) {
            throw new TranslationException("statement " + number + " is not CREATE TVIEW [IF NOT EXISTS] name AS SELECT ...: "
                    + firstLine(code));
        }
        String select = matcher.group(3).strip();
        if (select.isEmpty()) {
            throw new TranslationException("statement " + number + " has no SELECT after AS");
        }
        return new CreateTviewStatement(matcher.group(2), select, matcher.group(1) != null);
    }

    private static String firstLine(String code) {
        String line = code.lines().findFirst().orElse("").strip();
        return line.length() > 60 ? line.substring(0, 60) + "..." : line;
    }

    /**
     * The equivalent runtime call as text, for display and for psql scripts, e.g.
     * {@code SELECT pg_tviews_create('tv_post', $$SELECT ...$$);}. The dollar-quote tag is chosen so
     * that it does not occur in the SELECT. (The command line itself passes both as parameters.)
     */
    public String toSql() {
        String tag = "$$";
        for (int i = 0; select.contains(tag); i++) {
            tag = i == 0 ? "$tview$" : "$tview" + i + "$";
        }
        return "SELECT pg_tviews_create('" + name.replace("'", "''") + "', " + tag + select + tag + ");";
    }
}
