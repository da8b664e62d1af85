package io.tviewstudio.core.runtime;

import io.tviewstudio.core.testing.Resources;
import io.tviewstudio.core.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;

import static io.tviewstudio.core.runtime.SqlFailures.serverError;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Any role that may create objects may write the TVIEW catalog rows of tables it owns (so that it
 * can create TVIEWs), and runtime code executes the function names those rows hold: the queue flush
 * as the runtime's owner, pg_tviews_refresh and pg_tviews_verify as whoever calls them. A role
 * "mallory" with nothing but a schema of its own tries to make that code run its function with
 * more rights than its own; each attempt must fail and leave the runtime's settings untouched.
 */
class CatalogHijackTest {

    private static final String MALLORY = "mallory";

    private TestDatabase db;
    private String owner;
    private String mallory;

    @BeforeEach
    void installAsOwner() throws SQLException {
        db = TestDatabase.empty();
        owner = "tv_owner_" + db.name();
        mallory = MALLORY + "_" + db.name();
        db.execute("CREATE ROLE " + owner + " LOGIN NOSUPERUSER NOCREATEROLE");
        db.execute("CREATE ROLE " + mallory + " LOGIN NOSUPERUSER NOCREATEROLE");
        db.execute("ALTER SCHEMA public OWNER TO " + owner);
        try (Connection asOwner = db.connectAs(owner)) {
            RuntimeInstaller.install(asOwner);
            TestDatabase.execute(asOwner, Resources.text("schemas/blog.sql"));
            TestDatabase.execute(asOwner, Resources.text("schemas/blog-tviews.sql"));
        }
        db.execute("CREATE SCHEMA m AUTHORIZATION " + mallory);
        try (Connection asMallory = db.connectAs(mallory)) {
            // The records of what mallory's function managed to do, and as whom.
            TestDatabase.execute(asMallory, """
                    CREATE TABLE m.loot (who name, what text);
                    GRANT INSERT ON m.loot TO PUBLIC;
                    GRANT USAGE ON SCHEMA m TO PUBLIC;
                    CREATE TABLE m.tv_x (pk_x bigint PRIMARY KEY, id uuid, data jsonb);
                    CREATE VIEW m.v_x AS SELECT 1::bigint AS pk_x, NULL::uuid AS id, '{}'::jsonb AS data;
                    -- An ordinary (SECURITY INVOKER) function: it runs with the rights of its caller.
                    CREATE FUNCTION m.pg_tviews_refresh_x(bigint[], text[] DEFAULT '{}', bigint[] DEFAULT '{}')
                    RETURNS integer LANGUAGE plpgsql AS $$
                    BEGIN
                        INSERT INTO m.loot VALUES (current_user, 'called');
                        UPDATE public.pg_tviews_settings SET value = '0' WHERE name = 'max_cascade_depth';
                        INSERT INTO m.loot VALUES (current_user, 'settings changed');
                        RETURN 0;
                    END $$;
                    """);
        }
    }

    @AfterEach
    void closeDatabase() throws SQLException {
        db.close();
    }

    @Test
    void catalogRowsMustNameTheGeneratedFunctions() throws SQLException {
        try (Connection asMallory = db.connectAs(mallory)) {
            for (String refreshFunction : new String[] {
                    "m.f",
                    "pg_catalog.pg_sleep(1)::int + m.pg_tviews_refresh_x",
                    "m.pg_tviews_refresh_x($1); DROP TABLE public.tb_user; --",
                    "public.pg_tviews_refresh_post"}) {
                String insert = "INSERT INTO public.pg_tview_meta (entity, schema_name, view_oid, table_oid, definition, "
                        + "pk_column, refresh_function) VALUES ('x', 'm', 'm.v_x', 'm.tv_x', 'SELECT 1', 'pk_x', '"
                        + refreshFunction.replace("'", "''") + "')";
                assertThat(serverError(() -> TestDatabase.execute(asMallory, insert)).getSQLState())
                        .as(refreshFunction).isEqualTo("42501");
            }
            TestDatabase.execute(asMallory, "INSERT INTO public.pg_tview_meta (entity, schema_name, view_oid, table_oid, "
                    + "definition, pk_column, refresh_function) VALUES ('x', 'm', 'm.v_x', 'm.tv_x', 'SELECT 1', 'pk_x', "
                    + "'m.pg_tviews_refresh_x')");
            String source = "INSERT INTO public.pg_tview_source (entity, source, source_kind, rule, tview_column, "
                    + "source_column, trigger_function, trigger_prefix) VALUES ('x', 'm.tv_x', 'table', 'root', 'pk_x', "
                    + "'pk_x', '%s', 'tview_00_x')";
            assertThat(serverError(() -> TestDatabase.execute(asMallory,
                    source.formatted("m.f(); DROP TABLE public.tb_user; SELECT m.f"))).getSQLState()).isEqualTo("42501");
            TestDatabase.execute(asMallory, source.formatted("m.pg_tviews_trg_x__tv_x"));
        }
        assertThat(db.scalar("SELECT count(*) FROM pg_tview_source WHERE entity = 'x'")).isEqualTo(1L);
    }

