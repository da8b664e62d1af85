package io.tviewstudio.core.connect;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keeps passwords out of text that is shown, logged or saved. A user may put a password into a
 * connection URL ({@code jdbc:postgresql://h/db?password=s}, {@code postgresql://u:s@h/db}) or a
 * libpq conninfo string ({@code host=h password=s}); every message, profile and {@code toString}
 * that can contain such a string goes through {@link #mask}.
 */
public final class Secrets {

    /** What a masked password reads as. */
    public static final String MASK = "***";

    // scheme://user:password@host. A typed password need not be URL-encoded (spaces, ':', '@', '/'),
    // so it runs to the last '@' of the line: masking too much is the safe side.
    private static final Pattern USERINFO = Pattern.compile("(?i)(\\b[a-z][a-z0-9+.-]*://[^\\s/?#@:]*:)[^\\r\\n]*@");
    // password=... and sslpassword=... in a URL query (ends at & ; # or white space) or a conninfo
    // string (a single-quoted value with \' and \\ escapes, or a bare word).
    private static final Pattern PARAMETER = Pattern.compile(
            "(?i)(\\b(?:ssl)?password\\s*=\\s*)('(?:[^'\\\\]|\\\\.)*'?|[^\\s&;#]*)");
    private static final Pattern QUERY_PARAMETER = Pattern.compile("(?i)([?&])(?:ssl)?password=[^&#]*(&|(?=#)|$)");

    private Secrets() {
    }

    /** The text with every password in a URL or conninfo replaced by {@value #MASK}; null stays null. */
    public static String mask(String text) {
        if (text == null) {
            return null;
        }
        String masked = USERINFO.matcher(text).replaceAll(match -> Matcher.quoteReplacement(match.group(1) + MASK + "@"));
        return PARAMETER.matcher(masked).replaceAll(match -> Matcher.quoteReplacement(match.group(1) + MASK));
    }

    /** Whether the text holds a password that {@link #mask} would hide. */
    public static boolean containsPassword(String text) {
        return text != null && !mask(text).equals(text);
    }

    /**
     * A URL without its password, for saving: the password of {@code user:password@} and the
     * {@code password=}/{@code sslpassword=} query parameters are removed (not masked), so the saved
     * URL still works with a password from the prompt, PGPASSWORD or the password file.
     */
    public static String withoutPassword(String url) {
        if (url == null) {
            return null;
        }
        String stripped = USERINFO.matcher(url).replaceAll(match -> {
            String prefix = match.group(1);
            return Matcher.quoteReplacement(prefix.substring(0, prefix.length() - 1) + "@");
        });
        Matcher query = QUERY_PARAMETER.matcher(stripped);
        while (query.find()) {
            // "?password=x&a=b" -> "?a=b"; "?a=b&password=x&c=d" -> "?a=b&c=d"; "?a=b&password=x" -> "?a=b"
            String keep = query.group(2).isEmpty() ? "" : query.group(1);
            stripped = stripped.substring(0, query.start()) + keep + stripped.substring(query.end());
            query = QUERY_PARAMETER.matcher(stripped);
        }
        return mask(stripped);
    }
}
