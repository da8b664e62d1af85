package io.tviewstudio.app.help;

import static org.assertj.core.api.Assertions.assertThat;

import io.tviewstudio.app.FxThread;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.image.ImageView;
import javafx.scene.layout.GridPane;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every page of the bundled documentation drawn as JavaFX nodes, and the parts of a small page. */
class MarkdownRendererTest {

    @BeforeAll
    static void toolkit() {
        FxThread.startToolkit();
    }

    @Test
    void everyPageRendersWithItsHeadingsImagesTablesAndCode() {
        DocsLibrary library = DocsLibrary.bundled();
        MarkdownRenderer renderer = new MarkdownRenderer(library, href -> { });
        List<String> problems = new ArrayList<>();
        FxThread.run(() -> {
            for (DocPage page : library.pages()) {
                MarkdownRenderer.RenderedPage rendered = renderer.render(page);
                // Laid out at a window's width: wrapping and tables must not fail either.
                new Scene(new ScrollPane(rendered.root()), 900, 700).getRoot().layout();
                rendered.root().applyCss();
                rendered.root().layout();
                if (!rendered.anchors().keySet().equals(page.headings().keySet())) {
                    problems.add(page.path() + ": anchors " + rendered.anchors().keySet());
                }
                List<ImageView> images = all(rendered.root(), ImageView.class);
                if (images.size() != page.images().size()) {
                    problems.add(page.path() + ": " + images.size() + " images drawn of " + page.images().size());
                }
                images.stream().filter(view -> view.getImage().isError())
                        .forEach(view -> problems.add(page.path() + ": image failed " + view.getProperties().get("src")));
                all(rendered.root(), Label.class).stream().filter(label -> label.getStyleClass().contains("doc-missing"))
                        .forEach(label -> problems.add(page.path() + ": " + label.getText()));
            }
        });
        assertThat(problems).isEmpty();

        AtomicReference<MarkdownRenderer.RenderedPage> errors = new AtomicReference<>();
        FxThread.run(() -> errors.set(renderer.render(library.page("reference/errors.md").orElseThrow())));
        assertThat(all(errors.get().root(), GridPane.class)).isNotEmpty();
        assertThat(all(errors.get().root(), ScrollPane.class)).as("code blocks").isNotEmpty();
    }

    @Test
    void aSmallPageIsDrawnBlockByBlock(@TempDir Path docs) throws IOException {
        Files.writeString(docs.resolve("README.md"), """
                # Title with `code`

                Some **bold**, *italic* and a [link](other.md#part) and <!-- a hidden marker --> text.

                <!-- expect-error: TV010 -->
                ```sql
                SELECT 1;
                ```

                | a | b |
                |---|--:|
                | 1 | 2 |

                - one
                - two

                ![missing picture](images/none.png)
                """);
        Files.writeString(docs.resolve("other.md"), "# Other\n\n## Part\n");
        DocsLibrary library = DocsLibrary.directory(docs);
        List<String> clicked = new ArrayList<>();
        AtomicReference<MarkdownRenderer.RenderedPage> page = new AtomicReference<>();
        FxThread.run(() -> page.set(new MarkdownRenderer(library, clicked::add).render(library.page("README.md").orElseThrow())));

        Parent root = page.get().root();
        assertThat(page.get().anchors()).containsOnlyKeys("title-with-code");
        List<Text> texts = all(root, Text.class);
        assertThat(texts).extracting(Text::getText).contains("Title with ", "code", "bold", "italic", "link", "SELECT 1;")
                .noneMatch(text -> text.contains("hidden marker") || text.contains("expect-error"));
        Text link = texts.stream().filter(text -> text.getText().equals("link")).findFirst().orElseThrow();
        assertThat(link.getStyleClass()).contains("doc-link");
        FxThread.run(() -> link.getOnMouseClicked().handle(null));
        assertThat(clicked).containsExactly("other.md#part");
        assertThat(texts.stream().filter(text -> text.getText().equals("bold")).findFirst().orElseThrow().getStyleClass())
                .contains("doc-strong");

        GridPane table = all(root, GridPane.class).getFirst();
        assertThat(table.getChildren()).hasSize(4);
        assertThat(((TextFlow) table.getChildren().get(3)).getTextAlignment()).isEqualTo(javafx.scene.text.TextAlignment.RIGHT);
        assertThat(all(root, Label.class)).extracting(Label::getText).contains("\u2022", "image not found: images/none.png");
    }

    /** Every node of a type under a root, depth first (ScrollPane content included). */
    static <T extends Node> List<T> all(Node root, Class<T> type) {
        List<T> found = new ArrayList<>();
        collect(root, type, found);
        return found;
    }

    private static <T extends Node> void collect(Node node, Class<T> type, List<T> found) {
        if (type.isInstance(node)) {
            found.add(type.cast(node));
        }
        if (node instanceof ScrollPane scroll && scroll.getContent() != null) {
            collect(scroll.getContent(), type, found);
        } else if (node instanceof Parent parent) {
            for (Node child : parent.getChildrenUnmodifiable()) {
                collect(child, type, found);
            }
        }
    }
}
