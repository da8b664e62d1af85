package io.tviewstudio.app.help;

import static org.assertj.core.api.Assertions.assertThat;

import io.tviewstudio.core.analysis.ErrorCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.commonmark.ext.heading.anchor.IdGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The documentation bundled into the app, against docs/ of the repository. */
class DocsLibraryTest {

    private static final DocsLibrary LIBRARY = DocsLibrary.bundled();

    @Test
    void theBundledPagesAreEveryMarkdownFileOfDocsButThoseForContributors() {
        assertThat(LIBRARY.pages()).extracting(DocPage::path)
                .as("pages reachable by links from docs/README.md (a page no page links to is missing here)")
                .containsExactlyInAnyOrderElementsOf(RepositoryDocs.helpPages());
        assertThat(LIBRARY.search("fill")).extracting(DocPage::path).noneMatch(path -> path.startsWith("contributing/"));
        assertThat(LIBRARY.resolve(DocsLibrary.INDEX, "contributing/style-guide.md"))
                .isEqualTo(new DocLink.Missing("contributing/style-guide.md", "a page for contributors to TVIEW Studio, "
                        + "not part of this help: read docs/contributing/style-guide.md in the source repository"));
    }

    @Test
    void theContentsStartWithTheIndexThenListThePagesInTheOrderTheIndexLinksThem() {
        DocPage index = LIBRARY.page(DocsLibrary.INDEX).orElseThrow();
        Set<String> linkedFromIndex = new LinkedHashSet<>();
        for (String link : index.links()) {
            if (LIBRARY.resolve(DocsLibrary.INDEX, link) instanceof DocLink.Page page
                    && !page.topic().page().equals(DocsLibrary.INDEX)) {
                linkedFromIndex.add(page.topic().page());
            }
        }
        List<String> paths = LIBRARY.pages().stream().map(DocPage::path).toList();
        assertThat(paths.getFirst()).isEqualTo("README.md");
        assertThat(paths.subList(1, 1 + linkedFromIndex.size())).containsExactlyElementsOf(linkedFromIndex);
        assertThat(paths).contains("getting-started/install.md", "getting-started/quickstart.md", "getting-started/demo.md");
    }

    @Test
    void aPageIsTitledByItsFirstHeading() {
        for (DocPage page : LIBRARY.pages()) {
            // The first heading of any level: the contributing templates start at "##".
            String firstHeading = RepositoryDocs.read(page.path()).lines().filter(line -> line.matches("#{1,6} .*"))
                    .findFirst().orElseThrow().replaceFirst("^#+ ", "").replace("`", "").strip();
            assertThat(page.title()).as(page.path()).isEqualTo(firstHeading);
        }
        assertThat(LIBRARY.page("reference/errors.md").orElseThrow().title()).isEqualTo("Error codes");
    }

    @Test
    void everyImageAPageShowsIsBundled() {
        int images = 0;
        for (DocPage page : LIBRARY.pages()) {
            for (String src : page.images()) {
                assertThat(LIBRARY.image(page.path(), src)).as(page.path() + ": " + src).isPresent();
                images++;
            }
        }
        assertThat(images).isGreaterThanOrEqualTo(5);
    }

    @Test
    void everyLinkBetweenPagesLeadsToAPageAndEveryAnchorToAHeading() {
        List<String> broken = new ArrayList<>();
        int anchors = 0;
        for (DocPage page : LIBRARY.pages()) {
            for (String link : page.links()) {
                DocLink target = LIBRARY.resolve(page.path(), link);
                if (target instanceof DocLink.Page internal) {
                    HelpTopic topic = internal.topic();
                    if (topic.anchor() != null) {
                        anchors++;
                        if (!LIBRARY.page(topic.page()).orElseThrow().hasAnchor(topic.anchor())) {
                            broken.add(page.path() + ": " + link + " (no heading with that anchor)");
                        }
                    }
                } else if (target instanceof DocLink.Missing missing && !link.startsWith("../")
                        && !missing.message().startsWith("a page for contributors")) {
                    broken.add(page.path() + ": " + link + " (" + missing.message() + ")");
                }
            }
        }
        assertThat(broken).isEmpty();
        assertThat(anchors).as("links to headings checked").isGreaterThan(20);
    }

