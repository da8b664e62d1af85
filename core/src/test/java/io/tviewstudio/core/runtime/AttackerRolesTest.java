package io.tviewstudio.core.runtime;

import io.tviewstudio.core.install.RuntimeInstaller;
import io.tviewstudio.core.testing.Resources;
import io.tviewstudio.core.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.util.ServerErrorMessage;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

import static io.tviewstudio.core.testing.SqlFailures.assertFails;
import static io.tviewstudio.core.testing.SqlFailures.serverError;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The runtime installed by a non-superuser database owner (docs/reference/managed-postgresql.md),
 * attacked as issue #17 describes, by three roles: {@code mallory} has nothing but PUBLIC's CONNECT
 * and TEMP; {@code bob} owns a schema and a TVIEW of his own; {@code app_writer} has only DML on the
 * tb_ tables. Every attack must be refused with a clear error, change nothing, and leave
 * pg_tviews_verify() clean; a superuser running the health check afterwards runs nothing of theirs.
 */
class AttackerRolesTest {

    private static final String BREAKOUT = "\nBEGIN END$fn$;GRANT ALL ON public.tb_user TO %s;SELECT $fn$";

    private TestDatabase db;
    private String owner;
    private String mallory;
    private String bob;
    private String appWriter;

    @BeforeEach
    void installAsDatabaseOwner() throws SQLException {
        db = TestDatabase.empty();
        owner = "dbowner_" + db.name();
        mallory = "mallory_" + db.name();
        bob = "bob_" + db.name();
        appWriter = "app_writer_" + db.name();
        for (String role : List.of(owner, mallory, bob, appWriter)) {
            db.execute("CREATE ROLE " + role + " LOGIN NOSUPERUSER NOCREATEROLE NOCREATEDB");
        }
        db.execute("ALTER DATABASE " + db.name() + " OWNER TO " + owner);
        db.execute("ALTER SCHEMA public OWNER TO " + owner);
        db.execute("CREATE SCHEMA b AUTHORIZATION " + bob);
        try (Connection asOwner = db.connectAs(owner)) {
            RuntimeInstaller.install(asOwner);
            TestDatabase.execute(asOwner, Resources.text("schemas/blog.sql"));
            TestDatabase.execute(asOwner, Resources.text("schemas/blog-tviews.sql"));
            TestDatabase.execute(asOwner, "GRANT SELECT, INSERT, UPDATE, DELETE ON tb_user, tb_category, tb_post, tb_comment TO " + appWriter);
            TestDatabase.execute(asOwner, "GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO " + appWriter);
            TestDatabase.execute(asOwner, "SELECT pg_tviews_set('isolation_guard', 'on')");
        }
        // The runtime's owner may use bob's schema (TV051), as the documentation tells bob to grant.
        db.execute("GRANT USAGE ON SCHEMA b TO " + owner);
        try (Connection asBob = db.connectAs(bob)) {
            TestDatabase.execute(asBob, """
                    CREATE TABLE b.tb_note (pk_note integer PRIMARY KEY, id uuid NOT NULL DEFAULT gen_random_uuid(), body text);
                    INSERT INTO b.tb_note (pk_note, body) VALUES (1, 'mine');
                    CREATE SEQUENCE b.calls;
                    GRANT USAGE ON SEQUENCE b.calls TO PUBLIC;
                    GRANT USAGE ON SCHEMA b TO PUBLIC;
                    SELECT pg_tviews_create('b.tv_note', $$SELECT n.pk_note, n.id, jsonb_build_object('body', n.body) AS data FROM b.tb_note n$$);
                    """);
        }
    }

    @AfterEach
    void closeDatabase() throws SQLException {
        db.close();
    }

