package io.tviewstudio.core.runtime;

import io.tviewstudio.core.testing.BlogSchema;
import io.tviewstudio.core.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

import static io.tviewstudio.core.testing.SqlFailures.assertFails;
import static org.assertj.core.api.Assertions.assertThat;

/** The runtime's metrics: what is counted, what is not (rolled back work, metrics off), and who waits. */
class MetricsRuntimeTest {

    private static final String POST_COUNTERS = """
            SELECT refreshes, rows_inserted, rows_updated, rows_deleted, rows_skipped, enqueued, coalesced,
                   full_rebuilds, latency_count, latency_buckets[17] AS in_inf_bucket
            FROM pg_tviews_metrics WHERE entity = 'post'""";

    private TestDatabase db;

    @BeforeEach
    void createBlog() throws SQLException {
        db = BlogSchema.withTviews();
    }

    @AfterEach
    void close() throws SQLException {
        db.close();
    }

    private Map<String, Object> postCounters() throws SQLException {
        return db.query(POST_COUNTERS).getFirst();
    }

    @Test
    void aFreshRuntimeCountsNothingAndEveryTviewHasARow() throws SQLException {
        assertThat(db.column("SELECT entity || ':' || refreshes FROM pg_tviews_metrics ORDER BY entity"))
                .containsExactly("category:0", "comment:0", "post:0");
    }

    @Test
    void rolledBackWorkIsNotCounted() throws SQLException {
        db.execute("UPDATE tb_post SET title = 'kept' WHERE pk_post = 1");
        Map<String, Object> before = postCounters();
        db.execute("BEGIN; UPDATE tb_post SET title = 'undone' WHERE pk_post = 1; ROLLBACK");
        db.execute("""
                BEGIN;
                UPDATE tb_post SET title = 'kept again' WHERE pk_post = 1;
                SAVEPOINT s;
                UPDATE tb_post SET title = 'undone' WHERE pk_post = 2;
                UPDATE tb_post SET title = 'undone' WHERE pk_post = 3;
                ROLLBACK TO SAVEPOINT s;
                COMMIT""");
        Map<String, Object> after = postCounters();
        assertThat(after.get("refreshes")).isEqualTo((Long) before.get("refreshes") + 1);
        assertThat(after.get("rows_updated")).isEqualTo((Long) before.get("rows_updated") + 1);
        assertThat(after.get("enqueued")).isEqualTo((Long) before.get("enqueued") + 1);
    }

    @Test
    void deferredTviewsCountCoalescedQueueEntries() throws SQLException {
        db.execute("SELECT pg_tviews_set_refresh_mode('tv_post', 'deferred')");
        db.execute("""
                BEGIN;
                UPDATE tb_post SET title = 'a' WHERE pk_post = 1;
                UPDATE tb_post SET title = 'b' WHERE pk_post = 1;
                UPDATE tb_post SET title = 'c' WHERE pk_post IN (1, 2);
                COMMIT""");
        Map<String, Object> post = postCounters();
        assertThat(post.get("refreshes")).isEqualTo(1L);
        assertThat(post.get("enqueued")).isEqualTo(4L);
        assertThat(post.get("coalesced")).isEqualTo(2L);
        assertThat(post.get("rows_updated")).isEqualTo(2L);
        assertThat(post.get("in_inf_bucket")).isEqualTo(1L);
    }

    @Test
    void aFullRefreshCountsAsAFullRebuildWithItsUnchangedRowsSkipped() throws SQLException {
        assertThat(db.scalar("SELECT pg_tviews_refresh('tv_post')")).isEqualTo(0L);
        Map<String, Object> post = postCounters();
        assertThat(post.get("full_rebuilds")).isEqualTo(1L);
        assertThat(post.get("refreshes")).isEqualTo(1L);
        assertThat(post.get("rows_skipped")).isEqualTo(db.scalar("SELECT count(*) FROM tv_post"));
    }

