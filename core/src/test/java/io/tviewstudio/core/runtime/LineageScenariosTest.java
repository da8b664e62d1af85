package io.tviewstudio.core.runtime;

import io.tviewstudio.core.testing.BlogSchema;
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
 * Every lineage shape (root, parent, child, TVIEW as source) under every DML kind, on the blog
 * schema: tv_post (root tb_post, parent tb_user), tv_category (child rows of tv_post),
 * tv_comment (parent tv_post: user -> post -> comment cascade) and tv_user (children tb_post and
 * tb_comment aggregated directly). After every scenario each tv_ table equals its view.
 */
class LineageScenariosTest {

    private TestDatabase db;

    @BeforeEach
    void createBlog() throws SQLException {
        db = BlogSchema.withTviews();
        db.execute(Resources.text("schemas/blog-tv-user.sql"));
    }

    @AfterEach
    void close() throws SQLException {
        db.close();
    }

    private Object json(String sql) throws SQLException {
        Object value = db.scalar(sql);
        return value == null ? null : value.toString();
    }

    @Test
    void createFillsEveryTviewWithItsViewRows() throws SQLException {
        assertThat(db.scalar("SELECT count(*) FROM tv_post")).isEqualTo(3L);
        assertThat(db.scalar("SELECT count(*) FROM tv_category")).isEqualTo(3L);
        assertThat(db.scalar("SELECT count(*) FROM tv_comment")).isEqualTo(3L);
        assertThat(json("SELECT data->>'post_count' FROM tv_category WHERE pk_category = 1")).isEqualTo("2");
        assertConsistent(db);
    }

    /** pg_tviews_cascade of one parent row: the flush resolves it, as a lineage item, into the rows pointing at it. */
    @Test
    void aCascadeOfOneParentRowRecomputesTheRowsPointingAtIt() throws SQLException {
        db.execute("ALTER TABLE tv_post DISABLE TRIGGER USER; UPDATE tv_post SET data = '{}' WHERE fk_user = 1; "
                + "ALTER TABLE tv_post ENABLE TRIGGER USER");
        assertThat(db.scalar("SELECT count(*) FROM pg_tviews_verify('tv_post')")).isEqualTo(2L);

        db.execute("SELECT pg_tviews_cascade('tb_user'::regclass, 1)");

        assertConsistent(db);
    }

    @Test
    void rootInsertUpdateDeleteAddChangeAndRemoveRows() throws SQLException {
        db.execute("INSERT INTO tb_post (fk_user, fk_category, title) VALUES (3, 2, 'New post')");
        assertThat(json("SELECT data->>'title' FROM tv_post WHERE pk_post = 5")).isEqualTo("New post");
        assertThat(json("SELECT data->>'post_count' FROM tv_category WHERE pk_category = 2")).isEqualTo("2");
        assertConsistent(db);

        db.execute("UPDATE tb_post SET title = 'Renamed' WHERE pk_post = 5");
        assertThat(json("SELECT data->>'title' FROM tv_post WHERE pk_post = 5")).isEqualTo("Renamed");
        assertThat(json("SELECT data->'posts'->1->>'title' FROM tv_category WHERE pk_category = 2")).isEqualTo("Renamed");
        assertConsistent(db);

        db.execute("DELETE FROM tb_post WHERE pk_post = 5");
        assertThat(db.scalar("SELECT count(*) FROM tv_post WHERE pk_post = 5")).isEqualTo(0L);
        assertThat(json("SELECT data->>'post_count' FROM tv_category WHERE pk_category = 2")).isEqualTo("1");
        assertConsistent(db);
    }

    @Test
    void parentChangeCascadesThroughThreeLevels() throws SQLException {
        db.execute("UPDATE tb_user SET name = 'Alice' WHERE pk_user = 1");

        assertThat(json("SELECT data->'author'->>'name' FROM tv_post WHERE pk_post = 1")).isEqualTo("Alice");
        assertThat(json("SELECT data->'post'->'author'->>'name' FROM tv_comment WHERE pk_comment = 1")).isEqualTo("Alice");
        assertThat(json("SELECT data->'posts'->0->'author'->>'name' FROM tv_category WHERE pk_category = 1"))
                .isEqualTo("Alice");
        assertThat(json("SELECT data->>'name' FROM tv_user WHERE pk_user = 1")).isEqualTo("Alice");
        assertConsistent(db);
    }

