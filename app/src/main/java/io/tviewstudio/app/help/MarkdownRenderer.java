package io.tviewstudio.app.help;

import java.net.URL;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.Cursor;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Separator;
import javafx.scene.control.Tooltip;
import javafx.scene.image.ImageView;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.text.TextFlow;
import org.commonmark.ext.gfm.tables.TableBlock;
import org.commonmark.ext.gfm.tables.TableCell;
import org.commonmark.ext.gfm.tables.TableHead;
import org.commonmark.ext.gfm.tables.TableRow;
import org.commonmark.node.BlockQuote;
import org.commonmark.node.BulletList;
import org.commonmark.node.Code;
import org.commonmark.node.Emphasis;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.Heading;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.Image;
import org.commonmark.node.IndentedCodeBlock;
import org.commonmark.node.Link;
import org.commonmark.node.ListItem;
import org.commonmark.node.Node;
import org.commonmark.node.OrderedList;
import org.commonmark.node.Paragraph;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.StrongEmphasis;
import org.commonmark.node.Text;
import org.commonmark.node.ThematicBreak;

/**
 * Draws a parsed Markdown page as JavaFX nodes (no WebView: it does not run headless and would
 * make the installer much bigger). Paragraphs and headings are {@link TextFlow}s that wrap; links
 * are clickable text handed to a callback; code blocks are monospace and scroll sideways; tables
 * are grids; images come from the documentation. Styles are in help.css.
 */
public final class MarkdownRenderer {

    /** What a rendered page is made of: its root and the node of each heading anchor, to scroll to. */
    public record RenderedPage(Region root, Map<String, javafx.scene.Node> anchors) {
    }

    private final DocsLibrary library;
    private final Consumer<String> onLink;

    /** @param onLink called with a link's target as written when the user clicks it */
    public MarkdownRenderer(DocsLibrary library, Consumer<String> onLink) {
        this.library = library;
        this.onLink = onLink;
    }

    public RenderedPage render(DocPage page) {
        VBox root = new VBox();
        root.getStyleClass().add("doc-page");
        Map<String, javafx.scene.Node> anchors = new LinkedHashMap<>();
        Blocks blocks = new Blocks(page, anchors);
        blocks.addChildren(page.document(), root);
        return new RenderedPage(root, anchors);
    }

    /** Turns block nodes into JavaFX nodes; one instance per page. */
    private final class Blocks {

        private final DocPage page;
        private final Map<String, javafx.scene.Node> anchors;

        Blocks(DocPage page, Map<String, javafx.scene.Node> anchors) {
            this.page = page;
            this.anchors = anchors;
        }

        void addChildren(Node parent, Pane into) {
            for (Node child = parent.getFirstChild(); child != null; child = child.getNext()) {
                block(child).ifPresent(into.getChildren()::add);
            }
        }

        Optional<javafx.scene.Node> block(Node node) {
            return Optional.ofNullable(switch (node) {
                case Heading heading -> heading(heading);
                case Paragraph paragraph -> paragraph(paragraph);
                case BulletList list -> list(list, -1);
                case OrderedList list -> list(list, list.getMarkerStartNumber() == null ? 1 : list.getMarkerStartNumber());
                case FencedCodeBlock code -> codeBlock(code.getLiteral(), code.getInfo());
                case IndentedCodeBlock code -> codeBlock(code.getLiteral(), "");
                case BlockQuote quote -> container(quote, "doc-quote");
                case ThematicBreak rule -> new Separator();
                case TableBlock table -> table(table);
                // HTML comments carry the doc tests' markers; they are not for readers.
                case HtmlBlock html -> html.getLiteral().strip().startsWith("<!--") ? null
                        : flow("doc-paragraph", List.of(new javafx.scene.text.Text(html.getLiteral().strip())));
                default -> container(node, "doc-block");
            });
        }

        private javafx.scene.Node heading(Heading heading) {
            TextFlow flow = flow("doc-h" + heading.getLevel(), new Inlines(page).of(heading));
            String anchor = page.anchorOf(heading);
            flow.setId("heading-" + anchor);
            flow.getProperties().put("anchor", anchor);
            anchors.put(anchor, flow);
            return flow;
        }

        private javafx.scene.Node paragraph(Paragraph paragraph) {
            // A paragraph of one image is a figure: the picture, scaled to the page, and its caption.
            if (paragraph.getFirstChild() instanceof Image image && image.getNext() == null) {
                return figure(image);
            }
            return flow("doc-paragraph", new Inlines(page).of(paragraph));
        }

