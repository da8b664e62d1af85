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
 * Least privilege: a non-superuser owner installs the runtime and creates the TVIEWs; the
 * application role app_writer may only read and write tb_ tables, yet its writes keep every tv_
 * row exact, and it can neither write tv_ tables, nor call refresh code, nor steer that code with
 * its search_path.
 */
class SecurityTest {

    private static final String TABLES = "public.tb_user, public.tb_category, public.tb_post, public.tb_comment";

    private TestDatabase db;
    private String owner;
    private String appWriter;

    @BeforeEach
    void installAsOwner() throws SQLException {
        db = TestDatabase.empty();
        owner = "tv_owner_" + db.name();
        appWriter = "app_writer_" + db.name();
        db.execute("CREATE ROLE " + owner + " LOGIN NOSUPERUSER NOCREATEROLE");
        db.execute("CREATE ROLE " + appWriter + " LOGIN NOSUPERUSER NOCREATEROLE");
        db.execute("GRANT CREATE ON DATABASE " + db.name() + " TO " + owner);
        db.execute("ALTER SCHEMA public OWNER TO " + owner);
        try (Connection asOwner = db.connectAs(owner)) {
            RuntimeInstaller.install(asOwner);
            TestDatabase.execute(asOwner, Resources.text("schemas/blog.sql"));
            TestDatabase.execute(asOwner, Resources.text("schemas/blog-tviews.sql"));
            TestDatabase.execute(asOwner, "GRANT USAGE ON SCHEMA public TO " + appWriter);
            TestDatabase.execute(asOwner, "GRANT SELECT, INSERT, UPDATE, DELETE ON " + TABLES + " TO " + appWriter);
            TestDatabase.execute(asOwner, "GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO " + appWriter);
        }
    }

    @AfterEach
    void closeDatabase() throws SQLException {
        db.close();
    }

    @Test
    void ownerIsAnOrdinaryRoleThatOwnsEveryTviewObject() throws SQLException {
        assertThat(db.scalar("SELECT rolsuper FROM pg_roles WHERE rolname = '" + owner + "'")).isEqualTo(false);
        assertThat(db.column("""
                SELECT DISTINCT pg_get_userbyid(c.relowner)::text FROM pg_class c
                WHERE c.relname ~ '^(tb|tv|v)_' AND c.relkind IN ('r', 'v')
                UNION
                SELECT DISTINCT pg_get_userbyid(p.proowner)::text FROM pg_proc p
                WHERE p.proname LIKE 'pg\\_tviews\\_%'""")).containsExactly(owner);
        assertThat(db.column("SELECT status FROM pg_tviews_health_check()")).containsOnly("OK");
    }

    @Test
    void appWriterWritesKeepTviewsExact() throws SQLException {
        try (Connection app = db.connectAs(appWriter)) {
            for (String write : List.of(
                    "INSERT INTO tb_user (name) VALUES ('dave')",
                    "INSERT INTO tb_post (fk_user, fk_category, title) VALUES (4, 3, 'Least privilege')",
                    "INSERT INTO tb_comment (fk_post, fk_user, body) VALUES (5, 1, 'Agreed')",
                    "UPDATE tb_user SET name = 'Alice' WHERE pk_user = 1",
                    "UPDATE tb_post SET fk_category = 2, published = true WHERE pk_post IN (2, 4)",
                    "UPDATE tb_category SET title = 'DB' WHERE pk_category = 1",
                    "DELETE FROM tb_comment WHERE pk_comment = 2",
                    "DELETE FROM tb_post WHERE pk_post = 1")) {
                TestDatabase.execute(app, write);
                TviewAssertions.assertConsistent(db);
            }
        }

        assertThat(db.scalar("SELECT data->'author'->>'name' FROM tv_post WHERE pk_post = 3")).isEqualTo("Alice");
        assertThat(db.scalar("SELECT data->'post'->>'title' FROM tv_comment WHERE pk_comment = 4"))
                .isEqualTo("Least privilege");
        assertThat(db.scalar("SELECT (data->>'post_count')::int FROM tv_category WHERE pk_category = 2")).isEqualTo(3);
    }

    @Test
    void appWriterCannotWriteOrReadTviewTables() throws SQLException {
        List<String> before = db.column("SELECT to_jsonb(t)::text FROM tv_post t ORDER BY pk_post");
        try (Connection app = db.connectAs(appWriter)) {
            for (String write : List.of(
                    "INSERT INTO tv_post (pk_post, id, fk_user, data) VALUES (99, gen_random_uuid(), 1, '{}')",
                    "UPDATE tv_post SET data = '{}' WHERE pk_post = 1",
                    "DELETE FROM tv_post WHERE pk_post = 1",
                    "TRUNCATE tv_post",
                    "SELECT * FROM tv_post",
                    "UPDATE tv_comment SET data = '{}'")) {
                assertThat(serverError(() -> TestDatabase.execute(app, write)).getSQLState()).as(write).isEqualTo("42501");
            }
        }

        assertThat(db.column("SELECT to_jsonb(t)::text FROM tv_post t ORDER BY pk_post")).isEqualTo(before);
    }