    @Test
    void theFlushRefusesToRunAnInvokerFunctionAsTheRuntimeOwner() throws SQLException {
        registerFakeTview();
        try (Connection asMallory = db.connectAs(mallory)) {
            var error = serverError(() -> TestDatabase.execute(asMallory,
                    "SELECT public.pg_tviews__enqueue('x', ARRAY[1::bigint]); SELECT public.pg_tviews__flush(true)"));
            assertThat(error.getSQLState()).isEqualTo("TV050");
            assertThat(error.getMessage()).isEqualTo("TVIEW tv_x: its generated function m.pg_tviews_refresh_x"
                    + "(bigint[],text[],bigint[]) is missing or not SECURITY DEFINER; the runtime will not call it");
        }
        assertUntouched();
    }

    @Test
    void refreshAndRepairByAnotherRoleRefuseAnInvokerFunction() throws SQLException {
        registerFakeTview();
        // The owner (or a DBA) refreshing or repairing every TVIEW must not run mallory's code as itself.
        try (Connection asOwner = db.connectAs(owner)) {
            assertThat(serverError(() -> TestDatabase.execute(asOwner, "SELECT pg_tviews_refresh()")).getSQLState())
                    .isEqualTo("TV050");
        }
        // A superuser repairing mallory's TVIEW (its tv_x lacks the view's row) must not run her function either.
        assertThat(serverError(() -> db.execute("SELECT * FROM pg_tviews_verify('m.tv_x', true)")).getSQLState())
                .isEqualTo("TV050");
        assertThat(serverError(() -> db.execute("SELECT pg_tviews_refresh('m.tv_x')")).getSQLState()).isEqualTo("TV050");
        assertUntouched();
    }

    @Test
    void aSecurityDefinerFunctionOfMalloryRunsOnlyWithMallorysRights() throws SQLException {
        registerFakeTview();
        try (Connection asMallory = db.connectAs(mallory)) {
            TestDatabase.execute(asMallory, "ALTER FUNCTION m.pg_tviews_refresh_x(bigint[], text[], bigint[]) SECURITY DEFINER");
            assertThat(serverError(() -> TestDatabase.execute(asMallory,
                    "SELECT public.pg_tviews__enqueue('x', ARRAY[1::bigint]); SELECT public.pg_tviews__flush(true)"))
                    .getSQLState()).isEqualTo("42501");  // permission denied for table pg_tviews_settings
        }
        assertUntouched();
    }

    private void registerFakeTview() throws SQLException {
        try (Connection asMallory = db.connectAs(mallory)) {
            TestDatabase.execute(asMallory, "INSERT INTO public.pg_tview_meta (entity, schema_name, view_oid, table_oid, "
                    + "definition, pk_column, refresh_function) VALUES ('x', 'm', 'm.v_x', 'm.tv_x', 'SELECT 1', 'pk_x', "
                    + "'m.pg_tviews_refresh_x')");
        }
    }

    private void assertUntouched() throws SQLException {
        assertThat(db.scalar("SELECT value FROM pg_tviews_settings WHERE name = 'max_cascade_depth'")).isEqualTo("10");
        assertThat(db.column("SELECT who || ' ' || what FROM m.loot WHERE who <> '" + mallory + "'")).isEmpty();
        assertThat(db.query("SELECT * FROM pg_tviews_verify() WHERE tview <> 'm.tv_x'")).isEmpty();
    }
}