        private javafx.scene.Node figure(Image image) {
            String alt = DocPage.plainText(image);
            Optional<URL> url = library.image(page.path(), image.getDestination());
            if (url.isEmpty()) {
                Label missing = new Label("image not found: " + image.getDestination());
                missing.getStyleClass().add("doc-missing");
                return missing;
            }
            javafx.scene.image.Image picture = new javafx.scene.image.Image(url.get().toExternalForm());
            ImageView view = new ImageView(picture);
            view.setPreserveRatio(true);
            view.setSmooth(true);
            view.getProperties().put("src", image.getDestination());
            Tooltip.install(view, new Tooltip(alt));
            // The frame takes the page's width and has no minimum, so the picture follows the page
            // (never wider, never blown up beyond its own size) without widening it.
            Pane frame = new Pane(view);
            frame.setMinWidth(0);
            view.fitWidthProperty().bind(Bindings.min(picture.getWidth(), Bindings.max(100, frame.widthProperty())));
            Label caption = new Label(alt);
            caption.getStyleClass().add("doc-caption");
            caption.setWrapText(true);
            VBox figure = new VBox(4, frame, caption);
            figure.getStyleClass().add("doc-figure");
            return figure;
        }

        private javafx.scene.Node list(Node list, int start) {
            VBox box = new VBox();
            box.getStyleClass().add("doc-list");
            int number = start;
            for (Node item = list.getFirstChild(); item != null; item = item.getNext()) {
                Label marker = new Label(start < 0 ? "\u2022" : number++ + ".");
                marker.getStyleClass().add("doc-list-marker");
                marker.setMinWidth(Region.USE_PREF_SIZE);
                VBox content = new VBox();
                content.getStyleClass().add("doc-list-item");
                if (item instanceof ListItem) {
                    addChildren(item, content);
                }
                HBox.setHgrow(content, Priority.ALWAYS);
                HBox row = new HBox(6, marker, content);
                row.setAlignment(Pos.TOP_LEFT);
                box.getChildren().add(row);
            }
            return box;
        }

        private javafx.scene.Node container(Node node, String styleClass) {
            VBox box = new VBox();
            box.getStyleClass().add(styleClass);
            addChildren(node, box);
            return box;
        }

        private javafx.scene.Node codeBlock(String code, String language) {
            String text = code.endsWith("\n") ? code.substring(0, code.length() - 1) : code;
            javafx.scene.text.Text content = new javafx.scene.text.Text(text);
            content.getStyleClass().add("doc-code-text");
            StackPane padded = new StackPane(content);
            padded.setAlignment(Pos.TOP_LEFT);
            padded.getStyleClass().add("doc-code-content");
            ScrollPane scroll = new ScrollPane(padded);
            scroll.getStyleClass().add("doc-code");
            scroll.setVbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
            scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
            // The scroll bar only for code wider than the page (it takes room from short blocks otherwise).
            javafx.beans.InvalidationListener widthChanged = observable -> scroll.setHbarPolicy(
                    padded.prefWidth(-1) > scroll.getWidth() - scroll.snappedLeftInset() - scroll.snappedRightInset() + 0.5
                            ? ScrollPane.ScrollBarPolicy.ALWAYS : ScrollPane.ScrollBarPolicy.NEVER);
            scroll.widthProperty().addListener(widthChanged);
            // As tall as the code, plus room for the scroll bar when a line is wider than the page.
            scroll.prefViewportHeightProperty().bind(padded.heightProperty());
            scroll.setMinHeight(Region.USE_PREF_SIZE);
            scroll.getProperties().put("language", language == null ? "" : language.strip());
            forwardVerticalScrolling(scroll);

            Button copy = new Button("Copy");
            copy.getStyleClass().add("doc-code-copy");
            copy.setFocusTraversable(false);
            copy.setOnAction(event -> {
                ClipboardContent clip = new ClipboardContent();
                clip.putString(text);
                Clipboard.getSystemClipboard().setContent(clip);
            });
            StackPane block = new StackPane(scroll, copy);
            StackPane.setAlignment(copy, Pos.TOP_RIGHT);
            block.getStyleClass().add("doc-code-block");
            return block;
        }

