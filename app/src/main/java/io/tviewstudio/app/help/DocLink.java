package io.tviewstudio.app.help;

/** Where a link of a page leads, as {@link DocsLibrary#resolve} finds out. */
public sealed interface DocLink {

    /** A page of the documentation (and maybe a heading of it). */
    record Page(HelpTopic topic) implements DocLink {
    }

    /** A web address or other absolute URL ({@code https:}, {@code mailto:}): the system browser opens it. */
    record External(String url) implements DocLink {
    }

    /** A target the documentation does not hold: {@link #message()} says what is missing. */
    record Missing(String target, String message) implements DocLink {
    }
}
