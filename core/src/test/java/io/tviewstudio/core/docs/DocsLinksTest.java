package io.tviewstudio.core.docs;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Every relative link in docs/**.md and README.md points at a file or directory that exists. */
class DocsLinksTest {

    @Test
    void everyRelativeLinkResolves() {
        List<Path> files = new ArrayList<>(Markdown.docFiles());
        files.add(Markdown.repoRoot().resolve("README.md"));
        List<String> broken = new ArrayList<>();
        int checked = 0;
        for (Path file : files) {
            for (Markdown.Link link : Markdown.links(file)) {
                String target = link.target();
                if (target.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*") || target.startsWith("#")) {
                    continue; // absolute URL (https:, mailto:) or an anchor in the same file
                }
                int hash = target.indexOf('#');
                String path = hash >= 0 ? target.substring(0, hash) : target;
                Path resolved = file.getParent().resolve(path).normalize();
                checked++;
                if (!Files.exists(resolved) || !resolved.startsWith(Markdown.repoRoot())) {
                    broken.add(Markdown.repoRoot().relativize(file) + ":" + link.line() + ": " + target);
                }
            }
        }
        assertThat(broken).as("broken relative links").isEmpty();
        assertThat(checked).as("relative links checked").isGreaterThan(10);
    }

    @Test
    void readmeLinksTheDocumentation() {
        List<String> targets = Markdown.links(Markdown.repoRoot().resolve("README.md")).stream()
                .map(Markdown.Link::target).toList();
        assertThat(targets).contains("docs/README.md", "docs/getting-started/install.md");
    }
}
