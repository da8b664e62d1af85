package io.tviewstudio.core.analysis;

import io.tviewstudio.core.analysis.schema.InMemoryCatalog;
import net.sf.jsqlparser.JSQLParserException;
import org.junit.jupiter.api.Test;

import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A definition that JSqlParser would take minutes to parse neither hangs the analyzer nor leaves a
 * parser thread running after the analysis returns (JSqlParser's own worker used to go on for
 * seconds after its timeout).
 */
class DefinitionParserTest {

    private static final InMemoryCatalog BLOG = InMemoryCatalog.builder()
            .table("tb_post", "pk_post integer primary key, id uuid not null, title text")
            .build();

    /** Nested function calls: JSqlParser parses these (slowly); it refuses deeply nested plain parentheses. */
    private static String calls(int depth) {
        return "SELECT p.pk_post, p.id, " + "jsonb_build_object('n', ".repeat(depth) + "1" + ")".repeat(depth)
                + " AS data FROM tb_post p";
    }

    private static String nested(int depth) {
        return "SELECT p.pk_post, p.id, jsonb_build_object('n', " + "(".repeat(depth) + "1" + ")".repeat(depth)
                + ") AS data FROM tb_post p";
    }

    @Test
    void nestingDeeperThanTheLimitIsRefusedWithTv010BeforeParsing() {
        Set<Thread> before = liveThreads();

        AnalysisResult result = DefinitionAnalyzer.analyze("tv_post", nested(20_000), BLOG);

        String prefix = "SELECT p.pk_post, p.id, jsonb_build_object('n', ";
        // The 101st parenthesis: jsonb_build_object's own is the first.
        assertThat(result.diagnostics()).containsExactly(new Diagnostic(1, prefix.length() + DefinitionParser.MAX_NESTING,
                Severity.ERROR, ErrorCode.TV010, "TVIEW tv_post: invalid definition: parentheses nested more than 100 levels deep",
                "The analyzer reads at most 100 levels of parentheses: flatten the expression (a CASE, a helper function, "
                        + "or a lateral join)."));
        assertThat(newThreads(before)).isEmpty();
    }

    @Test
    void nestingAtTheLimitIsParsed() {
        Set<Thread> before = liveThreads();

        AnalysisResult result = DefinitionAnalyzer.analyze("tv_post", calls(DefinitionParser.MAX_NESTING), BLOG);

        assertThat(result.diagnostics()).isEmpty();
        assertThat(newThreads(before)).as("the parser's worker has stopped when analyze returns").isEmpty();
    }

    @Test
    void parenthesesInQuotesAndCommentsDoNotCount() {
        String quoted = "SELECT '" + "(".repeat(500) + "' AS a, \"" + "(".repeat(500) + "\" AS b /* " + "(".repeat(500) + " */";
        assertThat(DefinitionParser.tooDeepAt(quoted)).isEqualTo(-1);
        assertThat(DefinitionParser.tooDeepAt("SELECT " + "(".repeat(101))).isEqualTo(7 + 100);
        assertThat(DefinitionParser.tooDeepAt("SELECT " + "(1)".repeat(1000))).isEqualTo(-1);
    }

    @Test
    void aTimedOutParseLeavesNoThreadRunning() {
        Set<Thread> before = liveThreads();

        // 100 nested calls take JSqlParser a few hundred milliseconds: a 1 ms timeout always expires first.
        assertThatThrownBy(() -> DefinitionParser.parse(calls(DefinitionParser.MAX_NESTING), 1))
                .isInstanceOf(JSQLParserException.class)
                .hasMessageContaining("Time out occurred");

        assertThat(newThreads(before)).as("threads left after a timed-out parse").isEmpty();
    }

    @Test
    void deeperNestingIsRefusedByTheParserItself() {
        assertThatThrownBy(() -> DefinitionParser.parse(nested(5_000)))
                .isInstanceOf(JSQLParserException.class)
                .hasMessage("parentheses nested more than 100 levels deep");
    }

    private static Set<Thread> liveThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).collect(Collectors.toSet());
    }

    private static Set<String> newThreads(Set<Thread> before) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive).filter(thread -> !before.contains(thread))
                .map(thread -> thread.getName() + " " + thread.getState()).collect(Collectors.toSet());
    }
}
