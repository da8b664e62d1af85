package io.tviewstudio.core.runtime;

import io.tviewstudio.core.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.tviewstudio.core.runtime.RefreshPaths.DIRECT_BEGIN;
import static io.tviewstudio.core.runtime.RefreshPaths.QUEUE_FLUSH;
import static io.tviewstudio.core.runtime.RefreshPaths.calls;
import static io.tviewstudio.core.runtime.RefreshPaths.metric;
import static io.tviewstudio.core.runtime.RefreshPaths.tracked;
import static io.tviewstudio.core.testing.TviewAssertions.assertConsistent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The direct path beyond a TVIEW's root table (issue #18): a statement on a parent table that only
 * one TVIEW reads is refreshed by that TVIEW's trigger (the parent keys locked, then resolved into
 * the rows that read them), and a cascade to the TVIEWs that read a TVIEW runs inside the
 * parent's direct refresh, without the queue and its flush. Chain: company
 * -> user (embeds its company) -> post (embeds its author, shown only while the author is active,
 * and its category, a base table that only tv_post reads).
 */
class DirectCascadeTest {

    private TestDatabase db;

    @BeforeEach
    void chain() throws SQLException {
        db = TestDatabase.withRuntime();
        db.execute("""
                CREATE TABLE tb_company (pk_company integer PRIMARY KEY, id uuid NOT NULL DEFAULT gen_random_uuid(), name text NOT NULL);
                CREATE TABLE tb_user (pk_user integer PRIMARY KEY, id uuid NOT NULL DEFAULT gen_random_uuid(),
                                      fk_company integer NOT NULL REFERENCES tb_company, name text NOT NULL,
                                      active boolean NOT NULL DEFAULT true);
                CREATE TABLE tb_category (pk_category integer PRIMARY KEY, id uuid NOT NULL DEFAULT gen_random_uuid(), name text NOT NULL);
                CREATE TABLE tb_post (pk_post integer PRIMARY KEY, id uuid NOT NULL DEFAULT gen_random_uuid(),
                                      fk_user integer NOT NULL REFERENCES tb_user,
                                      fk_category integer NOT NULL REFERENCES tb_category, title text NOT NULL);
                CREATE INDEX ON tb_user (fk_company);
                CREATE INDEX ON tb_post (fk_user);
                CREATE INDEX ON tb_post (fk_category);
                INSERT INTO tb_company (pk_company, name) VALUES (1, 'acme'), (2, 'globex');
                INSERT INTO tb_user (pk_user, fk_company, name, active) VALUES (1, 1, 'alice', true), (2, 2, 'bob', true),
                                                                               (3, 1, 'carol', false);
                INSERT INTO tb_category (pk_category, name) VALUES (1, 'news'), (2, 'howto');
                INSERT INTO tb_post (pk_post, fk_user, fk_category, title)
                VALUES (1, 1, 1, 'p1'), (2, 2, 2, 'p2'), (3, 1, 2, 'p3'), (4, 3, 1, 'p4'), (5, 3, 2, 'p5');
                SELECT pg_tviews_create('tv_company', $$SELECT c.pk_company, c.id, jsonb_build_object('name', c.name) AS data FROM tb_company c$$);
                SELECT pg_tviews_create('tv_user', $$SELECT u.pk_user, u.id, u.fk_company,
                       jsonb_build_object('name', u.name, 'active', u.active, 'company', tc.data) AS data
                  FROM tb_user u JOIN tv_company tc ON tc.pk_company = u.fk_company$$);
                SELECT pg_tviews_create('tv_post', $$SELECT p.pk_post, p.id, p.fk_user, p.fk_category,
                       jsonb_build_object('title', p.title, 'author', tu.data, 'category', c.name) AS data
                  FROM tb_post p JOIN tv_user tu ON tu.pk_user = p.fk_user JOIN tb_category c ON c.pk_category = p.fk_category
                 WHERE (tu.data ->> 'active')::boolean$$);
                """);
    }

    @AfterEach
    void close() throws SQLException {
        db.close();
    }

    private static String posts(Connection session) throws SQLException {
        return (String) TestDatabase.scalar(session, "SELECT string_agg(format('%s:%s/%s/%s', pk_post, data #>> '{author,name}', "
                + "data #>> '{author,company,name}', data ->> 'category'), ' ' ORDER BY pk_post) FROM tv_post");
    }

