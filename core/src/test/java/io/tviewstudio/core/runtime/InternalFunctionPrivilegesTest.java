package io.tviewstudio.core.runtime;

import io.tviewstudio.core.install.RuntimeInstaller;
import io.tviewstudio.core.testing.Psql;
import io.tviewstudio.core.testing.Resources;
import io.tviewstudio.core.testing.TestDatabase;
import io.tviewstudio.core.testing.TviewAssertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.util.ServerErrorMessage;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import static io.tviewstudio.core.testing.SqlFailures.serverError;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who may call the runtime's internal functions (public.pg_tviews__*, sql/runtime/90_privileges.sql).
 * Four roles besides the runtime's owner (who owns the blog's tables and TVIEWs): the application
 * writer, the reader and the monitor of docs/reference/security.md, and a second table owner with
 * a schema, tables, TVIEW and writer of its own. The writer, reader and monitor may call no internal
 * function but the caller-rights helpers of the public API; their writes and reads still work, and
 * so do the second owner's TVIEW, a re-install and an uninstall.
 */
class InternalFunctionPrivilegesTest {

    /**
     * Called with the caller's rights by public API functions that roles owning no TVIEW may call
     * (pg_tviews_create before its catalog row exists, pg_tviews_analyze_select, the name lookups of
     * pg_tviews_drop/_verify/_set_refresh_mode, pg_tviews_health_check, the prepared-transaction
     * helpers, the playbook export): executable by PUBLIC, and none is SECURITY DEFINER.
     */
    static final Set<String> CALLER_RIGHTS_HELPERS = Set.of(
            "pg_tviews__fail", "pg_tviews__parse_name", "pg_tviews__single_statement", "pg_tviews__require_one_statement",
            "pg_tviews__top_query", "pg_tviews__check_supported", "pg_tviews__check_columns", "pg_tviews__view_sources",
            "pg_tviews__derive_lineage", "pg_tviews__has_column", "pg_tviews__short_name",
            "pg_tviews__refresh_function_name", "pg_tviews__generated_function", "pg_tviews__create_view",
            "pg_tviews__create_table", "pg_tviews__setting", "pg_tviews__valid_setting", "pg_tviews__meta",
            "pg_tviews__error_entry", "pg_tviews__prepared", "pg_tviews__refuse_prepared", "pg_tviews__source_drift",
            "pg_tviews__view_reads", "pg_tviews__prove_owner");

    /**
     * The SECURITY DEFINER steps of the API that write runtime state (the catalog, the audit log, a
     * full refresh's metrics): executable by PUBLIC, because any role may create a TVIEW, and acting
     * only on what the caller proved it owns (pg_tviews_caller_proof), or refusing with TV050.
     */
    static final Set<String> PROOF_CHECKED_STEPS = Set.of(
            "pg_tviews__register", "pg_tviews__audit_owned", "pg_tviews__unregister", "pg_tviews__refresh_keys",
            "pg_tviews__write_refresh_mode");

    /**
     * What the code generated for a TVIEW, and its owner's own API calls, need: granted to each
     * owner of a TVIEW. None writes any state but the queue of the caller's own transaction.
     */
    static final Set<String> TVIEW_OWNER_FUNCTIONS = Set.of(
            "pg_tviews__refresh_function_sql", "pg_tviews__has_equality", "pg_tviews__trigger_sql",
            "pg_tviews__enqueue_sql", "pg_tviews__flush_trigger", "pg_tviews__serialization_failure",
            "pg_tviews__enqueue", "pg_tviews__dequeue", "pg_tviews__flush", "pg_tviews__source_pk",
            "pg_tviews__source_row_exists", "pg_tviews__copied_from_root", "pg_tviews__dollar_quote",
            "pg_tviews__runtime_owner", "pg_tviews__columns_read", "pg_tviews__changed_rows_sql",
            "pg_tviews__jsonb_keys_read", "pg_tviews__read_as", "pg_tviews__keys_sql", "pg_tviews__direct_flush",
            "pg_tviews__direct_begin", "pg_tviews__direct_end", "pg_tviews__direct_failed", "pg_tviews__upsert_sql",
            "pg_tviews__transition_rows_sql");

