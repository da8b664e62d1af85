package io.tviewstudio.app.help;

import io.tviewstudio.core.analysis.ErrorCode;
import java.util.Arrays;
import java.util.Objects;

/**
 * A place in the documentation: a page, as its path under {@code docs/} ({@code reference/errors.md}),
 * and optionally the anchor of one of its headings ({@code tv041-unknown_column}), or null for the top.
 */
public record HelpTopic(String page, String anchor) {

    /** The documentation's index, docs/README.md. */
    public static final HelpTopic INDEX = new HelpTopic("README.md", null);
    /** What the definition editor's context help opens. */
    public static final HelpTopic DEFINITIONS = new HelpTopic("reference/definitions.md", null);
    static final String ERRORS_PAGE = "reference/errors.md";

    public HelpTopic {
        Objects.requireNonNull(page, "page");
    }

    /**
     * The entry of an error code in errors.md: its heading is {@code TV041 unknown_column}, so the
     * anchor is that heading's slug. An unknown code opens the page at the top.
     */
    public static HelpTopic errorCode(String code) {
        return Arrays.stream(ErrorCode.values()).filter(known -> known.name().equalsIgnoreCase(code)).findFirst()
                .map(known -> new HelpTopic(ERRORS_PAGE, HeadingSlugs.slug(known.name() + " " + known.errorName())))
                .orElseGet(() -> new HelpTopic(ERRORS_PAGE, null));
    }

    /** {@code reference/errors.md#tv041-unknown_column}, as a link would write it. */
    @Override
    public String toString() {
        return anchor == null ? page : page + "#" + anchor;
    }
}
