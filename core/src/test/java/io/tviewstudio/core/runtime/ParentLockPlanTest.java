package io.tviewstudio.core.runtime;

import io.tviewstudio.core.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;

import static io.tviewstudio.core.testing.TviewAssertions.assertConsistent;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The parent-lock function of a TVIEW reads the view only for lineage columns that the view does
 * not copy from its root table's row (pg_tviews__copied_from_root); for copied ones the root
 * table's own column gives the same parent keys. Each definition shape below is classified from
 * the view's stored query tree, and a re-pointing write is refreshed correctly either way.
 */
class ParentLockPlanTest {

    private TestDatabase db;

    @BeforeEach
    void createTables() throws SQLException {
        db = TestDatabase.withRuntime();
        db.execute("""
                CREATE TABLE tb_user (pk_user integer PRIMARY KEY, id uuid NOT NULL DEFAULT gen_random_uuid(), name text NOT NULL);
                CREATE TABLE tb_post (pk_post integer PRIMARY KEY, id uuid NOT NULL DEFAULT gen_random_uuid(),
                                      fk_user integer REFERENCES tb_user, fk_editor integer REFERENCES tb_user, title text NOT NULL);
                INSERT INTO tb_user (pk_user, name) VALUES (1, 'alice'), (2, 'bob'), (3, 'carol');
                INSERT INTO tb_post (pk_post, fk_user, fk_editor, title) VALUES (1, 1, 2, 'a'), (2, 2, NULL, 'b');
                """);
    }

    @AfterEach
    void close() throws SQLException {
        db.close();
    }

    private boolean copied(String entity, String column) throws SQLException {
        return (Boolean) db.scalar("SELECT pg_tviews__copied_from_root(m.view_oid, r.source, m.pk_column, '" + column + "') "
                + "FROM pg_tview_meta m JOIN pg_tview_source r ON r.entity = m.entity AND r.rule = 'root' "
                + "WHERE m.entity = '" + entity + "'");
    }

    /** Whether the parent-lock function's VALUES list takes a lineage column from the view (v.fk_...). */
    private boolean parentLocksReadTheView(String entity) throws SQLException {
        String sql = (String) db.scalar("SELECT sql FROM pg_tviews_generated_sql('tv_" + entity + "') "
                + "WHERE object_kind = 'refresh function'");
        String locks = sql.substring(sql.indexOf("FUNCTION public.pg_tviews_parent_locks_" + entity));
        return locks.matches("(?s).*LATERAL \\(VALUES \\(-?\\d+, v\\.fk_.*");
    }

    @Test
    void aKeyColumnSelectedFromTheRootRowIsCopiedAndTheViewIsNotReadForLocks() throws SQLException {
        db.execute("""
                SELECT pg_tviews_create('tv_post', $$
                    SELECT p.pk_post, p.id, p.fk_user, jsonb_build_object('title', p.title, 'author', u.name) AS data
                    FROM tb_post p JOIN tb_user u ON u.pk_user = p.fk_user
                $$)""");

        assertThat(copied("post", "fk_user")).isTrue();
        assertThat(parentLocksReadTheView("post")).isFalse();
        db.execute("UPDATE tb_post SET fk_user = 3 WHERE pk_post = 1; UPDATE tb_user SET name = 'Carol' WHERE pk_user = 3");
        assertThat(db.scalar("SELECT data->>'author' FROM tv_post WHERE pk_post = 1")).isEqualTo("Carol");
        assertConsistent(db);
    }

    @Test
    void anExpressionOverTheKeyIsNotCopied() throws SQLException {
        db.execute("""
                SELECT pg_tviews_create('tv_post', $$
                    SELECT p.pk_post, p.id, coalesce(p.fk_editor, p.fk_user) AS fk_user,
                           jsonb_build_object('title', p.title, 'editor', u.name) AS data
                    FROM tb_post p JOIN tb_user u ON u.pk_user = coalesce(p.fk_editor, p.fk_user)
                $$)""");

        assertThat(copied("post", "fk_user")).isFalse();
        assertThat(parentLocksReadTheView("post")).isTrue();
        db.execute("UPDATE tb_post SET fk_editor = 3 WHERE pk_post = 2; UPDATE tb_user SET name = 'Carol' WHERE pk_user = 3");
        assertThat(db.scalar("SELECT data->>'editor' FROM tv_post WHERE pk_post = 2")).isEqualTo("Carol");
        assertConsistent(db);
    }

    @Test
    void aKeyColumnTakenFromAJoinedTableIsNotCopied() throws SQLException {
        // fk_user is the joined user's key: equal to p.fk_user here, but the view says u.pk_user.
        db.execute("""
                SELECT pg_tviews_create('tv_post', $$
                    SELECT p.pk_post, p.id, u.pk_user AS fk_user, jsonb_build_object('author', u.name) AS data
                    FROM tb_post p JOIN tb_user u ON u.pk_user = p.fk_user
                $$)""");

        assertThat(copied("post", "fk_user")).isFalse();
        assertThat(parentLocksReadTheView("post")).isTrue();
        assertConsistent(db);
    }

    @Test
    void aKeyColumnFromAnotherRowOfTheRootTableIsNotCopied() throws SQLException {
        // A self-join: fk_user comes from the root table, but from another row than pk_post.
        db.execute("""
                SELECT pg_tviews_create('tv_post', $$
                    SELECT p.pk_post, p.id, q.fk_user, jsonb_build_object('title', p.title, 'next_author', u.name) AS data
                    FROM tb_post p JOIN tb_post q ON q.pk_post = p.pk_post % 2 + 1 JOIN tb_user u ON u.pk_user = q.fk_user
                $$)""");

        assertThat(copied("post", "fk_user")).isFalse();
        assertThat(parentLocksReadTheView("post")).isTrue();
        assertConsistent(db);
    }

    @Test
    void onlyTheColumnsThatAreNotCopiedAreReadFromTheView() throws SQLException {
        db.execute("""
                SELECT pg_tviews_create('tv_post', $$
                    SELECT p.pk_post, p.id, p.fk_user, coalesce(p.fk_editor, p.fk_user) AS fk_editor_or_author,
                           jsonb_build_object('title', p.title, 'author', a.name) AS data
                    FROM tb_post p JOIN tb_user a ON a.pk_user = p.fk_user
                $$)""");

        assertThat(copied("post", "fk_user")).isTrue();
        // fk_editor_or_author names no pk_ column of any source: no lineage, nothing to lock.
        assertThat(parentLocksReadTheView("post")).isFalse();
        assertConsistent(db);
    }
}
