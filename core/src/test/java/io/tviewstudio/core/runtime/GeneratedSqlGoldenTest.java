package io.tviewstudio.core.runtime;

import io.tviewstudio.core.testing.Resources;
import io.tviewstudio.core.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The code pg_tviews_create generates for a few definition shapes, compared with golden files
 * (core/src/test/resources/golden/&lt;tview&gt;.sql), so that a reviewer sees exactly what a change
 * of the generator does to the generated code. Shapes (blog schema): a root table with a parent
 * it embeds (tv_post), children aggregated from a TVIEW (tv_category), a TVIEW that embeds its
 * parent TVIEW's whole document (tv_comment) and one that reads a few keys of it (tv_note: the
 * cascade-pruning filter), and a root table with a parent it embeds and children it counts
 * (tv_thread: the child source's trigger asks whether a write lets a row enter that needs its
 * parent locked).
 * <p>
 * After an intended change of the generator, rewrite the files and review their diff:
 * {@code mvn -pl sql,core verify -Dtest=GeneratedSqlGoldenTest -Dtviews.golden.update=true}.
 */
class GeneratedSqlGoldenTest {

    private static final Path GOLDEN = Path.of("src/test/resources/golden");
    private static TestDatabase db;

    @BeforeAll
    static void blog() throws SQLException {
        db = TestDatabase.withRuntime();
        db.execute(Resources.text("schemas/blog.sql"));
        db.execute(Resources.text("schemas/blog-tviews.sql"));
        db.execute("""
                CREATE TABLE tb_note (pk_note integer PRIMARY KEY, id uuid NOT NULL DEFAULT gen_random_uuid(),
                                      fk_post integer NOT NULL REFERENCES tb_post, body text NOT NULL, edited_at timestamptz);
                SELECT pg_tviews_create('tv_note', $$
                    SELECT n.pk_note, n.id, n.fk_post,
                           jsonb_build_object('body', n.body, 'post', tp.data ->> 'title', 'by', tp.data -> 'author' -> 'name') AS data
                    FROM tb_note n JOIN tv_post tp ON tp.pk_post = n.fk_post$$);
                CREATE TABLE tb_thread (pk_thread integer PRIMARY KEY, id uuid NOT NULL DEFAULT gen_random_uuid(),
                                        fk_user integer NOT NULL REFERENCES tb_user, title text NOT NULL);
                CREATE TABLE tb_reply (pk_reply integer PRIMARY KEY, id uuid NOT NULL DEFAULT gen_random_uuid(),
                                       fk_thread integer NOT NULL REFERENCES tb_thread, body text NOT NULL);
                SELECT pg_tviews_create('tv_thread', $$
                    SELECT t.pk_thread, t.id, t.fk_user,
                           jsonb_build_object('title', t.title, 'by', u.name,
                                              'replies', (SELECT count(*) FROM tb_reply r WHERE r.fk_thread = t.pk_thread)) AS data
                    FROM tb_thread t JOIN tb_user u ON u.pk_user = t.fk_user$$)""");
    }

    @AfterAll
    static void close() throws SQLException {
        db.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"tv_post", "tv_category", "tv_comment", "tv_note", "tv_thread"})
    void generatedCodeEqualsItsGoldenFile(String tview) throws SQLException, IOException {
        String generated = generated(tview);
        Path file = GOLDEN.resolve(tview + ".sql");
        if (Boolean.getBoolean("tviews.golden.update")) {
            Files.writeString(file, generated, StandardCharsets.UTF_8);
        }
        assertThat(file).as("golden file of %s (after an intended change: -Dtviews.golden.update=true, then review the diff)", tview)
                .exists();
        assertThat(generated).as("code generated for %s against %s (after an intended change of the generator: "
                        + "-Dtviews.golden.update=true, then review the diff)", tview, file)
                .isEqualTo(Files.readString(file, StandardCharsets.UTF_8));
    }

    /** Every statement pg_tviews_create ran for the TVIEW, with the runtime owner's name made neutral. */
    private static String generated(String tview) throws SQLException {
        String owner = (String) db.scalar("SELECT pg_tviews__runtime_owner()::text");
        List<String> parts = db.column("SELECT format(E'-- %s: %s\\n%s', object_kind, object_name, trim(sql, E'\\n')) "
                + "FROM pg_tviews_generated_sql('" + tview + "')");
        return String.join("\n\n", parts).replace(" TO " + owner + ";", " TO <runtime owner>;") + "\n";
    }
}