    @Test
    void childInsertAndDeleteChangeTheAggregateOfTheirParent() throws SQLException {
        db.execute("INSERT INTO tb_comment (fk_post, fk_user, body) VALUES (3, 1, 'Me too'), (1, 1, 'And me')");
        assertThat(json("SELECT data->>'comments' FROM tv_user WHERE pk_user = 1")).isEqualTo("2");
        assertThat(db.scalar("SELECT count(*) FROM tv_comment")).isEqualTo(5L);
        assertConsistent(db);

        db.execute("DELETE FROM tb_comment WHERE fk_user = 1");
        assertThat(json("SELECT data->>'comments' FROM tv_user WHERE pk_user = 1")).isEqualTo("0");
        assertConsistent(db);
    }

    @Test
    void foreignKeyChangeRefreshesOldAndNewParent() throws SQLException {
        db.execute("UPDATE tb_post SET fk_category = 2 WHERE pk_post = 1");

        assertThat(json("SELECT data->>'post_count' FROM tv_category WHERE pk_category = 1")).isEqualTo("1");
        assertThat(json("SELECT data->>'post_count' FROM tv_category WHERE pk_category = 2")).isEqualTo("2");
        assertThat(db.scalar("SELECT fk_category FROM tv_post WHERE pk_post = 1")).isEqualTo(2);
        assertConsistent(db);

        db.execute("UPDATE tb_post SET fk_user = 3 WHERE pk_post = 2");
        assertThat(json("SELECT data->'author'->>'name' FROM tv_post WHERE pk_post = 2")).isEqualTo("carol");
        assertThat(json("SELECT data->>'posts' FROM tv_user WHERE pk_user = 2")).isEqualTo("0");
        assertConsistent(db);
    }

    @Test
    void primaryKeyChangesMoveRowsToTheirNewKeys() throws SQLException {
        // ON UPDATE CASCADE rewrites the children's foreign keys in the same statement.
        db.execute("UPDATE tb_user SET pk_user = 10 WHERE pk_user = 1");
        assertThat(db.column("SELECT pk_user FROM tv_user ORDER BY 1")).containsExactly("2", "3", "10");
        assertThat(db.column("SELECT fk_user FROM tv_post ORDER BY pk_post")).containsExactly("10", "2", "10");
        assertConsistent(db);

        db.execute("UPDATE tb_post SET pk_post = 100 WHERE pk_post = 1");
        assertThat(db.column("SELECT pk_post FROM tv_post ORDER BY 1")).containsExactly("2", "3", "100");
        assertThat(db.column("SELECT DISTINCT fk_post FROM tv_comment ORDER BY 1")).containsExactly("3", "100");
        assertConsistent(db);
    }

    @Test
    void rowsEnterAndLeaveWithTheWhereClause() throws SQLException {
        db.execute("UPDATE tb_post SET published = false WHERE pk_post = 1");
        assertThat(db.scalar("SELECT count(*) FROM tv_post WHERE pk_post = 1")).isEqualTo(0L);
        // Comments join tv_post: they leave with their post.
        assertThat(db.scalar("SELECT count(*) FROM tv_comment WHERE fk_post = 1")).isEqualTo(0L);
        assertThat(json("SELECT data->>'post_count' FROM tv_category WHERE pk_category = 1")).isEqualTo("1");
        assertConsistent(db);

        db.execute("UPDATE tb_post SET published = true, fk_category = 3 WHERE pk_post IN (1, 4)");
        assertThat(db.column("SELECT pk_post FROM tv_post ORDER BY 1")).containsExactly("1", "2", "3", "4");
        assertThat(db.scalar("SELECT count(*) FROM tv_comment WHERE fk_post = 1")).isEqualTo(2L);
        assertThat(json("SELECT data->>'post_count' FROM tv_category WHERE pk_category = 3")).isEqualTo("2");
        assertConsistent(db);
    }

    @Test
    void truncateRecomputesEveryDependentTview() throws SQLException {
        db.execute("TRUNCATE tb_comment");
        assertThat(db.scalar("SELECT count(*) FROM tv_comment")).isEqualTo(0L);
        assertThat(db.column("SELECT DISTINCT data->>'comments' FROM tv_user")).containsExactly("0");
        assertConsistent(db);

        db.execute("TRUNCATE tb_post CASCADE");
        assertThat(db.scalar("SELECT count(*) FROM tv_post")).isEqualTo(0L);
        assertThat(db.column("SELECT DISTINCT data->>'post_count' FROM tv_category")).containsExactly("0");
        assertConsistent(db);
    }

