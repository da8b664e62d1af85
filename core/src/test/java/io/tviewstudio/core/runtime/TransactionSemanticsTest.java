package io.tviewstudio.core.runtime;

import io.tviewstudio.core.testing.BlogSchema;
import io.tviewstudio.core.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;

import static io.tviewstudio.core.testing.SqlFailures.assertFails;
import static io.tviewstudio.core.testing.TviewAssertions.assertConsistent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Refresh modes and transaction boundaries: deferred coalescing, savepoints, rollback, two-phase
 * commit, pooled-connection reuse, REPEATABLE READ conflicts and the cascade depth guard.
 */
class TransactionSemanticsTest {

    private TestDatabase db;

    @BeforeEach
    void createBlog() throws SQLException {
        db = BlogSchema.withTviews();
    }

    @AfterEach
    void close() throws SQLException {
        db.close();
    }

    private void deferAll() throws SQLException {
        for (String tview : db.column("SELECT 'tv_' || entity FROM pg_tview_meta")) {
            db.execute("SELECT pg_tviews_set_refresh_mode('" + tview + "', 'deferred')");
        }
    }

    private String postTitle(Connection session, int pk) throws SQLException {
        return (String) TestDatabase.scalar(session, "SELECT data->>'title' FROM tv_post WHERE pk_post = " + pk);
    }

    @Test
    void immediateModeShowsChangesToTheWritingTransactionAfterEachStatement() throws SQLException {
        try (Connection session = db.connect()) {
            session.setAutoCommit(false);
            TestDatabase.execute(session, "UPDATE tb_post SET title = 'visible now' WHERE pk_post = 1");
            assertThat(postTitle(session, 1)).isEqualTo("visible now");
            assertThat(TestDatabase.scalar(session, "SELECT pg_tviews_queue_stats()->>'queue_size'")).isEqualTo("0");
            session.commit();
        }
        assertConsistent(db);
    }

    /**
     * A statement on a table that only one TVIEW reads (tb_post: tv_post) is flushed by that TVIEW's
     * trigger: tv_post's own key never enters the queue, nor does the work of its dependants
     * (tv_category and tv_comment, which read tv_post), refreshed nested inside it. A statement on
     * a table that two TVIEWs read (tb_user: tv_post and tv_comment) is queued whole for the
     * statement's flush. Both leave every TVIEW current before the statement returns.
     */
    @Test
    void aTableThatOneTviewReadsIsFlushedWithoutQueueingItsKeys() throws SQLException {
        String queued = "SELECT n_tup_ins FROM pg_stat_xact_user_tables WHERE relid = 'pg_tviews_queue'::regclass";
        try (Connection session = db.connect()) {
            session.setAutoCommit(false);
            TestDatabase.execute(session, "UPDATE tb_post SET title = 'direct' WHERE pk_post = 1");
            assertThat(TestDatabase.scalar(session, queued)).as("nothing: the dependants are refreshed nested").isEqualTo(0L);
            assertThat(postTitle(session, 1)).isEqualTo("direct");
            assertThat(TestDatabase.scalar(session, "SELECT count(*) FROM tv_comment WHERE data->'post'->>'title' = 'direct'"))
                    .as("the cascade to tv_comment, in the same statement").isEqualTo(2L);
            assertThat(TestDatabase.scalar(session, "SELECT pg_tviews_queue_stats()::text").toString())
                    .contains("\"queue_size\": 0", "\"flushes\": 1", "\"total_refreshes\": 3");
            TestDatabase.execute(session, "UPDATE tb_user SET name = 'queued' WHERE pk_user = 2");
            assertThat((Long) TestDatabase.scalar(session, queued)).as("both TVIEWs' lineage items, then the cascade")
                    .isGreaterThanOrEqualTo(4L);
            assertThat(TestDatabase.scalar(session, "SELECT count(*) FROM tv_comment WHERE data->>'by' = 'queued'")).isEqualTo(2L);
            session.commit();
        }
        assertConsistent(db);
    }