    @Test
    void aParentRowChangeIsRefreshedInItsStatementWithoutTheQueueFlush() throws SQLException {
        try (Connection session = tracked(db)) {
            TestDatabase.execute(session, "UPDATE tb_category SET name = 'breaking' WHERE pk_category = 1");
            assertThat(posts(session)).isEqualTo("1:alice/acme/breaking 2:bob/globex/howto 3:alice/acme/howto");
            assertThat(calls(session, QUEUE_FLUSH)).isEqualTo(0L);
            assertThat(calls(session, DIRECT_BEGIN)).isEqualTo(1L);
            assertThat(TestDatabase.scalar(session, "SELECT format('%s %s %s', q->>'lineage_items', q->>'refreshed_keys', q->>'queue_size') "
                    + "FROM pg_tviews_queue_stats() AS q")).isEqualTo("1 1 0");
            session.commit();
        }
        assertConsistent(db);
    }

    @Test
    void aCascadeRunsInsideTheDirectRefreshOfItsParent() throws SQLException {
        long companyRefreshes = metric(db, "refreshes", "company");
        long userRefreshes = metric(db, "refreshes", "user");
        long postRefreshes = metric(db, "refreshes", "post");
        try (Connection session = tracked(db)) {
            TestDatabase.execute(session, "UPDATE tb_company SET name = 'acme corp' WHERE pk_company = 1");
            assertThat(posts(session)).isEqualTo("1:alice/acme corp/news 2:bob/globex/howto 3:alice/acme corp/howto");
            assertThat(calls(session, QUEUE_FLUSH)).isEqualTo(0L);
            assertThat(calls(session, DIRECT_BEGIN)).as("company, then user and post nested").isEqualTo(3L);
            // A user who is no longer active leaves tv_post through the nested refresh; one who is
            // becomes visible with the company name of this transaction.
            TestDatabase.execute(session, "UPDATE tb_user SET active = NOT active WHERE pk_user IN (1, 3)");
            assertThat(posts(session)).isEqualTo("2:bob/globex/howto 4:carol/acme corp/news 5:carol/acme corp/howto");
            assertThat(calls(session, QUEUE_FLUSH)).isEqualTo(0L);
            session.commit();
        }
        assertThat(metric(db, "refreshes", "company")).isEqualTo(companyRefreshes + 1);
        assertThat(metric(db, "refreshes", "user")).isEqualTo(userRefreshes + 2);
        assertThat(metric(db, "refreshes", "post")).isEqualTo(postRefreshes + 2);
        assertThat(metric(db, "cascades", "company")).as("the one user of acme it cascaded to").isEqualTo(1L);
        assertConsistent(db);
    }

    @Test
    void aFailingNestedRefreshIsCountedForItsOwnTviewAndUndoesTheWholeStatement() throws SQLException {
        db.execute("ALTER TABLE tv_post ADD CONSTRAINT short_company CHECK (length(data #>> '{author,company,name}') < 10)");
        String before = posts(db.connection());
        long userErrors = metric(db, "errors", "user");
        long companyErrors = metric(db, "errors", "company");
        long postErrors = metric(db, "errors", "post");
        assertThatThrownBy(() -> db.execute("UPDATE tb_company SET name = 'acme incorporated' WHERE pk_company = 1"))
                .isInstanceOfSatisfying(PSQLException.class, e -> {
                    assertThat(e.getSQLState()).isEqualTo("23514");
                    assertThat(e.getServerErrorMessage().getMessage())
                            .isEqualTo("new row for relation \"tv_post\" violates check constraint \"short_company\"");
                });
        assertThat(db.scalar("SELECT name FROM tb_company WHERE pk_company = 1")).isEqualTo("acme");
        assertThat(db.scalar("SELECT data #>> '{company,name}' FROM tv_user WHERE pk_user = 1")).isEqualTo("acme");
        assertThat(posts(db.connection())).isEqualTo(before);
        assertThat(metric(db, "errors", "post")).isEqualTo(postErrors + 1);
        assertThat(metric(db, "errors", "user")).isEqualTo(userErrors);
        assertThat(metric(db, "errors", "company")).isEqualTo(companyErrors);
        assertConsistent(db);
    }

