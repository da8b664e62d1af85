package io.tviewstudio.app.help;

import java.util.Optional;
import javafx.application.Platform;
import javafx.geometry.Bounds;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The documentation browser: Back, Forward and search above, the table of contents on the left,
 * the page on the right, and a notice line for links that lead nowhere. Forwards events to
 * {@link DocsBrowserViewModel}; draws pages with {@link MarkdownRenderer}.
 */
public final class DocsBrowserView extends BorderPane {

    private final DocsBrowserViewModel viewModel;
    private final MarkdownRenderer renderer;
    private final ListView<DocPage> contents;
    private final ScrollPane pageScroll = new ScrollPane();
    private DocPage shownPage;
    private MarkdownRenderer.RenderedPage rendered;
    private boolean selectingShownPage;
    /** True while a mouse button or key is down in the contents: a selection then is the user's pick. */
    private boolean pickingInContents;

    public DocsBrowserView(DocsBrowserViewModel viewModel) {
        this.viewModel = viewModel;
        this.renderer = new MarkdownRenderer(viewModel.library(), viewModel::follow);
        setId("docsBrowser");
        getStyleClass().add("docs-browser");

        contents = new ListView<>(viewModel.contents());
        contents.setId("docsContents");
        contents.getStyleClass().add("docs-contents");
        contents.setCellFactory(list -> new ContentsCell());
        contents.setPlaceholder(new Label("No page matches"));
        // Opens what the user picks in the list (a click, the arrow keys); a selection that moves
        // because typing in the search filtered the list opens nothing.
        contents.addEventFilter(MouseEvent.MOUSE_PRESSED, event -> pickingInContents = true);
        contents.addEventFilter(MouseEvent.MOUSE_RELEASED, event -> pickingInContents = false);
        contents.addEventFilter(KeyEvent.KEY_PRESSED, event -> pickingInContents = true);
        contents.addEventFilter(KeyEvent.KEY_RELEASED, event -> pickingInContents = false);
        contents.getSelectionModel().selectedItemProperty().addListener((observable, old, page) -> {
            if (page != null && pickingInContents && !selectingShownPage && page != shownPage) {
                viewModel.open(new HelpTopic(page.path(), null));
            }
        });
        // The filtered list is a new list of items: keep the shown page selected when it is in it.
        viewModel.contents().addListener((javafx.collections.ListChangeListener<DocPage>) change -> selectShownPage());

        pageScroll.setId("docsPage");
        pageScroll.getStyleClass().add("docs-page-scroll");
        pageScroll.setFitToWidth(true);
        // Wider than the window only when a table's words cannot wrap any further.
        pageScroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.AS_NEEDED);

        SplitPane split = new SplitPane(contents, pageScroll);
        split.setOrientation(Orientation.HORIZONTAL);
        split.setDividerPositions(0.27);
        SplitPane.setResizableWithParent(contents, false);

