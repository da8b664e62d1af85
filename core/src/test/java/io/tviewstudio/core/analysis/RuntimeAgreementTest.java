package io.tviewstudio.core.analysis;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tviewstudio.core.catalog.LiveCatalog;
import io.tviewstudio.core.testing.Resources;
import io.tviewstudio.core.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.postgresql.util.PSQLException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Java analysis and the runtime agree: every case of the shared corpus of invalid definitions
 * (corpus/invalid-definitions.json, also run by CreateErrorsTest) gets the same TV code from both,
 * and valid definitions get no error from either. The Java side reads the test database's catalog
 * (LiveCatalog), as the application and the command line do when connected.
 */
class RuntimeAgreementTest {

    record InvalidDefinition(String name, String tview, String sql, String setup, String code, String message) {
    }

    private TestDatabase db;

    @BeforeEach
    void createDatabase() throws SQLException {
        db = TestDatabase.withRuntime();
        db.execute(Resources.text("schemas/blog.sql"));
    }

    @AfterEach
    void closeDatabase() throws SQLException {
        db.close();
    }

    static Stream<Named<InvalidDefinition>> corpus() {
        try {
            List<InvalidDefinition> cases = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true)
                    .readValue(Resources.text("corpus/invalid-definitions.json"), new TypeReference<List<InvalidDefinition>>() { });
            return cases.stream().map(c -> Named.of(c.code() + " " + c.name(), c));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void javaAnalysisGivesTheRuntimesCode(InvalidDefinition definition) throws SQLException {
        if (definition.setup() != null) {
            db.execute(definition.setup());
        }

        AnalysisResult analysis = DefinitionAnalyzer.analyze(definition.tview(), definition.sql(), new LiveCatalog(db.connection()));
        String runtimeCode = runtimeCode(definition.tview(), definition.sql());

        assertThat(runtimeCode).as("runtime").isEqualTo(definition.code());
        assertThat(analysis.firstRuntimeError()).as("Java diagnostics %s", analysis.diagnostics()).isPresent();
        assertThat(analysis.firstRuntimeError().orElseThrow().code().name()).as("Java diagnostics %s", analysis.diagnostics())
                .isEqualTo(runtimeCode);
    }

    /** Definitions that run in order on schemas/blog.sql: the blog TVIEWs and the shapes of docs/reference/definitions.md. */
    static final List<String[]> VALID = List.of(
            new String[] {"tv_post", """
                SELECT p.pk_post, p.id, p.fk_user, p.fk_category, u.id AS user_id,
                       jsonb_build_object('id', p.id, 'title', p.title,
                                          'author', jsonb_build_object('id', u.id, 'name', u.name)) AS data
                FROM tb_post p JOIN tb_user u ON u.pk_user = p.fk_user
                WHERE p.published"""},
            new String[] {"tv_category", """
                SELECT c.pk_category, c.id,
                       jsonb_build_object('title', c.title,
                                          'post_count', (SELECT count(*) FROM tv_post tp WHERE tp.fk_category = c.pk_category),
                                          'posts', coalesce((SELECT jsonb_agg(tp.data ORDER BY tp.pk_post)
                                                             FROM tv_post tp WHERE tp.fk_category = c.pk_category), '[]')) AS data
                FROM tb_category c"""},
            new String[] {"tv_comment", """
                SELECT cm.pk_comment, cm.id, cm.fk_post, cm.fk_user,
                       jsonb_build_object('body', cm.body, 'by', u.name, 'post', tp.data) AS data
                FROM tb_comment cm
                JOIN tv_post tp ON tp.pk_post = cm.fk_post
                JOIN tb_user u ON u.pk_user = cm.fk_user"""},
            new String[] {"tv_user", """
                SELECT u.pk_user, u.id,
                       jsonb_build_object('name', u.name, 'posts', count(p.pk_post)) AS data
                FROM tb_user u LEFT JOIN tb_post p ON p.fk_user = u.pk_user
                GROUP BY u.pk_user, u.id, u.name"""},
            new String[] {"tv_profile", """
                SELECT u.pk_user AS pk_profile, u.pk_user AS fk_user, u.id,
                       jsonb_build_object('initials', left(u.name, 1), 's', ';', 'd', $x$;$x$) AS data
                FROM tb_user u;"""},
            new String[] {"tv_note", """
                WITH authors AS (SELECT pk_user, upper(name) AS display_name FROM tb_user)
                SELECT c.pk_comment AS pk_note, c.id, c.fk_user,
                       jsonb_build_object('by', a.display_name, 'ranked',
                           (SELECT count(*) FROM tb_comment c2 WHERE c2.fk_user = c.fk_user AND c2.pk_comment < c.pk_comment)) AS data
                FROM tb_comment c JOIN authors a ON a.pk_user = c.fk_user
                WHERE c.fk_post IS NOT NULL AND c.fk_note IS NULL"""},
            // The original extension's chaining: a parent TVIEW read through its view v_<entity> (issue #19).
            new String[] {"tv_reply", """
                SELECT r.pk_reply, r.id, r.fk_comment, r.fk_thread,
                       jsonb_build_object('body', r.body, 'comment', vc.data, 'post', vc.data -> 'post' ->> 'title') AS data
                FROM tb_reply r JOIN v_comment vc ON vc.pk_comment = r.fk_comment"""},
            new String[] {"tv_thread", """
                SELECT t.pk_thread, t.id,
                       jsonb_build_object('title', t.title, 'replies', (SELECT count(*) FROM v_reply vr WHERE vr.fk_thread = t.pk_thread),
                                          'bodies', (SELECT jsonb_agg(vr.data -> 'body') FROM v_reply vr WHERE vr.fk_thread = t.pk_thread)) AS data
                FROM tb_thread t"""});

    @Test
    void validDefinitionsPassBothAndTheLineageMatchesTheCatalog() throws SQLException {
        db.execute("""
                ALTER TABLE tb_comment ADD COLUMN fk_note integer;
                CREATE TABLE tb_thread (pk_thread integer PRIMARY KEY, id uuid NOT NULL DEFAULT gen_random_uuid(), title text NOT NULL);
                CREATE TABLE tb_reply (pk_reply integer PRIMARY KEY, id uuid NOT NULL DEFAULT gen_random_uuid(),
                                       fk_comment integer NOT NULL REFERENCES tb_comment, fk_thread integer REFERENCES tb_thread,
                                       body text NOT NULL)""");
        for (String[] definition : VALID) {
            AnalysisResult analysis = DefinitionAnalyzer.analyze(definition[0], definition[1], new LiveCatalog(db.connection()));
            assertThat(analysis.diagnostics()).as(definition[0]).isEmpty();

            assertThat(runtimeCode(definition[0], definition[1])).as(definition[0]).isNull();

            List<String> runtimeRules = db.column("SELECT source::text || ' ' || rule || ' ' || source_column || ' -> ' || tview_column "
                    + "FROM pg_tview_source WHERE entity = '" + definition[0].substring(3) + "' ORDER BY 1");
            assertThat(analysis.lineage().stream()
                    .map(r -> r.source() + " " + r.rule() + " " + r.sourceColumn() + " -> " + r.tviewColumn()).sorted().toList())
                    .as(definition[0]).isEqualTo(runtimeRules);
        }
    }

    private String runtimeCode(String tview, String sql) throws SQLException {
        db.execute("BEGIN");
        try (PreparedStatement statement = db.connection().prepareStatement("SELECT pg_tviews_create(?, ?)")) {
            statement.setString(1, tview);
            statement.setString(2, sql);
            statement.execute();
            db.execute("COMMIT");
            return null;
        } catch (PSQLException e) {
            db.execute("ROLLBACK");
            return e.getSQLState();
        }
    }
}