    @Test
    void malloryCannotWriteAnyRuntimeTable() throws SQLException {
        Map<String, Object> before = catalogState();
        try (Connection asMallory = db.connectAs(mallory)) {
            TestDatabase.execute(asMallory, """
                    CREATE TEMP TABLE tv_x (pk_x integer PRIMARY KEY, id uuid, data jsonb);
                    CREATE TEMP VIEW v_x AS SELECT 1 AS pk_x, NULL::uuid AS id, '{}'::jsonb AS data""");
            for (String table : List.of("pg_tview_meta", "pg_tview_source", "pg_tviews_queue", "pg_tviews_lock_guard",
                    "pg_tviews_metrics_counters", "pg_tviews_metrics_events", "pg_tview_audit_log", "pg_tviews_settings",
                    "pg_tviews_commit_hook")) {
                ServerErrorMessage error = serverError(() -> TestDatabase.execute(asMallory,
                        "DELETE FROM public." + table));
                assertThat(error.getSQLState()).as(table).isEqualTo("42501");
                assertThat(error.getMessage()).as(table).isEqualTo("permission denied for table " + table);
            }
            // The forged row of the issue: a temporary table, a two-statement definition.
            assertThat(serverError(() -> TestDatabase.execute(asMallory, """
                    INSERT INTO public.pg_tview_meta (entity, schema_name, view_oid, table_oid, definition, pk_column, refresh_function)
                    VALUES ('x', 'public', 'pg_temp.v_x', 'pg_temp.tv_x', 'SELECT 1; COPY (SELECT 1) TO PROGRAM ''id''',
                            'pk_x', 'public.pg_tviews_refresh_x')""")).getSQLState()).isEqualTo("42501");
            // Through the API's own door: a temporary relation proves nothing.
            assertFails(() -> TestDatabase.execute(asMallory, "SELECT pg_tviews__prove_owner('pg_temp.v_x', 'create TVIEW tv_x', 'SELECT 1')"),
                    "TV050", "cannot create TVIEW tv_x: " + tempName(asMallory, "v_x") + " is a temporary relation");
            assertThat(serverError(() -> TestDatabase.execute(asMallory,
                    "INSERT INTO public.pg_tviews_caller_proof (rel, definition) VALUES ('pg_temp.v_x'::regclass, 'SELECT 1')"))
                    .getMessage()).isEqualTo("new row violates row-level security policy for table \"pg_tviews_caller_proof\"");
            assertFails(() -> TestDatabase.execute(asMallory, "SELECT pg_tviews__register('pg_temp.v_x', 'pg_temp.tv_x')"),
                    "TV050", "cannot record " + tempName(asMallory, "v_x") + " and " + tempName(asMallory, "tv_x") + " as a TVIEW");
            // Nor another role's real objects.
            assertFails(() -> TestDatabase.execute(asMallory, "SELECT pg_tviews__prove_owner('public.v_post', 'drop TVIEW tv_post')"),
                    "TV050", "cannot drop TVIEW tv_post: v_post is not owned by " + mallory);
        }
        assertThat(catalogState()).isEqualTo(before);
        assertSuperuserHealthCheckRunsNothing();
    }

    @Test
    void lineageRowsCannotBeDeletedByAnyOtherRole() throws SQLException {
        for (String role : List.of(mallory, bob, appWriter)) {
            try (Connection as = db.connectAs(role)) {
                assertThat(serverError(() -> TestDatabase.execute(as, "DELETE FROM pg_tview_source WHERE entity = 'post'"))
                        .getMessage()).as(role).isEqualTo("permission denied for table pg_tview_source");
                assertThat(serverError(() -> TestDatabase.execute(as, "UPDATE pg_tview_meta SET refresh_mode = 'deferred'"))
                        .getMessage()).as(role).isEqualTo("permission denied for table pg_tview_meta");
            }
        }
        assertThat(db.scalar("SELECT count(*) FROM pg_tview_source WHERE entity = 'post'")).isEqualTo(2L);
        db.execute("UPDATE tb_user SET name = 'alicia' WHERE pk_user = 1");
        assertThat(db.scalar("SELECT data #>> '{author,name}' FROM tv_post WHERE pk_post = 1")).isEqualTo("alicia");
        assertVerifiesClean();
    }