        private javafx.scene.Node table(TableBlock table) {
            GridPane grid = new GridPane();
            grid.getStyleClass().add("doc-table");
            int row = 0;
            int columns = 0;
            for (Node section = table.getFirstChild(); section != null; section = section.getNext()) {
                boolean head = section instanceof TableHead;
                for (Node tableRow = section.getFirstChild(); tableRow != null; tableRow = tableRow.getNext()) {
                    if (!(tableRow instanceof TableRow)) {
                        continue;
                    }
                    int column = 0;
                    for (Node cell = tableRow.getFirstChild(); cell != null; cell = cell.getNext()) {
                        TextFlow flow = new TableCellFlow();
                        flow.getChildren().addAll(new Inlines(page).of(cell));
                        flow.getStyleClass().add(head ? "doc-table-header" : "doc-table-cell");
                        if (!head && row % 2 == 0) {
                            flow.getStyleClass().add("doc-table-cell-even");
                        }
                        if (cell instanceof TableCell tableCell && tableCell.getAlignment() == TableCell.Alignment.RIGHT) {
                            flow.setTextAlignment(javafx.scene.text.TextAlignment.RIGHT);
                        }
                        flow.setMaxWidth(Double.MAX_VALUE);
                        flow.setMaxHeight(Double.MAX_VALUE);
                        grid.add(flow, column++, row);
                    }
                    columns = Math.max(columns, column);
                    row++;
                }
            }
            for (int i = 0; i < columns; i++) {
                ColumnConstraints constraints = new ColumnConstraints();
                constraints.setHgrow(Priority.SOMETIMES);
                constraints.setFillWidth(true);
                grid.getColumnConstraints().add(constraints);
            }
            grid.setMaxWidth(Region.USE_PREF_SIZE);
            return grid;
        }
    }

    /**
     * A code block scrolls sideways only; turning the mouse wheel over it must still scroll the
     * page, so vertical scrolling goes on to the page's scroll pane.
     */
    private static void forwardVerticalScrolling(ScrollPane scroll) {
        scroll.addEventFilter(ScrollEvent.SCROLL, event -> {
            if (Math.abs(event.getDeltaY()) > Math.abs(event.getDeltaX()) && scroll.getParent() != null) {
                event.consume();
                javafx.scene.Node parent = scroll.getParent();
                parent.fireEvent(event.copyFor(parent, parent));
            }
        });
    }

    private static TextFlow flow(String styleClass, List<javafx.scene.Node> children) {
        TextFlow flow = new TextFlow();
        flow.getChildren().addAll(children);
        flow.getStyleClass().add(styleClass);
        return flow;
    }

    /** Turns the inline nodes of one block into text nodes, with the styles of the marks around them. */
    private final class Inlines {

        private final DocPage page;
        private final Deque<String> styles = new ArrayDeque<>();
        private final List<javafx.scene.Node> out = new ArrayList<>();
        private String href;

        Inlines(DocPage page) {
            this.page = page;
        }

        List<javafx.scene.Node> of(Node block) {
            children(block);
            return out;
        }

        private void children(Node parent) {
            for (Node child = parent.getFirstChild(); child != null; child = child.getNext()) {
                inline(child);
            }
        }

        private void inline(Node node) {
            switch (node) {
                case Text text -> text(text.getLiteral());
                case Code code -> styled("doc-code-span", () -> text(code.getLiteral()));
                case Emphasis emphasis -> styled("doc-em", () -> children(emphasis));
                case StrongEmphasis strong -> styled("doc-strong", () -> children(strong));
                case SoftLineBreak lineBreak -> text(" ");
                case HardLineBreak lineBreak -> text("\n");
                case HtmlInline html -> {
                    if (!html.getLiteral().startsWith("<!--")) {
                        text(html.getLiteral());
                    }
                }
                case Link link -> {
                    String outer = href;
                    href = link.getDestination();
                    styled("doc-link", () -> children(link));
                    href = outer;
                }
                case Image image -> inlineImage(image);
                default -> children(node);
            }
        }

        private void styled(String styleClass, Runnable body) {
            styles.push(styleClass);
            try {
                body.run();
            } finally {
                styles.pop();
            }
        }

        private void text(String literal) {
            javafx.scene.text.Text text = new javafx.scene.text.Text(literal);
            text.getStyleClass().add("doc-text");
            text.getStyleClass().addAll(styles);
            if (href != null) {
                String target = href;
                text.getProperties().put("href", target);
                text.setCursor(Cursor.HAND);
                text.setOnMouseClicked(event -> onLink.accept(target));
                Tooltip.install(text, new Tooltip(target));
            }
            out.add(text);
        }

        private void inlineImage(Image image) {
            Optional<URL> url = library.image(page.path(), image.getDestination());
            if (url.isEmpty()) {
                styled("doc-missing", () -> text("[image not found: " + image.getDestination() + "]"));
                return;
            }
            ImageView view = new ImageView(new javafx.scene.image.Image(url.get().toExternalForm()));
            view.getProperties().put("src", image.getDestination());
            out.add(view);
        }
    }
}