    /** Called only by the runtime's own code, as its owner (locks, guard rows, metrics, audit, catalog). */
    static final Set<String> RUNTIME_OWN_FUNCTIONS = Set.of(
            "pg_tviews__count", "pg_tviews__plan_for", "pg_tviews__resolve_depth", "pg_tviews__flush_queue",
            "pg_tviews__locks_ranked", "pg_tviews__commit_hook_trigger",
            "pg_tviews__metrics_error_sequence", "pg_tviews__metrics_error", "pg_tviews__metrics_count_error", "pg_tviews__metrics_restart",
            "pg_tviews__metrics_on", "pg_tviews__metrics_add", "pg_tviews__grant_tview_owner",
            "pg_tviews__tview_owner_trigger", "pg_tviews__take_locks", "pg_tviews__lock_ranks", "pg_tviews__guard",
            "pg_tviews__resolve_lineage", "pg_tviews__checked_function", "pg_tviews__take_late_locks",
            "pg_tviews__counter", "pg_tviews__metrics_record", "pg_tviews__metrics_refresh", "pg_tviews__metrics_register",
            "pg_tviews__metrics_unregister", "pg_tviews__audit", "pg_tviews__lock_one", "pg_tviews__lock_slots", "pg_tviews__bucket_order",
            "pg_tviews__parent_locks", "pg_tviews__in_flush", "pg_tviews__in_direct_refresh", "pg_tviews__mark_flush", "pg_tviews__caller_owns",
            "pg_tviews__proof_trigger", "pg_tviews__trigger_prefix", "pg_tviews__require_proof",
            "pg_tviews__metrics_clamp", "pg_tviews__lock_space", "pg_tviews__lock_space_trigger", "pg_tviews__refresh_call");

    /** Everything a stray call could change: queue, guard, metrics, audit log, catalog, settings, every tv_ row. */
    private static final String STATE = """
            SELECT 'queue ' || count(*) FROM public.pg_tviews_queue
            UNION ALL SELECT 'hook ' || count(*) FROM public.pg_tviews_commit_hook
            UNION ALL SELECT 'guard ' || count(*) FROM public.pg_tviews_lock_guard
            UNION ALL SELECT 'metrics ' || coalesce(md5(string_agg(c::text, ',' ORDER BY c.backend_pid, c.entity, c.slot)), '')
                      FROM public.pg_tviews_metrics_counters c
            UNION ALL SELECT 'restarts ' || last_value FROM public.pg_tviews_flush_restarts
            UNION ALL SELECT 'audit ' || count(*) FROM public.pg_tview_audit_log
            UNION ALL SELECT 'proofs ' || count(*) FROM public.pg_tviews_caller_proof
            UNION ALL SELECT 'catalog ' || md5(string_agg(m::text, ',' ORDER BY m.entity)) FROM public.pg_tview_meta m
            UNION ALL SELECT 'settings ' || string_agg(name || '=' || value, ',' ORDER BY name) FROM public.pg_tviews_settings
            UNION ALL SELECT 'tv_post ' || md5(string_agg(t::text, ',' ORDER BY t.pk_post)) FROM public.tv_post t
            UNION ALL SELECT 'tv_category ' || md5(string_agg(t::text, ',' ORDER BY t.pk_category)) FROM public.tv_category t
            UNION ALL SELECT 'tv_comment ' || md5(string_agg(t::text, ',' ORDER BY t.pk_comment)) FROM public.tv_comment t
            UNION ALL SELECT 'tv_order ' || md5(string_agg(t::text, ',' ORDER BY t.pk_order)) FROM shop.tv_order t""";

    private TestDatabase db;
    private String owner;
    private String writer;
    private String reader;
    private String monitor;
    private String owner2;
    private String writer2;