    @Test
    void metricsOffRecordsNothingAndASessionMaySwitchThemOnButNotOff() throws SQLException {
        db.execute("SELECT pg_tviews_set('metrics_enabled', 'off')");
        db.execute("UPDATE tb_post SET title = 'unmeasured' WHERE pk_post = 1");
        assertThat(db.scalar("SELECT count(*) FROM pg_tviews_metrics_counters")).isEqualTo(0L);
        assertThat(db.scalar("SELECT sum(refreshes) FROM pg_tviews_metrics")).isEqualTo(java.math.BigDecimal.ZERO);

        // A session may measure itself while the database does not...
        db.execute("SET pg_tviews.metrics_enabled = on");
        db.execute("UPDATE tb_post SET title = 'measured' WHERE pk_post = 1");
        assertThat(postCounters().get("refreshes")).isEqualTo(1L);

        // ...but not hide its refreshes from the database's metrics.
        db.execute("SELECT pg_tviews_set('metrics_enabled', 'on')");
        db.execute("SET pg_tviews.metrics_enabled = off");
        db.execute("UPDATE tb_post SET title = 'still measured' WHERE pk_post = 1");
        db.execute("RESET pg_tviews.metrics_enabled");
        assertThat(postCounters().get("refreshes")).isEqualTo(2L);
    }

    /**
     * The database-wide value is compiled into a function that the runtime's statements inline as a
     * constant (35_queue.sql): a change, by pg_tviews_set or by the owner's UPDATE of the table,
     * reaches a session whose plans inlined the old value, once the change commits.
     */
    @Test
    void aChangedSettingReachesSessionsThatCachedTheOldValue() throws SQLException {
        try (Connection writer = db.connect()) {
            TestDatabase.execute(writer, "UPDATE tb_post SET title = 'counted' WHERE pk_post = 1");
            assertThat(postCounters().get("refreshes")).isEqualTo(1L);
            try (Connection owner = db.connect()) {
                owner.setAutoCommit(false);
                TestDatabase.execute(owner, "SELECT pg_tviews_set('metrics_enabled', 'off')");
                TestDatabase.execute(writer, "UPDATE tb_post SET title = 'still counted' WHERE pk_post = 1");
                assertThat(postCounters().get("refreshes")).as("not committed yet").isEqualTo(2L);
                owner.commit();
            }
            TestDatabase.execute(writer, "UPDATE tb_post SET title = 'not counted' WHERE pk_post = 1");
            assertThat(postCounters().get("refreshes")).isEqualTo(2L);
            db.execute("UPDATE pg_tviews_settings SET value = 'on' WHERE name = 'metrics_enabled'");
            TestDatabase.execute(writer, "UPDATE tb_post SET title = 'counted again' WHERE pk_post = 1");
            assertThat(postCounters().get("refreshes")).isEqualTo(3L);
        }
        assertThat(db.scalar("SELECT public.pg_tviews__setting('metrics_enabled')")).isEqualTo("on");
        assertThat(db.scalar("SELECT prosrc FROM pg_proc WHERE proname = 'pg_tviews__setting_metrics_enabled'"))
                .isEqualTo("SELECT 'on'::text");
    }

    @Test
    @Raises("TV060")
    void invalidMetricsSettingsAreRejectedAndChangeNothing() throws SQLException {
        assertFails(() -> db.execute("SELECT pg_tviews_set('metrics_enabled', 'yes')"), "TV060",
                "invalid value 'yes' for setting metrics_enabled");
        assertThat(db.scalar("SELECT value FROM pg_tviews_settings WHERE name = 'metrics_enabled'")).isEqualTo("on");

        db.execute("SET pg_tviews.metrics_enabled = maybe");
        assertFails(() -> db.execute("UPDATE tb_post SET title = 'never' WHERE pk_post = 1"), "TV060",
                "invalid value 'maybe' for setting pg_tviews.metrics_enabled");
        db.execute("RESET pg_tviews.metrics_enabled");
        assertThat(db.scalar("SELECT data->>'title' FROM tv_post WHERE pk_post = 1")).isEqualTo("TVIEWs explained");
        assertThat(db.scalar("SELECT count(*) FROM pg_tviews_metrics_counters")).isEqualTo(0L);
    }