    /**
     * The flushes plan few-key steps without hash and merge joins and many-key steps afresh
     * (pg_tviews__plan_keys): settings of the runtime's own statements, which the caller's later
     * statements in the same transaction must not inherit, whichever way the runtime was entered.
     */
    @Test
    void theRuntimesPlannerSettingsStayInsideTheRuntime() throws SQLException {
        String settings = "SELECT current_setting('plan_cache_mode') || ' ' || current_setting('enable_hashjoin') || ' '"
                + " || current_setting('enable_mergejoin')";
        try (Connection session = db.connect()) {
            session.setAutoCommit(false);
            TestDatabase.execute(session, "SET LOCAL enable_mergejoin = off");
            TestDatabase.execute(session, "UPDATE tb_post SET title = 'direct flush' WHERE pk_post = 1");
            assertThat(TestDatabase.scalar(session, settings)).as("after a direct flush").isEqualTo("auto on off");
            TestDatabase.execute(session, "UPDATE tb_user SET name = 'queue flush' WHERE pk_user = 2");
            assertThat(TestDatabase.scalar(session, settings)).as("after a queue flush").isEqualTo("auto on off");
            TestDatabase.execute(session, "SELECT pg_tviews_refresh('tv_post')");
            assertThat(TestDatabase.scalar(session, settings)).as("after pg_tviews_refresh").isEqualTo("auto on off");
            session.commit();
        }
        assertConsistent(db);
    }

    /**
     * Any TVIEW owner may call the direct path's steps. One that begins a direct refresh and never
     * ends it leaves the refresh marked as running, so the statements after it skip their flush:
     * what they queue gets the commit hook, and is refreshed before the transaction commits.
     */
    @Test
    void aDirectRefreshBegunAndNeverEndedLosesNoWork() throws SQLException {
        try (Connection session = db.connect()) {
            session.setAutoCommit(false);
            assertThat(TestDatabase.scalar(session, "SELECT pg_tviews__direct_begin('post', 'tb_post'::regclass, '{2,1,2}', true)::text"))
                    .isEqualTo("{1,2}");
            TestDatabase.execute(session, "UPDATE tb_user SET name = 'never ended' WHERE pk_user = 1");
            session.commit();
        }
        assertUser1ShownAs("never ended");
    }

    /**
     * pg_tviews__direct_lock, the second step of a parent source's direct path, is as open to TVIEW
     * owners as pg_tviews__direct_begin: called on its own it locks real keys and marks a refresh
     * as running, and loses no work either. Inside a queue flush it starts nothing (55000).
     */
    @Test
    void aDirectRefreshLockedWithoutItsBeginLosesNoWork() throws SQLException {
        try (Connection session = db.connect()) {
            session.setAutoCommit(false);
            assertThat(TestDatabase.scalar(session, "SELECT pg_tviews__direct_lock('post', '{2,1,2}', true)::text"))
                    .isEqualTo("{1,2}");
            TestDatabase.execute(session, "UPDATE tb_user SET name = 'locked alone' WHERE pk_user = 1");
            session.commit();
            TestDatabase.execute(session, "SELECT pg_tviews__flush_mark(true)");
            assertFails(() -> TestDatabase.execute(session, "SELECT pg_tviews__direct_lock('post', '{1}', true)"),
                    "55000", "no direct refresh of TVIEW post can start inside a queue flush");
            session.rollback();
        }
        assertUser1ShownAs("locked alone");
    }

