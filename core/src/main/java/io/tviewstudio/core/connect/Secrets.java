package io.tviewstudio.core.connect;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keeps passwords out of text that is shown, logged or saved. A user may put a password into a
 * connection URL ({@code jdbc:postgresql://h/db?password=s}, {@code postgresql://u:s@h/db}) or a
 * libpq conninfo string ({@code host=h password=s}); every message, profile and {@code toString}
 * that can contain such a string goes through {@link #mask}.
 *
 * <p>A value ends where the program that reads it ends it, and where that is unsure, later:
 * <ul>
 *   <li>URL query ({@code ?password=...}, {@code &sslpassword=...}): PgJDBC splits the text after the
 *       first {@code ?} at {@code &} only and URL-decodes the value, libpq likewise (and decodes the
 *       key too), so the value runs to the next {@code &} or the end of the line: {@code ;}, {@code #},
 *       spaces and tabs are part of it. Segments after it that cannot be a parameter (no
 *       {@code name=}, e.g. the {@code cd} of {@code password=ab&cd}) are taken as the rest of a
 *       password with a raw {@code &} and hidden too. Any key that holds "password" in any case,
 *       after percent-decoding, counts.</li>
 *   <li>conninfo ({@code password=...}): libpq reads a bare value to the next white space, with
 *       {@code \} escaping the next character (also a space), and a quoted value from {@code '} to
 *       the next unescaped {@code '} ({@code \'} and {@code \\} escapes); an unterminated quote runs
 *       to the end of the text, and anything glued to the closing quote is hidden with it.</li>
 *   <li>userinfo ({@code scheme://user:password@host}): a typed password need not be URL-encoded
 *       (spaces, {@code :}, {@code @}, {@code /}), so it runs to the last {@code @} of the line.</li>
 * </ul>
 */
public final class Secrets {

    /** What a masked password reads as. */
    public static final String MASK = "***";

    // scheme://user:password@host. libpq takes everything before the first '@' as userinfo; a
    // password with a raw '@' moves that, so the password runs to the last '@' of the line.
    private static final Pattern USERINFO = Pattern.compile("(?i)(\\b[a-z][a-z0-9+.-]*://[^/@:\\r\\n]*:)[^\\r\\n]*@");
    // ?key=value and &key=value; the value runs to the next '&' or the end of the line.
    private static final Pattern QUERY_PARAMETER = Pattern.compile("([?&])([^?&=\\r\\n]*)=([^&\\r\\n]*)");
    // A query segment that can be a parameter of its own: name=...
    private static final Pattern PARAMETER_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]*\\s*=.*", Pattern.DOTALL);
    // conninfo keyword = value, not a URL query key (those follow '?' or '&').
    private static final Pattern CONNINFO_PARAMETER = Pattern.compile(
            "(?i)(?<![?&%\\w.-])(\\w*password\\s*=\\s*)"
                    + "('(?:[^'\\\\]|\\\\.|\\\\$)*(?:'\\S*)?|(?:[^\\s\\\\]|\\\\.|\\\\$)*)",
            Pattern.DOTALL);

    private Secrets() {
    }

    /** The text with every password in a URL or conninfo replaced by {@value #MASK}; null stays null. */
    public static String mask(String text) {
        return text == null ? null : scrub(text, false).text;
    }

    /**
     * Whether the text holds a password that {@link #mask} would hide: a password parameter or a
     * userinfo password, whatever its value (also an empty one, or one that reads {@value #MASK}).
     */
    public static boolean containsPassword(String text) {
        return text != null && scrub(text, false).found;
    }

    /**
     * A URL without its password, for saving: the password of {@code user:password@} and the
     * {@code password=}/{@code sslpassword=} query parameters are removed (not masked), so the saved
     * URL still works with a password from the prompt, PGPASSWORD or the password file. Whatever
     * else looks like a password (a conninfo {@code password=}) is masked.
     */
    public static String withoutPassword(String url) {
        return url == null ? null : scrub(url, true).text;
    }

    private record Scrubbed(String text, boolean found) {
    }

    private static Scrubbed scrub(String text, boolean remove) {
        boolean[] found = {false};
        String result = USERINFO.matcher(text).replaceAll(match -> {
            found[0] = true;
            String prefix = match.group(1);
            return Matcher.quoteReplacement(remove ? prefix.substring(0, prefix.length() - 1) + "@" : prefix + MASK + "@");
        });
        result = CONNINFO_PARAMETER.matcher(result).replaceAll(match -> {
            found[0] = true;
            return Matcher.quoteReplacement(match.group(1) + MASK);
        });
        StringBuilder out = new StringBuilder();
        Matcher query = QUERY_PARAMETER.matcher(result);
        int copied = 0;
        int from = 0;
        while (from <= result.length() && query.find(from)) {
            if (!isPasswordKey(query.group(2))) {
                from = query.end();
                continue;
            }
            found[0] = true;
            int end = endOfPasswordValue(result, query.end());
            if (remove) {
                // "?password=x&a=b" -> "?a=b"; "?a=b&password=x&c=d" -> "?a=b&c=d"; "?password=x" -> ""
                boolean nextTakesQuestionMark = query.group(1).equals("?") && end < result.length() && result.charAt(end) == '&';
                result = result.substring(0, query.start()) + (nextTakesQuestionMark ? "?" : "")
                        + result.substring(nextTakesQuestionMark ? end + 1 : end);
                query = QUERY_PARAMETER.matcher(result);
                continue; // the text before "from" is unchanged: scan on from there
            }
            out.append(result, copied, query.start())
                    .append(query.group(1)).append(query.group(2)).append('=').append(MASK);
            copied = end;
            from = end;
        }
        out.append(result, copied, result.length());
        return new Scrubbed(out.toString(), found[0]);
    }

    /** Where a password query value that PgJDBC ends at {@code valueEnd} ends, with the segments that cannot be parameters. */
    private static int endOfPasswordValue(String text, int valueEnd) {
        int end = valueEnd;
        while (end < text.length() && text.charAt(end) == '&') {
            int next = end + 1;
            while (next < text.length() && "&\r\n".indexOf(text.charAt(next)) < 0) {
                next++;
            }
            String segment = text.substring(end + 1, next);
            if (segment.isEmpty() || PARAMETER_NAME.matcher(segment).matches()) {
                break;
            }
            end = next;
        }
        return end;
    }

    /** Whether a query key names a password: "password", "sslpassword", "PassWord", "pass%77ord", ... */
    private static boolean isPasswordKey(String key) {
        return percentDecode(key).strip().toLowerCase(Locale.ROOT).contains("password");
    }

    /** %XX sequences decoded as UTF-8 bytes (as libpq does for URI keys); malformed ones stay as they are. */
    private static String percentDecode(String text) {
        if (text.indexOf('%') < 0) {
            return text;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int i = 0;
        while (i < text.length()) {
            if (text.charAt(i) == '%' && i + 2 < text.length()
                    && Character.digit(text.charAt(i + 1), 16) >= 0 && Character.digit(text.charAt(i + 2), 16) >= 0) {
                bytes.write(Character.digit(text.charAt(i + 1), 16) * 16 + Character.digit(text.charAt(i + 2), 16));
                i += 3;
            } else {
                int codePoint = text.codePointAt(i);
                bytes.writeBytes(new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8));
                i += Character.charCount(codePoint);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
