package io.tviewstudio.app.help;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * State of the documentation browser: the page shown and the heading to reveal, the history for
 * Back and Forward, the search that filters the table of contents, and a notice for links that
 * lead nowhere. Holds no nodes; {@link DocsBrowserView} binds to it.
 */
public final class DocsBrowserViewModel {

    /**
     * One arrival at a page. Each navigation is a new visit, even to the same place, so that the
     * view scrolls to the heading again when the user clicks the same link twice.
     */
    public record Visit(DocPage page, String anchor, long number) {
    }

    private final DocsLibrary library;
    private final Optional<Consumer<String>> browser;
    private final List<HelpTopic> history = new ArrayList<>();
    private int position = -1;
    private long visits;

    private final ReadOnlyObjectWrapper<Visit> visit = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper notice = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper canGoBack = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper canGoForward = new ReadOnlyBooleanWrapper();
    private final StringProperty searchText = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper searchSummary = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<List<String>> searchWords = new ReadOnlyObjectWrapper<>(List.of());
    private final ObservableList<DocPage> contents = FXCollections.observableArrayList();

    /**
     * @param browser opens a web address in the system browser; empty where there is none (then
     *                the address is shown for the user to copy)
     */
    public DocsBrowserViewModel(DocsLibrary library, Optional<Consumer<String>> browser) {
        this.library = Objects.requireNonNull(library);
        this.browser = Objects.requireNonNull(browser);
        contents.setAll(library.pages());
        searchText.addListener((observable, old, text) -> filter(text));
    }

    public DocsLibrary library() {
        return library;
    }

    /** Shows a page (at a heading) as a new step of the history. */
    public void open(HelpTopic topic) {
        Optional<DocPage> page = library.page(topic.page());
        if (page.isEmpty()) {
            notice.set("page not found: " + topic.page());
            return;
        }
        if (position >= 0 && history.get(position).equals(topic)) {
            show(page.get(), topic.anchor()); // the same place again: reveal it, no new step
            return;
        }
        while (history.size() > position + 1) {
            history.removeLast();
        }
        history.add(topic);
        position = history.size() - 1;
        show(page.get(), topic.anchor());
    }

    /** Follows a link the user clicked on the current page. */
    public void follow(String href) {
        String from = currentPath().orElse(DocsLibrary.INDEX);
        switch (library.resolve(from, href)) {
            case DocLink.Page page -> open(page.topic());
            case DocLink.External external -> browser.ifPresentOrElse(open -> {
                notice.set("");
                open.accept(external.url());
            }, () -> notice.set("external link, open it in your browser: " + external.url()));
            case DocLink.Missing missing -> notice.set(missing.message());
        }
    }

    public void back() {
        if (position > 0) {
            position--;
            HelpTopic topic = history.get(position);
            show(library.page(topic.page()).orElseThrow(), topic.anchor());
        }
    }

    public void forward() {
        if (position < history.size() - 1) {
            position++;
            HelpTopic topic = history.get(position);
            show(library.page(topic.page()).orElseThrow(), topic.anchor());
        }
    }

    private void show(DocPage page, String anchor) {
        notice.set(anchor != null && !page.hasAnchor(anchor)
                ? "section not found: #" + anchor + " on " + page.path() + "; showing the top of the page" : "");
        visit.set(new Visit(page, anchor != null && page.hasAnchor(anchor) ? anchor : null, ++visits));
        title.set(page.title());
        canGoBack.set(position > 0);
        canGoForward.set(position < history.size() - 1);
    }

    /** Filters the contents; the page shown stays until the user opens another (Enter, a click). */
    private void filter(String text) {
        searchWords.set(DocsLibrary.words(text == null ? "" : text));
        List<DocPage> found = library.search(text == null ? "" : text);
        contents.setAll(found);
        boolean searching = text != null && !text.isBlank();
        searchSummary.set(!searching ? "" : found.isEmpty() ? "No page contains \u201c" + text.strip() + "\u201d"
                : found.size() == 1 ? "1 page" : found.size() + " pages");
    }

    /** Opens the first page the search found (Enter in the search field). */
    public void openFirstFound() {
        if (!contents.isEmpty()) {
            open(new HelpTopic(contents.getFirst().path(), null));
        }
    }

    private Optional<String> currentPath() {
        return Optional.ofNullable(visit.get()).map(shown -> shown.page().path());
    }

    public ReadOnlyObjectProperty<Visit> visitProperty() {
        return visit.getReadOnlyProperty();
    }

    /** Why the last link could not be shown, or empty. */
    public ReadOnlyStringProperty noticeProperty() {
        return notice.getReadOnlyProperty();
    }

    /** Title of the page shown. */
    public ReadOnlyStringProperty titleProperty() {
        return title.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canGoBackProperty() {
        return canGoBack.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canGoForwardProperty() {
        return canGoForward.getReadOnlyProperty();
    }

    public StringProperty searchTextProperty() {
        return searchText;
    }

    /** How many pages the search found, or that none did; empty without a search. */
    public ReadOnlyStringProperty searchSummaryProperty() {
        return searchSummary.getReadOnlyProperty();
    }

    /** The words of the search, to highlight on the page shown; empty without a search. */
    public ReadOnlyObjectProperty<List<String>> searchWordsProperty() {
        return searchWords.getReadOnlyProperty();
    }

    /** The table of contents: every page, or those the search found. */
    public ObservableList<DocPage> contents() {
        return FXCollections.unmodifiableObservableList(contents);
    }
}
