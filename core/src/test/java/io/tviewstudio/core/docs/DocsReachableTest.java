package io.tviewstudio.core.docs;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Every Markdown page under docs/ can be reached from docs/README.md by following relative links. */
class DocsReachableTest {

    /** The pages reached from start by relative links to .md files under docs/ (anchors ignored). */
    static Set<Path> reachableFrom(Path start) {
        Set<Path> reached = new LinkedHashSet<>();
        Deque<Path> pending = new ArrayDeque<>(List.of(start));
        while (!pending.isEmpty()) {
            Path page = pending.pop();
            if (!reached.add(page)) {
                continue;
            }
            for (Markdown.Link link : Markdown.links(page)) {
                String target = link.target();
                if (target.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*") || target.startsWith("#")) {
                    continue;
                }
                int hash = target.indexOf('#');
                Path resolved = page.getParent().resolve(hash >= 0 ? target.substring(0, hash) : target).normalize();
                if (resolved.toString().endsWith(".md") && resolved.startsWith(Markdown.docsDir())
                        && Files.isRegularFile(resolved)) {
                    pending.push(resolved);
                }
            }
        }
        return reached;
    }

    @Test
    void everyPageIsReachableFromTheIndex() {
        Set<Path> reached = reachableFrom(Markdown.docsDir().resolve("README.md"));
        List<String> unreachable = Markdown.docFiles().stream().filter(f -> !reached.contains(f))
                .map(f -> Markdown.repoRoot().relativize(f).toString()).toList();
        assertThat(reached).as("pages reached from docs/README.md").hasSizeGreaterThan(20);
        assertThat(unreachable).as("pages under docs/ that no chain of links from docs/README.md reaches").isEmpty();
    }
}