    /**
     * The triggers of parent sources that earlier builds generated (a reinstall keeps them) call
     * pg_tviews__direct_begin without p_resolve: it resolves the changed parent keys itself.
     */
    @Test
    void aParentSourceTriggerOfAnEarlierBuildStillResolvesInTheRuntime() throws SQLException {
        String function = (String) db.scalar("SELECT DISTINCT trigger_function FROM pg_tview_source "
                + "WHERE entity = 'post' AND source = 'tb_user'::regclass");
        String current = (String) db.scalar("SELECT pg_get_functiondef('" + function + "()'::regprocedure)");
        String earlier = current.replace(", p_resolve => false", "")
                .replaceAll("(?s)\\n        IF v_values IS NOT NULL THEN\\n            v_keys := ARRAY\\(.*?        END IF;", "");
        assertThat(earlier).doesNotContain("public.pg_tviews__direct_lock(").contains("pg_tviews__direct_begin('post'");
        db.execute(earlier);
        db.execute("UPDATE tb_user SET name = 'earlier build' WHERE pk_user = 1");
        assertUser1ShownAs("earlier build");
    }

    /**
     * Triggers generated by earlier builds (a reinstall keeps them) hand their keys to
     * pg_tviews__direct_flush, which runs the same direct path with the refresh function.
     */
    @Test
    void aTriggerOfAnEarlierBuildStillRefreshesDirectly() throws SQLException {
        String function = (String) db.scalar("SELECT DISTINCT trigger_function FROM pg_tview_source "
                + "WHERE entity = 'post' AND source = 'tb_post'::regclass");
        db.execute("CREATE OR REPLACE FUNCTION " + function + "() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER "
                + "SET search_path = pg_catalog, pg_temp AS $$ DECLARE v_keys bigint[]; BEGIN "
                + "IF TG_OP = 'UPDATE' THEN v_keys := ARRAY(SELECT s.pk_post::bigint FROM pg_tviews_new AS s "
                + "UNION SELECT s.pk_post::bigint FROM pg_tviews_old AS s); ELSE RETURN NULL; END IF; "
                + "IF NOT public.pg_tviews__direct_flush('post', TG_RELID, v_keys) THEN "
                + "PERFORM public.pg_tviews__enqueue('post', v_keys); END IF; RETURN NULL; END $$");
        String refreshes = "SELECT refreshes FROM pg_tviews_metrics WHERE entity = 'post'";
        Object before = db.scalar(refreshes);
        try (Connection session = db.connect()) {
            session.setAutoCommit(false);
            TestDatabase.execute(session, "UPDATE tb_post SET title = 'earlier build' WHERE pk_post = 1");
            assertThat(postTitle(session, 1)).isEqualTo("earlier build");
            assertThat(TestDatabase.scalar(session, "SELECT count(*) FROM tv_comment WHERE data->'post'->>'title' = 'earlier build'"))
                    .isEqualTo(TestDatabase.scalar(session, "SELECT count(*) FROM tb_comment WHERE fk_post = 1"));
            assertThat(TestDatabase.scalar(session, "SELECT pg_tviews_queue_stats()->>'queue_size'")).isEqualTo("0");
            session.commit();
        }
        assertThat((Long) db.scalar(refreshes)).isEqualTo((Long) before + 1);
        assertConsistent(db);
    }

