package io.tviewstudio.core.runtime;

import io.tviewstudio.core.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;

import java.sql.Connection;
import java.sql.SQLException;

import static io.tviewstudio.core.runtime.RefreshPaths.DIRECT_BEGIN;
import static io.tviewstudio.core.runtime.RefreshPaths.HANDED_OVER;
import static io.tviewstudio.core.runtime.RefreshPaths.QUEUE_FLUSH;
import static io.tviewstudio.core.runtime.RefreshPaths.calls;
import static io.tviewstudio.core.runtime.RefreshPaths.metric;
import static io.tviewstudio.core.runtime.RefreshPaths.tracked;
import static io.tviewstudio.core.testing.TviewAssertions.assertConsistent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A table that two TVIEWs read (issue #18): tb_item, read by tv_item (its rows) and tv_owner (the
 * sum of each owner's items). tv_item's trigger fires first and hands its work over; tv_owner's,
 * the last, locks and refreshes both as one unit, without the queue. Work that no later trigger
 * takes goes to the statement's queue flush. (A busy lock in the unit: isolation spec
 * handover_busy_lock.)
 */
class SharedSourceTest {


    private TestDatabase db;

    @BeforeEach
    void twoReaders() throws SQLException {
        db = TestDatabase.withRuntime();
        db.execute("""
                CREATE TABLE tb_owner (pk_owner integer PRIMARY KEY, id uuid NOT NULL DEFAULT gen_random_uuid(), name text NOT NULL);
                CREATE TABLE tb_item (pk_item integer PRIMARY KEY, id uuid NOT NULL DEFAULT gen_random_uuid(),
                                      fk_owner integer NOT NULL REFERENCES tb_owner, val integer NOT NULL, label text NOT NULL);
                INSERT INTO tb_owner (pk_owner, name) VALUES (1, 'alice'), (2, 'carol');
                INSERT INTO tb_item (pk_item, fk_owner, val, label) VALUES (1, 1, 10, 'lamp'), (2, 1, 20, 'desk'), (3, 2, 30, 'chair');
                SELECT pg_tviews_create('tv_item', $$SELECT i.pk_item, i.id,
                       jsonb_build_object('val', i.val, 'label', i.label) AS data FROM tb_item i$$);
                SELECT pg_tviews_create('tv_owner', $$SELECT o.pk_owner, o.id,
                       jsonb_build_object('name', o.name, 'total', (SELECT sum(i.val) FROM tb_item i WHERE i.fk_owner = o.pk_owner)) AS data
                  FROM tb_owner o$$);
                """);
    }

    @AfterEach
    void close() throws SQLException {
        db.close();
    }

    @Test
    void bothReadersAreRefreshedByTheLastTriggerWithoutTheQueue() throws SQLException {
        long itemRefreshes = metric(db, "refreshes", "item");
        long ownerRefreshes = metric(db, "refreshes", "owner");
        try (Connection session = tracked(db)) {
            TestDatabase.execute(session, "INSERT INTO tb_item (pk_item, fk_owner, val, label) VALUES (4, 2, 5, 'rug')");
            assertThat(calls(session, QUEUE_FLUSH)).isEqualTo(0L);
            assertThat(calls(session, HANDED_OVER)).as("tv_item's work, refreshed by tv_owner's trigger").isEqualTo(1L);
            assertThat(TestDatabase.scalar(session, "SELECT data::text FROM tv_item WHERE pk_item = 4"))
                    .isEqualTo("{\"val\": 5, \"label\": \"rug\"}");
            assertThat(TestDatabase.scalar(session, "SELECT data ->> 'total' FROM tv_owner WHERE pk_owner = 2")).isEqualTo("35");
            assertThat(TestDatabase.scalar(session, "SELECT format('%s %s %s', q->>'total_refreshes', q->>'enqueued', q->>'queue_size') "
                    + "FROM pg_tviews_queue_stats() AS q")).isEqualTo("2 2 0");
            assertThat(TestDatabase.scalar(session, "SELECT current_setting('pg_tviews.handover', true)")).isEqualTo("");
            session.commit();
        }
        assertThat(metric(db, "refreshes", "item")).isEqualTo(itemRefreshes + 1);
        assertThat(metric(db, "refreshes", "owner")).isEqualTo(ownerRefreshes + 1);
        assertConsistent(db);
    }

