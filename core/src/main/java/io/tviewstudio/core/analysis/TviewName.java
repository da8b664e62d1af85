package io.tviewstudio.core.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A TVIEW name, {@code tv_<entity>} optionally schema-qualified, checked by the same rules as the
 * runtime's {@code pg_tviews__parse_name}: identifiers as {@code parse_ident} reads them, a lower-case
 * entity of letters, digits and underscores, and no upper case that PostgreSQL would fold silently.
 *
 * @param schema the schema when the name is qualified, else null
 * @param table  {@code tv_<entity>}
 */
public record TviewName(String schema, String table) {

    private static final Pattern TABLE = Pattern.compile("^tv_[a-z][a-z0-9_]*$");
    static final String HINT = "A TVIEW is named tv_<entity> with a lower-case entity of letters, digits and underscores, e.g. tv_blog_post.";

    /** The name, or empty when the runtime would refuse it with TV001. */
    public static Optional<TviewName> parse(String text) {
        List<String> parts = parseIdent(text == null ? "" : text);
        if (parts == null || parts.size() > 2) {
            return Optional.empty();
        }
        String table = parts.get(parts.size() - 1);
        String trimmed = text.replaceAll("[\" \\t\\r\\n]+$", "");
        if (!TABLE.matcher(table).matches() || table.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 63
                || !trimmed.endsWith(table)) {
            return Optional.empty();
        }
        return Optional.of(new TviewName(parts.size() == 2 ? parts.get(0) : null, table));
    }

    /** The entity: the table name without {@code tv_}. */
    public String entity() {
        return table.substring(3);
    }

    public String viewName() {
        return "v_" + entity();
    }

    public String pkColumn() {
        return "pk_" + entity();
    }

    @Override
    public String toString() {
        return schema == null ? table : schema + "." + table;
    }

    /** PostgreSQL's parse_ident: dot-separated identifiers, unquoted ones folded to lower case; null if invalid. */
    private static List<String> parseIdent(String text) {
        List<String> parts = new ArrayList<>();
        int i = 0;
        int n = text.length();
        while (true) {
            while (i < n && Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            if (i < n && text.charAt(i) == '"') {
                StringBuilder part = new StringBuilder();
                i++;
                while (true) {
                    if (i >= n) {
                        return null;
                    }
                    if (text.charAt(i) == '"') {
                        if (i + 1 < n && text.charAt(i + 1) == '"') {
                            part.append('"');
                            i += 2;
                            continue;
                        }
                        i++;
                        break;
                    }
                    part.append(text.charAt(i++));
                }
                if (part.isEmpty()) {
                    return null;
                }
                parts.add(part.toString());
            } else {
                int start = i;
                if (i < n && (Character.isLetter(text.charAt(i)) || text.charAt(i) == '_' || text.charAt(i) > 127)) {
                    while (i < n && (Character.isLetterOrDigit(text.charAt(i)) || text.charAt(i) == '_'
                            || text.charAt(i) == '$' || text.charAt(i) > 127)) {
                        i++;
                    }
                }
                if (i == start) {
                    return null;
                }
                parts.add(text.substring(start, i).toLowerCase(Locale.ROOT));
            }
            while (i < n && Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            if (i >= n) {
                return parts;
            }
            if (text.charAt(i) != '.') {
                return null;
            }
            i++;
        }
    }
}
