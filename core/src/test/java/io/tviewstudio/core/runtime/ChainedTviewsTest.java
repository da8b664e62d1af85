package io.tviewstudio.core.runtime;

import io.tviewstudio.core.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

import static io.tviewstudio.core.testing.TviewAssertions.assertConsistent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Chained TVIEWs in the original extension's style (issue #19): a definition reads its parent's
 * document through the parent's view ({@code JOIN v_user vu ... vu.data}) or, equally, through its
 * table ({@code JOIN tv_user ...}). Either way the dependant is recorded as reading the parent
 * TVIEW (depth, drop order, TV031) and is refreshed through the parent's key when the parent's row
 * changes, at any depth. Each shape runs with both kinds of read ({@code prefix} "v" or "tv"),
 * checks exact contents, and that every TVIEW equals its view.
 */
class ChainedTviewsTest {

    private TestDatabase db;

    @AfterEach
    void close() throws SQLException {
        if (db != null) {
            db.close();
        }
    }

    /** company -> user (embeds its company) -> post (embeds its author), reading the parent as {prefix}_. */
    private void threeLevels(String prefix) throws SQLException {
        db = TestDatabase.withRuntime();
        db.execute("""
                CREATE TABLE tb_company (pk_company integer PRIMARY KEY, id uuid NOT NULL DEFAULT gen_random_uuid(), name text NOT NULL);
                CREATE TABLE tb_user (pk_user integer PRIMARY KEY, id uuid NOT NULL DEFAULT gen_random_uuid(),
                                      fk_company integer NOT NULL REFERENCES tb_company, name text NOT NULL);
                CREATE TABLE tb_post (pk_post integer PRIMARY KEY, id uuid NOT NULL DEFAULT gen_random_uuid(),
                                      fk_user integer NOT NULL REFERENCES tb_user, title text NOT NULL);
                CREATE INDEX ON tb_user (fk_company);
                CREATE INDEX ON tb_post (fk_user);
                INSERT INTO tb_company (pk_company, name) VALUES (1, 'acme'), (2, 'globex');
                INSERT INTO tb_user (pk_user, fk_company, name) VALUES (1, 1, 'alice'), (2, 2, 'bob'), (3, 1, 'carol');
                INSERT INTO tb_post (pk_post, fk_user, title) VALUES (1, 1, 'p1'), (2, 2, 'p2'), (3, 1, 'p3'), (4, 3, 'p4');
                SELECT pg_tviews_create('tv_company', $$SELECT c.pk_company, c.id, jsonb_build_object('name', c.name) AS data FROM tb_company c$$);
                SELECT pg_tviews_create('tv_user', $$SELECT u.pk_user, u.id, u.fk_company,
                       jsonb_build_object('name', u.name, 'company', pc.data) AS data
                  FROM tb_user u JOIN %1$s_company pc ON pc.pk_company = u.fk_company$$);
                SELECT pg_tviews_create('tv_post', $$SELECT p.pk_post, p.id, p.fk_user,
                       jsonb_build_object('title', p.title, 'author', pu.data) AS data
                  FROM tb_post p JOIN %1$s_user pu ON pu.pk_user = p.fk_user$$);
                """.formatted(prefix));
    }

    private String author(int post) throws SQLException {
        return (String) db.scalar("SELECT format('%s/%s', data #>> '{author,name}', data #>> '{author,company,name}') "
                + "FROM tv_post WHERE pk_post = " + post);
    }

    @ParameterizedTest
    @ValueSource(strings = {"v", "tv"})
    void aChainIsRecordedAsReadingItsParentTviews(String prefix) throws SQLException {
        threeLevels(prefix);
        assertThat(db.column("SELECT format('%s %s %s', entity, depth, dependencies) FROM pg_tview_meta ORDER BY depth"))
                .containsExactly("company 0 {tb_company}", "user 1 {tb_user,tv_company}", "post 2 {tb_post,tv_user}");
        assertThat(db.column("SELECT format('%s %s %s', source, rule, tview_column) FROM pg_tview_source "
                + "WHERE entity = 'post' ORDER BY 1"))
                .containsExactly("tb_post root pk_post", "tv_user parent fk_user");
        assertConsistent(db);
    }

