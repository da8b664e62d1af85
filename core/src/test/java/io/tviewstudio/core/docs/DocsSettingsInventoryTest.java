package io.tviewstudio.core.docs;

import io.tviewstudio.core.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/reference/configuration.md and the runtime's settings agree, both ways. The runtime's
 * settings are read from a freshly installed runtime: the rows of {@code pg_tviews_settings} (with
 * their defaults) and the names {@code pg_tviews__valid_setting} accepts (its CASE branches, read
 * from pg_proc), so a setting added to either fails this test until it is documented.
 *
 * <p>The page documents a setting by a row of its settings table,
 * {@code | [`name`](#name) | `default` | `value`, `value` | effect |}, and by a {@code ## `name`}
 * section. Every value written in backticks in the values column must be accepted by the runtime.
 */
class DocsSettingsInventoryTest {

    private static final Pattern TABLE_ROW = Pattern.compile(
            "^\\| \\[`([a-z_]+)`\\]\\(#[a-z_]+\\) \\| `([^`]*)` \\| ([^|]*) \\|");
    private static final Pattern SECTION = Pattern.compile("^## `([a-z_]+)`\\s*$");
    private static final Pattern VALIDATOR_BRANCH = Pattern.compile("WHEN '([a-z_]+)' THEN");
    private static final Pattern BACKTICKED = Pattern.compile("`([^`]+)`");

    private static TestDatabase db;

    @BeforeAll
    static void createDatabase() throws SQLException {
        db = TestDatabase.withRuntime();
    }

    @AfterAll
    static void closeDatabase() throws SQLException {
        db.close();
    }

    private static Path page() {
        return Markdown.docsDir().resolve("reference/configuration.md");
    }

    /** name -> default, from the settings table of the page. */
    private static Map<String, String[]> documentedRows() {
        Map<String, String[]> rows = new LinkedHashMap<>();
        for (Object[] line : Markdown.proseLines(page())) {
            Matcher row = TABLE_ROW.matcher((String) line[1]);
            if (row.find()) {
                rows.put(row.group(1), new String[] {row.group(2), row.group(3), "docs/reference/configuration.md:" + line[0]});
            }
        }
        return rows;
    }

    private static Set<String> documentedSections() {
        Set<String> sections = new TreeSet<>();
        for (String heading : Markdown.headings(page())) {
            Matcher m = SECTION.matcher(heading);
            if (m.matches()) {
                sections.add(m.group(1));
            }
        }
        return sections;
    }

    private static Map<String, String> runtimeDefaults() throws SQLException {
        Map<String, String> defaults = new TreeMap<>();
        for (Map<String, Object> row : db.query("SELECT name, value FROM pg_tviews_settings")) {
            defaults.put((String) row.get("name"), (String) row.get("value"));
        }
        return defaults;
    }

    private static Set<String> validatorNames() throws SQLException {
        String source = (String) db.scalar("""
                SELECT prosrc FROM pg_proc
                WHERE proname = 'pg_tviews__valid_setting' AND pronamespace = 'public'::regnamespace""");
        assertThat(source).as("pg_tviews__valid_setting in the installed runtime").isNotNull();
        Set<String> names = new TreeSet<>();
        Matcher m = VALIDATOR_BRANCH.matcher(source);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    private static boolean accepted(String name, String value) throws SQLException {
        try (PreparedStatement statement = db.connection().prepareStatement("SELECT pg_tviews__valid_setting(?, ?)")) {
            statement.setString(1, name);
            statement.setString(2, value);
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                return result.getBoolean(1);
            }
        }
    }

    @Test
    void everyRuntimeSettingIsDocumentedAndNothingElse() throws SQLException {
        Set<String> table = runtimeDefaults().keySet();
        Set<String> validator = validatorNames();
        assertThat(table).as("rows of pg_tviews_settings").hasSizeGreaterThanOrEqualTo(3);
        // The runtime must agree with itself before the page can agree with it.
        assertThat(validator).as("settings accepted by pg_tviews__valid_setting = rows of pg_tviews_settings")
                .containsExactlyInAnyOrderElementsOf(table);
        List<String> problems = new ArrayList<>();
        Set<String> rows = documentedRows().keySet();
        Set<String> sections = documentedSections();
        for (String name : table) {
            if (!rows.contains(name)) {
                problems.add(name + ": no row in the settings table of docs/reference/configuration.md");
            }
            if (!sections.contains(name)) {
                problems.add(name + ": no '## `" + name + "`' section in docs/reference/configuration.md");
            }
        }
        for (String name : rows) {
            if (!table.contains(name)) {
                problems.add(name + ": documented in the settings table but the runtime has no such setting");
            }
        }
        for (String name : sections) {
            if (!table.contains(name)) {
                problems.add(name + ": has a section but the runtime has no such setting");
            }
        }
        assertThat(problems).as("settings: docs/reference/configuration.md against the runtime").isEmpty();
    }

    @Test
    void documentedDefaultsAndValuesAreTheRuntimes() throws SQLException {
        Map<String, String> defaults = runtimeDefaults();
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, String[]> row : documentedRows().entrySet()) {
            String name = row.getKey();
            String documentedDefault = row.getValue()[0];
            String where = row.getValue()[2];
            if (defaults.containsKey(name) && !defaults.get(name).equals(documentedDefault)) {
                problems.add(where + ": " + name + " default is documented as '" + documentedDefault
                        + "' but a fresh runtime has '" + defaults.get(name) + "'");
            }
            Matcher values = BACKTICKED.matcher(row.getValue()[1]);
            int count = 0;
            while (values.find()) {
                count++;
                if (!accepted(name, values.group(1))) {
                    problems.add(where + ": " + name + " value '" + values.group(1) + "' is refused by the runtime");
                }
            }
            if (count == 0) {
                problems.add(where + ": " + name + " lists no value in backticks");
            }
        }
        assertThat(documentedRows()).as("rows of the settings table").isNotEmpty();
        assertThat(problems).as("defaults and values in docs/reference/configuration.md").isEmpty();
    }
}
