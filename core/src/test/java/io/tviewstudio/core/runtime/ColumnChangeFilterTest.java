package io.tviewstudio.core.runtime;

import io.tviewstudio.core.testing.Resources;
import io.tviewstudio.core.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;

import static io.tviewstudio.core.testing.TviewAssertions.assertConsistent;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An UPDATE that changes only columns no TVIEW reads queues no work (issue #18): the generated
 * UPDATE trigger pairs old and new rows by primary key and keeps only those whose read columns
 * (the view's recorded dependencies, plus the lineage columns) changed. Where that cannot be told
 * (the view reads the whole row, or calls a function that is not built in), every updated row
 * counts, as before. Blog schema: tv_post reads tb_post and tb_user, tv_comment reads tb_user too.
 */
class ColumnChangeFilterTest {

    private TestDatabase db;

    @BeforeEach
    void blog() throws SQLException {
        db = TestDatabase.withRuntime();
        db.execute(Resources.text("schemas/blog.sql"));
        // Columns no TVIEW reads (a column added after the TVIEWs counts as read: see below).
        db.execute("ALTER TABLE tb_user ADD COLUMN last_login timestamptz; ALTER TABLE tb_post ADD COLUMN views integer DEFAULT 0");
        db.execute(Resources.text("schemas/blog-tviews.sql"));
    }

    @AfterEach
    void close() throws SQLException {
        db.close();
    }

    @Test
    void anUpdateOfColumnsNoTviewReadsQueuesNothing() throws SQLException {
        String before = contents();
        assertThat(queuedBy("UPDATE tb_user SET last_login = now()")).isEqualTo(0L);
        assertThat(queuedBy("UPDATE tb_post SET views = views + 1 WHERE pk_post IN (1, 2)")).isEqualTo(0L);
        // Setting a read column to the value it has changes nothing either.
        assertThat(queuedBy("UPDATE tb_user SET name = name")).isEqualTo(0L);
        assertThat(contents()).isEqualTo(before);
        assertConsistent(db);
    }

    /**
     * A statement that queued nothing does not call the flush at its end (pg_tviews.tx_pending):
     * an update of columns no TVIEW reads, in a transaction that queued work before and flushed
     * it; a statement that queues work does.
     */
    @Test
    void aStatementThatQueuedNothingCallsNoFlush() throws SQLException {
        String flush = "public.pg_tviews__flush(boolean)";
        try (Connection session = RefreshPaths.tracked(db)) {
            TestDatabase.execute(session, "UPDATE tb_user SET name = 'alicia' WHERE pk_user = 1");
            assertThat(RefreshPaths.calls(session, flush)).as("tb_user is read by two TVIEWs: queued, flushed").isEqualTo(1L);
            TestDatabase.execute(session, "UPDATE tb_user SET last_login = now()");
            TestDatabase.execute(session, "UPDATE tb_post SET views = views + 1 WHERE pk_post = 1");
            assertThat(RefreshPaths.calls(session, flush)).as("nothing queued since").isEqualTo(1L);
            TestDatabase.execute(session, "UPDATE tb_user SET name = 'bobby' WHERE pk_user = 2");
            assertThat(RefreshPaths.calls(session, flush)).isEqualTo(2L);
            session.commit();
        }
        assertThat(db.column("SELECT DISTINCT data #>> '{author,name}' FROM tv_post WHERE fk_user IN (1, 2) ORDER BY 1"))
                .containsExactly("alicia", "bobby");
        assertConsistent(db);
    }

    @Test
    void anUpdateOfAReadColumnStillRefreshesEveryRowThatReadsIt() throws SQLException {
        assertThat(queuedBy("UPDATE tb_user SET name = 'alicia', last_login = now() WHERE pk_user = 1")).isGreaterThan(0L);
        assertThat(db.column("SELECT DISTINCT data #>> '{author,name}' FROM tv_post WHERE fk_user = 1")).containsExactly("alicia");
        // Only the changed row of a multi-row update counts: it queues what the one-row update queues.
        long oneRow = queuedBy("UPDATE tb_post SET title = 'moved' WHERE pk_post = 3");
        assertThat(queuedBy("UPDATE tb_post SET title = CASE WHEN pk_post = 3 THEN 'moved on' ELSE title END")).isEqualTo(oneRow);
        assertThat(db.scalar("SELECT data ->> 'title' FROM tv_post WHERE pk_post = 3")).isEqualTo("moved on");
        assertConsistent(db);
    }

    @Test
    void aChangedPrimaryKeyCountsAsAChangedRow() throws SQLException {
        assertThat(queuedBy("UPDATE tb_user SET pk_user = 30 WHERE pk_user = 3")).isGreaterThan(0L);
        assertThat(db.scalar("SELECT count(*) FROM tv_comment WHERE fk_user = 30"))
                .isEqualTo(db.scalar("SELECT count(*) FROM v_comment WHERE fk_user = 30"));
        assertConsistent(db);
    }

    @Test
    void aColumnAddedLaterCountsAsReadAndARenamedReadColumnIsStillCompared() throws SQLException {
        db.execute("ALTER TABLE tb_user ADD COLUMN nickname text");
        assertThat(queuedBy("UPDATE tb_user SET nickname = 'al' WHERE pk_user = 1")).isGreaterThan(0L);
        db.execute("ALTER TABLE tb_user RENAME COLUMN name TO full_name");
        assertThat(queuedBy("UPDATE tb_user SET full_name = 'alicia' WHERE pk_user = 1")).isGreaterThan(0L);
        assertThat(db.column("SELECT DISTINCT data #>> '{author,name}' FROM tv_post WHERE fk_user = 1")).containsExactly("alicia");
        assertThat(queuedBy("UPDATE tb_user SET last_login = now()")).isEqualTo(0L);
        assertConsistent(db);
    }

    @Test
    void aViewThatReadsTheWholeRowOrCallsItsOwnFunctionsSeesEveryUpdate() throws SQLException {
        db.execute("""
                CREATE TABLE tb_tag (pk_tag integer PRIMARY KEY, id uuid NOT NULL DEFAULT gen_random_uuid(), name text, note text);
                INSERT INTO tb_tag (pk_tag, name) VALUES (1, 'sql'), (2, 'java');
                SELECT pg_tviews_create('tv_tag', $$SELECT t.pk_tag, t.id, to_jsonb(t) AS data FROM tb_tag t$$);
                CREATE FUNCTION label(p_user integer) RETURNS text LANGUAGE sql STABLE SET search_path = public
                    AS $$ SELECT name || coalesce(' (' || last_login::date || ')', '') FROM tb_user WHERE pk_user = p_user $$;
                SELECT pg_tviews_create('tv_user', $$
                    SELECT u.pk_user, u.id, jsonb_build_object('label', label(u.pk_user)) AS data FROM tb_user u$$)""");
        assertThat(db.scalar("SELECT pg_tviews__columns_read('tag', 'tb_tag')")).isNull();
        assertThat(db.scalar("SELECT pg_tviews__columns_read('user', 'tb_user')")).isNull();
        assertThat(db.scalar("SELECT pg_tviews__columns_read('post', 'tb_user')::text")).isEqualTo("{id,name,pk_user}");
        // Old and new rows paired by a full join (merge or hash, never a nested loop: linear or
        // n log n whatever plan the session's first statement fixed). Read through the key (the
        // lineage column is the primary key): each pair's key once, nothing made distinct.
        assertThat(db.scalar("SELECT pg_tviews__changed_pairs_sql('post', 'tb_user')")).isEqualTo(
                "(SELECT coalesce(x.pk_user, y.pk_user) AS pk_user FROM pg_tviews_new AS x FULL JOIN pg_tviews_old AS y "
                + "ON y.pk_user = x.pk_user "
                + "WHERE to_jsonb(x) - '{last_login}'::text[] IS DISTINCT FROM to_jsonb(y) - '{last_login}'::text[])");
        // Read through another column (tv_category reads tv_post by fk_category): both sides'
        // lineage columns, distinct.
        assertThat(db.scalar("SELECT pg_tviews__changed_pairs_sql('category', 'tv_post')").toString())
                .startsWith("(SELECT DISTINCT u.* FROM pg_tviews_new AS x FULL JOIN pg_tviews_old AS y ON y.pk_post = x.pk_post "
                        + "CROSS JOIN LATERAL (VALUES (x.fk_category), (y.fk_category)) AS u(fk_category) WHERE ");
        // So is a key whose uniqueness is checked only at the end (deferrable): within a
        // statement two new rows may share it.
        db.execute("""
                CREATE TABLE tb_badge (pk_badge integer PRIMARY KEY DEFERRABLE, id uuid NOT NULL DEFAULT gen_random_uuid(),
                                       name text, note text);
                INSERT INTO tb_badge (pk_badge, name) VALUES (1, 'gold'), (2, 'silver');
                SELECT pg_tviews_create('tv_badge', $$SELECT b.pk_badge, b.id, jsonb_build_object('name', b.name) AS data FROM tb_badge b$$)""");
        assertThat(db.scalar("SELECT pg_tviews__changed_pairs_sql('badge', 'tb_badge')").toString())
                .startsWith("(SELECT DISTINCT u.* FROM pg_tviews_new AS x FULL JOIN pg_tviews_old AS y ON y.pk_badge = x.pk_badge ");
        assertThat(queuedBy("UPDATE tb_badge SET note = 'unread'")).isEqualTo(0L);
        db.execute("UPDATE tb_badge SET pk_badge = pk_badge + 1, name = name || '!'");
        assertThat(db.column("SELECT pk_badge || ' ' || (data ->> 'name') FROM tv_badge ORDER BY pk_badge"))
                .containsExactly("2 gold!", "3 silver!");
        // A source without a primary key has no pairs: every updated row counts.
        db.execute("CREATE TABLE tb_member (pk_member integer PRIMARY KEY, id uuid NOT NULL DEFAULT gen_random_uuid()); "
                + "INSERT INTO tb_member (pk_member) VALUES (1); "
                + "CREATE TABLE tb_label (fk_member integer NOT NULL REFERENCES tb_member, text text NOT NULL, note text)");
        db.execute("SELECT pg_tviews_create('tv_member', $$SELECT m.pk_member, m.id, jsonb_build_object('labels', "
                + "(SELECT jsonb_agg(l.text ORDER BY l.text) FROM tb_label l WHERE l.fk_member = m.pk_member)) AS data FROM tb_member m$$)");
        assertThat(db.scalar("SELECT pg_tviews__changed_pairs_sql('member', 'tb_label')")).isNull();
        db.execute("INSERT INTO tb_label VALUES (1, 'admin', NULL), (1, 'author', NULL)");
        assertThat(queuedBy("UPDATE tb_label SET note = 'unread'")).isEqualTo(1L);
        db.execute("UPDATE tb_label SET text = 'editor' WHERE text = 'author'");
        assertThat(db.scalar("SELECT data -> 'labels' FROM tv_member WHERE pk_member = 1").toString())
                .isEqualTo("[\"admin\", \"editor\"]");

        db.execute("UPDATE tb_tag SET note = 'noted' WHERE pk_tag = 2");
        assertThat(db.scalar("SELECT data ->> 'note' FROM tv_tag WHERE pk_tag = 2")).isEqualTo("noted");
        db.execute("UPDATE tb_user SET last_login = '2026-12-06' WHERE pk_user = 2");
        assertThat(db.scalar("SELECT data ->> 'label' FROM tv_user WHERE pk_user = 2")).isEqualTo("bob (2026-12-06)");
        assertConsistent(db);
    }

    /**
     * Cascade pruning: a dependant that reads only some top-level keys of its parent TVIEW's
     * document (tv_note reads the post's title and tags) is not recomputed when the parent's
     * document changes elsewhere (the author's name); tv_comment, which embeds the whole document, is.
     */
    @Test
    void aDependantIsRecomputedOnlyWhenTheKeysItReadsOfItsParentsDocumentChange() throws SQLException {
        long withoutNotes = queuedBy("UPDATE tb_user SET name = 'alicia' WHERE pk_user = 1");
        notesOnPosts("note", "jsonb_build_object('body', n.body, 'title', tp.data ->> 'title', 'tags', tp.data -> 'tags' -> 'all')");
        assertThat(db.scalar("SELECT pg_tviews__jsonb_keys_read('note', 'tv_post', 'data')::text")).isEqualTo("{tags,title}");
        assertThat(db.scalar("SELECT pg_tviews__jsonb_keys_read('comment', 'tv_post', 'data')")).isNull();

        assertThat(queuedBy("UPDATE tb_user SET name = 'alice' WHERE pk_user = 1")).isEqualTo(withoutNotes);
        assertThat(queuedBy("UPDATE tb_post SET title = 'retitled' WHERE pk_post = 1")).isGreaterThan(0L);
        assertThat(db.column("SELECT DISTINCT data ->> 'title' FROM tv_note WHERE fk_post = 1")).containsExactly("retitled");
        assertConsistent(db);
    }

    @Test
    void aDocumentReadAnyOtherWayThanByTopLevelKeysIsComparedWhole() throws SQLException {
        notesOnPosts("memo", "jsonb_build_object('name', tp.data #>> '{author,name}')");
        notesOnPosts("flag", "jsonb_build_object('title', tp.data -> 'title', 'has', tp.data ? 'author')");
        assertThat(db.scalar("SELECT pg_tviews__jsonb_keys_read('memo', 'tv_post', 'data')")).isNull();
        assertThat(db.scalar("SELECT pg_tviews__jsonb_keys_read('flag', 'tv_post', 'data')")).isNull();
        db.execute("UPDATE tb_user SET name = 'alicia' WHERE pk_user = 1");
        assertThat(db.column("SELECT DISTINCT t.data ->> 'name' FROM tv_memo t JOIN tb_post p ON p.pk_post = t.fk_post WHERE p.fk_user = 1"))
                .containsExactly("alicia");
        assertConsistent(db);
    }

    /** A table tb_&lt;entity&gt; of notes on posts, and TVIEW tv_&lt;entity&gt; reading tv_post with the given document. */
    private void notesOnPosts(String entity, String document) throws SQLException {
        db.execute("""
                CREATE TABLE tb_%1$s (pk_%1$s integer PRIMARY KEY, id uuid NOT NULL DEFAULT gen_random_uuid(),
                                      fk_post integer NOT NULL REFERENCES tb_post, body text NOT NULL);
                INSERT INTO tb_%1$s (pk_%1$s, fk_post, body) SELECT p.pk_post, p.pk_post, 'on ' || p.title FROM tb_post p;
                SELECT pg_tviews_create('tv_%1$s', $$
                    SELECT n.pk_%1$s, n.id, n.fk_post, %2$s AS data
                    FROM tb_%1$s n JOIN tv_post tp ON tp.pk_post = n.fk_post$$)""".formatted(entity, document));
    }

    /** How many keys and lineage items the statement queued (in a transaction of its own). */
    private long queuedBy(String update) throws SQLException {
        try (Connection session = db.connect()) {
            session.setAutoCommit(false);
            TestDatabase.execute(session, update);
            long enqueued = ((Number) TestDatabase.scalar(session, "SELECT (pg_tviews_queue_stats() ->> 'enqueued')::bigint")).longValue();
            session.commit();
            return enqueued;
        }
    }

    private String contents() throws SQLException {
        return String.join("\n", db.column("SELECT format('%s %s', 'post', t) FROM tv_post t UNION ALL "
                + "SELECT format('%s %s', 'comment', t) FROM tv_comment t UNION ALL "
                + "SELECT format('%s %s', 'category', t) FROM tv_category t ORDER BY 1"));
    }
}
