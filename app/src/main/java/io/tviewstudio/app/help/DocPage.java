package io.tviewstudio.app.help;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Code;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.Heading;
import org.commonmark.node.Image;
import org.commonmark.node.IndentedCodeBlock;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.Text;

/**
 * One parsed Markdown page of the documentation: its path under docs/, its title (the text of its
 * first heading), the anchors of its headings, the link and image targets in reading order, and
 * its text for search.
 */
public final class DocPage {

    private final String path;
    private final Node document;
    private final Map<Heading, String> anchorOfHeading = new IdentityHashMap<>();
    private final Map<String, String> headingOfAnchor = new LinkedHashMap<>();
    private final List<String> links = new ArrayList<>();
    private final List<String> images = new ArrayList<>();
    private final String searchText;
    private final String title;

    DocPage(String path, Node document) {
        this.path = path;
        this.document = document;
        HeadingSlugs slugs = new HeadingSlugs();
        StringBuilder text = new StringBuilder();
        document.accept(new AbstractVisitor() {
            @Override
            public void visit(Heading heading) {
                String headingText = plainText(heading);
                String anchor = slugs.next(headingText);
                anchorOfHeading.put(heading, anchor);
                headingOfAnchor.put(anchor, headingText);
                visitChildren(heading);
            }

            @Override
            public void visit(Link link) {
                links.add(link.getDestination());
                visitChildren(link);
            }

            @Override
            public void visit(Image image) {
                images.add(image.getDestination());
                visitChildren(image);
            }

            @Override
            public void visit(Text literal) {
                text.append(literal.getLiteral()).append(' ');
            }

            @Override
            public void visit(Code code) {
                text.append(code.getLiteral()).append(' ');
            }

            @Override
            public void visit(FencedCodeBlock block) {
                text.append(block.getLiteral()).append(' ');
            }

            @Override
            public void visit(IndentedCodeBlock block) {
                text.append(block.getLiteral()).append(' ');
            }
        });
        searchText = text.toString().toLowerCase(Locale.ROOT);
        title = headingOfAnchor.isEmpty() ? path : headingOfAnchor.values().iterator().next();
    }

    /** The text a heading (or any inline container) shows, code spans included, without markup. */
    static String plainText(Node node) {
        StringBuilder text = new StringBuilder();
        node.accept(new AbstractVisitor() {
            @Override
            public void visit(Text literal) {
                text.append(literal.getLiteral());
            }

            @Override
            public void visit(Code code) {
                text.append(code.getLiteral());
            }

            @Override
            public void visit(SoftLineBreak lineBreak) {
                text.append(' ');
            }
        });
        return text.toString();
    }

    /** Path under docs/ with forward slashes, e.g. {@code reference/errors.md}. */
    public String path() {
        return path;
    }

    /** The text of the page's first heading (its path when it has none). */
    public String title() {
        return title;
    }

    /** The parsed Markdown, for {@link MarkdownRenderer}. */
    Node document() {
        return document;
    }

    /** The anchor of one of this page's headings, as GitHub would give it. */
    String anchorOf(Heading heading) {
        return anchorOfHeading.get(heading);
    }

    public boolean hasAnchor(String anchor) {
        return headingOfAnchor.containsKey(anchor);
    }

    /** Anchor to heading text, in page order. */
    public Map<String, String> headings() {
        return Collections.unmodifiableMap(headingOfAnchor);
    }

    /** Link targets as written, in page order. */
    public List<String> links() {
        return Collections.unmodifiableList(links);
    }

    /** Image sources as written, in page order. */
    public List<String> images() {
        return Collections.unmodifiableList(images);
    }

    /** True when every word of the query occurs in the page's text (case ignored). */
    boolean matches(List<String> words) {
        return words.stream().allMatch(searchText::contains);
    }

    /** The title, for lists. */
    @Override
    public String toString() {
        return title;
    }
}