    @Test
    void aTableNameCannotBreakOutOfTheGeneratedCode() throws SQLException {
        String evil = BREAKOUT.formatted(bob);
        try (Connection asBob = db.connectAs(bob)) {
            TestDatabase.execute(asBob, String.format("""
                    DO $d$ BEGIN
                        EXECUTE format('CREATE TABLE b.%%I (pk_thing integer PRIMARY KEY, label text)', %1$s);
                        EXECUTE format('INSERT INTO b.%%I VALUES (1, ''one'')', %1$s);
                        EXECUTE format('GRANT SELECT, TRIGGER ON b.%%I TO %2$s', %1$s);
                    END $d$""", literal(evil), owner));
        }
        // The owner's TVIEW reads bob's table through a parent rule: its name appears in the refresh
        // function, the parent-lock and resolve functions, and the trigger function.
        try (Connection asOwner = db.connectAs(owner)) {
            TestDatabase.execute(asOwner, String.format("""
                    DO $d$ BEGIN
                        PERFORM pg_tviews_create('tv_user', format(
                            'SELECT u.pk_user, u.id, 1 AS fk_thing, jsonb_build_object(''label'', t.label) AS data '
                            || 'FROM public.tb_user u JOIN b.%%I t ON t.pk_thing = 1', %1$s));
                    END $d$""", literal(evil)));
            assertThat(TestDatabase.column(asOwner, "SELECT object_kind FROM pg_tviews_generated_sql('tv_user')"))
                    .contains("refresh function", "source triggers");
        }
        assertThat(db.scalar("SELECT has_table_privilege('" + bob + "', 'public.tb_user', 'SELECT')")).isEqualTo(false);
        assertThat(db.scalar("SELECT has_table_privilege('" + bob + "', 'public.tb_user', 'UPDATE')")).isEqualTo(false);
        // And the TVIEW works: a change of bob's row reaches it.
        try (Connection asBob = db.connectAs(bob)) {
            TestDatabase.execute(asBob, String.format("DO $d$ BEGIN EXECUTE format('UPDATE b.%%I SET label = ''uno''', %s); END $d$",
                    literal(evil)));
        }
        assertThat(db.column("SELECT DISTINCT data ->> 'label' FROM tv_user")).containsExactly("uno");
        assertVerifiesClean();
    }

    @Test
    void aDefinitionIsOneSelectAsPostgresqlParsesIt() throws SQLException {
        db.execute("CREATE TABLE canary (x integer); GRANT INSERT ON canary TO " + owner);
        Map<String, Object> before = catalogState();
        try (Connection asOwner = db.connectAs(owner)) {
            for (String definition : List.of(
                    "SELECT pk_user AS pk_sneak, id, '{}'::jsonb AS data FROM tb_user WHERE name <> E'\\''; INSERT INTO canary VALUES (1); --'",
                    "SELECT pk_user AS pk_sneak, id, '{}'::jsonb AS data, 1 AS a$q$ FROM tb_user; INSERT INTO canary VALUES (2); SELECT 1 AS b$q$",
                    "SELECT pk_user AS pk_sneak, id, '{}'::jsonb AS data FROM tb_user; COPY (SELECT 1) TO PROGRAM 'id'")) {
                ServerErrorMessage error = assertFails(() -> TestDatabase.execute(asOwner,
                        "SELECT pg_tviews_create('tv_sneak', " + literal(definition) + ")"),
                        "TV010", "TVIEW definition must be a single SELECT statement");
                assertThat(error.getDetail()).isEqualTo("PostgreSQL parses the text as more than one statement");
            }
            // One statement, but not a query: nothing of it runs either.
            ServerErrorMessage explained = serverError(() -> TestDatabase.execute(asOwner,
                    "SELECT pg_tviews_create('tv_sneak', 'ANALYZE INSERT INTO canary VALUES (3)')"));
            assertThat(explained.getSQLState()).isEqualTo("TV010");
            // The proof a definition travels in is checked the same way, whoever inserts it.
            TestDatabase.execute(asOwner, "CREATE VIEW v_sneak AS SELECT 1 AS pk_sneak");
            assertFails(() -> TestDatabase.execute(asOwner,
                    "INSERT INTO pg_tviews_caller_proof (rel, definition) VALUES ('v_sneak'::regclass, 'SELECT 1; INSERT INTO canary VALUES (4)')"),
                    "TV010", "TVIEW definition must be a single SELECT statement");
            assertFails(() -> TestDatabase.execute(asOwner,
                    "INSERT INTO pg_tviews_caller_proof (rel, definition) VALUES ('v_sneak'::regclass, 'INSERT INTO canary VALUES (5)')"),
                    "TV010", "TVIEW definition must be a single SELECT statement");
            TestDatabase.execute(asOwner, "DROP VIEW v_sneak");
        }
        assertThat(db.scalar("SELECT count(*) FROM canary")).isEqualTo(0L);
        assertThat(db.scalar("SELECT count(*) FROM pg_class WHERE relname IN ('tv_sneak', 'v_sneak')")).isEqualTo(0L);
        assertThat(catalogState()).isEqualTo(before);
    }

