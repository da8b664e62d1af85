package io.tviewstudio.core.runtime;

import io.tviewstudio.core.install.RuntimeInstaller;
import io.tviewstudio.core.testing.Resources;
import io.tviewstudio.core.testing.TestDatabase;
import io.tviewstudio.core.testing.TviewAssertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

import static io.tviewstudio.core.testing.SqlFailures.serverError;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The role model of docs/reference/security.md, one test per role, each checking what the role
 * can do and that it can do no more: the owner (installs the runtime, owns tb_ tables and TVIEWs),
 * the application writer (writes tb_ tables only), the reader (reads the tv_ tables it was granted)
 * and the monitor (pg_monitor: the monitoring views, no row of data).
 */
class RoleModelTest {

    private TestDatabase db;
    private String owner;
    private String writer;
    private String reader;
    private String monitor;

    @BeforeEach
    void createRoles() throws SQLException {
        db = TestDatabase.empty();
        owner = "owner_" + db.name();
        writer = "writer_" + db.name();
        reader = "reader_" + db.name();
        monitor = "monitor_" + db.name();
        db.execute("CREATE ROLE " + owner + " LOGIN");
        db.execute("CREATE ROLE " + writer + " LOGIN");
        db.execute("CREATE ROLE " + reader + " LOGIN");
        db.execute("CREATE ROLE " + monitor + " LOGIN IN ROLE pg_monitor");
        db.execute("ALTER SCHEMA public OWNER TO " + owner);
        db.execute("REVOKE CREATE ON SCHEMA public FROM PUBLIC");
        try (Connection asOwner = db.connectAs(owner)) {
            RuntimeInstaller.install(asOwner);
            TestDatabase.execute(asOwner, Resources.text("schemas/blog.sql"));
            TestDatabase.execute(asOwner, Resources.text("schemas/blog-tviews.sql"));
            // The grants of docs/reference/security.md.
            TestDatabase.execute(asOwner, """
                    GRANT USAGE ON SCHEMA public TO %1$s, %2$s, %3$s;
                    GRANT SELECT, INSERT, UPDATE, DELETE ON tb_user, tb_category, tb_post, tb_comment TO %1$s;
                    GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO %1$s;
                    GRANT SELECT ON tv_post, tv_category TO %2$s;
                    """.formatted(writer, reader, monitor));
        }
    }

    @AfterEach
    void close() throws SQLException {
        db.close();
    }

    @Test
    void ownerManagesTviewsAndSettings() throws SQLException {
        try (Connection asOwner = db.connectAs(owner)) {
            TestDatabase.execute(asOwner, "SELECT pg_tviews_set('max_cascade_depth', '12')");
            TestDatabase.execute(asOwner, "SELECT pg_tviews_set_refresh_mode('tv_category', 'deferred')");
            TestDatabase.execute(asOwner, "SELECT pg_tviews_drop('tv_comment')");
            TestDatabase.execute(asOwner, "SELECT pg_tviews_refresh()");
            assertThat(TestDatabase.query(asOwner, "SELECT * FROM pg_tviews_verify(NULL, true)")).isEmpty();
            assertThat(TestDatabase.scalar(asOwner, "SELECT pg_tviews_cleanup_metrics(0)")).isNotNull();
            assertThat(TestDatabase.query(asOwner, "SELECT status FROM pg_tviews_health_check() WHERE status <> 'OK'")).isEmpty();
        }
    }

    @Test
    void writerWritesBaseTablesAndNothingElse() throws SQLException {
        try (Connection app = db.connectAs(writer)) {
            TestDatabase.execute(app, "INSERT INTO tb_post (fk_user, fk_category, title) VALUES (2, 1, 'By the app')");
            TestDatabase.execute(app, "UPDATE tb_user SET name = 'Bob' WHERE pk_user = 2");
            TestDatabase.execute(app, "DELETE FROM tb_comment WHERE pk_comment = 1");
            for (String denied : List.of(
                    "SELECT count(*) FROM tv_post",
                    "SELECT count(*) FROM v_post",
                    "UPDATE tv_post SET data = '{}'",
                    "SELECT count(*) FROM pg_tviews_queue",
                    "SELECT count(*) FROM pg_tviews_lock_guard",
                    "SELECT count(*) FROM pg_tviews_metrics",
                    "SELECT count(*) FROM pg_tviews_queue_realtime",
                    "SELECT pg_tviews_set('max_cascade_depth', '0')",
                    "SELECT pg_tviews_cleanup_metrics(0)",
                    "SELECT * FROM pg_tviews_verify('tv_post')",
                    "SELECT pg_tviews_refresh_post(ARRAY[1::bigint])",
                    "CREATE TABLE tb_mine (pk_mine integer)")) {
                assertThat(serverError(() -> TestDatabase.execute(app, denied)).getSQLState()).as(denied).isEqualTo("42501");
            }
            // Not its TVIEWs: nothing to drop or switch, and no schema to create one in.
            assertThat(serverError(() -> TestDatabase.execute(app, "SELECT pg_tviews_drop('tv_comment')")).getSQLState())
                    .isIn("TV050", "42501");
            assertThat(serverError(() -> TestDatabase.execute(app, "SELECT pg_tviews_set_refresh_mode('tv_post', 'deferred')"))
                    .getSQLState()).isEqualTo("TV050");
            assertThat(serverError(() -> TestDatabase.execute(app, "SELECT pg_tviews_refresh('tv_post')")).getMessage())
                    .isEqualTo("cannot refresh TVIEW public.tv_post: public.tv_post is not owned by " + writer);
            assertThat(serverError(() -> TestDatabase.execute(app, "SELECT pg_tviews_create('tv_mine', "
                    + "'SELECT u.pk_user AS pk_mine, u.id, jsonb_build_object(''n'', u.name) AS data FROM tb_user u')"))
                    .getSQLState()).isEqualTo("TV050");
        }
        assertThat(db.scalar("SELECT value FROM pg_tviews_settings WHERE name = 'max_cascade_depth'")).isEqualTo("10");
        assertThat(db.column("SELECT entity FROM pg_tview_meta ORDER BY 1")).containsExactly("category", "comment", "post");
        assertThat(db.scalar("SELECT data->'author'->>'name' FROM tv_post WHERE data->>'title' = 'By the app'")).isEqualTo("Bob");
        TviewAssertions.assertConsistent(db);
    }

