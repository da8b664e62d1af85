package io.tviewstudio.core.inspect;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The differences between two JSON documents, as SQL/JSON paths ({@code $.data.author.name},
 * {@code $.data.tags[1]}): a value changed, or present on one side only. Objects are compared key
 * by key (jsonb has no key order), arrays element by element.
 */
public final class JsonDiff {

    /** One difference; {@code stored} or {@code fresh} is null where that side has no value at the path. */
    public record Difference(String path, String stored, String fresh) {

        public String describe() {
            if (stored == null) {
                return path + ": only in the view: " + fresh;
            }
            if (fresh == null) {
                return path + ": only stored: " + stored;
            }
            return path + ": stored " + stored + ", view " + fresh;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PLAIN_KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private JsonDiff() {
    }

    /** The differences of two documents given as text; either may be null (no row). */
    public static List<Difference> between(String stored, String fresh) {
        List<Difference> differences = new ArrayList<>();
        compare("$", parse(stored), parse(fresh), differences);
        return differences;
    }

    /** The path of a member of an object at {@code parent}, as a SQL/JSON path writes it. */
    public static String member(String parent, String key) {
        return parent + "." + (PLAIN_KEY.matcher(key).matches() ? key
                : '"' + key.replace("\\", "\\\\").replace("\"", "\\\"") + '"');
    }

    public static String element(String parent, int index) {
        return parent + "[" + index + "]";
    }

    private static void compare(String path, JsonNode stored, JsonNode fresh, List<Difference> out) {
        if (stored == null || fresh == null) {
            if (stored != fresh) {
                out.add(new Difference(path, text(stored), text(fresh)));
            }
            return;
        }
        if (stored.isObject() && fresh.isObject()) {
            Set<String> keys = new LinkedHashSet<>();
            stored.fieldNames().forEachRemaining(keys::add);
            fresh.fieldNames().forEachRemaining(keys::add);
            for (String key : keys) {
                compare(member(path, key), stored.get(key), fresh.get(key), out);
            }
        } else if (stored.isArray() && fresh.isArray()) {
            Iterator<JsonNode> left = stored.elements();
            Iterator<JsonNode> right = fresh.elements();
            for (int i = 0; left.hasNext() || right.hasNext(); i++) {
                compare(element(path, i), left.hasNext() ? left.next() : null, right.hasNext() ? right.next() : null, out);
            }
        } else if (!stored.equals(fresh)) {
            out.add(new Difference(path, text(stored), text(fresh)));
        }
    }

    private static String text(JsonNode node) {
        return node == null ? null : node.toString();
    }

    private static JsonNode parse(String json) {
        if (json == null) {
            return null;
        }
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
        }
    }
}
