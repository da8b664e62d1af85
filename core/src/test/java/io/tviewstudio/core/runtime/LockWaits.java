package io.tviewstudio.core.runtime;

import io.tviewstudio.core.testing.TestDatabase;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static io.tviewstudio.core.testing.TviewAssertions.assertConsistent;
import static org.assertj.core.api.Assertions.assertThat;

/** Concurrency scenarios on the blog schema in which one writer must wait for another's locks. */
final class LockWaits {

    private LockWaits() {
    }

    /** Waits until the backend {@code pid} waits for a lock, or fails if the writer finishes or never waits. */
    static void awaitBlocked(TestDatabase db, int pid, CompletableFuture<Void> writer)
            throws SQLException, InterruptedException, ExecutionException, TimeoutException {
        awaitBlocked(db, pid, writer, "true");
    }

    /** As {@link #awaitBlocked(TestDatabase, int, CompletableFuture)}, once {@code condition} (SQL) also holds. */
    static void awaitBlocked(TestDatabase db, int pid, CompletableFuture<Void> writer, String condition)
            throws SQLException, InterruptedException, ExecutionException, TimeoutException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (Instant.now().isBefore(deadline)) {
            if (Boolean.TRUE.equals(db.scalar("SELECT wait_event_type = 'Lock' AND (" + condition + ") "
                    + "FROM pg_stat_activity WHERE pid = " + pid))) {
                return;
            }
            if (writer.isDone()) {
                writer.get(1, TimeUnit.SECONDS);  // surfaces its failure
                throw new AssertionError("the writer finished without waiting");
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the writer never waited");
    }

    /**
     * Deferred mode, post 1 unpublished (its comments by bob and carol left tv_comment): a writer
     * holds something of carol's ({@code carolHolds}, run in an open transaction) while another
     * publishes post 1 again. The publisher's commit-time flush finds carol's comment re-entering
     * only after it holds tv_post key 1; it must not wait there, but roll back its subtransaction
     * (tv_post key 1 free meanwhile), wait, and start again once: one restart, both comments back.
     */
    static void publishingAPostRestartsItsFlushWhileCarolsKeyIsBusy(TestDatabase db, String carolHolds, String why)
            throws Exception {
        for (String tview : db.column("SELECT 'tv_' || entity FROM pg_tview_meta")) {
            db.execute("SELECT pg_tviews_set_refresh_mode('" + tview + "', 'deferred')");
        }
        db.execute("UPDATE tb_post SET published = false WHERE pk_post = 1");  // comments 1 (bob) and 2 (carol) leave
        try (Connection carolsWriter = db.connect(); Connection publisher = db.connect();
             Connection observer = db.connect()) {
            carolsWriter.setAutoCommit(false);
            TestDatabase.execute(carolsWriter, carolHolds);
            publisher.setAutoCommit(false);
            TestDatabase.execute(publisher, "UPDATE tb_post SET published = true WHERE pk_post = 1");
            int publisherPid = ((Number) TestDatabase.scalar(publisher, "SELECT pg_backend_pid()")).intValue();

            CompletableFuture<Void> commit = CompletableFuture.runAsync(() -> {
                try {
                    publisher.commit();
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            // The wait that matters is the one after the restart: before it, the flush's try of
            // carol's guard row also shows as a lock wait, for the 1 ms it may last.
            awaitBlocked(db, publisherPid, commit, "(SELECT flush_restarts FROM pg_tviews_queue_metrics) >= 1");

            observer.setAutoCommit(false);
            assertThat(TestDatabase.scalar(observer,
                    "SELECT pg_tviews__lock_one(hashtext('public.tv_post'), hashint8(1), true, true, false)"))
                    .as("tv_post key 1 is free while the publisher waits for " + why).isEqualTo(true);
            observer.rollback();

            carolsWriter.commit();
            commit.get(30, TimeUnit.SECONDS);
        }
        assertThat(db.scalar("SELECT count(*) FROM tv_comment WHERE fk_post = 1")).isEqualTo(2L);
        assertThat(db.scalar("SELECT flush_restarts FROM pg_tviews_queue_metrics")).as("the restart is counted").isEqualTo(1L);
        assertConsistent(db);
    }
}
