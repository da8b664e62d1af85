package io.tviewstudio.core.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The user documentation as the doc tests see it: where the repository is, which Markdown files
 * exist, and the fenced code blocks, headings and links of a file.
 *
 * <p>Conventions for SQL examples (see docs/README.md, "How the examples are tested"):
 * every {@code ```sql} block runs; an HTML comment {@code <!-- expect-error: TV010 -->} on the
 * line(s) right before the fence means the block must fail with that SQLSTATE;
 * {@code <!-- no-run -->} there means the block is a fragment that is not run. A file whose first
 * line is {@code <!-- docs-test: NAME -->} has its SQL examples run by another test (NAME says
 * which fixture, see {@link #TESTED_ELSEWHERE}), not by DocsSqlExamplesTest.
 *
 * <p>Public (in core's test jar) for the docs tests of the modules above core, such as the command
 * line's DocsCliInventoryTest.
 */
public final class Markdown {

    static final String REPO_ROOT_PROPERTY = "tviews.repo.root";

    private static final Pattern FENCE = Pattern.compile("^(\\s*)```\\s*([A-Za-z0-9_+-]*)\\s*$");
    private static final Pattern EXPECT_ERROR = Pattern.compile("^<!--\\s*expect-error:\\s*([0-9A-Z]{5})\\s*-->$");
    private static final Pattern NO_RUN = Pattern.compile("^<!--\\s*no-run\\s*-->$");
    private static final Pattern DOCS_TEST = Pattern.compile("^<!--\\s*docs-test:\\s*([a-z0-9-]+)\\s*-->$");

    /**
     * The {@code <!-- docs-test: NAME -->} markers a file may start with, and the test that runs
     * its SQL examples instead of DocsSqlExamplesTest.
     */
    static final java.util.Map<String, String> TESTED_ELSEWHERE = java.util.Map.of(
            "demo-database", "io.tviewstudio.tools.demo.DemoDocumentationTest (against the demo schema)");
    private static final Pattern LINK = Pattern.compile("(?<!!)\\[[^\\]]*\\]\\(([^)\\s]+)(?:\\s+\"[^\"]*\")?\\)");
    private static final Pattern IMAGE = Pattern.compile("!\\[[^\\]]*\\]\\(([^)\\s]+)(?:\\s+\"[^\"]*\")?\\)");

    private Markdown() {
    }

    /** A fenced code block: its language, first line number (of the fence, 1-based) and text. */
    record CodeBlock(Path file, int line, String language, String text, String expectedError, boolean noRun) {
        String where() {
            return repoRoot().relativize(file) + ":" + line;
        }
    }

    /** A link or image target outside code blocks, with its line. */
    record Link(Path file, int line, String target) {
    }

    /** The repository root, from the surefire system property; fails clearly when it is wrong. */
    static Path repoRoot() {
        String value = System.getProperty(REPO_ROOT_PROPERTY);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("system property " + REPO_ROOT_PROPERTY + " is not set (the pom of the module under test sets it)");
        }
        Path root = Path.of(value).toAbsolutePath().normalize();
        if (!Files.isRegularFile(root.resolve("docs/README.md")) || !Files.isDirectory(root.resolve("sql/runtime"))) {
            throw new IllegalStateException(REPO_ROOT_PROPERTY + "=" + root + " is not the repository root "
                    + "(no docs/README.md or sql/runtime there)");
        }
        return root;
    }

    public static Path docsDir() {
        return repoRoot().resolve("docs");
    }

    /** Every Markdown file under docs/, sorted. */
    static List<Path> docFiles() {
        try (Stream<Path> files = Files.walk(docsDir())) {
            return files.filter(p -> p.toString().endsWith(".md")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The fixture named by a {@code <!-- docs-test: NAME -->} marker on the first line of the file,
     * or null when the file has none (its SQL examples then run in DocsSqlExamplesTest).
     */
    static String docsTest(Path file) {
        List<String> lines = lines(file);
        if (lines.isEmpty()) {
            return null;
        }
        Matcher marker = DOCS_TEST.matcher(lines.get(0).strip());
        return marker.matches() ? marker.group(1) : null;
    }

    public static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Fenced code blocks in file order, with the annotation comment that precedes each. */
    static List<CodeBlock> codeBlocks(Path file) {
        List<String> lines = lines(file);
        List<CodeBlock> blocks = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Matcher open = FENCE.matcher(lines.get(i));
            if (!open.matches()) {
                continue;
            }
            String language = open.group(2).toLowerCase();
            int start = i;
            StringBuilder text = new StringBuilder();
            i++;
            while (i < lines.size() && !lines.get(i).strip().equals("```")) {
                text.append(lines.get(i)).append('\n');
                i++;
            }
            if (i >= lines.size()) {
                throw new IllegalStateException(file + ":" + (start + 1) + ": code block is never closed");
            }
            String expected = null;
            boolean noRun = false;
            for (int j = start - 1; j >= 0 && lines.get(j).strip().startsWith("<!--"); j--) {
                String comment = lines.get(j).strip();
                Matcher error = EXPECT_ERROR.matcher(comment);
                if (error.matches()) {
                    expected = error.group(1);
                } else if (NO_RUN.matcher(comment).matches()) {
                    noRun = true;
                }
            }
            blocks.add(new CodeBlock(file, start + 1, language, text.toString(), expected, noRun));
        }
        return blocks;
    }

    /** The lines of a file that are not inside fenced code blocks, with their 1-based numbers. */
    public static List<Object[]> proseLines(Path file) {
        List<String> lines = lines(file);
        List<Object[]> prose = new ArrayList<>();
        boolean inCode = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (FENCE.matcher(line).matches() || (inCode && line.strip().equals("```"))) {
                inCode = !inCode;
                continue;
            }
            if (!inCode) {
                prose.add(new Object[] {i + 1, line});
            }
        }
        return prose;
    }

    /** Headings (lines starting with #) outside code blocks. */
    static List<String> headings(Path file) {
        return proseLines(file).stream().map(l -> (String) l[1]).filter(l -> l.matches("^#{1,6} .*")).toList();
    }

    /** Link and image targets outside code blocks; inline code spans are ignored. */
    static List<Link> links(Path file) {
        List<Link> links = new ArrayList<>();
        for (Object[] line : proseLines(file)) {
            String text = ((String) line[1]).replaceAll("`[^`]*`", "");
            for (Pattern pattern : List.of(LINK, IMAGE)) {
                Matcher m = pattern.matcher(text);
                while (m.find()) {
                    links.add(new Link(file, (Integer) line[0], m.group(1)));
                }
            }
        }
        return links;
    }
}