    @Test
    @Raises("TV061")
    void cleanupFoldsRowsOfGoneBackendsWithoutChangingTotalsAndRejectsNegativeDays() throws SQLException {
        try (Connection other = db.connect()) {
            TestDatabase.execute(other, "UPDATE tb_post SET title = 'from a backend that leaves' WHERE pk_post = 1");
        }
        db.execute("UPDATE tb_post SET title = 'from this backend' WHERE pk_post = 1");
        Map<String, Object> before = postCounters();
        assertFails(() -> db.execute("SELECT pg_tviews_cleanup_metrics(-1)"), "TV061", "invalid number of days -1");

        // The other backend may still be exiting: wait until it is gone from pg_stat_activity.
        db.execute("""
                DO $$ BEGIN
                    WHILE (SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()) > 1 LOOP
                        PERFORM pg_sleep(0.01);
                    END LOOP;
                END $$""");
        long removed = (Long) db.scalar("SELECT pg_tviews_cleanup_metrics(0)");
        assertThat(removed).as("the left backend's rows of tv_post, tv_category and tv_comment").isEqualTo(3);
        assertThat(postCounters()).isEqualTo(before);
        assertThat(db.column("SELECT DISTINCT backend_pid = 0 FROM pg_tviews_metrics_counters ORDER BY 1"))
                .as("the left backend's events, folded into backend 0 with its rows").containsExactly("t");
        assertThat(db.scalar("SELECT count(*) FROM pg_tviews_metrics_events WHERE backend_pid <> pg_backend_pid()")).isEqualTo(0L);
        assertThat(db.scalar("SELECT count(*) FROM pg_tviews_metrics_events WHERE backend_pid = pg_backend_pid()"))
                .as("this live backend's events stay").isEqualTo(3L);
    }

    /**
     * A transaction that has recorded metrics stays open; another session's write, which records
     * metrics for the same TVIEWs, commits without waiting. lock_timeout turns any wait on a lock
     * (a shared counter row, say) into an error instead of a hang.
     */
    @Test
    void concurrentWritersDoNotWaitOnEachOthersMetrics() throws SQLException {
        try (Connection first = db.connect(); Connection second = db.connect()) {
            TestDatabase.execute(first, "BEGIN");
            TestDatabase.execute(first, "UPDATE tb_post SET title = 'held open' WHERE pk_post = 1");
            assertThat(TestDatabase.scalar(first, "SELECT count(*) FROM pg_tviews_metrics_events WHERE backend_pid = pg_backend_pid()"))
                    .isEqualTo(3L);

            TestDatabase.execute(second, "SET lock_timeout = '2s'");
            TestDatabase.execute(second, "UPDATE tb_post SET title = 'not waiting' WHERE pk_post = 3");
            assertThat(TestDatabase.scalar(second, "SELECT refreshes FROM pg_tviews_metrics WHERE entity = 'post'"))
                    .as("the second writer's refresh is counted; the open one is not yet").isEqualTo(1L);

            TestDatabase.execute(first, "COMMIT");
        }
        assertThat(postCounters().get("refreshes")).isEqualTo(2L);
        List<String> perBackend = db.column("SELECT count(DISTINCT backend_pid) FROM pg_tviews_metrics_events WHERE entity = 'post'");
        assertThat(perBackend).containsExactly("2");
    }