    @BeforeEach
    void createRolesAndTviews() throws SQLException {
        db = TestDatabase.empty();
        owner = "owner_" + db.name();
        writer = "writer_" + db.name();
        reader = "reader_" + db.name();
        monitor = "monitor_" + db.name();
        owner2 = "owner2_" + db.name();
        writer2 = "writer2_" + db.name();
        for (String role : List.of(owner, writer, reader, owner2, writer2)) {
            db.execute("CREATE ROLE " + role + " LOGIN NOSUPERUSER NOCREATEROLE");
        }
        db.execute("CREATE ROLE " + monitor + " LOGIN IN ROLE pg_monitor");
        db.execute("ALTER SCHEMA public OWNER TO " + owner);
        db.execute("REVOKE CREATE ON SCHEMA public FROM PUBLIC");
        db.execute("CREATE SCHEMA shop AUTHORIZATION " + owner2);
        try (Connection asOwner = db.connectAs(owner)) {
            RuntimeInstaller.install(asOwner);
            TestDatabase.execute(asOwner, Resources.text("schemas/blog.sql"));
            TestDatabase.execute(asOwner, Resources.text("schemas/blog-tviews.sql"));
            TestDatabase.execute(asOwner, """
                    GRANT USAGE ON SCHEMA public TO %1$s, %2$s, %3$s;
                    GRANT SELECT, INSERT, UPDATE, DELETE ON tb_user, tb_category, tb_post, tb_comment TO %1$s;
                    GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO %1$s;
                    GRANT SELECT ON tv_post, tv_category TO %2$s;
                    """.formatted(writer, reader, monitor));
        }
        // The second owner: any role that may create objects creates TVIEWs, with no grant from anyone.
        try (Connection asOwner2 = db.connectAs(owner2)) {
            TestDatabase.execute(asOwner2, """
                    CREATE TABLE shop.tb_customer (pk_customer serial PRIMARY KEY, id uuid NOT NULL DEFAULT gen_random_uuid(),
                                                   name text NOT NULL);
                    CREATE TABLE shop.tb_order (pk_order serial PRIMARY KEY, id uuid NOT NULL DEFAULT gen_random_uuid(),
                                                fk_customer integer NOT NULL REFERENCES shop.tb_customer, total numeric NOT NULL);
                    INSERT INTO shop.tb_customer (name) VALUES ('ada'), ('bo');
                    INSERT INTO shop.tb_order (fk_customer, total) VALUES (1, 10), (2, 20), (1, 30);
                    -- The flush runs as the runtime's owner and calls the TVIEW's functions by name:
                    -- pg_tviews_create refuses a schema that role cannot use (TV051, SchemaAccessTest).
                    GRANT USAGE ON SCHEMA shop TO %3$s;
                    SELECT pg_tviews_create('shop.tv_order', $$
                        SELECT o.pk_order, o.id, o.fk_customer,
                               jsonb_build_object('total', o.total, 'customer', c.name) AS data
                        FROM shop.tb_order o JOIN shop.tb_customer c ON c.pk_customer = o.fk_customer
                    $$);
                    GRANT USAGE ON SCHEMA shop TO %1$s, %2$s, %4$s;
                    GRANT SELECT, INSERT, UPDATE, DELETE, TRUNCATE ON shop.tb_customer, shop.tb_order TO %1$s;
                    GRANT USAGE ON ALL SEQUENCES IN SCHEMA shop TO %1$s;
                    GRANT SELECT ON shop.tv_order TO %2$s;
                    """.formatted(writer2, reader, owner, monitor));
        }
    }

    @AfterEach
    void close() throws SQLException {
        db.close();
    }

    @Test
    void everyInternalFunctionHasExactlyTheGrantsOfItsClass() throws SQLException {
        Set<String> installed = new TreeSet<>(db.column("""
                SELECT DISTINCT proname::text FROM pg_proc
                WHERE pronamespace = 'public'::regnamespace AND proname LIKE 'pg\\_tviews\\_\\_%'"""));
        Set<String> classified = new TreeSet<>(CALLER_RIGHTS_HELPERS);
        classified.addAll(PROOF_CHECKED_STEPS);
        classified.addAll(TVIEW_OWNER_FUNCTIONS);
        classified.addAll(RUNTIME_OWN_FUNCTIONS);
        assertThat(CALLER_RIGHTS_HELPERS.size() + PROOF_CHECKED_STEPS.size() + TVIEW_OWNER_FUNCTIONS.size()
                + RUNTIME_OWN_FUNCTIONS.size())
                .as("each function in one class only").isEqualTo(classified.size());
        assertThat(installed).as("a new internal function must be given its callers here and in 90_privileges.sql")
                .isEqualTo(classified);

        for (Map<String, Object> function : db.query("""
                SELECT p.proname::text AS name, p.oid::regprocedure::text AS signature, p.prosecdef AS definer,
                       has_function_privilege('public', p.oid, 'EXECUTE') AS public_may,
                       (SELECT coalesce(array_agg(DISTINCT a.grantee::regrole::text ORDER BY a.grantee::regrole::text), '{}')::text
                        FROM aclexplode(p.proacl) a WHERE a.grantee <> 0 AND a.grantee <> p.proowner) AS grantees
                FROM pg_proc p
                WHERE p.pronamespace = 'public'::regnamespace AND p.proname LIKE 'pg\\_tviews\\_\\_%'""")) {
            String name = (String) function.get("name");
            String signature = (String) function.get("signature");
            if (CALLER_RIGHTS_HELPERS.contains(name)) {
                assertThat(function.get("public_may")).as(signature).isEqualTo(true);
                assertThat(function.get("definer")).as("%s runs with its caller's rights", signature).isEqualTo(false);
                assertThat(function.get("grantees")).as(signature).isEqualTo("{}");
            } else if (PROOF_CHECKED_STEPS.contains(name)) {
                assertThat(function.get("public_may")).as(signature).isEqualTo(true);
                assertThat(function.get("definer")).as("%s writes as the runtime's owner", signature).isEqualTo(true);
                assertThat(function.get("grantees")).as(signature).isEqualTo("{}");
            } else if (TVIEW_OWNER_FUNCTIONS.contains(name)) {
                assertThat(function.get("public_may")).as(signature).isEqualTo(false);
                // The only role besides the runtime's owner that owns a TVIEW.
                assertThat(function.get("grantees")).as(signature).isEqualTo("{" + owner2 + "}");
            } else {
                assertThat(function.get("public_may")).as(signature).isEqualTo(false);
                assertThat(function.get("grantees")).as(signature).isEqualTo("{}");
            }
        }
    }

