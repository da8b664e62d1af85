package io.tviewstudio.core.docs;

import io.tviewstudio.core.testing.TestDatabase;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Runs the SQL examples of the documentation: for each docs/**.md file, a fresh database with the
 * runtime, and every {@code ```sql} block of the file in order. A block preceded by
 * {@code <!-- expect-error: CODE -->} must fail with that SQLSTATE; {@code <!-- no-run -->} skips
 * a fragment. A file that starts with {@code <!-- docs-test: NAME -->} is skipped here: the test
 * named in {@link Markdown#TESTED_ELSEWHERE} runs its examples against its own fixture.
 */
class DocsSqlExamplesTest {

    @Test
    void repoRootPropertyPointsAtTheRepository() {
        Path root = Markdown.repoRoot();
        assertThat(root.resolve("README.md")).isRegularFile();
        assertThat(root.resolve("docs/README.md")).isRegularFile();
        assertThat(Markdown.docFiles()).contains(root.resolve("docs/getting-started/install.md"));
    }

    @Test
    void documentationHasSqlExamples() {
        long runnable = Markdown.docFiles().stream().flatMap(f -> Markdown.codeBlocks(f).stream())
                .filter(b -> b.language().equals("sql") && !b.noRun()).count();
        assertThat(runnable).as("runnable SQL examples in docs/").isGreaterThan(50);
    }

    @Test
    void annotationsOnlyPrecedeSqlBlocks() {
        for (Path file : Markdown.docFiles()) {
            for (Markdown.CodeBlock block : Markdown.codeBlocks(file)) {
                if (block.expectedError() != null || block.noRun()) {
                    assertThat(block.language()).as("%s: expect-error/no-run annotate a ```sql block", block.where())
                            .isEqualTo("sql");
                }
            }
        }
    }

    @Test
    void docsTestMarkersNameAKnownFixture() {
        for (Path file : Markdown.docFiles()) {
            String fixture = Markdown.docsTest(file);
            if (fixture != null) {
                assertThat(Markdown.TESTED_ELSEWHERE).as("%s: <!-- docs-test: %s --> names a known fixture",
                        Markdown.repoRoot().relativize(file), fixture).containsKey(fixture);
            }
        }
        // A marker anywhere but the first line would be ignored, and the file run here: refuse it.
        for (Path file : Markdown.docFiles()) {
            List<String> lines = Markdown.lines(file);
            for (int i = 1; i < lines.size(); i++) {
                assertThat(lines.get(i).strip().startsWith("<!--") ? lines.get(i) : "").as("%s:%d: <!-- docs-test: ... --> belongs on the first line",
                        Markdown.repoRoot().relativize(file), i + 1).doesNotContain("docs-test:");
            }
        }
    }

    @TestFactory
    Stream<DynamicTest> everySqlExampleRuns() {
        return Markdown.docFiles().stream()
                .filter(file -> Markdown.docsTest(file) == null)
                .filter(file -> Markdown.codeBlocks(file).stream().anyMatch(b -> b.language().equals("sql")))
                .map(file -> DynamicTest.dynamicTest(Markdown.repoRoot().relativize(file).toString(),
                        () -> runFile(file)));
    }

    private static void runFile(Path file) throws SQLException {
        List<Markdown.CodeBlock> blocks = Markdown.codeBlocks(file).stream()
                .filter(b -> b.language().equals("sql") && !b.noRun()).toList();
        try (TestDatabase db = TestDatabase.withRuntime()) {
            for (Markdown.CodeBlock block : blocks) {
                runBlock(db, block);
            }
        }
    }

    private static void runBlock(TestDatabase db, Markdown.CodeBlock block) {
        try (Statement statement = db.connection().createStatement()) {
            statement.execute(block.text());
            // Walk every result so that an error in a later statement of the block surfaces.
            while (statement.getMoreResults() || statement.getUpdateCount() != -1) {
                // nothing to do
            }
        } catch (SQLException e) {
            if (block.expectedError() == null) {
                fail("%s: SQL example failed with %s: %s%n%s", block.where(), e.getSQLState(), e.getMessage(),
                        block.text());
            }
            if (!block.expectedError().equals(e.getSQLState())) {
                fail("%s: SQL example should fail with %s but failed with %s: %s%n%s", block.where(),
                        block.expectedError(), e.getSQLState(), e.getMessage(), block.text());
            }
            return;
        }
        if (block.expectedError() != null) {
            fail("%s: SQL example should fail with %s but succeeded%n%s", block.where(), block.expectedError(),
                    block.text());
        }
    }
}