    /** An upsert fires the UPDATE and then the INSERT triggers: each group hands over to its last. */
    @Test
    void anUpsertAndATruncateAreRefreshedGroupByGroup() throws SQLException {
        try (Connection session = tracked(db)) {
            TestDatabase.execute(session, "INSERT INTO tb_item (pk_item, fk_owner, val, label) VALUES (1, 1, 15, 'lamp'), (9, 2, 1, 'new') "
                    + "ON CONFLICT (pk_item) DO UPDATE SET val = EXCLUDED.val");
            assertThat(calls(session, QUEUE_FLUSH)).isEqualTo(0L);
            assertThat(calls(session, HANDED_OVER)).as("one per trigger group").isEqualTo(2L);
            assertThat(TestDatabase.scalar(session, "SELECT string_agg(pk_owner || ':' || (data ->> 'total'), ' ' ORDER BY pk_owner) "
                    + "FROM tv_owner")).isEqualTo("1:35 2:31");
            assertThat(TestDatabase.scalar(session, "SELECT count(*) FROM tv_item")).isEqualTo(4L);
            session.commit();
        }
        assertConsistent(db);
        db.execute("TRUNCATE tb_item");
        assertThat(db.scalar("SELECT count(*) FROM tv_item")).isEqualTo(0L);
        assertThat(db.scalar("SELECT string_agg(pk_owner || ':' || coalesce(data ->> 'total', '-'), ' ' ORDER BY pk_owner) FROM tv_owner"))
                .isEqualTo("1:- 2:-");
        assertConsistent(db);
    }

    @Test
    void workThatNoLaterTriggerTakesGoesToTheStatementsQueueFlush() throws SQLException {
        try (Connection session = tracked(db)) {
            // Only tv_item reads the label: tv_owner's trigger finds nothing to do and never asks.
            TestDatabase.execute(session, "UPDATE tb_item SET label = 'lamp shade' WHERE pk_item = 1");
            assertThat(calls(session, HANDED_OVER)).isEqualTo(0L);
            assertThat(calls(session, QUEUE_FLUSH)).isEqualTo(1L);
            assertThat(TestDatabase.scalar(session, "SELECT data ->> 'label' FROM tv_item WHERE pk_item = 1")).isEqualTo("lamp shade");
            assertThat(TestDatabase.scalar(session, "SELECT current_setting('pg_tviews.handover', true)")).isEqualTo("");
            assertThat(TestDatabase.scalar(session, "SELECT count(*) FROM pg_tviews_queue")).isEqualTo(0L);
            session.commit();
        }
        assertConsistent(db);
    }

    @Test
    void anErrorInAHandedOverRefreshUndoesTheStatementAndCountsForItsTview() throws SQLException {
        db.execute("ALTER TABLE tv_item ADD CONSTRAINT small_values CHECK ((data ->> 'val')::integer < 1000)");
        long itemErrors = metric(db, "errors", "item");
        long ownerErrors = metric(db, "errors", "owner");
        assertThatThrownBy(() -> db.execute("UPDATE tb_item SET val = 5000 WHERE pk_item = 2"))
                .isInstanceOfSatisfying(PSQLException.class, e -> {
                    assertThat(e.getSQLState()).isEqualTo("23514");
                    assertThat(e.getServerErrorMessage().getMessage())
                            .isEqualTo("new row for relation \"tv_item\" violates check constraint \"small_values\"");
                });
        assertThat(db.scalar("SELECT val FROM tb_item WHERE pk_item = 2")).isEqualTo(20);
        assertThat(db.scalar("SELECT data ->> 'total' FROM tv_owner WHERE pk_owner = 1")).isEqualTo("30");
        assertThat(metric(db, "errors", "item")).isEqualTo(itemErrors + 1);
        assertThat(metric(db, "errors", "owner")).isEqualTo(ownerErrors);
        assertConsistent(db);
    }

    @Test
    void aDeferredReaderWaitsForCommitAndTheOtherIsRefreshedAlone() throws SQLException {
        db.execute("SELECT pg_tviews_set_refresh_mode('tv_item', 'deferred')");
        try (Connection session = tracked(db)) {
            TestDatabase.execute(session, "UPDATE tb_item SET val = 11 WHERE pk_item = 1");
            assertThat(calls(session, HANDED_OVER)).isEqualTo(0L);
            assertThat(calls(session, QUEUE_FLUSH)).isEqualTo(0L);
            assertThat(TestDatabase.scalar(session, "SELECT data ->> 'total' FROM tv_owner WHERE pk_owner = 1")).isEqualTo("31");
            assertThat(TestDatabase.scalar(session, "SELECT data ->> 'val' FROM tv_item WHERE pk_item = 1")).as("deferred").isEqualTo("10");
            session.commit();
        }
        assertThat(db.scalar("SELECT data ->> 'val' FROM tv_item WHERE pk_item = 1")).isEqualTo("11");
        assertConsistent(db);
    }
}