    @Test
    void writerReaderAndMonitorAreRefusedEveryInternalFunctionAndChangeNothing() throws SQLException {
        List<String> restricted = calls(name -> TVIEW_OWNER_FUNCTIONS.contains(name) || RUNTIME_OWN_FUNCTIONS.contains(name));
        assertThat(restricted).hasSize(TVIEW_OWNER_FUNCTIONS.size() + RUNTIME_OWN_FUNCTIONS.size());
        List<String> realistic = List.of(
                "SELECT public.pg_tviews__enqueue('post', ARRAY[1, 2, 3]::bigint[])",
                "SELECT public.pg_tviews__enqueue('order', ARRAY[1]::bigint[], 'fk_customer')",
                "SELECT public.pg_tviews__flush(true)",
                "SELECT public.pg_tviews__dequeue('post')",
                "SELECT public.pg_tviews__audit('create', 'post', '{\"rows\": 0}')",
                "SELECT public.pg_tviews__metrics_record(ARRAY[['post', '0.5', '1', '0', '1,0,0,1', '1']])",
                "SELECT public.pg_tviews__metrics_error('PL/pgSQL function public.pg_tviews_refresh_post(bigint[],text[],bigint[])')",
                "SELECT public.pg_tviews__metrics_restart()",
                "SELECT public.pg_tviews__metrics_unregister('post')",
                "SELECT public.pg_tviews__guard(ARRAY[ROW(1, 1, true)]::public.pg_tviews_lock[])",
                "SELECT public.pg_tviews__take_locks(ARRAY[ROW(1, 1, true)]::public.pg_tviews_lock[])",
                "SELECT public.pg_tviews__grant_tview_owner(current_user::regrole::oid)");
        List<String> before = db.column(STATE);
        for (String role : List.of(writer, reader, monitor)) {
            try (Connection connection = db.connectAs(role)) {
                for (String call : restricted) {
                    assertDenied(connection, role, call);
                }
                for (String call : realistic) {
                    assertDenied(connection, role, call);
                }
            }
        }
        assertThat(db.column(STATE)).isEqualTo(before);
        assertThat(db.scalar("SELECT count(*) FROM pg_proc p, aclexplode(p.proacl) a WHERE p.proname LIKE 'pg\\_tviews\\_\\_%' "
                + "AND a.grantee IN ('" + writer + "'::regrole, '" + reader + "'::regrole, '" + monitor + "'::regrole)"))
                .isEqualTo(0L);
    }

    @Test
    void proofCheckedStepsRefuseEveryRoleThatDoesNotOwnTheTview() throws SQLException {
        List<String> before = db.column(STATE);
        for (String role : List.of(writer, reader, monitor, owner2)) {
            try (Connection connection = db.connectAs(role)) {
                for (String call : calls(PROOF_CHECKED_STEPS::contains)) {
                    // NULL arguments: refused or a no-op; never a write.
                    try {
                        TestDatabase.execute(connection, call);
                    } catch (SQLException e) {
                        assertThat(e.getMessage()).as(call).doesNotContain("permission denied for function");
                    }
                }
                for (String[] step : List.of(
                        new String[] {"SELECT public.pg_tviews__register('v_post', 'tv_post')", "cannot record public.v_post and public.tv_post as a TVIEW"},
                        new String[] {"SELECT public.pg_tviews__unregister('post', true)", "cannot drop TVIEW public.tv_post: not its owner"},
                        new String[] {"SELECT public.pg_tviews__refresh_keys('post', ARRAY[1]::bigint[], true)",
                                "cannot refresh TVIEW public.tv_post: not its owner"},
                        new String[] {"SELECT public.pg_tviews__write_refresh_mode('post', 'deferred')",
                                "cannot change the refresh mode of TVIEW public.tv_post: not its owner"},
                        new String[] {"SELECT public.pg_tviews__audit_owned('refresh', 'post', '{}')",
                                "cannot record refresh of TVIEW tv_post: not its owner"})) {
                    ServerErrorMessage error = serverError(() -> TestDatabase.execute(connection, step[0]));
                    assertThat(error.getSQLState()).as("%s as %s", step[0], role).isEqualTo("TV050");
                    assertThat(error.getMessage()).as("%s as %s", step[0], role).isEqualTo(step[1]);
                }
            }
        }
        assertThat(db.column(STATE)).isEqualTo(before);
    }

