package io.tviewstudio.app.editor;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.Separator;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextArea;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Popup;
import org.fxmisc.flowless.VirtualizedScrollPane;
import org.fxmisc.richtext.CodeArea;
import org.fxmisc.richtext.LineNumberFactory;
import org.fxmisc.richtext.event.MouseOverTextEvent;
import org.fxmisc.richtext.model.StyleSpans;
import org.fxmisc.richtext.model.StyleSpansBuilder;

/**
 * The definition editor: a toolbar, the SQL code area (highlighting, line numbers, undo, problems
 * underlined with their TV code on hover), and below it the problems list, the preview and the
 * changes against the installed definition. Forwards events to {@link DefinitionEditorViewModel};
 * holds no logic of its own.
 */
public final class DefinitionEditorView extends BorderPane {

    private final DefinitionEditorViewModel viewModel;
    private final CodeArea area = new CodeArea();
    private final TabPane tabs = new TabPane();
    private final Tab previewTab = new Tab("Preview");
    private final Tab changesTab = new Tab("Changes");

    public DefinitionEditorView(DefinitionEditorViewModel viewModel) {
        this.viewModel = viewModel;
        setId("definitionEditor");
        getStyleClass().add("definition-editor");

        area.setId("definitionArea");
        area.getStyleClass().add("sql-area");
        area.setParagraphGraphicFactory(LineNumberFactory.get(area));
        area.replaceText(viewModel.textProperty().get());
        area.getUndoManager().forgetHistory();
        area.textProperty().addListener((observable, old, value) -> {
            if (!value.equals(viewModel.textProperty().get())) {
                viewModel.textProperty().set(value);
            }
            restyle();
        });
        viewModel.textProperty().addListener((observable, old, value) -> {
            if (!value.equals(area.getText())) {
                area.replaceText(value);
                area.getUndoManager().forgetHistory();
                area.moveTo(0);
                area.requestFollowCaret();
            }
        });
        viewModel.problems().addListener((javafx.collections.ListChangeListener<Problem>) change -> restyle());
        installHoverText();
        // Context help: F1 on an underlined problem explains its code, elsewhere how to write a definition.
        addEventFilter(javafx.scene.input.KeyEvent.KEY_PRESSED, event -> {
            if (event.getCode() == javafx.scene.input.KeyCode.F1) {
                event.consume();
                problemAtCaret().ifPresentOrElse(viewModel::showHelpFor, viewModel::showHelp);
            }
        });

        VirtualizedScrollPane<CodeArea> scroll = new VirtualizedScrollPane<>(area);
        scroll.getStyleClass().add("sql-scroll");
        tabs.getTabs().addAll(problemsTab(), previewTab(previewTab), ReplacementChangesPane.tab(changesTab, viewModel.edited()));
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        tabs.setId("editorTabs");
        SplitPane split = new SplitPane(scroll, tabs);
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.62);