    @Test
    void headingAnchorsFollowGithubAndTheHeadingAnchorExtension() {
        assertThat(HeadingSlugs.slug("TV041 unknown_column")).isEqualTo("tv041-unknown_column");
        assertThat(HeadingSlugs.slug("pg_tviews_create(name, definition)")).isEqualTo("pg_tviews_createname-definition");
        assertThat(HeadingSlugs.slug("Refresh (what can be maintained row by row)"))
                .isEqualTo("refresh-what-can-be-maintained-row-by-row");
        HeadingSlugs page = new HeadingSlugs();
        assertThat(List.of(page.next("Example"), page.next("Example"), page.next("Example")))
                .containsExactly("example", "example-1", "example-2");
        // The one-heading rule agrees with commonmark's generator on every heading of the documentation.
        for (DocPage docPage : LIBRARY.pages()) {
            for (String heading : docPage.headings().values()) {
                assertThat(HeadingSlugs.slug(heading)).as(docPage.path() + ": " + heading)
                        .isEqualTo(IdGenerator.builder().build().generateId(heading));
            }
        }
    }

    @Test
    void everyErrorCodeHasItsEntryInTheErrorReference() {
        DocPage errors = LIBRARY.page("reference/errors.md").orElseThrow();
        for (ErrorCode code : ErrorCode.values()) {
            HelpTopic topic = HelpTopic.errorCode(code.name());
            assertThat(topic.page()).isEqualTo("reference/errors.md");
            assertThat(errors.hasAnchor(topic.anchor())).as(topic.toString()).isTrue();
        }
        assertThat(HelpTopic.errorCode("TV041")).hasToString("reference/errors.md#tv041-unknown_column");
        assertThat(HelpTopic.errorCode("TV999")).isEqualTo(new HelpTopic("reference/errors.md", null));
    }

    @Test
    void linksResolveRelativeToTheirPage() {
        assertThat(LIBRARY.resolve("guides/desktop-app.md", "../reference/errors.md#tv010-invalid_definition"))
                .isEqualTo(new DocLink.Page(new HelpTopic("reference/errors.md", "tv010-invalid_definition")));
        assertThat(LIBRARY.resolve("reference/errors.md", "#quick-reference"))
                .isEqualTo(new DocLink.Page(new HelpTopic("reference/errors.md", "quick-reference")));
        assertThat(LIBRARY.resolve("README.md", "concepts.md"))
                .isEqualTo(new DocLink.Page(new HelpTopic("concepts.md", null)));
        assertThat(LIBRARY.resolve("README.md", "https://www.postgresql.org/docs/"))
                .isEqualTo(new DocLink.External("https://www.postgresql.org/docs/"));
        assertThat(LIBRARY.resolve("reference/cli.md", "nope.md#x"))
                .isEqualTo(new DocLink.Missing("nope.md#x", "page not found: reference/nope.md"));
        assertThat(LIBRARY.resolve("getting-started/install.md", "../../packaging/README.md"))
                .isEqualTo(new DocLink.Missing("../../packaging/README.md", "not part of the documentation: "
                        + "../../packaging/README.md (a file of the source repository; read it there)"));
    }

    @Test
    void searchFindsTheOnePageThatHoldsATerm() {
        List<String> holding = RepositoryDocs.markdownFiles().stream()
                .filter(path -> RepositoryDocs.read(path).toLowerCase(Locale.ROOT).contains("loadgenerator")).toList();
        assertThat(holding).as("pages that mention LoadGenerator").containsExactly("guides/desktop-app.md");

        assertThat(LIBRARY.search("loadgenerator")).extracting(DocPage::path).containsExactly("guides/desktop-app.md");
        assertThat(LIBRARY.search("  ")).hasSize(LIBRARY.pages().size());
        assertThat(LIBRARY.search("no such word anywhere xyzzy")).isEmpty();
        // Every word must occur; pages with the words in their title come first.
        assertThat(LIBRARY.search("error codes").getFirst().path()).isEqualTo("reference/errors.md");
    }

    @Test
    void aBrokenLinkInADirectoryOfDocsIsReportedNotFollowed(@TempDir Path docs) throws IOException {
        Files.writeString(docs.resolve("README.md"), "# Index\n\nSee [a page](a.md) and [gone](gone.md).\n");
        Files.writeString(docs.resolve("a.md"), "# A page\n\n## Part\n\nBack to [the index](README.md#index).\n");

        DocsLibrary library = DocsLibrary.directory(docs);

        assertThat(library.pages()).extracting(DocPage::path).containsExactly("README.md", "a.md");
        assertThat(library.resolve("README.md", "gone.md"))
                .isEqualTo(new DocLink.Missing("gone.md", "page not found: gone.md"));
        assertThat(library.page("a.md").orElseThrow().headings()).containsKeys("a-page", "part");
    }

    @Test
    void aBuildWithoutTheDocumentationSaysSo(@TempDir Path empty) {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> DocsLibrary.directory(empty))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("the documentation has no README.md: the application was built without docs/");
    }
}
