package io.tviewstudio.app.inspect;

import java.util.Set;
import javafx.beans.value.ObservableValue;
import javafx.scene.control.Label;
import javafx.scene.control.TreeCell;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;

/**
 * A JSON document as a collapsible tree; the nodes at a differing path, and those that contain
 * one, are marked ({@code inspect-diff}) and shown expanded.
 */
final class JsonTreeView extends TreeView<JsonTreeNode> {

    static final String DIFF_CLASS = "inspect-diff";
    private static final int EXPANDED_LEVELS = 2;

    private final ObservableValue<Set<String>> differing;

    JsonTreeView(String id, ObservableValue<JsonTreeNode> document, ObservableValue<Set<String>> differing, String empty) {
        this.differing = differing;
        setId(id);
        setShowRoot(true);
        setCellFactory(tree -> new TreeCell<>() {
            @Override
            protected void updateItem(JsonTreeNode node, boolean isEmpty) {
                super.updateItem(node, isEmpty);
                getStyleClass().remove(DIFF_CLASS);
                if (isEmpty || node == null) {
                    setText(null);
                    return;
                }
                // The root is the row (path $); a node without a path is the "no such row" placeholder.
                setText(node.path().isEmpty() ? node.value() : node.key().isEmpty() ? "row " + node.value() : node.label());
                if (marked(node.path())) {
                    getStyleClass().add(DIFF_CLASS);
                }
            }
        });
        Label placeholder = new Label(empty);
        placeholder.getStyleClass().add("tool-message");
        document.subscribe(value -> show(value, placeholder));
        differing.subscribe(value -> show(document.getValue(), placeholder));
    }

    /** Whether the path differs or contains a path that does. */
    boolean marked(String path) {
        for (String differs : differing.getValue()) {
            if (differs.equals(path) || differs.startsWith(path + ".") || differs.startsWith(path + "[")) {
                return true;
            }
        }
        return false;
    }

    private void show(JsonTreeNode document, Label placeholder) {
        if (document == null) {
            setRoot(new TreeItem<>(new JsonTreeNode("", "", "(" + placeholder.getText() + ")", java.util.List.of())));
            return;
        }
        setRoot(item(document, 0));
    }

    private TreeItem<JsonTreeNode> item(JsonTreeNode node, int level) {
        TreeItem<JsonTreeNode> item = new TreeItem<>(node);
        for (JsonTreeNode child : node.children()) {
            item.getChildren().add(item(child, level + 1));
        }
        item.setExpanded(level < EXPANDED_LEVELS || marked(node.path()));
        return item;
    }
}
