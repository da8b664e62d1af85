package io.tviewstudio.core.playbook;

import java.util.ArrayList;
import java.util.List;

/**
 * A small document model for the human playbook: written once, rendered as Markdown
 * ({@link GuideMarkdownRenderer}) and as a printable HTML page ({@link GuideHtmlRenderer}), so the two never
 * disagree. Inline text may use {@code `code`} and {@code **bold**}, nothing else.
 */
public final class GuideDocument {

    /** One block of the document. */
    public sealed interface Block permits Heading, Paragraph, Code, Bullets, Steps, Table {
    }

    public record Heading(int level, String text, String anchor) implements Block {
    }

    public record Paragraph(String text) implements Block {
    }

    /** A code block; {@code language} is {@code sql}, {@code bash} or {@code text}. */
    public record Code(String language, String text) implements Block {
    }

    public record Bullets(List<String> items) implements Block {
    }

    public record Steps(List<String> items) implements Block {
    }

    public record Table(List<String> header, List<List<String>> rows) implements Block {
    }

    private final String title;
    private final List<Block> blocks = new ArrayList<>();

    public GuideDocument(String title) {
        this.title = title;
    }

    public String title() {
        return title;
    }

    public List<Block> blocks() {
        return List.copyOf(blocks);
    }

    public GuideDocument heading(int level, String text, String anchor) {
        blocks.add(new Heading(level, text, anchor));
        return this;
    }

    public GuideDocument paragraph(String text) {
        blocks.add(new Paragraph(text));
        return this;
    }

    public GuideDocument code(String language, String text) {
        blocks.add(new Code(language, text.strip()));
        return this;
    }

    public GuideDocument bullets(String... items) {
        blocks.add(new Bullets(List.of(items)));
        return this;
    }

    public GuideDocument steps(String... items) {
        blocks.add(new Steps(List.of(items)));
        return this;
    }

    public GuideDocument table(List<String> header, List<List<String>> rows) {
        blocks.add(new Table(List.copyOf(header), rows.stream().map(List::copyOf).toList()));
        return this;
    }

    /** The text of every code block in the given language, in order (e.g. to run the sql ones). */
    public List<String> code(String language) {
        return blocks.stream().filter(b -> b instanceof Code c && c.language().equals(language))
                .map(b -> ((Code) b).text()).toList();
    }
}
