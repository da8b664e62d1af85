package io.tviewstudio.app.help;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Navigation, history, search and the notices of the documentation browser, on the bundled docs. */
class DocsBrowserViewModelTest {

    private static final DocsLibrary LIBRARY = DocsLibrary.bundled();

    private final List<String> opened = new ArrayList<>();
    private final DocsBrowserViewModel browser = new DocsBrowserViewModel(LIBRARY, Optional.of(opened::add));

    @Test
    void followingLinksBuildsAHistoryThatBackAndForwardWalk() {
        browser.open(HelpTopic.INDEX);
        assertThat(browser.canGoBackProperty().get()).isFalse();

        browser.follow("reference/errors.md");
        browser.follow("#tv041-unknown_column");
        assertThat(shown()).isEqualTo("reference/errors.md#tv041-unknown_column");
        assertThat(browser.titleProperty().get()).isEqualTo("Error codes");

        browser.back();
        assertThat(shown()).isEqualTo("reference/errors.md");
        browser.back();
        assertThat(shown()).isEqualTo("README.md");
        assertThat(browser.canGoBackProperty().get()).isFalse();
        assertThat(browser.canGoForwardProperty().get()).isTrue();

        browser.forward();
        assertThat(shown()).isEqualTo("reference/errors.md");
        // A new link drops the steps ahead.
        browser.follow("sql-api.md");
        assertThat(shown()).isEqualTo("reference/sql-api.md");
        assertThat(browser.canGoForwardProperty().get()).isFalse();
    }

    @Test
    void theSameLinkAgainRevealsItsHeadingAgainWithoutANewStep() {
        browser.open(HelpTopic.errorCode("TV010"));
        DocsBrowserViewModel.Visit first = browser.visitProperty().get();
        browser.open(HelpTopic.errorCode("TV010"));

        assertThat(browser.visitProperty().get()).isNotEqualTo(first);
        assertThat(browser.visitProperty().get().anchor()).isEqualTo("tv010-invalid_definition");
        assertThat(browser.canGoBackProperty().get()).isFalse();
    }

    @Test
    void aLinkToAMissingPageSaysSoAndStaysOnThePage() {
        browser.open(HelpTopic.INDEX);
        browser.follow("reference/no-such-page.md");

        assertThat(browser.noticeProperty().get()).isEqualTo("page not found: reference/no-such-page.md");
        assertThat(shown()).isEqualTo("README.md");

        browser.follow("concepts.md");
        assertThat(browser.noticeProperty().get()).isEmpty();
    }

    @Test
    void aMissingHeadingShowsTheTopOfThePageAndSaysSo() {
        browser.open(new HelpTopic("reference/errors.md", "tv999-nothing"));

        assertThat(browser.visitProperty().get().anchor()).isNull();
        assertThat(browser.noticeProperty().get())
                .isEqualTo("section not found: #tv999-nothing on reference/errors.md; showing the top of the page");
    }

    @Test
    void webLinksGoToTheSystemBrowserOrAreShownWhenThereIsNone() {
        browser.open(HelpTopic.INDEX);
        browser.follow("https://www.postgresql.org/");
        assertThat(opened).containsExactly("https://www.postgresql.org/");
        assertThat(shown()).isEqualTo("README.md");

        DocsBrowserViewModel offline = new DocsBrowserViewModel(LIBRARY, Optional.empty());
        offline.open(HelpTopic.INDEX);
        offline.follow("https://www.postgresql.org/");
        assertThat(offline.noticeProperty().get())
                .isEqualTo("external link, open it in your browser: https://www.postgresql.org/");
    }

    @Test
    void searchFiltersTheContentsAndEnterOpensTheFirstPageFound() {
        browser.open(HelpTopic.INDEX);
        browser.searchTextProperty().set("LoadGenerator");

        assertThat(browser.contents()).extracting(DocPage::path).containsExactly("guides/desktop-app.md");
        assertThat(browser.searchSummaryProperty().get()).isEqualTo("1 page");
        browser.openFirstFound();
        assertThat(shown()).isEqualTo("guides/desktop-app.md");

        browser.searchTextProperty().set("xyzzy plugh");
        assertThat(browser.contents()).isEmpty();
        assertThat(browser.searchSummaryProperty().get()).isEqualTo("No page contains \u201cxyzzy plugh\u201d");

        browser.searchTextProperty().set("");
        assertThat(browser.contents()).hasSize(LIBRARY.pages().size());
        assertThat(browser.searchSummaryProperty().get()).isEmpty();
    }

    private String shown() {
        DocsBrowserViewModel.Visit visit = browser.visitProperty().get();
        return new HelpTopic(visit.page().path(), visit.anchor()).toString();
    }
}