        setTop(new VBox(toolbar(), editingBar()));
        setCenter(split);
        setBottom(resultBar());
        restyle();
    }

    public CodeArea codeArea() {
        return area;
    }

    // ---- toolbar ------------------------------------------------------------------------------

    private HBox toolbar() {
        Label title = new Label();
        title.setId("editorTitle");
        title.getStyleClass().add("editor-title");
        title.textProperty().bind(viewModel.titleProperty());

        MenuButton templates = new MenuButton("New");
        templates.setId("newDefinitionButton");
        for (DefinitionTemplates.Template template : DefinitionTemplates.ALL) {
            MenuItem item = new MenuItem(template.name());
            item.setOnAction(event -> viewModel.newDocument(template.text()));
            templates.getItems().add(item);
        }
        Button open = button("openDefinitionButton", "Open\u2026", this::chooseAndOpen);
        Button save = button("saveDefinitionButton", "Save", this::save);
        ProgressIndicator checking = new ProgressIndicator();
        checking.setPrefSize(14, 14);
        checking.visibleProperty().bind(viewModel.validatingProperty().or(viewModel.busyProperty()));
        Button preview = button("previewButton", "Preview", this::preview);
        preview.disableProperty().bind(viewModel.noDatabaseProperty().or(viewModel.busyProperty()));
        Button help = button("definitionHelpButton", "?", viewModel::showHelp);
        help.setTooltip(new javafx.scene.control.Tooltip("Writing definitions (F1)"));
        Button install = button("installButton", "Install", this::install);
        install.textProperty().bind(viewModel.installLabelProperty());
        install.getStyleClass().add("accent-button");
        install.disableProperty().bind(viewModel.noDatabaseProperty().or(viewModel.busyProperty()));

        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        // In a narrow window the file name gives way, never the buttons' labels.
        for (javafx.scene.control.Control control : List.of(templates, open, save, preview, install, help)) {
            control.setMinWidth(Region.USE_PREF_SIZE);
        }
        title.setMinWidth(0);
        HBox bar = new HBox(6, title, spacer, checking, templates, open, save, new Separator(Orientation.VERTICAL),
                preview, install, help);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("editor-toolbar");
        return bar;
    }

    /** Under the toolbar while the document edits installed TVIEWs: which, and how the text differs. */
    private HBox editingBar() {
        Label editing = new Label();
        editing.setId("editingLabel");
        editing.getStyleClass().add("editor-editing");
        editing.textProperty().bind(viewModel.edited().editingTextProperty());
        editing.setMinWidth(Region.USE_PREF_SIZE);
        Label changes = new Label();
        changes.setId("editingChanges");
        changes.getStyleClass().add("result-hint");
        changes.textProperty().bind(viewModel.edited().summaryProperty());
        changes.setMinWidth(0);
        HBox bar = new HBox(8, editing, changes);
        bar.setId("editingBar");
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("editor-editing-bar");
        bar.visibleProperty().bind(editing.textProperty().isNotEmpty());
        bar.managedProperty().bind(bar.visibleProperty());
        return bar;
    }

    private static Button button(String id, String text, Runnable action) {
        Button button = new Button(text);
        button.setId(id);
        button.setOnAction(event -> action.run());
        return button;
    }

    public void preview() {
        viewModel.preview();
        tabs.getSelectionModel().select(previewTab);
    }

    /** Install, or Replace: then the changes are in view while the user is asked. */
    public void install() {
        if (viewModel.replacingProperty().get() != null) {
            tabs.getSelectionModel().select(changesTab);
        }
        viewModel.install();
    }

    public void chooseAndOpen() {
        if (!viewModel.confirmDiscard()) {
            return;
        }
        File chosen = chooser("Open definition").showOpenDialog(getScene().getWindow());
        if (chosen != null) {
            try {
                viewModel.open(chosen.toPath());
            } catch (IOException e) {
                showFileError("Could not open " + chosen + ": " + e.getMessage());
            }
        }
    }

    public void save() {
        try {
            if (!viewModel.save()) {
                saveAs();
            }
        } catch (IOException e) {
            showFileError("Could not save: " + e.getMessage());
        }
    }

    public void saveAs() {
        FileChooser chooser = chooser("Save definition");
        chooser.setInitialFileName(viewModel.documentNameProperty().get());
        File chosen = chooser.showSaveDialog(getScene().getWindow());
        if (chosen != null) {
            try {
                Path path = chosen.getName().endsWith(".sql") ? chosen.toPath() : Path.of(chosen.getPath() + ".tview.sql");
                viewModel.saveAs(path);
            } catch (IOException e) {
                showFileError("Could not save " + chosen + ": " + e.getMessage());
            }
        }
    }

    private FileChooser chooser(String title) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        chooser.getExtensionFilters().addAll(new FileChooser.ExtensionFilter("TVIEW definitions", "*.tview.sql", "*.sql"),
                new FileChooser.ExtensionFilter("All files", "*"));
        Path current = viewModel.fileProperty().get();
        if (current != null && current.getParent() != null) {
            chooser.setInitialDirectory(current.getParent().toFile());
        }
        return chooser;
    }

    private void showFileError(String message) {
        new javafx.scene.control.Alert(javafx.scene.control.Alert.AlertType.ERROR, message).show();
    }

    // ---- problems and preview -----------------------------------------------------------------

    private Tab problemsTab() {
        ListView<Problem> list = new ListView<>(viewModel.problems());
        list.setId("problemList");
        list.setCellFactory(view -> new ProblemCell(viewModel::showHelpFor));
        list.setPlaceholder(new Label("No problems"));
        list.setOnMouseClicked(event -> Optional.ofNullable(list.getSelectionModel().getSelectedItem()).ifPresent(this::jumpTo));
        list.setOnKeyPressed(event -> {
            if (event.getCode() == javafx.scene.input.KeyCode.ENTER) {
                Optional.ofNullable(list.getSelectionModel().getSelectedItem()).ifPresent(this::jumpTo);
            }
        });
        Label summary = new Label();
        summary.setId("problemSummary");
        summary.getStyleClass().add("panel-summary");
        summary.textProperty().bind(viewModel.problemSummaryProperty());
        VBox.setVgrow(list, Priority.ALWAYS);
        Tab tab = new Tab("Problems", new VBox(summary, list));
        tab.setId("problemsTab");
        tab.textProperty().bind(javafx.beans.binding.Bindings.size(viewModel.problems())
                .asString().map(count -> "Problems (" + count + ")"));
        return tab;
    }

    /** Moves the caret to the problem and selects the word it is about. */
    public void jumpTo(Problem problem) {
        String text = area.getText();
        int[] range = TextPositions.underline(text, TextPositions.offset(text, problem.line(), problem.column()));
        area.selectRange(range[0], range[1]);
        area.requestFollowCaret();
        area.requestFocus();
    }

    private Tab previewTab(Tab tab) {
        ListView<PreviewItem> objects = new ListView<>(viewModel.previewItems());
        objects.setId("previewList");
        objects.setPlaceholder(new Label("Preview shows every object the runtime would create, then rolls back."));
        objects.setCellFactory(view -> new javafx.scene.control.ListCell<>() {
            @Override
            protected void updateItem(PreviewItem item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : item.label());
            }
        });
        TextArea ddl = new TextArea();
        ddl.setId("previewDdl");
        ddl.getStyleClass().add("ddl-text");
        ddl.setEditable(false);
        objects.getSelectionModel().selectedItemProperty().addListener((observable, old, item) ->
                ddl.setText(item == null || item.ddl() == null ? "" : item.ddl().strip()));
        viewModel.previewItems().addListener((javafx.collections.ListChangeListener<PreviewItem>) change -> {
            if (!viewModel.previewItems().isEmpty()) {
                objects.getSelectionModel().selectFirst();
            }
        });
        SplitPane split = new SplitPane(objects, ddl);
        split.setDividerPositions(0.42);
        Label summary = new Label();
        summary.setId("previewSummary");
        summary.getStyleClass().add("panel-summary");
        summary.textProperty().bind(viewModel.previewSummaryProperty());
        VBox.setVgrow(split, Priority.ALWAYS);
        tab.setContent(new VBox(summary, split));
        tab.setId("previewTab");
        return tab;
    }

    private HBox resultBar() {
        Label result = new Label();
        result.setId("editorResult");
        result.setWrapText(true);
        result.textProperty().bind(viewModel.resultTextProperty());
        Label hint = new Label();
        hint.setId("editorResultHint");
        hint.getStyleClass().add("result-hint");
        hint.setWrapText(true);
        hint.textProperty().bind(viewModel.resultHintProperty());
        VBox text = new VBox(1, result, hint);
        HBox bar = new HBox(text);
        bar.setId("editorResultBar");
        bar.getStyleClass().add("editor-result");
        viewModel.outcomeProperty().addListener((observable, old, outcome) -> {
            bar.getStyleClass().removeAll("result-success", "result-failure", "result-working");
            switch (outcome) {
                case SUCCESS -> bar.getStyleClass().add("result-success");
                case FAILURE -> bar.getStyleClass().add("result-failure");
                case WORKING -> bar.getStyleClass().add("result-working");
                default -> { }
            }
        });
        bar.visibleProperty().bind(viewModel.resultTextProperty().isNotEmpty());
        bar.managedProperty().bind(bar.visibleProperty());
        return bar;
    }

    // ---- styling ------------------------------------------------------------------------------

    private void restyle() {
        String text = area.getText();
        StyleSpans<Collection<String>> spans = SqlHighlighter.highlight(text);
        if (!viewModel.problems().isEmpty()) {
            spans = spans.overlay(diagnosticSpans(text), (syntax, problem) -> {
                if (problem.isEmpty()) {
                    return syntax;
                }
                List<String> both = new java.util.ArrayList<>(syntax);
                both.addAll(problem);
                return both;
            });
        }
        area.setStyleSpans(0, spans);
    }

    private StyleSpans<Collection<String>> diagnosticSpans(String text) {
        String[] marks = new String[text.length()];
        for (Problem problem : viewModel.problems()) {
            int[] range = TextPositions.underline(text, TextPositions.offset(text, problem.line(), problem.column()));
            for (int i = range[0]; i < Math.min(range[1], text.length()); i++) {
                if (marks[i] == null || problem.isError()) {
                    marks[i] = problem.isError() ? "diagnostic-error" : "diagnostic-warning";
                }
            }
        }
        StyleSpansBuilder<Collection<String>> builder = new StyleSpansBuilder<>();
        int start = 0;
        for (int i = 1; i <= marks.length; i++) {
            if (i == marks.length || !java.util.Objects.equals(marks[i], marks[start])) {
                builder.add(marks[start] == null ? List.of() : List.of(marks[start]), i - start);
                start = i;
            }
        }
        if (marks.length == 0) {
            builder.add(List.of(), 0);
        }
        return builder.create();
    }

    /** The problem underlined where the caret is, when the editor has focus. */
    private Optional<Problem> problemAtCaret() {
        if (!area.isFocused()) {
            return Optional.empty();
        }
        int caret = area.getCaretPosition();
        String text = area.getText();
        return viewModel.problems().stream().filter(problem -> {
            int[] range = TextPositions.underline(text, TextPositions.offset(text, problem.line(), problem.column()));
            return caret >= range[0] && caret <= range[1];
        }).findFirst();
    }

    /** Hovering an underlined word shows its TV code, message and hint. */
    private void installHoverText() {
        Popup popup = new Popup();
        Label label = new Label();
        label.getStyleClass().add("diagnostic-popup");
        label.setId("diagnosticPopup");
        popup.getContent().add(label);
        area.setMouseOverTextDelay(Duration.ofMillis(400));
        area.addEventHandler(MouseOverTextEvent.MOUSE_OVER_TEXT_BEGIN, event -> {
            int index = event.getCharacterIndex();
            String text = area.getText();
            viewModel.problems().stream().filter(problem -> {
                int[] range = TextPositions.underline(text, TextPositions.offset(text, problem.line(), problem.column()));
                return index >= range[0] && index < range[1];
            }).findFirst().ifPresent(problem -> {
                label.setText(problem.describe());
                popup.show(area, event.getScreenPosition().getX(), event.getScreenPosition().getY() + 12);
            });
        });
        area.addEventHandler(MouseOverTextEvent.MOUSE_OVER_TEXT_END, event -> popup.hide());
    }
}
