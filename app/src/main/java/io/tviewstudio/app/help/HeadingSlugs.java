package io.tviewstudio.app.help;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.commonmark.ext.heading.anchor.IdGenerator;

/**
 * The anchors GitHub gives headings, so that {@code errors.md#tv041-unknown_column} works the same
 * on GitHub and in the app: lower case, spaces become hyphens, every character that is not a
 * letter, digit, {@code -} or {@code _} is dropped, and a repeated slug on one page gets
 * {@code -1}, {@code -2}, ... appended. Pages use commonmark's heading-anchor extension
 * ({@link IdGenerator}); {@link #slug} states its rule for one heading without the numbering, which
 * {@link HelpTopic#errorCode} needs (a test checks that both agree on every heading in docs/).
 */
final class HeadingSlugs {

    private static final Pattern ALLOWED = Pattern.compile("[\\w\\-]+", Pattern.UNICODE_CHARACTER_CLASS);

    private final IdGenerator generator = IdGenerator.builder().build();

    /** The slug of one heading's text, without numbering. */
    static String slug(String headingText) {
        Matcher allowed = ALLOWED.matcher(headingText.strip().toLowerCase(Locale.ROOT).replace(' ', '-'));
        StringBuilder slug = new StringBuilder();
        while (allowed.find()) {
            slug.append(allowed.group());
        }
        return slug.toString();
    }

    /** The slug of the next heading of a page, numbered when an earlier heading had the same one. */
    String next(String headingText) {
        return generator.generateId(headingText);
    }
}