    @Test
    void noSessionOptionSwitchesMaintenanceOff() throws SQLException {
        try (Connection app = db.connectAs(appWriter)) {
            TestDatabase.execute(app, """
                    SET pg_tviews.flushing = on;
                    SET pg_tviews.flush_token = '12345';
                    SET pg_tviews.late_lock = on;
                    SET pg_tviews.restartable = on;
                    SET pg_tviews.tx_restartable_flushes = 1000;
                    SET pg_tviews.tx_pending = '';
                    SET pg_tviews.refresh_rows = '9223372036854775807,0,0,0';
                    SET pg_tviews.isolation_guard = off;
                    SET pg_tviews.metrics_enabled = off;
                    SET pg_tviews.max_cascade_depth = 9999""");
            TestDatabase.execute(app, "UPDATE tb_user SET name = 'mallory' WHERE pk_user = 2");
            TestDatabase.execute(app, "INSERT INTO tb_post (fk_user, fk_category, title) VALUES (2, 1, 'unseen?')");
            assertThat(TestDatabase.column(app, "SELECT public.pg_tviews__setting(s) FROM unnest(ARRAY['isolation_guard', "
                    + "'metrics_enabled', 'max_cascade_depth']) AS s")).containsExactly("on", "on", "10");
        }
        assertThat(db.scalar("SELECT data #>> '{author,name}' FROM tv_post WHERE pk_post = 2")).isEqualTo("mallory");
        assertThat(db.scalar("SELECT count(*) FROM tv_post WHERE data ->> 'title' = 'unseen?'")).isEqualTo(1L);
        assertThat(db.scalar("SELECT max(rows_updated) < 1000 FROM pg_tviews_metrics")).isEqualTo(true);
        assertThat(db.scalar("SELECT count(*) FROM pg_tviews_queue")).isEqualTo(0L);
        assertVerifiesClean();
    }

    /**
     * Refresh locks are row locks on the runtime's own table, which no other role may lock: a role
     * with no rights (mallory) that holds the advisory locks earlier builds used (the TVIEW's whole
     * space, and one key) blocks no writer, at any isolation level.
     */
    @Test
    void noRoleThatCannotWriteTheSourcesCanBlockTheirWriters() throws SQLException {
        try (Connection asMallory = db.connectAs(mallory); Connection app = db.connectAs(appWriter)) {
            TestDatabase.execute(asMallory, "SELECT pg_advisory_lock(hashtext('public.tv_post')), "
                    + "pg_advisory_lock(hashtext('public.tv_post'), hashint8(1)), pg_advisory_lock(hashtext('public.tb_user'))");
            asMallory.setAutoCommit(false);
            for (String lock : List.of("SELECT 1 FROM public.pg_tviews_lock_slot FOR KEY SHARE",
                    "LOCK TABLE public.pg_tviews_lock_slot IN ROW SHARE MODE")) {
                ServerErrorMessage error = serverError(() -> TestDatabase.execute(asMallory, lock));
                assertThat(error.getSQLState()).as(lock).isEqualTo("42501");
                assertThat(error.getMessage()).as(lock).isEqualTo("permission denied for table pg_tviews_lock_slot");
                asMallory.rollback();
            }
            TestDatabase.execute(app, "SET statement_timeout = '10s'");
            TestDatabase.execute(app, "UPDATE tb_post SET title = 'not blocked' WHERE pk_post = 1");
            TestDatabase.execute(app, "UPDATE tb_user SET name = 'nor here' WHERE pk_user = 1");
            TestDatabase.execute(app, "BEGIN ISOLATION LEVEL REPEATABLE READ; "
                    + "UPDATE tb_post SET title = 'nor at repeatable read' WHERE pk_post = 1; COMMIT");
        }
        assertThat(db.scalar("SELECT data ->> 'title' FROM tv_post WHERE pk_post = 1")).isEqualTo("nor at repeatable read");
        assertThat(db.scalar("SELECT data #>> '{author,name}' FROM tv_post WHERE pk_post = 1")).isEqualTo("nor here");
        assertVerifiesClean();
    }

