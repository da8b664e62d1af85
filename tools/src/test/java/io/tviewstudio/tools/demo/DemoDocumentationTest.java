package io.tviewstudio.tools.demo;

import io.tviewstudio.core.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The SQL examples of docs/getting-started/demo.md run against the demo schema. The page starts
 * with the marker {@code <!-- docs-test: demo-database -->}, which makes DocsSqlExamplesTest (a
 * fresh database without the demo schema) leave it to this test; see docs/README.md.
 */
class DemoDocumentationTest {

    static final String MARKER = "<!-- docs-test: demo-database -->";

    private static final Pattern SQL_BLOCK = Pattern.compile("```sql\\R(.*?)```", Pattern.DOTALL);

    @Test
    void pageIsMarkedAsTestedHere() throws IOException {
        assertThat(demoPage().lines().findFirst()).as("first line of docs/getting-started/demo.md")
                .hasValue(MARKER);
    }

    @Test
    void everySqlExampleRunsAgainstTheDemoSchemaAndLeavesItConsistent() throws IOException, SQLException {
        List<String> examples = sqlBlocks(demoPage());
        assertThat(examples).isNotEmpty();

        try (TestDatabase db = TestDatabase.withRuntime()) {
            db.execute(DemoDatabase.schemaSql());
            for (String example : examples) {
                db.execute(example);
            }
            assertThat(db.column("SELECT entity || ' ' || depth FROM pg_tview_meta ORDER BY depth, entity"))
                    .as("the depths the page shows").containsExactly("post 0", "category 1", "comment 1");
            assertThat(db.scalar("SELECT count(*) FROM tb_user WHERE name = 'Ada'"))
                    .as("the cascade example rolls back").isEqualTo(0L);
            assertThat(db.query("SELECT * FROM pg_tviews_verify()")).isEmpty();
        }
    }

    private static String demoPage() throws IOException {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path page = dir.resolve("docs/getting-started/demo.md");
            if (Files.exists(page)) {
                return Files.readString(page);
            }
        }
        throw new IllegalStateException("docs/getting-started/demo.md not found above " + Path.of("").toAbsolutePath());
    }

    private static List<String> sqlBlocks(String markdown) {
        List<String> blocks = new ArrayList<>();
        Matcher matcher = SQL_BLOCK.matcher(markdown);
        while (matcher.find()) {
            blocks.add(matcher.group(1));
        }
        return blocks;
    }
}
