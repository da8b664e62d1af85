package io.tviewstudio.app.help;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** docs/ of the repository, to compare the bundled documentation with (app/pom.xml sets the root). */
final class RepositoryDocs {

    private RepositoryDocs() {
    }

    static Path root() {
        String value = System.getProperty("tviews.repo.root");
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("system property tviews.repo.root is not set (app/pom.xml sets it)");
        }
        Path docs = Path.of(value).toAbsolutePath().normalize().resolve("docs");
        if (!Files.isRegularFile(docs.resolve("README.md"))) {
            throw new IllegalStateException(docs + " has no README.md");
        }
        return docs;
    }

    /** Every Markdown file under docs/, as a path relative to docs/ with forward slashes. */
    static List<String> markdownFiles() {
        Path docs = root();
        try (Stream<Path> files = Files.walk(docs)) {
            return files.filter(file -> file.toString().endsWith(".md"))
                    .map(file -> docs.relativize(file).toString().replace('\\', '/')).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The pages Help shows: every Markdown file of docs/ but those for contributors. */
    static List<String> helpPages() {
        return markdownFiles().stream().filter(path -> !path.startsWith(DocsLibrary.FOR_CONTRIBUTORS)).toList();
    }

    static String read(String path) {
        try {
            return Files.readString(root().resolve(path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