    @Test
    void readerReadsTheGrantedTviewsOnly() throws SQLException {
        try (Connection asReader = db.connectAs(reader)) {
            assertThat(TestDatabase.scalar(asReader, "SELECT count(*) FROM tv_post")).isEqualTo(3L);
            assertThat(TestDatabase.scalar(asReader, "SELECT count(*) FROM tv_category")).isEqualTo(3L);
            // The catalog is public, as pg_views is: names, definitions and lineage, never rows.
            assertThat(TestDatabase.scalar(asReader, "SELECT count(*) FROM pg_tview_meta")).isEqualTo(3L);
            for (String denied : List.of(
                    "SELECT count(*) FROM tv_comment",
                    "SELECT count(*) FROM v_post",
                    "SELECT count(*) FROM tb_user",
                    "INSERT INTO tv_post SELECT * FROM tv_post LIMIT 0",
                    "UPDATE tv_category SET data = '{}'",
                    "SELECT * FROM pg_tviews_verify('tv_post')",
                    "SELECT * FROM pg_tviews_verify('tv_comment')",
                    "SELECT pg_tviews_cascade('tb_user'::regclass, 1)",
                    "SELECT count(*) FROM pg_tviews_metrics",
                    "SELECT count(*) FROM pg_tviews_cache_stats",
                    "SELECT count(*) FROM pg_tviews_queue_metrics",
                    "SELECT count(*) FROM pg_tviews_queue_realtime",
                    "SELECT count(*) FROM pg_tviews_metrics_counters",
                    "SELECT count(*) FROM pg_tviews_metrics_events")) {
                assertThat(serverError(() -> TestDatabase.execute(asReader, denied)).getSQLState()).as(denied).isEqualTo("42501");
            }
            assertThat(serverError(() -> TestDatabase.execute(asReader, "SELECT pg_tviews_refresh('tv_post')")).getSQLState())
                    .isEqualTo("TV050");
            // What the reader's own transaction queued, and nothing else.
            assertThat(TestDatabase.scalar(asReader, "SELECT pg_tviews_debug_queue()::text")).isEqualTo("[]");
        }
    }

    @Test
    void monitorReadsMonitoringViewsButNoData() throws SQLException {
        db.execute("UPDATE tb_user SET name = 'Alice' WHERE pk_user = 1");  // some refreshes to count
        try (Connection asMonitor = db.connectAs(monitor)) {
            assertThat(TestDatabase.scalar(asMonitor, "SELECT sum(refreshes) FROM pg_tviews_metrics")).isNotNull();
            assertThat(TestDatabase.scalar(asMonitor, "SELECT count(*) FROM pg_tviews_cache_stats")).isNotEqualTo(0L);
            assertThat(TestDatabase.scalar(asMonitor, "SELECT open_transactions FROM pg_tviews_queue_metrics")).isEqualTo(0);
            assertThat(TestDatabase.scalar(asMonitor, "SELECT count(*) FROM pg_tviews_performance_summary")).isEqualTo(3L);
            assertThat(TestDatabase.query(asMonitor, "SELECT status FROM pg_tviews_health_check() WHERE status <> 'OK'")).isEmpty();
            for (String denied : List.of(
                    "SELECT count(*) FROM tv_post",
                    "SELECT count(*) FROM v_post",
                    "SELECT count(*) FROM tb_post",
                    "SELECT count(*) FROM pg_tviews_queue",
                    "SELECT count(*) FROM pg_tviews_queue_realtime",
                    "SELECT * FROM pg_tviews_verify()",
                    "SELECT pg_tviews_cleanup_metrics(0)",
                    "SELECT pg_tviews_set('metrics_enabled', 'off')")) {
                assertThat(serverError(() -> TestDatabase.execute(asMonitor, denied)).getSQLState()).as(denied).isEqualTo("42501");
            }
        }
    }
}
