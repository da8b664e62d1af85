package io.tviewstudio.core.docs;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Published pages hold no unfinished text: no TODO, TBD, FIXME or XXX (as whole words, in capitals),
 * no "lorem", "placeholder" or "coming soon" (any case), in prose and in code blocks alike.
 *
 * <p>The templates under docs/contributing/templates/ are not published pages: they may, and must,
 * hold fill-in fields, written {@code {{fill: what goes here}}}; a published page must hold none.
 * The contributing pages may quote a forbidden word inside an inline code span (the style guide
 * has to name them); everywhere else a code span does not hide one.
 */
class DocsUnfinishedTextTest {

    static final Pattern UNFINISHED = Pattern.compile(
            "\\b(TODO|TBD|FIXME|XXX)\\b|(?i:\\blorem\\b|placeholder|coming soon)");
    static final Pattern FILL_IN = Pattern.compile("\\{\\{fill:[^}]*}}");
    static final Pattern FILL_IN_START = Pattern.compile("\\{\\{\\s*fill", Pattern.CASE_INSENSITIVE);

    static boolean isTemplate(Path file) {
        return Markdown.docsDir().relativize(file).startsWith(Path.of("contributing", "templates"));
    }

    private static boolean isContributing(Path file) {
        return Markdown.docsDir().relativize(file).startsWith(Path.of("contributing"));
    }

    /** The problems of one file, each naming the file, line and offending text. */
    static List<String> problems(Path file) {
        List<String> problems = new ArrayList<>();
        List<String> lines = Markdown.lines(file);
        boolean template = isTemplate(file);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            String where = Markdown.repoRoot().relativize(file) + ":" + (i + 1) + ": ";
            String checked = template ? FILL_IN.matcher(line).replaceAll("") : line;
            if (isContributing(file)) {
                checked = checked.replaceAll("`[^`]*`", "");
            }
            Matcher unfinished = UNFINISHED.matcher(checked);
            while (unfinished.find()) {
                problems.add(where + "unfinished text '" + unfinished.group() + "'");
            }
            if (!template && FILL_IN_START.matcher(checked).find()) {
                problems.add(where + "a template fill-in field '{{fill: ...}}' in a published page");
            } else if (template && FILL_IN_START.matcher(checked).find()) {
                problems.add(where + "a malformed fill-in field (write {{fill: what goes here}})");
            }
        }
        return problems;
    }

    @Test
    void publishedPagesHoldNoUnfinishedText() {
        List<String> problems = new ArrayList<>();
        for (Path file : Markdown.docFiles()) {
            problems.addAll(problems(file));
        }
        assertThat(problems).as("unfinished text in docs/").isEmpty();
    }

    @Test
    void everyTemplateMarksWhatToFillIn() {
        List<Path> templates = Markdown.docFiles().stream().filter(DocsUnfinishedTextTest::isTemplate).toList();
        assertThat(templates).as("templates under docs/contributing/templates/").isNotEmpty();
        for (Path template : templates) {
            boolean hasField = Markdown.lines(template).stream().anyMatch(l -> FILL_IN.matcher(l).find());
            assertThat(hasField).as("%s has {{fill: ...}} fields", Markdown.repoRoot().relativize(template)).isTrue();
        }
    }
}