    @Test
    void callerRightsHelpersRunAsTheirCallerAndChangeNothing() throws SQLException {
        List<String> helpers = calls(CALLER_RIGHTS_HELPERS::contains);
        assertThat(helpers).hasSize(CALLER_RIGHTS_HELPERS.size());
        List<String> before = db.column(STATE);
        try (Connection asReader = db.connectAs(reader)) {
            for (String call : helpers) {
                // NULL arguments: most raise their own error (a TVnnn code, say); none is refused its EXECUTE.
                try {
                    TestDatabase.execute(asReader, call);
                } catch (SQLException e) {
                    assertThat(e.getMessage()).as(call).doesNotContain("permission denied for function");
                }
            }
            // With real arguments they act with the reader's rights: no CREATE on public, no view.
            ServerErrorMessage error = serverError(() -> TestDatabase.execute(asReader,
                    "SELECT public.pg_tviews__create_view('public', 'v_mine', 'tv_mine', 'tv_mine', 'SELECT 1 AS pk_mine')"));
            assertThat(error.getSQLState()).isEqualTo("TV050");
            assertThat(error.getMessage()).isEqualTo("TVIEW tv_mine: permission denied for schema public");
        }
        assertThat(db.column(STATE)).isEqualTo(before);
        assertThat(db.scalar("SELECT to_regclass('public.v_mine')")).isNull();
    }

    @Test
    void writersKeepEveryTviewExactAtEveryIsolationLevel() throws SQLException {
        try (Connection app = db.connectAs(writer)) {
            TestDatabase.execute(app, "INSERT INTO tb_post (fk_user, fk_category, title) VALUES (2, 1, 'By the app')");
            TestDatabase.execute(app, "UPDATE tb_user SET name = 'Bob' WHERE pk_user = 2");
            TestDatabase.execute(app, "DELETE FROM tb_comment WHERE pk_comment = 1");
            TestDatabase.execute(app, """
                    BEGIN ISOLATION LEVEL REPEATABLE READ;
                    UPDATE tb_category SET title = 'Databases' WHERE pk_category = 1;
                    UPDATE tb_user SET name = 'Alice' WHERE pk_user = 1;
                    COMMIT""");
        }
        // A deferred TVIEW is flushed at COMMIT by the runtime's commit hook.
        db.execute("SELECT pg_tviews_set_refresh_mode('tv_comment', 'deferred')");
        try (Connection app = db.connectAs(writer)) {
            TestDatabase.execute(app, "BEGIN; UPDATE tb_user SET name = 'carol!' WHERE pk_user = 3; "
                    + "INSERT INTO tb_comment (fk_post, fk_user, body) VALUES (2, 3, 'later'); COMMIT");
        }
        try (Connection app2 = db.connectAs(writer2)) {
            TestDatabase.execute(app2, "INSERT INTO shop.tb_order (fk_customer, total) VALUES (2, 5)");
            TestDatabase.execute(app2, "UPDATE shop.tb_customer SET name = 'Ada' WHERE pk_customer = 1");
            TestDatabase.execute(app2, "DELETE FROM shop.tb_order WHERE pk_order = 2");
            TestDatabase.execute(app2, """
                    BEGIN ISOLATION LEVEL SERIALIZABLE;
                    UPDATE shop.tb_customer SET name = 'Bo' WHERE pk_customer = 2;
                    UPDATE shop.tb_order SET total = 21 WHERE pk_order = 4;
                    COMMIT""");
            TestDatabase.execute(app2, "TRUNCATE shop.tb_order");
            assertThat(serverError(() -> TestDatabase.execute(app2, "SELECT count(*) FROM shop.tv_order")).getSQLState())
                    .isEqualTo("42501");
        }
        try (Connection asReader = db.connectAs(reader)) {
            assertThat(TestDatabase.scalar(asReader, "SELECT data->'author'->>'name' FROM tv_post WHERE data->>'title' = 'By the app'"))
                    .isEqualTo("Bob");
            assertThat(TestDatabase.scalar(asReader, "SELECT count(*) FROM shop.tv_order")).isEqualTo(0L);
        }
        assertThat(db.scalar("SELECT data->>'by' FROM tv_comment WHERE data->>'body' = 'later'")).isEqualTo("carol!");
        assertThat(db.scalar("SELECT count(*) FROM pg_tviews_metrics WHERE entity = 'order' AND refreshes > 0")).isEqualTo(1L);
        TviewAssertions.assertConsistent(db);
    }