    @ParameterizedTest
    @ValueSource(strings = {"v", "tv"})
    void aWriteAtTheRootReachesEveryLevelAndOneInTheMiddleLeavesTheLevelsAboveIt(String prefix) throws SQLException {
        threeLevels(prefix);
        db.execute("UPDATE tb_company SET name = 'ACME' WHERE pk_company = 1");
        assertThat(List.of(author(1), author(2), author(3), author(4)))
                .containsExactly("alice/ACME", "bob/globex", "alice/ACME", "carol/ACME");
        assertConsistent(db);

        String companies = String.join(",", db.column("SELECT xmin::text FROM tv_company ORDER BY pk_company"));
        db.execute("UPDATE tb_user SET name = 'alicia' WHERE pk_user = 1");
        assertThat(String.join(",", db.column("SELECT xmin::text FROM tv_company ORDER BY pk_company")))
                .as("tv_company rows are not rewritten by a change of a user").isEqualTo(companies);
        assertThat(List.of(author(1), author(3), author(4))).containsExactly("alicia/ACME", "alicia/ACME", "carol/ACME");
        assertConsistent(db);
    }

    @ParameterizedTest
    @ValueSource(strings = {"v", "tv"})
    void multiRowStatementsMovesRollbackAndSavepoints(String prefix) throws SQLException {
        threeLevels(prefix);
        db.execute("UPDATE tb_user SET fk_company = 2 WHERE fk_company = 1");   // two users move, in one statement
        assertThat(List.of(author(1), author(4))).containsExactly("alice/globex", "carol/globex");
        try (Connection session = db.connect()) {
            session.setAutoCommit(false);
            TestDatabase.execute(session, "UPDATE tb_company SET name = 'gone' WHERE pk_company = 2");
            assertThat(TestDatabase.scalar(session, "SELECT data #>> '{author,company,name}' FROM tv_post WHERE pk_post = 2"))
                    .as("read your writes, through two levels").isEqualTo("gone");
            TestDatabase.execute(session, "SAVEPOINT s; UPDATE tb_user SET name = 'bobby' WHERE pk_user = 2; ROLLBACK TO SAVEPOINT s");
            TestDatabase.execute(session, "INSERT INTO tb_post (pk_post, fk_user, title) VALUES (5, 2, 'p5')");
            session.rollback();
        }
        assertThat(List.of(author(2))).containsExactly("bob/globex");
        assertThat(db.scalar("SELECT count(*) FROM tv_post")).isEqualTo(4L);
        try (Connection session = db.connect()) {
            session.setAutoCommit(false);
            TestDatabase.execute(session, "SAVEPOINT s; UPDATE tb_user SET name = 'bobby' WHERE pk_user = 2; ROLLBACK TO SAVEPOINT s");
            TestDatabase.execute(session, "INSERT INTO tb_post (pk_post, fk_user, title) VALUES (5, 2, 'p5')");
            TestDatabase.execute(session, "UPDATE tb_company SET name = 'initech' WHERE pk_company = 2");
            session.commit();
        }
        assertThat(List.of(author(2), author(5))).containsExactly("bob/initech", "bob/initech");
        assertConsistent(db);
    }

    @ParameterizedTest
    @ValueSource(strings = {"v", "tv"})
    void writesCoalesceInOneTransactionAndAManualRefreshRepairsDrift(String prefix) throws SQLException {
        threeLevels(prefix);
        db.execute("SELECT pg_tviews_set_refresh_mode('tv_post', 'deferred')");
        try (Connection session = db.connect()) {
            session.setAutoCommit(false);
            for (String name : List.of("a1", "a2", "a3")) {
                TestDatabase.execute(session, "UPDATE tb_company SET name = '" + name + "' WHERE pk_company = 1");
            }
            // Three renames queued the same posts of tv_post three times: each is refreshed once, at COMMIT.
            assertThat(TestDatabase.scalar(session, "SELECT count(*) FROM pg_tviews_queue_realtime WHERE entity = 'post'")).isEqualTo(2L);
            assertThat(((Number) TestDatabase.scalar(session, "SELECT (pg_tviews_queue_stats() ->> 'coalesced')::bigint")).longValue())
                    .isGreaterThan(0L);
            session.commit();
        }
        assertThat(List.of(author(1), author(4))).containsExactly("alice/a3", "carol/a3");
        db.execute("ALTER TABLE tv_post DISABLE TRIGGER USER; UPDATE tv_post SET data = '{}' WHERE pk_post = 3; "
                + "ALTER TABLE tv_post ENABLE TRIGGER USER");
        assertThat(db.query("SELECT * FROM pg_tviews_verify('tv_post')")).hasSize(1);
        db.execute("SELECT pg_tviews_refresh('tv_post')");
        assertThat(author(3)).isEqualTo("alice/a3");
        assertConsistent(db);
    }

