package io.tviewstudio.app.help;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.parser.Parser;

/**
 * The documentation the Help window shows: the Markdown pages of docs/, bundled into the
 * application's jar at build time (see app/pom.xml), parsed once.
 *
 * <p>The pages are found by following links from docs/README.md, breadth first, so the table of
 * contents lists them in the order the index links them; a page no other page links to would not
 * be found, which DocsLibraryTest reports.
 */
public final class DocsLibrary {

    /** The index page every search for pages starts from. */
    public static final String INDEX = "README.md";

    private static final String BUNDLED_ROOT = "docs/";
    /**
     * Pages for people who change TVIEW Studio (style guide, page templates with their
     * {{fill: ...}} gaps, review checklist), not for its users: not listed, searched or opened by
     * Help; a link to one says where to read it (issue #20, item 12).
     */
    static final String FOR_CONTRIBUTORS = "contributing/";
    private static final Pattern ABSOLUTE_URL = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*:.*");

    /** Where the files of docs/ are read from: the jar, or a directory in tests. */
    @FunctionalInterface
    public interface Source {
        /** The file at a path under docs/ ({@code images/metrics.png}), if there is one. */
        Optional<URL> find(String path);
    }

    private final Source source;
    private final Map<String, DocPage> pages;

    private DocsLibrary(Source source) {
        this.source = source;
        this.pages = load(source);
    }

    /** The documentation bundled into the application. */
    public static DocsLibrary bundled() {
        return new DocsLibrary(path -> Optional.ofNullable(DocsLibrary.class.getResource(BUNDLED_ROOT + path)));
    }

    /** The documentation in a directory laid out like docs/. */
    public static DocsLibrary directory(Path root) {
        return new DocsLibrary(path -> {
            Path file = root.resolve(path).normalize();
            if (!file.startsWith(root.normalize()) || !Files.isRegularFile(file)) {
                return Optional.empty();
            }
            try {
                return Optional.of(file.toUri().toURL());
            } catch (MalformedURLException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static Map<String, DocPage> load(Source source) {
        Parser parser = Parser.builder().extensions(List.of(TablesExtension.create())).build();
        Map<String, DocPage> found = new LinkedHashMap<>();
        Deque<String> toRead = new ArrayDeque<>(List.of(INDEX));
        while (!toRead.isEmpty()) {
            String path = toRead.removeFirst();
            if (found.containsKey(path)) {
                continue;
            }
            URL url = source.find(path).orElse(null);
            if (url == null) {
                if (path.equals(INDEX)) {
                    throw new IllegalStateException("the documentation has no " + INDEX + ": the application was built without docs/");
                }
                continue; // a broken link: the page shows it as "page not found" when followed
            }
            DocPage page = new DocPage(path, parser.parse(read(url)));
            found.put(path, page);
            for (String link : page.links()) {
                target(path, link).filter(target -> target.endsWith(".md") && !target.startsWith(FOR_CONTRIBUTORS))
                        .ifPresent(toRead::addLast);
            }
        }
        return found;
    }

    private static String read(URL url) {
        try (InputStream in = url.openStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + url, e);
        }
    }

    /** Every page, in the order of the table of contents. */
    public List<DocPage> pages() {
        return List.copyOf(pages.values());
    }

    public Optional<DocPage> page(String path) {
        return Optional.ofNullable(pages.get(path));
    }

    /** Where a link written on a page leads. */
    public DocLink resolve(String fromPage, String href) {
        if (ABSOLUTE_URL.matcher(href).matches()) {
            return new DocLink.External(href);
        }
        int hash = href.indexOf('#');
        String anchor = hash >= 0 && hash < href.length() - 1 ? href.substring(hash + 1) : null;
        String file = hash >= 0 ? href.substring(0, hash) : href;
        if (file.isEmpty()) {
            return new DocLink.Page(new HelpTopic(fromPage, anchor));
        }
        Optional<String> target = target(fromPage, file);
        if (target.isEmpty()) {
            return new DocLink.Missing(href, "not part of the documentation: " + href
                    + " (a file of the source repository; read it there)");
        }
        if (target.get().startsWith(FOR_CONTRIBUTORS)) {
            return new DocLink.Missing(href, "a page for contributors to TVIEW Studio, not part of this help: read docs/"
                    + target.get() + " in the source repository");
        }
        if (!pages.containsKey(target.get())) {
            return new DocLink.Missing(href, "page not found: " + target.get());
        }
        return new DocLink.Page(new HelpTopic(target.get(), anchor));
    }

    /** An image written on a page, if the documentation has it. */
    public Optional<URL> image(String fromPage, String src) {
        if (ABSOLUTE_URL.matcher(src).matches()) {
            return Optional.empty(); // offline help shows bundled images only
        }
        return target(fromPage, src).flatMap(source::find);
    }

    /** The words a search looks for: the query split at white space, in lower case. */
    public static List<String> words(String query) {
        return Arrays.stream(query.toLowerCase(Locale.ROOT).split("\\s+")).filter(w -> !w.isEmpty()).toList();
    }

    /** Pages whose text holds every word of the query, title matches first, else in contents order. */
    public List<DocPage> search(String query) {
        List<String> words = words(query);
        if (words.isEmpty()) {
            return pages();
        }
        List<DocPage> inTitle = new ArrayList<>();
        List<DocPage> inText = new ArrayList<>();
        for (DocPage page : pages.values()) {
            if (page.matches(words)) {
                String title = page.title().toLowerCase(Locale.ROOT);
                (words.stream().allMatch(title::contains) ? inTitle : inText).add(page);
            }
        }
        inTitle.addAll(inText);
        return inTitle;
    }

    /**
     * A relative path written on a page, as a path under docs/ ({@code ../images/x.png} on
     * {@code guides/a.md} is {@code images/x.png}); empty when it leaves docs/.
     */
    static Optional<String> target(String fromPage, String relative) {
        Deque<String> segments = new ArrayDeque<>();
        int slash = fromPage.lastIndexOf('/');
        if (slash >= 0) {
            segments.addAll(Arrays.asList(fromPage.substring(0, slash).split("/")));
        }
        String path = relative.startsWith("/") ? relative.substring(1) : relative;
        if (relative.startsWith("/")) {
            segments.clear();
        }
        for (String segment : path.split("/")) {
            switch (segment) {
                case "", "." -> { }
                case ".." -> {
                    if (segments.isEmpty()) {
                        return Optional.empty();
                    }
                    segments.removeLast();
                }
                default -> segments.addLast(segment);
            }
        }
        return segments.isEmpty() ? Optional.empty() : Optional.of(String.join("/", segments));
    }
}