    @Test
    void theSecondOwnerManagesItsTviewWithTheGrantsItsCreationGave() throws SQLException {
        try (Connection asOwner2 = db.connectAs(owner2)) {
            TestDatabase.execute(asOwner2, "UPDATE shop.tb_order SET total = 11 WHERE pk_order = 1");
            TestDatabase.execute(asOwner2, "UPDATE shop.tb_customer SET name = 'Ada' WHERE pk_customer = 1");
            // Its own refresh function, called directly: the rows are current already.
            assertThat(TestDatabase.scalar(asOwner2, "SELECT shop.pg_tviews_refresh_order(ARRAY[1, 3]::bigint[])")).isEqualTo(0);
            assertThat(TestDatabase.scalar(asOwner2, "SELECT pg_tviews_refresh('shop.tv_order')")).isEqualTo(0L);
            TestDatabase.execute(asOwner2, "ALTER TABLE shop.tb_order DISABLE TRIGGER USER");
            TestDatabase.execute(asOwner2, "UPDATE shop.tb_order SET total = 12 WHERE pk_order = 1");
            TestDatabase.execute(asOwner2, "ALTER TABLE shop.tb_order ENABLE TRIGGER USER");
            assertThat(TestDatabase.scalar(asOwner2, "SELECT pg_tviews_cascade('shop.tb_order'::regclass, 1)")).isEqualTo(1);
            assertThat(TestDatabase.query(asOwner2, "SELECT * FROM pg_tviews_verify('shop.tv_order', true)")).isEmpty();
            TestDatabase.execute(asOwner2, "SELECT pg_tviews_set_refresh_mode('shop.tv_order', 'deferred')");
            TestDatabase.execute(asOwner2, "UPDATE shop.tb_customer SET name = 'bo' WHERE pk_customer = 2");
            assertThat(TestDatabase.scalar(asOwner2, "SELECT count(*) FROM pg_tviews_generated_sql('shop.tv_order')")).isEqualTo(3L);
            // Not the blog's TVIEWs: their refresh functions and catalog rows belong to the runtime's owner.
            assertThat(serverError(() -> TestDatabase.execute(asOwner2, "SELECT pg_tviews_refresh('tv_post')")).getMessage())
                    .isEqualTo("cannot refresh TVIEW public.tv_post: public.tv_post is not owned by " + owner2);
            assertThat(serverError(() -> TestDatabase.execute(asOwner2, "SELECT pg_tviews_set_refresh_mode('tv_post', 'deferred')"))
                    .getSQLState()).isEqualTo("TV050");
        }
        assertThat(db.column("SELECT operation FROM pg_tview_audit_log WHERE entity = 'order' ORDER BY performed_at"))
                .containsExactly("create", "refresh", "set_refresh_mode");
        assertThat(db.column("SELECT DISTINCT performed_by::text FROM pg_tview_audit_log WHERE entity = 'order'"))
                .containsExactly(owner2);
        TviewAssertions.assertConsistent(db);

        try (Connection asOwner2 = db.connectAs(owner2)) {
            TestDatabase.execute(asOwner2, "SELECT pg_tviews_drop('shop.tv_order')");
            // The grants stay: it may create a TVIEW again at any time.
            TestDatabase.execute(asOwner2, """
                    SELECT pg_tviews_create('shop.tv_customer', $$
                        SELECT c.pk_customer, c.id, jsonb_build_object('name', c.name) AS data FROM shop.tb_customer c
                    $$)""");
        }
        try (Connection app2 = db.connectAs(writer2)) {
            TestDatabase.execute(app2, "UPDATE shop.tb_customer SET name = 'Ada!' WHERE pk_customer = 1");
        }
        assertThat(db.scalar("SELECT data->>'name' FROM shop.tv_customer WHERE pk_customer = 1")).isEqualTo("Ada!");
        TviewAssertions.assertConsistent(db);
    }