    @ParameterizedTest
    @ValueSource(strings = {"v", "tv"})
    void droppingAParentNamesItsDependantsAndCascadeDropsThemFirst(String prefix) throws SQLException {
        threeLevels(prefix);
        assertThatThrownBy(() -> db.execute("SELECT pg_tviews_drop('tv_user')"))
                .isInstanceOf(SQLException.class)
                .satisfies(e -> {
                    assertThat(((SQLException) e).getSQLState()).isEqualTo("TV031");
                    assertThat(e.getMessage()).contains("cannot drop TVIEW tv_user: TVIEW(s) tv_post read it");
                });
        assertThat(db.column("SELECT entity FROM pg_tview_meta ORDER BY 1")).containsExactly("company", "post", "user");
        assertThatThrownBy(() -> db.execute("SELECT pg_tviews_drop('tv_company')"))
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("TV031"));

        db.execute("SELECT pg_tviews_drop('tv_company', false, true)");
        assertThat(db.column("SELECT entity FROM pg_tview_meta")).isEmpty();
        assertThat(db.scalar("SELECT count(*) FROM pg_class WHERE relname IN ('v_company', 'tv_company', 'v_user', 'tv_user', 'v_post', 'tv_post')"))
                .isEqualTo(0L);
    }

    /** Authors with the count and JSON array of their articles' titles, read from tv_article or v_article. */
    @ParameterizedTest
    @ValueSource(strings = {"v", "tv"})
    void aggregatedArraysOfChildrenFollowInsertsDeletesMovesAndEmptyParents(String prefix) throws SQLException {
        db = TestDatabase.withRuntime();
        db.execute("""
                CREATE TABLE tb_author (pk_author integer PRIMARY KEY, id uuid NOT NULL DEFAULT gen_random_uuid(), name text NOT NULL);
                CREATE TABLE tb_article (pk_article integer PRIMARY KEY, id uuid NOT NULL DEFAULT gen_random_uuid(),
                                         fk_author integer NOT NULL REFERENCES tb_author, title text NOT NULL);
                INSERT INTO tb_author (pk_author, name) VALUES (1, 'alice'), (2, 'bob'), (3, 'carol');
                INSERT INTO tb_article (pk_article, fk_author, title) VALUES (1, 1, 'p1'), (2, 2, 'p2'), (3, 1, 'p3'), (4, 3, 'p4');
                SELECT pg_tviews_create('tv_article', $$SELECT a.pk_article, a.id, a.fk_author,
                       jsonb_build_object('title', a.title) AS data FROM tb_article a$$);
                SELECT pg_tviews_create('tv_author', $$SELECT u.pk_author, u.id,
                       jsonb_build_object('name', u.name,
                                          'count', (SELECT count(*) FROM %1$s_article a WHERE a.fk_author = u.pk_author),
                                          'titles', coalesce((SELECT jsonb_agg(a.data -> 'title' ORDER BY a.pk_article)
                                                              FROM %1$s_article a WHERE a.fk_author = u.pk_author), '[]')) AS data
                  FROM tb_author u$$)""".formatted(prefix));
        assertThat(db.column("SELECT format('%s %s', source, rule) FROM pg_tview_source WHERE entity = 'author' ORDER BY 1"))
                .containsExactly("tb_author root", "tv_article child");
        // Either way, an update of tv_article that leaves its title alone leaves tv_author alone.
        assertThat(db.scalar("SELECT pg_tviews__jsonb_keys_read('author', 'tv_article', 'data')::text")).isEqualTo("{title}");
        assertThat(db.scalar("SELECT pg_tviews__columns_read('author', 'tv_article')::text")).isEqualTo("{data,fk_author,pk_article}");
        assertThat(titles()).containsExactly("1 2 [\"p1\", \"p3\"]", "2 1 [\"p2\"]", "3 1 [\"p4\"]");
        db.execute("INSERT INTO tb_article (pk_article, fk_author, title) VALUES (5, 2, 'p5'), (6, 2, 'p6')");
        db.execute("DELETE FROM tb_article WHERE pk_article = 4");
        db.execute("UPDATE tb_article SET fk_author = 2 WHERE pk_article = 1");
        db.execute("UPDATE tb_article SET title = 'p3!' WHERE pk_article = 3");
        assertThat(titles()).containsExactly("1 1 [\"p3!\"]", "2 4 [\"p1\", \"p2\", \"p5\", \"p6\"]", "3 0 []");
        assertConsistent(db);
    }

    private List<String> titles() throws SQLException {
        return db.column("SELECT pk_author || ' ' || (data ->> 'count') || ' ' || (data -> 'titles')::text FROM tv_author ORDER BY 1");
    }

    /** One parent, ten children reading it, and a grandchild level below each child. */
    @ParameterizedTest
    @ValueSource(strings = {"v", "tv"})
    void aFanOutOfTenChildrenWithAThirdLevel(String prefix) throws SQLException {
        db = TestDatabase.withRuntime();
        db.execute("""
                CREATE TABLE tb_root (pk_root integer PRIMARY KEY, id uuid NOT NULL DEFAULT gen_random_uuid(), name text NOT NULL);
                INSERT INTO tb_root (pk_root, name) VALUES (1, 'r1'), (2, 'r2');
                SELECT pg_tviews_create('tv_root', $$SELECT r.pk_root, r.id, jsonb_build_object('name', r.name) AS data FROM tb_root r$$);
                """);
        for (int i = 0; i < 10; i++) {
            db.execute("""
                    CREATE TABLE tb_kid%2$d (pk_kid%2$d integer PRIMARY KEY, id uuid NOT NULL DEFAULT gen_random_uuid(),
                                             fk_root integer NOT NULL REFERENCES tb_root, n integer NOT NULL);
                    INSERT INTO tb_kid%2$d (pk_kid%2$d, fk_root, n) SELECT g, 1 + g %% 2, g FROM generate_series(1, 4) g;
                    SELECT pg_tviews_create('tv_kid%2$d', $$SELECT k.pk_kid%2$d, k.id, k.fk_root,
                           jsonb_build_object('n', k.n, 'root', r.data) AS data
                      FROM tb_kid%2$d k JOIN %1$s_root r ON r.pk_root = k.fk_root$$);
                    CREATE TABLE tb_leaf%2$d (pk_leaf%2$d integer PRIMARY KEY, id uuid NOT NULL DEFAULT gen_random_uuid(),
                                              fk_kid%2$d integer NOT NULL REFERENCES tb_kid%2$d);
                    INSERT INTO tb_leaf%2$d (pk_leaf%2$d, fk_kid%2$d) SELECT g, 1 + g %% 4 FROM generate_series(1, 8) g;
                    SELECT pg_tviews_create('tv_leaf%2$d', $$SELECT l.pk_leaf%2$d, l.id, l.fk_kid%2$d,
                           jsonb_build_object('kid', k.data) AS data
                      FROM tb_leaf%2$d l JOIN %1$s_kid%2$d k ON k.pk_kid%2$d = l.fk_kid%2$d$$);
                    """.formatted(prefix, i));
        }
        db.execute("UPDATE tb_root SET name = 'R1' WHERE pk_root = 1");
        for (int i = 0; i < 10; i++) {
            assertThat(db.column("SELECT DISTINCT data #>> '{kid,root,name}' FROM tv_leaf%1$d l JOIN tb_kid%1$d k ON k.pk_kid%1$d = l.fk_kid%1$d WHERE k.fk_root = 1 ORDER BY 1"
                    .formatted(i))).containsExactly("R1");
        }
        assertThat(db.scalar("SELECT max(depth) FROM pg_tview_meta")).isEqualTo(2);
        assertConsistent(db);
    }

    /** tv_level_0 ... tv_level_5, each reading the one before; writes at the root and in the middle. */
    @ParameterizedTest
    @ValueSource(strings = {"v", "tv"})
    void aSixLevelChain(String prefix) throws SQLException {
        db = TestDatabase.withRuntime();
        for (int level = 0; level < 6; level++) {
            String parent = level == 0 ? "" : ", fk_level_%d integer NOT NULL REFERENCES tb_level_%d".formatted(level - 1, level - 1);
            db.execute("""
                    CREATE TABLE tb_level_%1$d (pk_level_%1$d integer PRIMARY KEY, id uuid NOT NULL DEFAULT gen_random_uuid(),
                                                name text NOT NULL%2$s);
                    """.formatted(level, parent));
            db.execute(level == 0
                    ? "INSERT INTO tb_level_0 (pk_level_0, name) VALUES (1, 'l0-1'), (2, 'l0-2')"
                    : "INSERT INTO tb_level_%1$d (pk_level_%1$d, name, fk_level_%2$d) SELECT g, 'l%1$d-' || g, 1 + g %% 2 FROM generate_series(1, 2) g"
                            .formatted(level, level - 1));
            db.execute(level == 0
                    ? "SELECT pg_tviews_create('tv_level_0', $$SELECT t.pk_level_0, t.id, jsonb_build_object('name', t.name) AS data FROM tb_level_0 t$$)"
                    : """
                      SELECT pg_tviews_create('tv_level_%1$d', $$SELECT t.pk_level_%1$d, t.id, t.fk_level_%2$d,
                             jsonb_build_object('name', t.name, 'up', p.data) AS data
                        FROM tb_level_%1$d t JOIN %3$s_level_%2$d p ON p.pk_level_%2$d = t.fk_level_%2$d$$)"""
                            .formatted(level, level - 1, prefix));
        }
        assertThat(db.column("SELECT depth::text FROM pg_tview_meta ORDER BY entity")).containsExactly("0", "1", "2", "3", "4", "5");
        db.execute("UPDATE tb_level_0 SET name = 'ROOT' WHERE pk_level_0 = 2");
        assertThat(db.scalar("SELECT data #>> '{up,up,up,up,up,name}' FROM tv_level_5 WHERE pk_level_5 = 1")).isEqualTo("ROOT");
        assertConsistent(db);

        String below = String.join(",", db.column("SELECT string_agg(xmin::text, ',' ORDER BY 1) FROM (SELECT xmin FROM tv_level_0 "
                + "UNION ALL SELECT xmin FROM tv_level_1 UNION ALL SELECT xmin FROM tv_level_2) x"));
        db.execute("UPDATE tb_level_3 SET name = 'MID' WHERE pk_level_3 = 2");
        assertThat(String.join(",", db.column("SELECT string_agg(xmin::text, ',' ORDER BY 1) FROM (SELECT xmin FROM tv_level_0 "
                + "UNION ALL SELECT xmin FROM tv_level_1 UNION ALL SELECT xmin FROM tv_level_2) x")))
                .as("levels 0 to 2 are not rewritten by a write at level 3").isEqualTo(below);
        assertThat(db.scalar("SELECT data #>> '{up,up,name}' FROM tv_level_5 WHERE pk_level_5 = 2")).isEqualTo("MID");
        assertConsistent(db);
    }

    /** Two dependants of one parent view, one of them created in another schema by search_path. */
    @Test
    void twoDependantsOfOneParentAndSchemaPlacementBySearchPath() throws SQLException {
        threeLevels("v");
        db.execute("""
                CREATE SCHEMA app;
                CREATE TABLE app.tb_note (pk_note integer PRIMARY KEY, id uuid NOT NULL DEFAULT gen_random_uuid(),
                                          fk_user integer NOT NULL REFERENCES public.tb_user, body text NOT NULL);
                INSERT INTO app.tb_note (pk_note, fk_user, body) VALUES (1, 1, 'n1'), (2, 2, 'n2'), (3, 1, 'n3');
                SET search_path = app, public;
                SELECT pg_tviews_create('tv_note', $$SELECT n.pk_note, n.id, n.fk_user,
                       jsonb_build_object('body', n.body, 'by', pu.data ->> 'name') AS data
                  FROM tb_note n JOIN v_user pu ON pu.pk_user = n.fk_user$$);
                RESET search_path;
                """);
        assertThat(db.scalar("SELECT schema_name::text || ' ' || depth || ' ' || dependencies::text FROM pg_tview_meta WHERE entity = 'note'"))
                .isEqualTo("app 2 {tv_user,app.tb_note}");
        db.execute("UPDATE tb_user SET name = 'al' WHERE pk_user = 1");
        assertThat(db.column("SELECT data ->> 'by' FROM app.tv_note WHERE fk_user = 1")).containsExactly("al", "al");
        assertThat(db.column("SELECT data #>> '{author,name}' FROM tv_post WHERE fk_user = 1")).containsExactly("al", "al");
        assertConsistent(db);
    }

    /** A second TVIEW on tb_post (its key exposed as fk_post too), reading the author through the parent. */
    @ParameterizedTest
    @ValueSource(strings = {"v", "tv"})
    void twoTviewsOverOneTable(String prefix) throws SQLException {
        threeLevels(prefix);
        db.execute("""
                SELECT pg_tviews_create('tv_card', $$SELECT p.pk_post AS pk_card, p.pk_post AS fk_post, p.id, p.fk_user,
                       jsonb_build_object('title', upper(p.title), 'by', pu.data ->> 'name') AS data
                  FROM tb_post p JOIN %s_user pu ON pu.pk_user = p.fk_user$$)""".formatted(prefix));
        assertThat(db.column("SELECT format('%s %s', source, rule) FROM pg_tview_source WHERE entity = 'card' ORDER BY 1"))
                .containsExactly("tb_post parent", "tv_user parent");
        db.execute("UPDATE tb_post SET title = 'first' WHERE pk_post = 1");
        db.execute("UPDATE tb_user SET name = 'al' WHERE pk_user = 1");
        assertThat(db.column("SELECT data ->> 'title' || ' by ' || (data ->> 'by') FROM tv_card WHERE fk_user = 1 ORDER BY pk_card"))
                .containsExactly("FIRST by al", "P3 by al");
        assertThat(author(1)).isEqualTo("al/acme");
        assertConsistent(db);
    }

    /** Creation checks a v_ read as any other: a missing view or column is refused with its code, and nothing is created. */
    @Test
    void aDefinitionReadingAMissingViewOrColumnIsRefused() throws SQLException {
        threeLevels("v");
        assertThatThrownBy(() -> db.execute("""
                SELECT pg_tviews_create('tv_note', $$SELECT p.pk_post AS pk_note, p.id, p.fk_user, vu.data
                  FROM tb_post p JOIN v_member vu ON vu.pk_user = p.fk_user$$)"""))
                .satisfies(e -> {
                    assertThat(((SQLException) e).getSQLState()).isEqualTo("TV040");
                    assertThat(e.getMessage()).contains("TVIEW tv_note: relation \"v_member\" does not exist");
                });
        assertThatThrownBy(() -> db.execute("""
                SELECT pg_tviews_create('tv_note', $$SELECT p.pk_post AS pk_note, p.id, p.fk_user, vu.data
                  FROM tb_post p JOIN v_user vu ON vu.pk_member = p.fk_user$$)"""))
                .satisfies(e -> {
                    assertThat(((SQLException) e).getSQLState()).isEqualTo("TV041");
                    assertThat(e.getMessage()).contains("TVIEW tv_note: column vu.pk_member does not exist");
                });
        assertThat(db.scalar("SELECT count(*) FROM pg_class WHERE relname IN ('v_note', 'tv_note')")).isEqualTo(0L);
        assertThat(db.column("SELECT entity FROM pg_tview_meta ORDER BY 1")).containsExactly("company", "post", "user");
    }

    /**
     * A TVIEW table that others read has no flush trigger: the runtime's refreshes flush what its
     * dependants queue themselves. A write to it outside them (a superuser's statement here): a
     * dependant that is its table's only reader follows at once (direct path); with two readers
     * the work is queued with a commit hook, so COMMIT makes them follow and nothing stays in the
     * queue. pg_tviews_refresh makes them follow before it returns.
     */
    @Test
    void writesToATviewTableOutsideTheRuntimesRefreshesReachItsDependantsByCommit() throws SQLException {
        threeLevels("tv");
        db.execute("""
                CREATE TABLE tb_badge (pk_badge integer PRIMARY KEY, id uuid NOT NULL DEFAULT gen_random_uuid(),
                                       fk_user integer NOT NULL REFERENCES tb_user, label text NOT NULL);
                INSERT INTO tb_badge (pk_badge, fk_user, label) VALUES (1, 1, 'gold');
                SELECT pg_tviews_create('tv_badge', $$SELECT b.pk_badge, b.id, b.fk_user,
                       jsonb_build_object('label', b.label, 'holder', tu.data) AS data
                  FROM tb_badge b JOIN tv_user tu ON tu.pk_user = b.fk_user$$);
                """);
        assertThat(db.column("SELECT tgrelid::regclass::text FROM pg_trigger WHERE tgname = 'tview_zz_flush' ORDER BY 1"))
                .containsExactly("tb_badge", "tb_company", "tb_post", "tb_user");
        String holder = "SELECT data #>> '{holder,name}' FROM tv_badge WHERE pk_badge = 1";
        try (Connection session = db.connect()) {
            session.setAutoCommit(false);
            TestDatabase.execute(session, "UPDATE tv_user SET data = jsonb_set(data, '{name}', '\"forged\"') WHERE pk_user = 1");
            assertThat(TestDatabase.scalar(session, "SELECT count(*) FROM pg_tviews_queue_realtime"))
                    .as("the two dependants' parent key waits for COMMIT").isEqualTo(2L);
            assertThat(TestDatabase.scalar(session, holder)).isEqualTo("alice");
            session.commit();
        }
        assertThat(author(1)).isEqualTo("forged/acme");
        assertThat(author(3)).isEqualTo("forged/acme");
        assertThat(db.scalar(holder)).isEqualTo("forged");
        assertThat(db.scalar("SELECT count(*) FROM pg_tviews_queue")).isEqualTo(0L);
        assertThat(db.scalar("SELECT count(*) FROM pg_tviews_commit_hook")).isEqualTo(0L);

        try (Connection fresh = db.connect()) {
            // A flush token SET by hand before the session's first flush matches no token of the
            // runtime's: the queued work keeps its commit hook, and nothing fails.
            fresh.setAutoCommit(false);
            TestDatabase.execute(fresh, "SET pg_tviews.flush_token = '12345'");
            TestDatabase.execute(fresh, "UPDATE tv_user SET data = jsonb_set(data, '{name}', '\"token\"') WHERE pk_user = 1");
            assertThat(TestDatabase.scalar(fresh, "SELECT count(*) FROM pg_tviews_commit_hook WHERE xid = pg_current_xact_id()"))
                    .isEqualTo(1L);
            fresh.commit();
        }
        assertThat(author(1)).isEqualTo("token/acme");
        assertThat(db.scalar(holder)).isEqualTo("token");
        assertThat(db.scalar("SELECT count(*) FROM pg_tviews_queue")).isEqualTo(0L);

        assertThat(db.scalar("SELECT pg_tviews_refresh('tv_user')")).isEqualTo(1L);
        assertThat(author(1)).as("repaired, and its dependants with it").isEqualTo("alice/acme");
        assertThat(db.scalar(holder)).isEqualTo("alice");
        assertThat(db.scalar("SELECT count(*) FROM pg_tviews_queue")).isEqualTo(0L);
        assertConsistent(db);
    }

    /** A plain view named v_<something> that belongs to no TVIEW is looked through to its tables, as before. */
    @Test
    void aPlainViewThatIsNoTviewsIsStillLookedThrough() throws SQLException {
        db = TestDatabase.withRuntime();
        db.execute("""
                CREATE TABLE tb_user (pk_user integer PRIMARY KEY, id uuid NOT NULL DEFAULT gen_random_uuid(), name text NOT NULL);
                CREATE TABLE tb_post (pk_post integer PRIMARY KEY, id uuid NOT NULL DEFAULT gen_random_uuid(),
                                      fk_user integer NOT NULL REFERENCES tb_user, title text NOT NULL);
                INSERT INTO tb_user (pk_user, name) VALUES (1, 'alice'), (2, 'bob');
                INSERT INTO tb_post (pk_post, fk_user, title) VALUES (1, 1, 'p1'), (2, 2, 'p2');
                CREATE VIEW v_author AS SELECT u.pk_user, u.name FROM tb_user u;
                SELECT pg_tviews_create('tv_post', $$SELECT p.pk_post, p.id, p.fk_user,
                       jsonb_build_object('by', a.name) AS data FROM tb_post p JOIN v_author a ON a.pk_user = p.fk_user$$);
                """);
        assertThat(db.column("SELECT source::text FROM pg_tview_source WHERE entity = 'post' ORDER BY 1"))
                .containsExactly("tb_post", "tb_user");
        db.execute("UPDATE tb_user SET name = 'al' WHERE pk_user = 1");
        assertThat(db.scalar("SELECT data ->> 'by' FROM tv_post WHERE pk_post = 1")).isEqualTo("al");
        assertConsistent(db);
    }
}
