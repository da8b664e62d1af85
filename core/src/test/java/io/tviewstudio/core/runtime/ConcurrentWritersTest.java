package io.tviewstudio.core.runtime;

import io.tviewstudio.core.testing.BlogSchema;
import io.tviewstudio.core.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.tviewstudio.core.testing.TviewAssertions.assertConsistent;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two transactions whose changes touch the same tv_ row: the second refresh must wait for the
 * first to commit and then recompute from data that includes it, never commit a stale row.
 */
class ConcurrentWritersTest {

    private TestDatabase db;

    @BeforeEach
    void createBlog() throws SQLException {
        db = BlogSchema.withTviews();
    }

    @AfterEach
    void close() throws SQLException {
        db.close();
    }

    @Test
    void twoPostsOfOneCategoryChangedConcurrentlyBothReachTheCategory() throws Exception {
        runInterleaved("UPDATE tb_post SET title = 'first writer' WHERE pk_post = 1",
                "UPDATE tb_post SET title = 'second writer' WHERE pk_post = 2");

        assertThat(db.column("SELECT p->>'title' FROM tv_category, jsonb_array_elements(data->'posts') p "
                + "WHERE pk_category = 1 ORDER BY 1")).containsExactly("first writer", "second writer");
        assertConsistent(db);
    }

    @Test
    void aUserAndOneOfTheirPostsChangedConcurrentlyBothReachThePost() throws Exception {
        runInterleaved("UPDATE tb_user SET name = 'Alice' WHERE pk_user = 1",
                "UPDATE tb_post SET title = 'Retitled' WHERE pk_post = 1");

        assertThat(db.scalar("SELECT data->'author'->>'name' || ' / ' || (data->>'title') FROM tv_post WHERE pk_post = 1"))
                .isEqualTo("Alice / Retitled");
        assertThat(db.scalar("SELECT data->'post'->>'title' FROM tv_comment WHERE pk_comment = 1")).isEqualTo("Retitled");
        assertConsistent(db);
    }

    /**
     * A post published again brings its comments back into tv_comment through the cascade; those
     * comments also read their author, whom another transaction is renaming. The re-entering rows'
     * author keys are only known after the cascade reached them, and must still be locked (found
     * as a stale "by" name by the eight-client stress test before they were).
     */
    @Test
    void aCommentReenteringWithItsRepublishedPostWaitsForItsAuthorsRename() throws Exception {
        db.execute("UPDATE tb_post SET published = false WHERE pk_post = 1");  // comments 1 and 2 leave tv_comment
        assertThat(db.scalar("SELECT count(*) FROM tv_comment WHERE fk_post = 1")).isEqualTo(0L);

        runInterleaved("UPDATE tb_user SET name = 'Caroline' WHERE pk_user = 3",
                "UPDATE tb_post SET published = true WHERE pk_post = 1");

        assertThat(db.scalar("SELECT data->>'by' FROM tv_comment WHERE pk_comment = 2")).isEqualTo("Caroline");
        assertConsistent(db);
    }

    /**
     * A comment inserted on an unpublished post is not in v_comment, so the view gives no parent
     * key for it; the root table's fk_post does. A transaction that publishes the post again must
     * wait for the inserting one and then find the comment, or the comment would stay missing.
     */
    @Test
    void aCommentInsertedOnAHiddenPostIsFoundByTheTransactionThatPublishesThePost() throws Exception {
        db.execute("UPDATE tb_post SET published = false WHERE pk_post = 1");

        runInterleaved("INSERT INTO tb_comment (fk_post, fk_user, body) VALUES (1, 3, 'while hidden')",
                "UPDATE tb_post SET published = true WHERE pk_post = 1");

        assertThat(db.scalar("SELECT count(*) FROM tv_comment WHERE fk_post = 1")).isEqualTo(3L);
        assertConsistent(db);
    }

    /**
     * The same for a comment edited while its post is hidden: the edit changes no parent key, so
     * the publishing transaction finds the comment through the view and waits for its key, which
     * the editing transaction holds (the comment has no TVIEW row, so tb_comment's trigger also
     * computes its parent-lock set, as for an insert).
     */
    @Test
    void aCommentEditedOnAHiddenPostIsFoundByTheTransactionThatPublishesThePost() throws Exception {
        db.execute("UPDATE tb_post SET published = false WHERE pk_post = 1");

        runInterleaved("UPDATE tb_comment SET body = 'edited while hidden' "
                        + "WHERE pk_comment = (SELECT min(pk_comment) FROM tb_comment WHERE fk_post = 1)",
                "UPDATE tb_post SET published = true WHERE pk_post = 1");

        assertThat(db.scalar("SELECT count(*) FROM tv_comment WHERE data->>'body' = 'edited while hidden'")).isEqualTo(1L);
        assertConsistent(db);
    }

    /**
     * Deferred mode: the commit-time flush of a transaction that publishes post 1 again holds the
     * post's TVIEW keys when it finds that a comment re-entering with it needs its author's key,
     * which a writer of that author holds. Waiting there could deadlock (the writer may wait for
     * those TVIEW keys); the flush instead rolls back its subtransaction, releasing every refresh
     * lock it took, waits for the author's key alone, and starts again.
     */
    @Test
    void aCommitTimeFlushThatMeetsABusyLateLockReleasesItsTviewKeysWhileItWaits() throws Exception {
        LockWaits.publishingAPostRestartsItsFlushWhileCarolsKeyIsBusy(db,
                "SELECT pg_tviews__take_locks(ARRAY[ROW(hashtext('public.tb_user'), hashint8(3), true)::pg_tviews_lock])",
                "carol's key");
    }

    /**
     * Runs the first statement in an open transaction, starts the second in another session,
     * waits until that session blocks on the first one's locks, then commits both in order.
     */
    private void runInterleaved(String first, String second) throws Exception {
        try (Connection one = db.connect(); Connection two = db.connect()) {
            one.setAutoCommit(false);
            two.setAutoCommit(false);
            TestDatabase.execute(one, first);
            int secondPid = ((Number) TestDatabase.scalar(two, "SELECT pg_backend_pid()")).intValue();

            CompletableFuture<Void> secondWriter = CompletableFuture.runAsync(() -> {
                try {
                    TestDatabase.execute(two, second);
                    two.commit();
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            LockWaits.awaitBlocked(db, secondPid, secondWriter);
            one.commit();
            secondWriter.get(30, TimeUnit.SECONDS);
        }
    }
}