    /**
     * A TVIEW's table that two TVIEWs read (tv_user: tv_post and tv_badge) gets both cascades
     * nested, one after the other, without the queue. (A base table that two TVIEWs read goes
     * through the queue: TransactionSemanticsTest.)
     */
    @Test
    void aCascadeToSeveralReadersRunsNestedForEach() throws SQLException {
        db.execute("""
                CREATE TABLE tb_badge (pk_badge integer PRIMARY KEY, id uuid NOT NULL DEFAULT gen_random_uuid(),
                                       fk_user integer NOT NULL REFERENCES tb_user, label text NOT NULL);
                INSERT INTO tb_badge (pk_badge, fk_user, label) VALUES (1, 1, 'first post'), (2, 2, 'helper');
                SELECT pg_tviews_create('tv_badge', $$SELECT b.pk_badge, b.id, b.fk_user,
                       jsonb_build_object('label', b.label, 'holder', tu.data) AS data
                  FROM tb_badge b JOIN tv_user tu ON tu.pk_user = b.fk_user$$);
                """);
        String badges = "SELECT string_agg(format('%s:%s/%s', pk_badge, data #>> '{holder,name}', data #>> '{holder,company,name}'), "
                + "' ' ORDER BY pk_badge) FROM tv_badge";
        try (Connection session = tracked(db)) {
            TestDatabase.execute(session, "UPDATE tb_company SET name = 'acme corp' WHERE pk_company = 1");
            assertThat(calls(session, QUEUE_FLUSH)).isEqualTo(0L);
            assertThat(calls(session, DIRECT_BEGIN)).as("company, user, then post and badge nested").isEqualTo(4L);
            assertThat(posts(session)).isEqualTo("1:alice/acme corp/news 2:bob/globex/howto 3:alice/acme corp/howto");
            assertThat(TestDatabase.scalar(session, badges)).isEqualTo("1:alice/acme corp 2:bob/globex");
            session.commit();
        }
        assertConsistent(db);
    }

    /**
     * A row entering tv_post through a nested refresh (its author became active) reads a category
     * that no queued change named; a concurrent transaction holds that category's refresh lock. The
     * nested refresh only tries it, the work falls back to the statement's queue flush, which waits
     * for that lock first and starts again: the entering rows show the other transaction's rename.
     */
    @Test
    void aBusyParentOfARowEnteringThroughANestedRefreshIsWaitedForAndMissesNothing() throws Exception {
        long restarts = ((Number) db.scalar("SELECT coalesce(flush_restarts, 0) FROM pg_tviews_queue_metrics")).longValue();
        try (Connection renamer = db.connect(); Connection activator = db.connect()) {
            renamer.setAutoCommit(false);
            TestDatabase.execute(renamer, "UPDATE tb_category SET name = 'renamed' WHERE pk_category = 2");
            int activatorPid = ((Number) TestDatabase.scalar(activator, "SELECT pg_backend_pid()")).intValue();
            CompletableFuture<Void> activating = CompletableFuture.runAsync(() -> {
                try {
                    TestDatabase.execute(activator, "UPDATE tb_user SET active = true WHERE pk_user = 3");
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            Object waitingFor = null;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (waitingFor == null && !activating.isDone() && System.nanoTime() < deadline) {
                waitingFor = db.scalar("SELECT wait_event_type FROM pg_stat_activity WHERE pid = " + activatorPid
                        + " AND wait_event_type = 'Lock'");
            }
            assertThat(waitingFor).as("the activation waits for the renamer's category lock").isEqualTo("Lock");
            renamer.commit();
            activating.get(20, TimeUnit.SECONDS);
        }
        assertThat(posts(db.connection()))
                .isEqualTo("1:alice/acme/news 2:bob/globex/renamed 3:alice/acme/renamed 4:carol/acme/news 5:carol/acme/renamed");
        assertThat(((Number) db.scalar("SELECT coalesce(flush_restarts, 0) FROM pg_tviews_queue_metrics")).longValue())
                .isGreaterThan(restarts);
        assertConsistent(db);
    }
}