    @Test
    void appWriterCannotCallGeneratedRefreshOrTriggerFunctions() throws SQLException {
        db.execute("UPDATE tv_post SET data = '{}' WHERE pk_post = 1");  // stale on purpose, as superuser
        try (Connection app = db.connectAs(appWriter)) {
            for (String call : List.of(
                    "SELECT public.pg_tviews_refresh_post(ARRAY[1::bigint])",
                    "SELECT public.pg_tviews_refresh_category(ARRAY[1::bigint, 2, 3])",
                    "SELECT * FROM pg_tviews_verify('tv_post', true)")) {
                assertThat(serverError(() -> TestDatabase.execute(app, call)).getSQLState()).as(call).isEqualTo("42501");
            }
            assertThat(serverError(() -> TestDatabase.execute(app, "SELECT pg_tviews_refresh('tv_post')")).getSQLState())
                    .isEqualTo("TV050");
        }

        assertThat(db.scalar("SELECT data::text FROM tv_post WHERE pk_post = 1")).isEqualTo("{}");
        assertThat(db.column("SELECT p.oid::regprocedure::text FROM pg_proc p WHERE p.proname LIKE 'pg\\_tviews\\_refresh\\_%' "
                + "AND has_function_privilege('" + appWriter + "', p.oid, 'EXECUTE')")).isEmpty();
    }

    @Test
    void hostileSearchPathDoesNotChangeWhatRefreshWrites() throws SQLException {
        db.execute("CREATE SCHEMA evil AUTHORIZATION " + appWriter);
        try (Connection app = db.connectAs(appWriter)) {
            TestDatabase.execute(app, """
                    CREATE FUNCTION evil.jsonb_build_object(text, text) RETURNS jsonb
                        LANGUAGE sql AS $$ SELECT '{"hacked": true}'::jsonb $$;
                    CREATE FUNCTION evil.jsonb_build_object(text, uuid, text, text, text, jsonb) RETURNS jsonb
                        LANGUAGE sql AS $$ SELECT '{"hacked": true}'::jsonb $$;
                    CREATE FUNCTION evil.unnest(bigint[]) RETURNS SETOF bigint
                        LANGUAGE sql AS $$ SELECT 0::bigint WHERE false $$;
                    CREATE FUNCTION evil.cardinality(anyarray) RETURNS integer LANGUAGE sql AS $$ SELECT 0 $$;
                    CREATE FUNCTION evil.int_eq(integer, integer) RETURNS boolean LANGUAGE sql AS $$ SELECT false $$;
                    CREATE OPERATOR evil.= (LEFTARG = integer, RIGHTARG = integer, FUNCTION = evil.int_eq);
                    CREATE TABLE evil.tb_user (pk_user integer, id uuid, name text);
                    INSERT INTO evil.tb_user VALUES (1, gen_random_uuid(), 'mallory');
                    CREATE TABLE evil.tv_post (pk_post integer, id uuid, fk_user integer, fk_category integer,
                                               user_id uuid, data jsonb);
                    CREATE TABLE evil.pg_tview_meta (LIKE public.pg_tview_meta);
                    """);
        }
        db.execute("ALTER ROLE " + appWriter + " SET search_path = evil, public, pg_catalog");

        try (Connection app = db.connectAs(appWriter)) {
            assertThat(TestDatabase.scalar(app, "SHOW search_path")).isEqualTo("evil, public, pg_catalog");
            // The application's own statements avoid its shadowed '=' for integers.
            TestDatabase.execute(app, "UPDATE public.tb_user SET name = 'Alice' WHERE pk_user OPERATOR(pg_catalog.=) 1");
            TestDatabase.execute(app, "INSERT INTO public.tb_post (fk_user, fk_category, title) VALUES (1, 2, 'Safe')");
            TestDatabase.execute(app, "INSERT INTO public.tb_comment (fk_post, fk_user, body) VALUES (5, 2, 'Yes')");
            TestDatabase.execute(app, "DELETE FROM public.tb_comment WHERE pk_comment OPERATOR(pg_catalog.=) 1");
        }

        assertThat(db.scalar("SELECT name FROM tb_user WHERE pk_user = 1")).isEqualTo("Alice");
        assertThat(db.scalar("SELECT count(*) FROM tb_comment WHERE pk_comment = 1")).isEqualTo(0L);
        TviewAssertions.assertConsistent(db);
        assertThat(db.column("SELECT data->'author'->>'name' FROM tv_post WHERE fk_user = 1 ORDER BY pk_post"))
                .containsExactly("Alice", "Alice", "Alice");
        assertThat(db.scalar("SELECT count(*) FROM tv_post WHERE data ? 'hacked'")).isEqualTo(0L);
        assertThat(db.scalar("SELECT data->>'body' FROM tv_comment WHERE pk_comment = 4")).isEqualTo("Yes");
        assertThat(db.scalar("SELECT count(*) FROM evil.tv_post")).isEqualTo(0L);
        assertThat(db.scalar("SELECT name FROM evil.tb_user")).isEqualTo("mallory");
    }
}