    @Test
    void twoRolesCreatingTheirFirstTviewAtOnceBothGetTheirGrants() throws Exception {
        String first = "first_" + db.name();
        String second = "second_" + db.name();
        List<String> roles = List.of(first, second);
        for (int n = 1; n <= 2; n++) {
            db.execute("CREATE ROLE %1$s LOGIN; CREATE SCHEMA %1$s AUTHORIZATION %1$s; GRANT USAGE ON SCHEMA %1$s TO %2$s"
                    .formatted(roles.get(n - 1), owner));
            try (Connection creator = db.connectAs(roles.get(n - 1))) {
                // Entity names are database-wide: item_1 and item_2.
                TestDatabase.execute(creator, """
                        CREATE TABLE %1$s.tb_item_%2$s (pk_item_%2$s integer PRIMARY KEY, id uuid, name text);
                        INSERT INTO %1$s.tb_item_%2$s VALUES (1, gen_random_uuid(), 'one')""".formatted(roles.get(n - 1), n));
            }
        }
        String create = "SELECT pg_tviews_create('%1$s.tv_item_%2$s', "
                + "'SELECT i.pk_item_%2$s, i.id, jsonb_build_object(''name'', i.name) AS data FROM %1$s.tb_item_%2$s i')";
        try (Connection one = db.connectAs(first); Connection two = db.connectAs(second)) {
            one.setAutoCommit(false);
            TestDatabase.execute(one, create.formatted(first, 1));  // granted, not committed
            int secondPid = ((Number) TestDatabase.scalar(two, "SELECT pg_backend_pid()")).intValue();
            var creating = CompletableFuture.runAsync(() -> {
                try {
                    TestDatabase.execute(two, create.formatted(second, 2));
                } catch (SQLException e) {
                    throw new CompletionException(e);
                }
            });
            // The second waits for the first's grants to commit instead of updating the same rows at once.
            String waitingFor = null;
            while (!creating.isDone() && waitingFor == null) {
                waitingFor = (String) db.scalar("SELECT wait_event FROM pg_stat_activity WHERE pid = " + secondPid
                        + " AND wait_event_type = 'Lock'");
            }
            assertThat(waitingFor).isEqualTo("advisory");
            one.commit();
            creating.get();
        }
        for (String role : List.of(first, second)) {
            assertThat(db.scalar("SELECT count(*) FROM pg_proc p, aclexplode(p.proacl) a "
                    + "WHERE p.proname LIKE 'pg\\_tviews\\_\\_%' AND a.grantee = '" + role + "'::regrole"))
                    .as(role).isEqualTo((long) TVIEW_OWNER_FUNCTIONS.size());
        }
        db.execute("UPDATE %s.tb_item_1 SET name = 'uno'".formatted(first));
        db.execute("UPDATE %s.tb_item_2 SET name = 'uno'".formatted(second));
        assertThat(db.scalar("SELECT data->>'name' FROM %s.tv_item_1".formatted(first))).isEqualTo("uno");
        assertThat(db.scalar("SELECT data->>'name' FROM %s.tv_item_2".formatted(second))).isEqualTo("uno");
    }

    @Test
    void anOwnerOfATviewCannotMakeItsTransactionSkipTheRefreshOfAnother() throws SQLException {
        db.execute("GRANT USAGE ON SCHEMA public TO " + owner2 + "; GRANT UPDATE, SELECT ON tb_user TO " + owner2);
        db.execute("SELECT pg_tviews_set_refresh_mode('tv_post', 'deferred')");
        try (Connection asOwner2 = db.connectAs(owner2)) {
            TestDatabase.execute(asOwner2, """
                    BEGIN;
                    UPDATE tb_user SET name = 'renamed' WHERE pk_user = 1;
                    SELECT pg_tviews__dequeue('post');
                    COMMIT""");
        }
        assertThat(db.column("SELECT DISTINCT data->'author'->>'name' FROM tv_post WHERE fk_user = 1")).containsExactly("renamed");
        TviewAssertions.assertConsistent(db);
    }

    @Test
    void aTemporaryTviewGivesItsCreatorNothing() throws SQLException {
        List<String> before = db.column(STATE);
        try (Connection asReader = db.connectAs(reader)) {
            TestDatabase.execute(asReader, "CREATE TEMP TABLE tb_note (pk_note integer PRIMARY KEY, id uuid, body text)");
            ServerErrorMessage error = serverError(() -> TestDatabase.execute(asReader, "SELECT pg_tviews_create('pg_temp.tv_note', "
                    + "'SELECT n.pk_note, n.id, jsonb_build_object(''body'', n.body) AS data FROM pg_temp.tb_note n')"));
            assertThat(error.getSQLState()).isEqualTo("TV050");
            assertThat(error.getMessage()).isEqualTo("cannot create TVIEW pg_temp.tv_note: v_note is a temporary relation");
            assertDenied(asReader, reader, "SELECT public.pg_tviews__enqueue('post', ARRAY[1]::bigint[])");
        }
        assertThat(db.column(STATE)).isEqualTo(before);
    }

    @Test
    void monitorReadsTheMonitoringViewsAndTheHealthCheck() throws SQLException {
        db.execute("UPDATE tb_user SET name = 'Alice' WHERE pk_user = 1");
        try (Connection app2 = db.connectAs(writer2)) {
            TestDatabase.execute(app2, "UPDATE shop.tb_customer SET name = 'Ada' WHERE pk_customer = 1");
        }
        try (Connection asMonitor = db.connectAs(monitor)) {
            assertThat(TestDatabase.query(asMonitor, "SELECT entity || ' ' || (refreshes > 0) || ' ' || errors AS line "
                    + "FROM pg_tviews_metrics ORDER BY entity").stream().map(row -> row.get("line")).toList())
                    .containsExactly("category true 0", "comment true 0", "order true 0", "post true 0");
            assertThat(TestDatabase.scalar(asMonitor, "SELECT open_transactions FROM pg_tviews_queue_metrics")).isEqualTo(0);
            assertThat(TestDatabase.scalar(asMonitor, "SELECT count(*) FROM pg_tviews_cache_stats WHERE entity = 'order'"))
                    .isNotEqualTo(0L);
            assertThat(TestDatabase.scalar(asMonitor, "SELECT count(*) FROM pg_tviews_performance_summary")).isEqualTo(4L);
            assertThat(TestDatabase.query(asMonitor, "SELECT * FROM pg_tviews_health_check() WHERE status <> 'OK'")).isEmpty();
        }
    }