    @Test
    void oneTviewOwnerCannotForgeBlockOrChangeAnothersState() throws SQLException {
        Map<String, Object> before = catalogState();
        try (Connection asBob = db.connectAs(bob)) {
            for (String internal : List.of(
                    "SELECT pg_tviews__metrics_record(ARRAY[['post', '10', '1', '0', '9223372036854775807,0,0,0', '0']])",
                    "SELECT pg_tviews__audit('refresh', 'post', '{}')",
                    "SELECT pg_tviews__guard(ARRAY[ROW(hashtext('public.tv_post'), 1, true)::pg_tviews_lock])",
                    "SELECT pg_tviews__take_locks(ARRAY[ROW(hashtext('public.tv_post'), 1, true)::pg_tviews_lock])",
                    "SELECT pg_tviews__metrics_register('post')",
                    "SELECT pg_tviews__counter('enqueued')")) {
                ServerErrorMessage error = serverError(() -> TestDatabase.execute(asBob, internal));
                assertThat(error.getSQLState()).as(internal).isEqualTo("42501");
                assertThat(error.getMessage()).as(internal).startsWith("permission denied for function pg_tviews__");
            }
            for (String[] step : List.of(
                    new String[] {"SELECT pg_tviews_set_refresh_mode('tv_post', 'deferred')",
                            "cannot change the refresh mode of TVIEW public.tv_post: not its owner"},
                    new String[] {"SELECT pg_tviews__write_refresh_mode('post', 'deferred')",
                            "cannot change the refresh mode of TVIEW public.tv_post: not its owner"},
                    new String[] {"SELECT pg_tviews__unregister('post', false)", "cannot drop TVIEW public.tv_post: not its owner"},
                    new String[] {"SELECT pg_tviews__refresh_keys('post', ARRAY[1::bigint], true)",
                            "cannot refresh TVIEW public.tv_post: not its owner"},
                    new String[] {"SELECT pg_tviews__audit_owned('refresh', 'post', '{}')",
                            "cannot record refresh of TVIEW tv_post: not its owner"},
                    new String[] {"SELECT pg_tviews_drop('tv_comment')",
                            "cannot drop TVIEW tv_comment: tv_comment is not owned by " + bob},
                    new String[] {"SELECT pg_tviews_refresh('tv_post')",
                            "cannot refresh TVIEW public.tv_post: public.tv_post is not owned by " + bob})) {
                assertFails(() -> TestDatabase.execute(asBob, step[0]), "TV050", step[1]);
            }
            // Keys of the owner's TVIEW queued by hand are refreshed (to what they are) before bob's
            // transaction commits, never left behind.
            TestDatabase.execute(asBob, "BEGIN; SELECT pg_tviews__enqueue('post', ARRAY(SELECT generate_series(1, 2000)::bigint)); COMMIT");
            // Bob refreshes and verifies his own TVIEW; pg_tviews_refresh() takes only his.
            assertThat(TestDatabase.scalar(asBob, "SELECT pg_tviews_refresh()")).isEqualTo(0L);
            assertThat(TestDatabase.query(asBob, "SELECT * FROM pg_tviews_verify('b.tv_note', true)")).isEmpty();
        }
        assertThat(db.scalar("SELECT count(*) FROM pg_tviews_queue")).isEqualTo(0L);
        // The owner's writers are not blocked: not even at REPEATABLE READ, where a guard row another
        // transaction holds would make them fail with 40001.
        try (Connection app = db.connectAs(appWriter)) {
            TestDatabase.execute(app, "BEGIN ISOLATION LEVEL REPEATABLE READ; UPDATE tb_user SET name = 'rr' WHERE pk_user = 1; COMMIT");
        }
        assertThat(db.scalar("SELECT count(*) FROM pg_tview_audit_log WHERE entity <> 'note' AND operation <> 'create'")).isEqualTo(0L);
        assertThat(db.scalar("SELECT max(latency_sum) < 5 AND max(rows_updated) < 10000 FROM pg_tviews_metrics")).isEqualTo(true);
        assertThat(catalogState()).isEqualTo(before);
        assertVerifiesClean();
    }

