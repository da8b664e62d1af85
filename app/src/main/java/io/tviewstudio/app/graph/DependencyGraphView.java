package io.tviewstudio.app.graph;

import io.tviewstudio.core.catalog.TviewInfo;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.text.TextAlignment;

/** The "Dependency graph" pane: a tree of TVIEWs and their sources, or a hint while there are none. */
public final class DependencyGraphView extends VBox {

    public DependencyGraphView(DependencyGraphViewModel viewModel) {
        setId("dependencyGraphPane");
        getStyleClass().add("placeholder-pane");

        Label heading = new Label("Dependency graph");
        heading.setId("dependencyGraphPaneTitle");
        heading.getStyleClass().add("placeholder-title");
        heading.setMaxWidth(Double.MAX_VALUE);

        TreeView<String> tree = new TreeView<>(new TreeItem<>("TVIEWs"));
        tree.setId("tviewTree");
        tree.setShowRoot(false);
        tree.visibleProperty().bind(viewModel.emptyProperty().not());
        viewModel.tviews().addListener((ListChangeListener<TviewInfo>) change -> fill(tree, viewModel));
        fill(tree, viewModel);

        Label hint = new Label();
        hint.setId("dependencyGraphHint");
        hint.getStyleClass().add("placeholder-hint");
        hint.setWrapText(true);
        hint.setTextAlignment(TextAlignment.CENTER);
        hint.textProperty().bind(viewModel.hintProperty());
        hint.visibleProperty().bind(viewModel.emptyProperty());

        StackPane body = new StackPane(tree, hint);
        body.setAlignment(Pos.CENTER);
        VBox.setVgrow(body, Priority.ALWAYS);
        getChildren().addAll(heading, body);
    }

    private static void fill(TreeView<String> tree, DependencyGraphViewModel viewModel) {
        tree.getRoot().getChildren().setAll(viewModel.tviews().stream().map(tview -> {
            TreeItem<String> item = new TreeItem<>(DependencyGraphViewModel.label(tview));
            DependencyGraphViewModel.sourceLabels(tview).forEach(line -> item.getChildren().add(new TreeItem<>(line)));
            item.setExpanded(true);
            return item;
        }).toList());
    }
}