    /**
     * Ending or failing a direct refresh that is not running records nothing; with an odd token
     * SET by hand before any flush of the session, ending one fails with currval's error.
     */
    @Test
    void theDirectPathsStepsRecordNothingOutsideADirectRefresh() throws SQLException {
        db.execute("UPDATE tb_post SET title = 'direct' WHERE pk_post = 1");
        String metrics = "SELECT refreshes || ',' || rows_updated || ',' || errors FROM pg_tviews_metrics WHERE entity = 'post'";
        Object before = db.scalar(metrics);
        Object after;
        try (Connection session = db.connect()) {
            TestDatabase.execute(session, "UPDATE tb_post SET title = 'direct again' WHERE pk_post = 1");
            after = db.scalar(metrics);
            TestDatabase.execute(session, "SELECT pg_tviews__direct_end('post', 1000, 1, 0, 0, 1000)");
            TestDatabase.execute(session, "SELECT pg_tviews__direct_failed('post')");
            // An odd token SET by hand: not the sequence's value, which the refresh above set.
            TestDatabase.execute(session, "SET pg_tviews.flush_token = '12345'");
            TestDatabase.execute(session, "SELECT pg_tviews__direct_end('post', 1000, 1, 0, 0, 1000)");
            assertThat(db.scalar(metrics)).isEqualTo(after).isNotEqualTo(before);
        }
        try (Connection fresh = db.connect()) {
            // Before any flush of the session the sequence has no value to compare: an error, no record.
            TestDatabase.execute(fresh, "SET pg_tviews.flush_token = '12345'");
            assertThatThrownBy(() -> TestDatabase.execute(fresh, "SELECT pg_tviews__direct_end('post', 1000, 1, 0, 0, 1000)"))
                    .isInstanceOf(SQLException.class)
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("55000"))
                    .hasMessageContaining("currval of sequence \"pg_tviews_flush_token\" is not yet defined in this session");
        }
        assertThat(db.scalar(metrics)).isEqualTo(after);
        assertConsistent(db);
    }

    /**
     * The commit hook (a row, a deferred trigger event, a flush at COMMIT) only for work that needs
     * it: deferred work, and work queued while a direct refresh runs (pg_tviews__direct_begin; a
     * caller that never ends it must not leave that work unflushed).
     */
    @Test
    void onlyDeferredOrDirectlyQueuedWorkGetsACommitHook() throws SQLException {
        String hooks = "SELECT count(*) FROM pg_tviews_commit_hook WHERE xid = pg_current_xact_id()";
        try (Connection session = db.connect()) {
            session.setAutoCommit(false);
            TestDatabase.execute(session, "UPDATE tb_user SET name = 'immediate' WHERE pk_user = 1");
            assertThat(TestDatabase.scalar(session, hooks)).as("immediate TVIEWs, flushed by the statement").isEqualTo(0L);
            TestDatabase.execute(session, "UPDATE tb_post SET title = 'immediate' WHERE pk_post = 1");
            assertThat(TestDatabase.scalar(session, hooks)).as("tv_comment refreshed nested in the direct refresh of tv_post")
                    .isEqualTo(0L);
            TestDatabase.execute(session, "SELECT pg_tviews_set_refresh_mode('tv_comment', 'deferred')");
            TestDatabase.execute(session, "UPDATE tb_post SET title = 'deferred dependant' WHERE pk_post = 1");
            assertThat(TestDatabase.scalar(session, hooks)).as("tv_comment's cascade waits for COMMIT").isEqualTo(1L);
            assertThat(TestDatabase.scalar(session, "SELECT count(*) FROM tv_comment WHERE data->'post'->>'title' = 'deferred dependant'"))
                    .isEqualTo(0L);
            session.commit();
        }
        assertThat(db.scalar("SELECT count(*) FROM tv_comment WHERE data->'post'->>'title' = 'deferred dependant'"))
                .isEqualTo(db.scalar("SELECT count(*) FROM tb_comment WHERE fk_post = 1"));
        assertThat(db.scalar("SELECT count(*) FROM pg_tviews_commit_hook")).isEqualTo(0L);
        assertConsistent(db);
    }

    @Test
    void deferredModeCoalescesFiftyUpdatesIntoOneRefreshPerRow() throws SQLException {
        deferAll();
        try (Connection session = db.connect()) {
            session.setAutoCommit(false);
            for (int i = 1; i <= 50; i++) {
                TestDatabase.execute(session, "UPDATE tb_post SET title = 'version " + i + "' WHERE pk_post = 1");
            }
            assertThat(postTitle(session, 1)).as("deferred: not yet refreshed").isEqualTo("TVIEWs explained");
            String stats = TestDatabase.scalar(session, "SELECT pg_tviews_queue_stats()::text").toString();
            assertThat(stats).contains("\"queue_size\": 1", "\"enqueued\": 50", "\"coalesced\": 49");
            assertThat(TestDatabase.scalar(session, "SELECT pg_tviews_debug_queue()::text"))
                    .hasToString("[{\"pk\": 1, \"entity\": \"post\"}]");

            // What COMMIT does, made visible inside the transaction.
            TestDatabase.execute(session, "SET CONSTRAINTS ALL IMMEDIATE");
            String after = TestDatabase.scalar(session, "SELECT pg_tviews_queue_stats()::text").toString();
            assertThat(postTitle(session, 1)).isEqualTo("version 50");
            // One refresh of tv_post key 1, then one of each dependant: tv_category key 1, and tv_comment
            // through one lineage item (post 1 changed) that resolves to its comments 1 and 2.
            assertThat(after).contains("\"queue_size\": 0", "\"refreshed_keys\": 4", "\"lineage_items\": 1",
                    "\"total_refreshes\": 3");
            session.commit();
        }
        assertThat(db.scalar("SELECT data->'posts'->0->>'title' FROM tv_category WHERE pk_category = 1"))
                .isEqualTo("version 50");
        assertConsistent(db);
    }

    /** Restartable flushes use a subtransaction each: a long transaction stops using them after 32. */
    @Test
    void onlyTheFirst32StatementFlushesOfATransactionUseASubtransaction() throws SQLException {
        try (Connection session = db.connect()) {
            session.setAutoCommit(false);
            for (int i = 1; i <= 40; i++) {
                TestDatabase.execute(session, "UPDATE tb_post SET title = 'version " + i + "' WHERE pk_post = 1");
            }
            assertThat(TestDatabase.scalar(session, "SELECT current_setting('pg_tviews.tx_restartable_flushes')"))
                    .isEqualTo("32");
            assertThat(postTitle(session, 1)).isEqualTo("version 40");
            session.commit();
        }
        assertConsistent(db);
    }

    @Test
    void deferredWorkHappensAtCommit() throws SQLException {
        deferAll();
        db.execute("UPDATE tb_user SET name = 'Alice' WHERE pk_user = 1");
        assertThat(db.scalar("SELECT data->'post'->'author'->>'name' FROM tv_comment WHERE pk_comment = 1"))
                .isEqualTo("Alice");
        assertThat(db.scalar("SELECT count(*) FROM pg_tviews_queue")).isEqualTo(0L);
        assertConsistent(db);
    }

    @Test
    void rollbackToSavepointForgetsTheQueuedWorkOfTheRolledBackPart() throws SQLException {
        deferAll();
        try (Connection session = db.connect()) {
            session.setAutoCommit(false);
            TestDatabase.execute(session, "UPDATE tb_post SET title = 'kept' WHERE pk_post = 1");
            Savepoint outer = session.setSavepoint("outer");
            TestDatabase.execute(session, "UPDATE tb_post SET title = 'undone' WHERE pk_post = 2");
            Savepoint inner = session.setSavepoint("inner");
            TestDatabase.execute(session, "UPDATE tb_post SET title = 'undone too' WHERE pk_post = 3");
            session.rollback(inner);
            assertThat(TestDatabase.scalar(session, "SELECT pg_tviews_debug_queue()::text"))
                    .hasToString("[{\"pk\": 1, \"entity\": \"post\"}, {\"pk\": 2, \"entity\": \"post\"}]");
            session.rollback(outer);
            assertThat(TestDatabase.scalar(session, "SELECT pg_tviews_debug_queue()::text"))
                    .hasToString("[{\"pk\": 1, \"entity\": \"post\"}]");
            session.commit();
        }
        assertThat(db.column("SELECT data->>'title' FROM tv_post ORDER BY pk_post"))
                .containsExactly("kept", "Lineage by keys", "JavaFX tips");
        assertConsistent(db);
    }

    @Test
    void rollbackLeavesNoQueueDebrisAndAPooledConnectionStartsClean() throws SQLException {
        deferAll();
        try (Connection pooled = db.connect()) {
            pooled.setAutoCommit(false);
            TestDatabase.execute(pooled, "UPDATE tb_user SET name = 'never' WHERE pk_user = 2");
            TestDatabase.execute(pooled, "DELETE FROM tb_comment");
            pooled.rollback();

            // The next "client" of the same connection sees an empty queue and clean statistics.
            assertThat(TestDatabase.scalar(pooled, "SELECT pg_tviews_queue_stats()::text").toString())
                    .contains("\"queue_size\": 0", "\"enqueued\": 0");
            TestDatabase.execute(pooled, "UPDATE tb_post SET title = 'next client' WHERE pk_post = 3");
            pooled.commit();
        }
        assertThat(db.scalar("SELECT count(*) FROM pg_tviews_queue")).isEqualTo(0L);
        assertThat(db.scalar("SELECT data->>'title' FROM tv_post WHERE pk_post = 3")).isEqualTo("next client");
        assertConsistent(db);
    }

    @Test
    void preparedTransactionsRefreshBeforePrepareAndFollowCommitOrRollbackPrepared() throws SQLException {
        deferAll();
        try (Connection session = db.connect()) {
            TestDatabase.execute(session, "BEGIN");
            TestDatabase.execute(session, "UPDATE tb_post SET title = 'two-phase' WHERE pk_post = 1");
            TestDatabase.execute(session, "PREPARE TRANSACTION 'tview-2pc-commit'");
            // A prepared transaction keeps its refresh locks until COMMIT/ROLLBACK PREPARED, so the
            // second one touches other rows (post 3: category 2, comment 3) or it would wait here.
            TestDatabase.execute(session, "BEGIN");
            TestDatabase.execute(session, "UPDATE tb_post SET title = 'rolled back' WHERE pk_post = 3");
            TestDatabase.execute(session, "PREPARE TRANSACTION 'tview-2pc-rollback'");
        }
        assertThat(db.scalar("SELECT data->>'title' FROM tv_post WHERE pk_post = 1")).isEqualTo("TVIEWs explained");

        db.execute("COMMIT PREPARED 'tview-2pc-commit'");
        db.execute("ROLLBACK PREPARED 'tview-2pc-rollback'");

        assertThat(db.column("SELECT data->>'title' FROM tv_post ORDER BY pk_post"))
                .containsExactly("two-phase", "Lineage by keys", "JavaFX tips");  // post 3 rolled back
        assertThat(db.scalar("SELECT count(*) FROM pg_tviews_queue")).isEqualTo(0L);
        assertConsistent(db);
    }

    @Test
    void repeatableReadRefreshThatWouldMissAConcurrentCommitFailsWithSerializationError() throws SQLException {
        try (Connection first = db.connect(); Connection second = db.connect()) {
            second.setAutoCommit(false);
            TestDatabase.execute(second, "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ");
            TestDatabase.scalar(second, "SELECT count(*) FROM tb_post");  // takes the snapshot

            TestDatabase.execute(first, "UPDATE tb_post SET title = 'first' WHERE pk_post = 1");  // autocommit

            assertThatThrownBy(() -> TestDatabase.execute(second, "UPDATE tb_post SET title = 'second' WHERE pk_post = 2"))
                    .isInstanceOf(PSQLException.class)
                    .satisfies(e -> assertThat(((PSQLException) e).getSQLState()).isEqualTo("40001"));
            second.rollback();

            // The retry, with a new snapshot, succeeds.
            TestDatabase.execute(second, "UPDATE tb_post SET title = 'second' WHERE pk_post = 2");
            second.commit();
        }
        assertThat(db.column("SELECT p->>'title' FROM tv_category, jsonb_array_elements(data->'posts') p "
                + "WHERE pk_category = 1 ORDER BY 1")).containsExactly("first", "second");
        assertConsistent(db);
    }

    @Test
    @Raises("TV032")
    void cascadeDeeperThanTheLimitFailsWithTv032AndChangesNothing() throws SQLException {
        db.execute("SELECT pg_tviews_set('max_cascade_depth', '0')");

        assertThatThrownBy(() -> db.execute("UPDATE tb_post SET title = 'too deep' WHERE pk_post = 1"))
                .isInstanceOf(PSQLException.class)
                .satisfies(e -> {
                    PSQLException error = (PSQLException) e;
                    assertThat(error.getSQLState()).isEqualTo("TV032");
                    assertThat(error.getServerErrorMessage().getMessage())
                            .isEqualTo("cascade to TVIEW public.tv_category (depth 1) exceeds max_cascade_depth 0");
                });
        assertThat(db.scalar("SELECT title FROM tb_post WHERE pk_post = 1")).isEqualTo("TVIEWs explained");

        db.execute("SELECT pg_tviews_set('max_cascade_depth', '10')");
        db.execute("UPDATE tb_post SET title = 'fine' WHERE pk_post = 1");
        assertConsistent(db);
    }

    @Test
    @Raises("TV060")
    void invalidSettingsAndModesAreRefusedWithTv060() throws SQLException {
        for (String call : new String[] {"pg_tviews_set('no_such_setting', '1')",
                "pg_tviews_set('default_refresh_mode', 'lazy')", "pg_tviews_set('max_cascade_depth', '-1')",
                "pg_tviews_set_refresh_mode('tv_post', 'sometimes')"}) {
            assertThatThrownBy(() -> db.execute("SELECT " + call))
                    .isInstanceOf(PSQLException.class)
                    .satisfies(e -> assertThat(((PSQLException) e).getSQLState()).isEqualTo("TV060"));
        }
        assertThat(db.column("SELECT value FROM pg_tviews_settings ORDER BY name")).containsExactly("immediate", "off", "10", "on");
        assertThat(db.column("SELECT DISTINCT refresh_mode FROM pg_tview_meta")).containsExactly("immediate");
    }

    @Test
    void newTviewsTakeTheDefaultRefreshMode() throws SQLException {
        db.execute("SELECT pg_tviews_set('default_refresh_mode', 'deferred')");
        db.execute("CREATE TABLE tb_tag (pk_tag serial PRIMARY KEY, id uuid NOT NULL DEFAULT gen_random_uuid(), label text)");
        db.execute("SELECT pg_tviews_create('tv_tag', $$ SELECT pk_tag, id, jsonb_build_object('label', label) AS data FROM tb_tag $$)");
        assertThat(db.scalar("SELECT refresh_mode FROM pg_tview_meta WHERE entity = 'tag'")).isEqualTo("deferred");
    }

    @Test
    void manualCascadeRecomputesEverythingThatDependsOnOneRow() throws SQLException {
        // Simulate drift that no trigger saw, then repair it from the base row.
        db.execute("ALTER TABLE tb_user DISABLE TRIGGER USER");
        db.execute("UPDATE tb_user SET name = 'drifted' WHERE pk_user = 2");
        db.execute("ALTER TABLE tb_user ENABLE TRIGGER USER");
        assertThat(db.query("SELECT * FROM pg_tviews_verify()")).isNotEmpty();

        Object queued = db.scalar("SELECT pg_tviews_cascade('tb_user'::regclass, 2)");

        assertThat(queued).isEqualTo(2);  // user 2 as a lineage item of tv_post (author) and of tv_comment (commenter)
        assertConsistent(db);
    }

    /** Every post of user 1 shows the author's name (nothing was lost), and every TVIEW equals its view. */
    private void assertUser1ShownAs(String name) throws SQLException {
        assertThat(db.scalar("SELECT count(*) FROM tv_post WHERE data->'author'->>'name' = '" + name + "'"))
                .isEqualTo(db.scalar("SELECT count(*) FROM tb_post WHERE fk_user = 1"));
        assertConsistent(db);
    }
}
