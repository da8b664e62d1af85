package io.tviewstudio.app.help;

import java.util.ArrayList;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Tooltip;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;

/**
 * Marks the words of a search in a rendered page: each occurrence (case ignored) in the text of
 * paragraphs, headings, lists and tables becomes a text node of its own with the style class
 * {@value #MATCH}. Highlighting again with other words (or none) starts from the page's own text.
 * Code blocks are left as they are: their text is one node that must keep its layout.
 */
final class SearchHighlighter {

    static final String MATCH = "doc-search-match";
    /** A flow's text nodes as rendered, kept when its text is first split. */
    private static final String RENDERED = "search-highlighter.rendered";

    private SearchHighlighter() {
    }

    /** Highlights every occurrence of the words under {@code root}; returns how many were marked. */
    static int highlight(Node root, List<String> words) {
        int[] marked = new int[1];
        flows(root).forEach(flow -> marked[0] += highlight(flow, words));
        return marked[0];
    }

    private static int highlight(TextFlow flow, List<String> words) {
        @SuppressWarnings("unchecked")
        List<Node> rendered = (List<Node>) flow.getProperties().get(RENDERED);
        if (rendered == null) {
            rendered = List.copyOf(flow.getChildren());
        }
        List<Node> children = new ArrayList<>();
        int marked = 0;
        for (Node child : rendered) {
            if (child instanceof Text text && !words.isEmpty()) {
                marked += split(text, words, children);
            } else {
                children.add(child);
            }
        }
        if (marked > 0 || flow.getProperties().containsKey(RENDERED)) {
            flow.getProperties().put(RENDERED, rendered);
            flow.getChildren().setAll(children);
        }
        return marked;
    }

    /** Adds the text's pieces to {@code into}, the matches marked; returns the number of matches. */
    private static int split(Text text, List<String> words, List<Node> into) {
        String value = text.getText();
        int start = 0;
        int marked = 0;
        int at = 0;
        while (at < value.length()) {
            int length = matchAt(value, at, words);
            if (length == 0) {
                at++;
                continue;
            }
            if (at > start) {
                into.add(piece(text, value.substring(start, at), false));
            }
            into.add(piece(text, value.substring(at, at + length), true));
            marked++;
            at += length;
            start = at;
        }
        if (marked == 0) {
            into.add(text);
        } else if (start < value.length()) {
            into.add(piece(text, value.substring(start), false));
        }
        return marked;
    }

    private static int matchAt(String value, int at, List<String> words) {
        int longest = 0;
        for (String word : words) {
            if (word.length() > longest && value.regionMatches(true, at, word, 0, word.length())) {
                longest = word.length();
            }
        }
        return longest;
    }

    /** A piece of a text node with its styles, and its link's click and pointer when it has one. */
    private static Text piece(Text original, String value, boolean match) {
        Text piece = new Text(value);
        piece.getStyleClass().setAll(original.getStyleClass());
        if (match) {
            piece.getStyleClass().add(MATCH);
        }
        Object href = original.getProperties().get("href");
        if (href != null) {
            piece.getProperties().put("href", href);
            piece.setCursor(original.getCursor());
            piece.setOnMouseClicked(original.getOnMouseClicked());
            Tooltip.install(piece, new Tooltip(href.toString()));
        }
        return piece;
    }

    private static List<TextFlow> flows(Node node) {
        List<TextFlow> found = new ArrayList<>();
        collect(node, found);
        return found;
    }

    private static void collect(Node node, List<TextFlow> found) {
        if (node instanceof TextFlow flow) {
            found.add(flow);
        } else if (node instanceof Parent parent) {
            parent.getChildrenUnmodifiable().forEach(child -> collect(child, found));
        }
    }
}