    @Test
    void reinstallingOverARuntimeWhoseInternalsWerePublicRestoresTheMap() throws Exception {
        // As an earlier version left it: every internal function executable by PUBLIC, no owner grants.
        db.execute("""
                DO $$ DECLARE f regprocedure; BEGIN
                    FOR f IN SELECT oid::regprocedure FROM pg_proc WHERE proname LIKE 'pg\\_tviews\\_\\_%%' LOOP
                        EXECUTE format('GRANT EXECUTE ON FUNCTION %%s TO PUBLIC', f);
                        EXECUTE format('REVOKE ALL ON FUNCTION %%s FROM %s', f);
                    END LOOP;
                END $$""".formatted(owner2));
        assertThat(db.scalar("SELECT has_function_privilege('" + writer + "', 'pg_tviews__enqueue(text,bigint[],text)', 'EXECUTE')"))
                .isEqualTo(true);
        try (Connection asOwner = db.connectAs(owner)) {
            RuntimeInstaller.install(asOwner);
        }
        everyInternalFunctionHasExactlyTheGrantsOfItsClass();
        try (Connection app2 = db.connectAs(writer2)) {
            TestDatabase.execute(app2, "UPDATE shop.tb_customer SET name = 'Ada' WHERE pk_customer = 1");
        }
        try (Connection app = db.connectAs(writer)) {
            TestDatabase.execute(app, "UPDATE tb_user SET name = 'Bob' WHERE pk_user = 2");
            assertDenied(app, writer, "SELECT public.pg_tviews__enqueue('post', ARRAY[1]::bigint[])");
        }
        // And again with psql, as the docs tell users, with everything in place: nothing changes.
        Psql.Result again = Psql.runFile(db, Path.of(System.getProperty("tviews.repo.root", "..")).resolve("sql"), "install.sql");
        assertThat(again.exitCode()).as(again.output()).isZero();
        everyInternalFunctionHasExactlyTheGrantsOfItsClass();
        TviewAssertions.assertConsistent(db);
    }

    @Test
    void uninstallRemovesTheFunctionsAndEveryGrantOnThem() throws SQLException {
        RuntimeInstaller.uninstall(db.connection());
        assertThat(db.column("SELECT proname::text FROM pg_proc WHERE proname LIKE 'pg\\_tview%'")).isEmpty();
        assertThat(db.column("SELECT relname::text FROM pg_class WHERE relname LIKE 'pg\\_tview%' OR relname LIKE 'tv\\_%'")).isEmpty();
        // No privilege of any role on anything in this database is left behind (DROP ROLE would refuse).
        assertThat(db.scalar("""
                SELECT count(*) FROM pg_shdepend d JOIN pg_database b ON b.oid = d.dbid
                WHERE b.datname = current_database() AND d.deptype = 'a' AND d.classid = 'pg_proc'::regclass""")).isEqualTo(0L);
        assertThat(db.scalar("SELECT count(*) FROM shop.tb_order")).isEqualTo(3L);
    }

    /** One call per internal function of the given classes, with NULL arguments. */
    private List<String> calls(java.util.function.Predicate<String> classes) throws SQLException {
        List<String> calls = new ArrayList<>();
        for (Map<String, Object> function : db.query("""
                SELECT p.proname::text AS name,
                       format('SELECT public.%I(%s)', p.proname,
                              (SELECT string_agg('NULL::' || format_type(t, NULL), ', ' ORDER BY n)
                               FROM unnest(p.proargtypes::oid[]) WITH ORDINALITY AS a(t, n))) AS call
                FROM pg_proc p
                WHERE p.pronamespace = 'public'::regnamespace AND p.proname LIKE 'pg\\_tviews\\_\\_%'
                ORDER BY 1""")) {
            if (classes.test((String) function.get("name"))) {
                calls.add((String) function.get("call"));
            }
        }
        return calls;
    }

    private static void assertDenied(Connection connection, String role, String call) {
        String function = call.substring("SELECT public.".length(), call.indexOf('('));
        ServerErrorMessage error = serverError(() -> TestDatabase.execute(connection, call));
        assertThat(error.getSQLState()).as("%s as %s", call, role).isEqualTo("42501");
        assertThat(error.getMessage()).as("%s as %s", call, role).isEqualTo("permission denied for function " + function);
    }
}