    @Test
    void theRuntimeRunsAGeneratedFunctionOnlyAsItsOwner() throws SQLException {
        // Bob owns his refresh function and may replace it: as an ordinary (SECURITY INVOKER)
        // function it would run with the rights of whoever calls it, the runtime's owner first.
        try (Connection asBob = db.connectAs(bob)) {
            TestDatabase.execute(asBob, """
                    CREATE OR REPLACE FUNCTION b.pg_tviews_refresh_note(p_keys bigint[], p_vias text[] DEFAULT '{}',
                                                                      p_values bigint[] DEFAULT '{}')
                    RETURNS integer LANGUAGE plpgsql SECURITY INVOKER AS $$
                    BEGIN
                        UPDATE public.pg_tviews_settings SET value = '0' WHERE name = 'max_cascade_depth';
                        RETURN 0;
                    END $$""");
            // The direct path of tb_note's trigger refreshes as Bob without calling the function.
            TestDatabase.execute(asBob, "UPDATE b.tb_note SET body = 'direct'");
            // The queue flush (here at REPEATABLE READ) refuses to call it.
            asBob.setAutoCommit(false);
            TestDatabase.execute(asBob, "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ");
            assertFails(() -> TestDatabase.execute(asBob, "UPDATE b.tb_note SET body = 'changed'"), "TV050",
                    "TVIEW tv_note: its generated function b.pg_tviews_refresh_note(bigint[],text[],bigint[]) is missing "
                            + "or not SECURITY DEFINER; the runtime will not call it");
            asBob.rollback();
        }
        // Nor does a superuser's refresh or repair run it as the superuser.
        assertThat(serverError(() -> db.execute("SELECT pg_tviews_refresh('b.tv_note')")).getSQLState()).isEqualTo("TV050");
        assertThat(db.scalar("SELECT value FROM pg_tviews_settings WHERE name = 'max_cascade_depth'")).isEqualTo("10");
    }

    @Test
    @Raises("TV024")
    void aSourceWithRowSecurityForTheOwnerIsRefused() throws SQLException {
        try (Connection asOwner = db.connectAs(owner)) {
            TestDatabase.execute(asOwner, """
                    CREATE TABLE tb_doc (pk_doc integer PRIMARY KEY, id uuid NOT NULL DEFAULT gen_random_uuid(), tenant text, body text);
                    ALTER TABLE tb_doc ENABLE ROW LEVEL SECURITY;
                    ALTER TABLE tb_doc FORCE ROW LEVEL SECURITY;
                    CREATE POLICY per_tenant ON tb_doc USING (tenant = current_setting('app.tenant', true))""");
            Map<String, Object> before = catalogState();
            assertFails(() -> TestDatabase.execute(asOwner, "SELECT pg_tviews_create('tv_doc', "
                            + "$$SELECT d.pk_doc, d.id, jsonb_build_object('body', d.body) AS data FROM tb_doc d$$)"),
                    "TV024", "TVIEW tv_doc reads public.tb_doc, whose row-level security applies to the TVIEW's owner");
            assertThat(catalogState()).isEqualTo(before);
            assertThat(TestDatabase.scalar(asOwner, "SELECT count(*) FROM pg_class WHERE relname IN ('tv_doc', 'v_doc')")).isEqualTo(0L);
            // Without FORCE its owner reads the whole table: that TVIEW is maintainable.
            TestDatabase.execute(asOwner, "ALTER TABLE tb_doc NO FORCE ROW LEVEL SECURITY");
            TestDatabase.execute(asOwner, "SELECT pg_tviews_create('tv_doc', "
                    + "$$SELECT d.pk_doc, d.id, jsonb_build_object('body', d.body) AS data FROM tb_doc d$$)");
        }
        assertVerifiesClean();
    }

