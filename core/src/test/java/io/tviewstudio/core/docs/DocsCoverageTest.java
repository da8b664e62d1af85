package io.tviewstudio.core.docs;

import io.tviewstudio.core.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reference documentation and the installed runtime agree, both ways: every public function,
 * error code and catalog column is documented, and nothing is documented that does not exist.
 */
class DocsCoverageTest {

    private static final Pattern FUNCTION_HEADING = Pattern.compile("^#{2,4} `(pg_tviews?_[a-z0-9_]+)");
    private static final Pattern ERROR_HEADING = Pattern.compile("^#{2,4} (TV\\d{3})\\b");
    private static final Pattern ERROR_CODE = Pattern.compile("\\bTV\\d{3}\\b");
    private static final List<String> CATALOG_TABLES = List.of("pg_tviews_runtime", "pg_tview_meta", "pg_tview_source",
            "pg_tviews_settings", "pg_tviews_queue", "pg_tviews_commit_hook", "pg_tviews_lock_guard", "pg_tviews_lock_slot", "pg_tviews_queue_realtime",
            "pg_tviews_metrics_counters", "pg_tviews_metrics_events", "pg_tviews_metrics", "pg_tviews_performance_summary", "pg_tviews_cache_stats",
            "pg_tviews_queue_metrics", "pg_tview_audit_log", "pg_tview_helpers", "pg_tviews_caller_proof");

    private static TestDatabase db;

    @BeforeAll
    static void createDatabase() throws SQLException {
        db = TestDatabase.withRuntime();
    }

    @AfterAll
    static void closeDatabase() throws SQLException {
        db.close();
    }

    private static Path reference(String name) {
        return Markdown.docsDir().resolve("reference").resolve(name);
    }

    @Test
    void everyPublicFunctionIsDocumentedAndNothingElse() throws SQLException {
        Set<String> functions = new TreeSet<>(db.column("""
                SELECT DISTINCT proname::text FROM pg_proc
                WHERE pronamespace = 'public'::regnamespace
                  AND (proname LIKE 'pg\\_tviews%' OR proname LIKE 'pg\\_tview%')
                  AND proname NOT LIKE '%\\_\\_%'"""));
        Set<String> documented = new TreeSet<>();
        for (String heading : Markdown.headings(reference("sql-api.md"))) {
            Matcher m = FUNCTION_HEADING.matcher(heading);
            if (m.find()) {
                documented.add(m.group(1));
            }
        }
        assertThat(functions).as("public runtime functions").isNotEmpty();
        assertThat(documented).as("functions with a heading in docs/reference/sql-api.md")
                .containsExactlyInAnyOrderElementsOf(functions);
    }

    @Test
    void everyErrorCodeHasASectionAndEveryMentionedCodeExists() throws SQLException {
        Set<String> codes = new TreeSet<>(db.column("SELECT code FROM pg_tviews_error_codes()"));
        Path errors = reference("errors.md");
        Set<String> sections = new TreeSet<>();
        for (String heading : Markdown.headings(errors)) {
            Matcher m = ERROR_HEADING.matcher(heading);
            if (m.find()) {
                sections.add(m.group(1));
            }
        }
        Set<String> mentioned = new TreeSet<>();
        for (String line : Markdown.lines(errors)) {
            Matcher m = ERROR_CODE.matcher(line);
            while (m.find()) {
                mentioned.add(m.group());
            }
        }
        assertThat(codes).as("pg_tviews_error_codes()").hasSizeGreaterThan(10);
        assertThat(sections).as("TV codes with a section in docs/reference/errors.md")
                .containsExactlyInAnyOrderElementsOf(codes);
        assertThat(codes).as("TV codes mentioned in docs/reference/errors.md exist").containsAll(mentioned);
    }

    @Test
    void everyTvCodeMentionedAnywhereInTheDocsExists() throws SQLException {
        Set<String> codes = new TreeSet<>(db.column("SELECT code FROM pg_tviews_error_codes()"));
        List<String> unknown = new ArrayList<>();
        for (Path file : Markdown.docFiles()) {
            List<String> lines = Markdown.lines(file);
            for (int i = 0; i < lines.size(); i++) {
                Matcher m = ERROR_CODE.matcher(lines.get(i));
                while (m.find()) {
                    if (!codes.contains(m.group())) {
                        unknown.add(Markdown.repoRoot().relativize(file) + ":" + (i + 1) + ": " + m.group());
                    }
                }
            }
        }
        assertThat(unknown).as("TV codes in docs/ that pg_tviews_error_codes() does not list").isEmpty();
    }

    @Test
    void everyCatalogRelationIsDocumented() throws SQLException {
        Set<String> relations = new TreeSet<>(db.column("""
                SELECT relname::text FROM pg_class
                WHERE relnamespace = 'public'::regnamespace AND relkind IN ('r', 'v', 'p')
                  AND (relname LIKE 'pg\\_tviews%' OR relname LIKE 'pg\\_tview\\_%')
                  -- internal views (pg_tviews__*), like internal functions, are explained in the SQL
                  AND relname NOT LIKE 'pg\\_tviews\\_\\_%'"""));
        assertThat(CATALOG_TABLES).as("runtime tables and views, each with a section in docs/reference/catalog.md")
                .containsExactlyInAnyOrderElementsOf(relations);
    }

    @Test
    void everyCatalogColumnIsDocumentedInItsTableSection() throws SQLException {
        Path catalog = reference("catalog.md");
        List<String> missing = new ArrayList<>();
        for (String table : CATALOG_TABLES) {
            String section = section(catalog, table);
            assertThat(section).as("a section headed `%s` in docs/reference/catalog.md", table).isNotNull();
            Set<String> columns = new LinkedHashSet<>(db.column("""
                    SELECT attname FROM pg_attribute
                    WHERE attrelid = 'public.%s'::regclass AND attnum > 0 AND NOT attisdropped
                    ORDER BY attnum""".formatted(table)));
            assertThat(columns).isNotEmpty();
            for (String column : columns) {
                if (!section.contains("`" + column + "`")) {
                    missing.add(table + "." + column);
                }
            }
            Matcher documented = Pattern.compile("^\\| `([a-z_]+)` \\|", Pattern.MULTILINE).matcher(section);
            while (documented.find()) {
                assertThat(columns).as("column `%s` documented for %s exists", documented.group(1), table)
                        .contains(documented.group(1));
            }
        }
        assertThat(missing).as("catalog columns missing from docs/reference/catalog.md").isEmpty();
    }

    /** The text from the heading that names the table in backticks to the next heading of that level. */
    private static String section(Path file, String table) {
        List<String> lines = Markdown.lines(file);
        StringBuilder text = null;
        int level = 0;
        for (String line : lines) {
            Matcher heading = Pattern.compile("^(#{1,6}) (.*)").matcher(line);
            if (heading.matches()) {
                if (text != null && heading.group(1).length() <= level) {
                    break;
                }
                if (text == null && heading.group(2).startsWith("`" + table + "`")) {
                    text = new StringBuilder();
                    level = heading.group(1).length();
                    continue;
                }
            }
            if (text != null) {
                text.append(line).append('\n');
            }
        }
        return text == null ? null : text.toString();
    }
}