    @Test
    void unchangedRowsAreNotRewrittenAndDoNotCascade() throws SQLException {
        String before = db.column("SELECT string_agg(xmin::text, ',' ORDER BY pk_post) FROM tv_post").get(0);
        String commentsBefore = db.column("SELECT string_agg(xmin::text, ',' ORDER BY pk_comment) FROM tv_comment").get(0);

        db.execute("UPDATE tb_post SET title = title");
        db.execute("UPDATE tb_user SET name = name");

        assertThat(db.column("SELECT string_agg(xmin::text, ',' ORDER BY pk_post) FROM tv_post").get(0)).isEqualTo(before);
        assertThat(db.column("SELECT string_agg(xmin::text, ',' ORDER BY pk_comment) FROM tv_comment").get(0))
                .isEqualTo(commentsBefore);
        assertConsistent(db);
    }

    @Test
    void bulkUpdateRefreshesInOneTriggerCallPerStatement() throws SQLException {
        db.execute("""
                INSERT INTO tb_post (fk_user, fk_category, title)
                SELECT 1 + g % 3, 1 + g % 3, 'bulk ' || g FROM generate_series(1, 10000) g""");
        assertThat(db.scalar("SELECT count(*) FROM tv_post")).isEqualTo(10003L);

        try (Connection session = RefreshPaths.tracked(db)) {
            TestDatabase.execute(session, "UPDATE tb_post SET title = title || '!' WHERE title LIKE 'bulk%'");
            long triggerCalls = RefreshPaths.calls(session, "public.pg_tviews_trg_post__tb_post()");
            long refreshCalls = RefreshPaths.calls(session, "public.pg_tviews_refresh_post(bigint[],text[],bigint[])");
            session.commit();
            assertThat(triggerCalls).isEqualTo(1L);
            assertThat(refreshCalls).isEqualTo(1L);
        }
        assertThat(db.scalar("SELECT count(*) FROM tv_post WHERE data->>'title' LIKE 'bulk%!'")).isEqualTo(10000L);
        assertConsistent(db);
    }

    @Test
    void manyRowsOfOneStatementTouchingTheSameTviewRowRecomputeItOnce() throws SQLException {
        try (Connection session = RefreshPaths.tracked(db)) {
            TestDatabase.execute(session, "UPDATE tb_post SET title = upper(title) WHERE fk_category = 1");
            long categoryRefreshes = RefreshPaths.calls(session, "public.pg_tviews_refresh_category(bigint[],text[],bigint[])");
            session.commit();
            assertThat(categoryRefreshes).isEqualTo(1L);
        }
        assertThat(json("SELECT data->'posts'->0->>'title' FROM tv_category WHERE pk_category = 1"))
                .isEqualTo("TVIEWS EXPLAINED");
        assertConsistent(db);
    }

    @Test
    void rolledBackWritesLeaveTviewsAsTheyWere() throws SQLException {
        String before = db.column("SELECT string_agg(data::text, ',' ORDER BY pk_post) FROM tv_post").get(0);
        try (Connection session = db.connect()) {
            session.setAutoCommit(false);
            TestDatabase.execute(session, "UPDATE tb_user SET name = 'temp'");
            TestDatabase.execute(session, "DELETE FROM tb_comment");
            session.rollback();
        }
        assertThat(db.column("SELECT string_agg(data::text, ',' ORDER BY pk_post) FROM tv_post").get(0)).isEqualTo(before);
        assertConsistent(db);
    }

    @Test
    void dropCascadeRemovesDependantsAndTheirTriggers() throws SQLException {
        Object message = db.scalar("SELECT pg_tviews_drop('tv_post', false, true)");

        assertThat(message.toString()).contains("tv_comment", "tv_category", "tv_post");
        assertThat(db.column("SELECT entity FROM pg_tview_meta ORDER BY 1")).containsExactly("user");
        assertThat(db.column("SELECT DISTINCT tgrelid::regclass::text FROM pg_trigger WHERE NOT tgisinternal AND tgname LIKE 'tview%' ORDER BY 1"))
                .containsExactly("tb_comment", "tb_post", "tb_user");
        db.execute("UPDATE tb_user SET name = 'still maintained' WHERE pk_user = 2");
        assertThat(json("SELECT data->>'name' FROM tv_user WHERE pk_user = 2")).isEqualTo("still maintained");
        assertConsistent(db);
    }
}