        setTop(new VBox(toolbar(), notice()));
        setCenter(split);
        viewModel.visitProperty().addListener((observable, old, visit) -> show(visit));
        viewModel.searchWordsProperty().addListener((observable, old, words) -> highlightSearch());
        if (viewModel.visitProperty().get() != null) {
            show(viewModel.visitProperty().get());
        }
    }

    public DocsBrowserViewModel viewModel() {
        return viewModel;
    }

    private HBox toolbar() {
        Button back = new Button("\u2190 Back");
        back.setId("docsBack");
        back.setOnAction(event -> viewModel.back());
        back.disableProperty().bind(viewModel.canGoBackProperty().not());
        back.setTooltip(new Tooltip("Back (Alt+Left)"));
        Button forward = new Button("Forward \u2192");
        forward.setId("docsForward");
        forward.setOnAction(event -> viewModel.forward());
        forward.disableProperty().bind(viewModel.canGoForwardProperty().not());
        forward.setTooltip(new Tooltip("Forward (Alt+Right)"));

        Label title = new Label();
        title.setId("docsTitle");
        title.getStyleClass().add("docs-title");
        title.textProperty().bind(viewModel.titleProperty());
        title.setMinWidth(0);

        TextField search = new TextField();
        search.setId("docsSearch");
        search.getStyleClass().add("docs-search");
        search.setPromptText("Search the documentation");
        search.setPrefColumnCount(22);
        search.textProperty().bindBidirectional(viewModel.searchTextProperty());
        search.setOnAction(event -> viewModel.openFirstFound());
        Label found = new Label();
        found.setId("docsSearchSummary");
        found.getStyleClass().add("docs-search-summary");
        found.textProperty().bind(viewModel.searchSummaryProperty());

        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        back.setMinWidth(Region.USE_PREF_SIZE);
        forward.setMinWidth(Region.USE_PREF_SIZE);
        found.setMinWidth(Region.USE_PREF_SIZE);
        HBox bar = new HBox(8, back, forward, title, spacer, found, search);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("docs-toolbar");
        setOnKeyPressed(event -> {
            if (event.isAltDown() && event.getCode() == KeyCode.LEFT) {
                viewModel.back();
                event.consume();
            } else if (event.isAltDown() && event.getCode() == KeyCode.RIGHT) {
                viewModel.forward();
                event.consume();
            }
        });
        return bar;
    }

    private Label notice() {
        Label notice = new Label();
        notice.setId("docsNotice");
        notice.getStyleClass().add("docs-notice");
        notice.setWrapText(true);
        notice.setMaxWidth(Double.MAX_VALUE);
        notice.textProperty().bind(viewModel.noticeProperty());
        notice.visibleProperty().bind(viewModel.noticeProperty().isNotEmpty());
        notice.managedProperty().bind(notice.visibleProperty());
        return notice;
    }

    private void show(DocsBrowserViewModel.Visit visit) {
        if (visit == null) {
            return;
        }
        if (visit.page() != shownPage) {
            shownPage = visit.page();
            rendered = renderer.render(visit.page());
            pageScroll.setContent(rendered.root());
            selectShownPage();
            highlightSearch();
        }
        reveal(visit.anchor());
    }

    private void highlightSearch() {
        if (rendered != null) {
            SearchHighlighter.highlight(rendered.root(), viewModel.searchWordsProperty().get());
        }
    }

    private void selectShownPage() {
        selectingShownPage = true;
        try {
            if (shownPage != null && contents.getItems().contains(shownPage)) {
                contents.getSelectionModel().select(shownPage);
                contents.scrollTo(shownPage);
            } else {
                contents.getSelectionModel().clearSelection();
            }
        } finally {
            selectingShownPage = false;
        }
    }

    /** Scrolls so that the heading is at the top of the view (or to the top of the page without one). */
    private void reveal(String anchor) {
        Optional<Node> heading = Optional.ofNullable(anchor).map(rendered.anchors()::get);
        // Lay the new page out now, so that the heading's position is known.
        pageScroll.applyCss();
        pageScroll.layout();
        pageScroll.setVvalue(heading.map(this::scrollValueOf).orElse(0.0));
        // Images and wrapped text may change the height once more at the next layout: scroll again then.
        heading.ifPresent(node -> Platform.runLater(() -> {
            if (rendered.anchors().containsValue(node)) { // still the page shown
                pageScroll.layout();
                pageScroll.setVvalue(scrollValueOf(node));
            }
        }));
    }

    private double scrollValueOf(Node heading) {
        Region page = rendered.root();
        Bounds bounds = page.sceneToLocal(heading.localToScene(heading.getBoundsInLocal()));
        double scrollable = page.getHeight() - pageScroll.getViewportBounds().getHeight();
        return scrollable <= 0 ? 0 : Math.min(1, Math.max(0, (bounds.getMinY() - 8) / scrollable));
    }

    /** A page in the table of contents: pages in a folder are indented under the index's sections. */
    private static final class ContentsCell extends ListCell<DocPage> {
        @Override
        protected void updateItem(DocPage page, boolean empty) {
            super.updateItem(page, empty);
            getStyleClass().remove("docs-contents-nested");
            if (empty || page == null) {
                setText(null);
                setTooltip(null);
                return;
            }
            setText(page.title());
            setTooltip(new Tooltip(page.title() + "\n" + page.path()));
            // Long titles end in "..." instead of widening the list (and giving it a scroll bar).
            setPrefWidth(0);
            if (page.path().contains("/")) {
                getStyleClass().add("docs-contents-nested");
            }
        }
    }
}
