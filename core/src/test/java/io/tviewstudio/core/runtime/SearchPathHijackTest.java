package io.tviewstudio.core.runtime;

import io.tviewstudio.core.testing.BlogSchema;
import io.tviewstudio.core.testing.TestDatabase;
import io.tviewstudio.core.testing.TviewAssertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The SECURITY DEFINER code (triggers, queue, flush, refresh functions, metrics) pins its
 * search_path: functions and operators that the runtime uses (hashtext, hashint8, unnest, =, ...)
 * created in a schema that comes first on the writer's search_path, and temporary tables named
 * like the runtime's tables or the triggers' transition tables, are never used. Each shadowing
 * function raises, so a single call would fail the write.
 */
class SearchPathHijackTest {

    private TestDatabase db;
    private String writer;

    @BeforeEach
    void setUp() throws SQLException {
        db = BlogSchema.withTviews();
        db.execute("SELECT pg_tviews_set_refresh_mode('tv_category', 'deferred')");  // the commit hook runs too
        writer = "hijacker_" + db.name();
        db.execute("CREATE ROLE " + writer + " LOGIN");
        db.execute("GRANT SELECT, INSERT, UPDATE, DELETE ON tb_user, tb_category, tb_post, tb_comment TO " + writer);
        db.execute("GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO " + writer);
        db.execute("GRANT TEMPORARY ON DATABASE " + db.name() + " TO " + writer);
        db.execute("CREATE SCHEMA evil AUTHORIZATION " + writer);
    }

    @AfterEach
    void close() throws SQLException {
        db.close();
    }

    @Test
    void everySecurityDefinerFunctionPinsItsSearchPath() throws SQLException {
        List<String> definers = db.column("SELECT p.oid::regprocedure::text FROM pg_proc p "
                + "WHERE p.prosecdef AND p.proname LIKE 'pg\\_tview%' ORDER BY 1");
        assertThat(definers).contains("pg_tviews__flush(boolean)", "pg_tviews__enqueue(text,bigint[],text,boolean,boolean)",
                "pg_tviews_refresh_post(bigint[],text[],bigint[])", "pg_tviews_trg_post__tb_user()");
        assertThat(db.column("SELECT p.oid::regprocedure::text FROM pg_proc p WHERE p.prosecdef AND p.proname LIKE 'pg\\_tview%' "
                + "AND NOT coalesce('search_path=pg_catalog, pg_temp' = ANY (p.proconfig), false)")).isEmpty();
    }

    @Test
    void shadowingFunctionsOperatorsAndTempTablesAreNeverUsed() throws SQLException {
        try (Connection app = db.connectAs(writer)) {
            TestDatabase.execute(app, """
                    CREATE FUNCTION evil.hijacked() RETURNS void LANGUAGE plpgsql AS $$
                    BEGIN RAISE EXCEPTION 'hijacked: a shadowing object was used'; END $$;
                    CREATE FUNCTION evil.hashtext(text) RETURNS integer LANGUAGE plpgsql AS $$
                    BEGIN PERFORM evil.hijacked(); RETURN 0; END $$;
                    CREATE FUNCTION evil.hashint8(bigint) RETURNS integer LANGUAGE plpgsql AS $$
                    BEGIN PERFORM evil.hijacked(); RETURN 0; END $$;
                    CREATE FUNCTION evil.unnest(bigint[]) RETURNS SETOF bigint LANGUAGE plpgsql AS $$
                    BEGIN PERFORM evil.hijacked(); END $$;
                    CREATE FUNCTION evil.cardinality(anyarray) RETURNS integer LANGUAGE plpgsql AS $$
                    BEGIN PERFORM evil.hijacked(); RETURN 0; END $$;
                    CREATE FUNCTION evil.set_config(text, text, boolean) RETURNS text LANGUAGE plpgsql AS $$
                    BEGIN PERFORM evil.hijacked(); RETURN ''; END $$;
                    CREATE FUNCTION evil.bigint_eq(bigint, bigint) RETURNS boolean LANGUAGE plpgsql AS $$
                    BEGIN PERFORM evil.hijacked(); RETURN false; END $$;
                    CREATE OPERATOR evil.= (LEFTARG = bigint, RIGHTARG = bigint, FUNCTION = evil.bigint_eq);
                    CREATE FUNCTION evil.text_eq(text, text) RETURNS boolean LANGUAGE plpgsql AS $$
                    BEGIN PERFORM evil.hijacked(); RETURN false; END $$;
                    CREATE OPERATOR evil.= (LEFTARG = text, RIGHTARG = text, FUNCTION = evil.text_eq);
                    CREATE TEMP TABLE pg_tviews_queue (xid xid8, entity text, via text, pk bigint);
                    CREATE TEMP TABLE pg_tview_meta (entity text);
                    CREATE TEMP TABLE pg_tviews_new (pk_user integer);
                    CREATE TEMP TABLE tv_post (pk_post integer);
                    SET search_path = pg_temp, evil, public, pg_catalog;
                    """);
            assertThat(TestDatabase.scalar(app, "SHOW search_path")).isEqualTo("pg_temp, evil, public, pg_catalog");
            // The application's own statements name the built-in '=' (its search_path shadows it).
            for (String write : List.of(
                    "UPDATE public.tb_user SET name = 'Alice' WHERE pk_user OPERATOR(pg_catalog.=) 1",
                    "INSERT INTO public.tb_post (fk_user, fk_category, title) VALUES (1, 2, 'Temp-safe')",
                    "INSERT INTO public.tb_comment (fk_post, fk_user, body) VALUES (1, 2, 'Yes')",
                    "UPDATE public.tb_post SET fk_category = 3 WHERE pk_post OPERATOR(pg_catalog.=) 1",
                    "DELETE FROM public.tb_comment WHERE pk_comment OPERATOR(pg_catalog.=) 2")) {
                TestDatabase.execute(app, write);
            }
            TestDatabase.execute(app, "BEGIN ISOLATION LEVEL REPEATABLE READ; "
                    + "UPDATE public.tb_user SET name = 'Bob' WHERE pk_user OPERATOR(pg_catalog.=) 2; COMMIT");
            assertThat(TestDatabase.scalar(app, "SELECT count(*) FROM pg_temp.pg_tviews_queue")).isEqualTo(0L);
        }
        TviewAssertions.assertConsistent(db);
        assertThat(db.column("SELECT data->'author'->>'name' FROM tv_post WHERE fk_user = 1 ORDER BY pk_post"))
                .containsOnly("Alice");
        assertThat(db.scalar("SELECT data->>'title' FROM tv_post WHERE pk_post = (SELECT max(pk_post) FROM tb_post)"))
                .isEqualTo("Temp-safe");
    }

}