    /**
     * About one writing transaction in 128 folds its backend's events into its counter rows
     * (pg_tviews__metrics_fold_due); called here directly. The totals, histogram included, do not
     * move; counts a refresh report could forge are kept in range and a latency that is no
     * duration counts as 0, before the fold and after it.
     */
    @Test
    void foldingMovesABackendsEventsIntoItsCounterRowsWithTotalsUnchanged() throws SQLException {
        db.execute("UPDATE tb_post SET title = 'one' WHERE pk_post = 1");
        db.execute("UPDATE tb_post SET title = 'two' WHERE pk_post IN (1, 2)");
        db.execute("INSERT INTO pg_tviews_metrics_events (backend_pid, entity, seconds, keys, reported, deleted, inserted, updated, "
                + "cascades, offered, full_rebuild, at) "
                + "VALUES (pg_backend_pid(), 'post', 'NaN', 1, 9223372036854775807, -5, 0, 0, NULL, 1, false, now())");
        Map<String, Object> before = postCounters();
        assertThat(before.get("refreshes")).isEqualTo(3L);
        assertThat((Long) before.get("rows_skipped")).isGreaterThanOrEqualTo(2147483647L).isLessThan(2147483647L + 10);
        assertThat(before.get("in_inf_bucket")).isEqualTo(3L);
        String latency = "SELECT latency_sum::text || ' ' || latency_buckets[1] FROM pg_tviews_metrics WHERE entity = 'post'";
        String latencyBefore = (String) db.scalar(latency);
        assertThat(latencyBefore).doesNotContain("NaN").endsWith(" 1");

        db.execute("SELECT pg_tviews__metrics_fold(pg_backend_pid())");
        assertThat(db.scalar("SELECT count(*) FROM pg_tviews_metrics_events")).isEqualTo(0L);
        assertThat(db.scalar("SELECT count(*) FROM pg_tviews_metrics_counters WHERE backend_pid = pg_backend_pid()"))
                .as("one row per TVIEW the backend refreshed").isEqualTo(3L);
        assertThat(postCounters()).isEqualTo(before);
        assertThat(db.scalar(latency)).isEqualTo(latencyBefore);

        db.execute("UPDATE tb_post SET title = 'three' WHERE pk_post = 1");
        db.execute("SELECT pg_tviews__metrics_fold(pg_backend_pid())");
        assertThat(postCounters().get("refreshes")).isEqualTo(4L);
        assertThat(db.scalar("SELECT count(*) FROM pg_tviews_metrics_counters WHERE backend_pid = pg_backend_pid()"))
                .as("a later fold adds to the same rows").isEqualTo(3L);
    }

    /** A fold held by one of the backend's prepared transactions makes a later fold neither wait nor count twice. */
    @Test
    void aFoldInAPreparedTransactionDoesNotMakeALaterFoldWait() throws SQLException {
        try (Connection session = db.connect()) {
            TestDatabase.execute(session, "SET lock_timeout = '2s'");
            TestDatabase.execute(session, "UPDATE tb_post SET title = 'before' WHERE pk_post = 1");
            TestDatabase.execute(session, "SELECT pg_tviews__metrics_fold(pg_backend_pid())");
            TestDatabase.execute(session, "UPDATE tb_post SET title = 'folded by the prepared one' WHERE pk_post = 1");
            TestDatabase.execute(session, "BEGIN");
            TestDatabase.execute(session, "SELECT pg_tviews__metrics_fold(pg_backend_pid())");
            TestDatabase.execute(session, "PREPARE TRANSACTION 'fold-2pc'");
            TestDatabase.execute(session, "UPDATE tb_post SET title = 'after' WHERE pk_post = 3");
            TestDatabase.execute(session, "SELECT pg_tviews__metrics_fold(pg_backend_pid())");
            assertThat(postCounters().get("refreshes")).as("the prepared fold is not committed yet: its event counts").isEqualTo(3L);
            assertThat(TestDatabase.scalar(session, "SELECT count(*) FROM pg_tviews_metrics_counters "
                    + "WHERE backend_pid = pg_backend_pid() AND entity = 'post'"))
                    .as("the row the prepared fold holds, and a new slot").isEqualTo(2L);
        }
        db.execute("COMMIT PREPARED 'fold-2pc'");
        assertThat(postCounters().get("refreshes")).isEqualTo(3L);
        assertThat(db.scalar("SELECT count(*) FROM pg_tviews_metrics_events")).isEqualTo(0L);
    }

    @Test
    void aPreparedTransactionDoesNotMakeItsBackendWaitOnItsOwnCounterRow() throws SQLException {
        try (Connection session = db.connect()) {
            TestDatabase.execute(session, "SET lock_timeout = '2s'");
            TestDatabase.execute(session, "UPDATE tb_post SET title = 'before' WHERE pk_post = 1");
            TestDatabase.execute(session, "BEGIN");
            TestDatabase.execute(session, "UPDATE tb_post SET title = 'prepared' WHERE pk_post = 1");
            TestDatabase.execute(session, "PREPARE TRANSACTION 'metrics-2pc'");
            TestDatabase.execute(session, "UPDATE tb_post SET title = 'after' WHERE pk_post = 3");
        }
        assertThat(postCounters().get("refreshes")).as("the prepared refresh is not committed yet").isEqualTo(2L);
        db.execute("COMMIT PREPARED 'metrics-2pc'");
        assertThat(postCounters().get("refreshes")).isEqualTo(3L);
    }
}