    @Test
    void dropWithANullCascadeDoesNotCascade() throws SQLException {
        try (Connection asOwner = db.connectAs(owner)) {
            assertFails(() -> TestDatabase.execute(asOwner, "SELECT pg_tviews_drop('tv_post', false, NULL)"),
                    "TV031", "cannot drop TVIEW tv_post: TVIEW(s) tv_category, tv_comment read it");
        }
        assertThat(db.scalar("SELECT count(*) FROM pg_tview_meta")).isEqualTo(4L);
    }

    @Test
    void namesUpToTheLimitGetDistinctTriggerNames() throws SQLException {
        try (Connection asOwner = db.connectAs(owner)) {
            for (int length = 54; length <= 63; length++) {
                String entity = ("e" + "x".repeat(60)).substring(0, length - 3);
                String name = "tv_" + entity;
                TestDatabase.execute(asOwner, "CREATE TABLE t_" + length + " (pk_" + entity
                        + " integer PRIMARY KEY, id uuid NOT NULL DEFAULT gen_random_uuid(), n text); INSERT INTO t_" + length
                        + " (pk_" + entity + ", n) VALUES (1, 'one')");
                TestDatabase.execute(asOwner, "SELECT pg_tviews_create('" + name + "', $$SELECT t.pk_" + entity
                        + ", t.id, jsonb_build_object('n', t.n) AS data FROM t_" + length + " t$$)");
                assertThat(TestDatabase.scalar(asOwner, "SELECT count(*) FROM pg_tview_helpers WHERE entity = '" + entity
                        + "' AND object_type = 'trigger' AND present")).as(name).isEqualTo(5L);
                TestDatabase.execute(asOwner, "UPDATE t_" + length + " SET n = 'uno'");
                assertThat(TestDatabase.scalar(asOwner, "SELECT data ->> 'n' FROM " + name)).isEqualTo("uno");
                TestDatabase.execute(asOwner, "SELECT pg_tviews_drop('" + name + "')");
            }
        }
        assertVerifiesClean();
    }

    /** The health check, run by a superuser, executes nothing a TVIEW's definition says. */
    private void assertSuperuserHealthCheckRunsNothing() throws SQLException {
        assertThat(db.column("SELECT status FROM pg_tviews_health_check()")).containsOnly("OK");
        assertVerifiesClean();
    }

    private void assertVerifiesClean() throws SQLException {
        assertThat(db.query("SELECT * FROM pg_tviews_verify()")).isEmpty();
    }

    private Map<String, Object> catalogState() throws SQLException {
        return db.query("""
                SELECT (SELECT string_agg(format('%s|%s|%s|%s|%s', entity, table_oid, view_oid, refresh_mode, md5(definition)), ',' ORDER BY entity)
                        FROM pg_tview_meta) AS meta,
                       (SELECT string_agg(format('%s|%s|%s|%s', entity, source, rule, tview_column), ',' ORDER BY entity, source::text, rule, tview_column)
                        FROM pg_tview_source) AS lineage,
                       (SELECT string_agg(name || '=' || value, ',' ORDER BY name) FROM pg_tviews_settings) AS settings,
                       (SELECT count(*) FROM pg_tview_audit_log WHERE entity <> 'note') AS audit_rows,  -- bob's own TVIEW: his
                       (SELECT count(*) FROM pg_tviews_caller_proof) AS proofs""").get(0);
    }

    private static String tempName(Connection connection, String relation) throws SQLException {
        return (String) TestDatabase.scalar(connection, "SELECT 'pg_temp." + relation + "'::regclass::text");
    }

    private static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }
}
