package io.tviewstudio.app.inspect;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tviewstudio.core.inspect.JsonDiff;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A JSON document as the inspector's trees show it, plain data: each node has its SQL/JSON path
 * (the one {@link JsonDiff} names), a key, and a value (scalars) or a size (objects, arrays).
 */
public record JsonTreeNode(String path, String key, String value, List<JsonTreeNode> children) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public JsonTreeNode {
        children = List.copyOf(children);
    }

    /** {@code key: value}, {@code key {3}} or {@code key [2]}. */
    public String label() {
        return key.isEmpty() ? value : key + (value.startsWith("{") || value.startsWith("[") ? " " : ": ") + value;
    }

    /** The tree of a document given as text, null for no document. */
    public static JsonTreeNode of(String json) {
        if (json == null) {
            return null;
        }
        try {
            return of("$", "", JSON.readTree(json));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static JsonTreeNode of(String path, String key, JsonNode node) {
        List<JsonTreeNode> children = new ArrayList<>();
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> member : node.properties()) {
                children.add(of(JsonDiff.member(path, member.getKey()), member.getKey(), member.getValue()));
            }
            return new JsonTreeNode(path, key, "{" + children.size() + "}", children);
        }
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                children.add(of(JsonDiff.element(path, i), "[" + i + "]", node.get(i)));
            }
            return new JsonTreeNode(path, key, "[" + children.size() + "]", children);
        }
        return new JsonTreeNode(path, key, node.toString(), List.of());
    }
}
