package io.tviewstudio.core.runtime;

import io.tviewstudio.core.install.RuntimeInstaller;
import io.tviewstudio.core.testing.BlogSchema;
import io.tviewstudio.core.testing.Resources;
import io.tviewstudio.core.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.util.ServerErrorMessage;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import static io.tviewstudio.core.testing.SqlFailures.assertFails;
import static io.tviewstudio.core.testing.SqlFailures.serverError;
import static io.tviewstudio.core.testing.TviewAssertions.assertConsistent;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The functions and catalog objects that keep the original pg_tviews extension's SQL names
 * (sql/runtime/45_compat.sql): analysis, types, manual propagation, table conversion, two-phase
 * commit helpers, the audit log and the helper list. Runs on the blog schema with its TVIEWs and tv_user.
 */
class CompatApiTest {

    private TestDatabase db;

    @BeforeEach
    void createBlog() throws SQLException {
        db = BlogSchema.withTviews();
    }

    @AfterEach
    void close() throws SQLException {
        for (String gid : db.column("SELECT gid FROM pg_prepared_xacts WHERE database = current_database()")) {
            db.execute("ROLLBACK PREPARED '" + gid + "'");
        }
        db.close();
    }

    private String json(String sql) throws SQLException {
        Object value = db.scalar(sql);
        return value == null ? null : value.toString();
    }

    /** The jsonb text PostgreSQL prints for a literal, so that key order does not matter. */
    private String jsonb(String literal) throws SQLException {
        return json("SELECT $j$" + literal + "$j$::jsonb::text");
    }

    private String analyze(String sql) throws SQLException {
        return json("SELECT pg_tviews_analyze_select($q$" + sql + "$q$)::text");
    }

    // --- pg_tviews_analyze_select -------------------------------------------------------------

    @Test
    void analyzeSelectReportsKeysColumnsAndLineageAndCreatesNothing() throws SQLException {
        DatabaseSnapshot before = DatabaseSnapshot.of(db);

        String result = analyze("""
                SELECT cm.pk_comment, cm.id, cm.fk_post, cm.fk_user, tp.id AS post_id,
                       jsonb_build_object('body', cm.body, 'by', u.name) AS data
                FROM tb_comment cm JOIN tv_post tp ON tp.pk_post = cm.fk_post JOIN tb_user u ON u.pk_user = cm.fk_user""");

        assertThat(result).isEqualTo(jsonb("""
                {"pk_column": "pk_comment", "id_column": "id", "data_column": "data",
                 "fk_columns": ["fk_post", "fk_user"], "uuid_fk_columns": ["post_id"],
                 "sources": [
                   {"table": "tb_comment", "kind": "table", "rule": "root", "source_column": "pk_comment", "tview_column": "pk_comment"},
                   {"table": "tb_user", "kind": "table", "rule": "parent", "source_column": "pk_user", "tview_column": "fk_user"},
                   {"table": "tv_post", "kind": "tview", "rule": "parent", "source_column": "pk_post", "tview_column": "fk_post"}],
                 "errors": []}"""));
        assertThat(DatabaseSnapshot.of(db)).isEqualTo(before);
        assertThat(db.scalar("SELECT count(*) FROM pg_class WHERE relname = 'pg_tviews_analyze'")).isEqualTo(0L);
    }

    @Test
    @Raises({"TV010", "TV040", "TV041", "TV042"})
    void analyzeSelectReturnsTheErrorOfAnInvalidSelect() throws SQLException {
        DatabaseSnapshot before = DatabaseSnapshot.of(db);

        assertThat(analyze("")).isEqualTo(emptyAnalysis("""
                [{"code": "TV010", "message": "TVIEW definition is empty"}]"""));
        assertThat(analyze("SELECT 1; DROP TABLE tb_user")).isEqualTo(emptyAnalysis("""
                [{"code": "TV010", "message": "TVIEW definition must be a single SELECT statement"}]"""));
        assertThat(analyze("SELECT pk_user FORM tb_user")).isEqualTo(emptyAnalysis("""
                [{"code": "TV010", "message": "SELECT: invalid definition: syntax error at or near \\"tb_user\\""}]"""));
        assertThat(analyze("SELECT * FROM tb_nope")).isEqualTo(emptyAnalysis("""
                [{"code": "TV040", "message": "SELECT: relation \\"tb_nope\\" does not exist"}]"""));
        assertThat(analyze("SELECT nope FROM tb_user")).isEqualTo(emptyAnalysis("""
                [{"code": "TV041", "message": "SELECT: column \\"nope\\" does not exist"}]"""));
        assertThat(analyze("SELECT no_such_fn(pk_user) FROM tb_user")).isEqualTo(emptyAnalysis("""
                [{"code": "TV042", "message": "SELECT: function no_such_fn(integer) does not exist"}]"""));
        assertThat(DatabaseSnapshot.of(db)).isEqualTo(before);
    }

    private String emptyAnalysis(String errors) throws SQLException {
        return jsonb("""
                {"pk_column": null, "id_column": null, "data_column": null, "fk_columns": [], "uuid_fk_columns": [],
                 "sources": [], "errors": %s}""".formatted(errors));
    }

    @Test
    @Raises({"TV011", "TV012", "TV020", "TV021", "TV022", "TV030"})
    void analyzeSelectListsEveryIndependentProblemWithTheMessagesOfCreate() throws SQLException {
        String limited = "SELECT u.pk_user, u.id::text AS id, random() AS x FROM tb_user u LIMIT 2";
        assertThat(analyze(limited)).isEqualTo(jsonb("""
                {"pk_column": "pk_user", "id_column": "id", "data_column": null, "fk_columns": [], "uuid_fk_columns": [],
                 "sources": [{"table": "tb_user", "kind": "table", "rule": "root", "source_column": "pk_user", "tview_column": "pk_user"}],
                 "errors": [
                   {"code": "TV020", "message": "TVIEW tv_user uses unsupported SQL at its top level: LIMIT / OFFSET / FETCH"},
                   {"code": "TV011", "message": "TVIEW tv_user: the definition has no column data"}]}"""));
        // The first problem pg_tviews_create reports is the first in the list, with the same message.
        ServerErrorMessage create = serverError(() -> db.execute("SELECT pg_tviews_create('tv_user', $q$" + limited + "$q$)"));
        assertThat(create.getSQLState() + " " + create.getMessage())
                .isEqualTo("TV020 TVIEW tv_user uses unsupported SQL at its top level: LIMIT / OFFSET / FETCH");

        assertThat(json("SELECT pg_tviews_analyze_select('SELECT 1 AS n, random() AS r')->'errors'")).isEqualTo(jsonb("""
                [{"code": "TV021", "message": "SELECT calls volatile function(s): random"},
                 {"code": "TV011", "message": "SELECT: the definition has no column pk_<entity>"}]"""));
        assertThat(json("SELECT pg_tviews_analyze_select('SELECT pk_user, id::text AS id, ''{}''::jsonb AS data FROM tb_user')->'errors'"))
                .isEqualTo(jsonb("""
                        [{"code": "TV012", "message": "TVIEW tv_user: column id has type text, expected uuid"}]"""));

        String unlinked = "SELECT u.pk_user, u.id, to_jsonb(c.title) AS data FROM tb_user u CROSS JOIN tb_category c";
        ServerErrorMessage lineage = serverError(() -> db.execute("SELECT pg_tviews_create('tv_user', $q$" + unlinked + "$q$)"));
        assertThat(json("SELECT pg_tviews_analyze_select($q$" + unlinked + "$q$)->'errors'"))
                .isEqualTo(json("SELECT jsonb_build_array(jsonb_build_object('code', 'TV022', 'message', $m$"
                        + lineage.getMessage() + "$m$))::text"));

        assertThat(json("SELECT pg_tviews_analyze_select('SELECT pk_post, id, data FROM tv_post')->'errors'")).isEqualTo(jsonb("""
                [{"code": "TV030", "message": "TVIEW tv_post cannot read itself"}]"""));
    }

    // --- pg_tviews_infer_types ------------------------------------------------------------------

    @Test
    void inferTypesMapsColumnsToTheirTypeNames() throws SQLException {
        assertThat(json("SELECT pg_tviews_infer_types('tb_post', ARRAY['pk_post', 'id', 'title'])::text"))
                .isEqualTo(jsonb("{\"pk_post\": \"integer\", \"id\": \"uuid\", \"title\": \"text\"}"));
        assertThat(json("SELECT pg_tviews_infer_types('public.tv_post', NULL)::text")).isEqualTo(jsonb("""
                {"pk_post": "integer", "id": "uuid", "fk_user": "integer", "fk_category": "integer",
                 "user_id": "uuid", "data": "jsonb"}"""));
        assertThat(json("SELECT pg_tviews_infer_types('tb_post', '{}')::text")).isEqualTo("{}");
    }

    @Test
    @Raises({"TV040", "TV041"})
    void inferTypesRefusesUnknownTablesAndColumns() throws SQLException {
        assertFails(() -> db.execute("SELECT pg_tviews_infer_types('tb_nope', NULL)"), "TV040", "table or view 'tb_nope' does not exist");
        assertFails(() -> db.execute("SELECT pg_tviews_infer_types('a.b.c.d', NULL)"), "TV040", "table or view 'a.b.c.d' does not exist");
        assertFails(() -> db.execute("SELECT pg_tviews_infer_types(NULL, NULL)"), "TV040", "table or view NULL does not exist");
        assertFails(() -> db.execute("SELECT pg_tviews_infer_types('tb_post_pkey', NULL)"), "TV040",
                "table or view 'tb_post_pkey' does not exist");
        assertFails(() -> db.execute("SELECT pg_tviews_infer_types('tb_post', ARRAY['title', 'nope', NULL])"), "TV041",
                "tb_post has no column 'nope', NULL");
    }

    // --- pg_tviews_insert / pg_tviews_delete ----------------------------------------------------

    @Test
    void insertAndDeletePropagateRowsWrittenWhileTriggersWereOff() throws SQLException {
        db.execute(Resources.text("schemas/blog-tv-user.sql"));
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("SET session_replication_role = replica");
            s.execute("INSERT INTO tb_post (fk_user, fk_category, title) VALUES (3, 2, 'Unnoticed')");
            s.execute("DELETE FROM tb_comment WHERE pk_comment = 1");
        }
        assertThat(db.scalar("SELECT count(*) FROM pg_tviews_verify()")).isNotEqualTo(0L);

        // tb_post: root of tv_post (key 5), child of tv_user (fk_user 3): two keys.
        assertThat(db.scalar("SELECT pg_tviews_insert('tb_post'::regclass, 5)")).isEqualTo(2);
        assertThat(json("SELECT data->>'title' FROM tv_post WHERE pk_post = 5")).isEqualTo("Unnoticed");
        assertThat(json("SELECT data->>'post_count' FROM tv_category WHERE pk_category = 2")).isEqualTo("2");

        // tb_comment: root of tv_comment (key 1) and child of tv_user: the deleted row's fk_user is gone,
        // so all 3 tv_user keys are queued.
        assertThat(db.scalar("SELECT pg_tviews_delete('tb_comment'::regclass, 1)")).isEqualTo(4);
        assertThat(db.scalar("SELECT count(*) FROM tv_comment WHERE pk_comment = 1")).isEqualTo(0L);
        assertConsistent(db);
    }

    @Test
    @Raises({"TV003", "TV061"})
    void insertAndDeleteRefuseNonSourcesMissingRowsAndLiveRows() throws SQLException {
        db.execute("CREATE TABLE tb_other (pk_other int PRIMARY KEY)");
        DatabaseSnapshot before = DatabaseSnapshot.of(db);
        ServerErrorMessage cascade = serverError(() -> db.execute("SELECT pg_tviews_cascade('tb_other'::regclass, 1)"));
        for (String function : List.of("pg_tviews_insert", "pg_tviews_delete")) {
            ServerErrorMessage error = assertFails(() -> db.execute("SELECT " + function + "('tb_other'::regclass, 1)"),
                    "TV003", "no TVIEW reads public.tb_other through a single-column primary key");
            assertThat(error.getMessage()).isEqualTo(cascade.getMessage());
            assertThat(error.getHint()).isEqualTo(cascade.getHint().replace("pg_tviews_cascade", function));
        }
        assertFails(() -> db.execute("SELECT pg_tviews_insert('tb_post'::regclass, 99)"), "TV061",
                "public.tb_post has no row with pk_post = 99");
        assertFails(() -> db.execute("SELECT pg_tviews_delete('tb_post'::regclass, 1)"), "TV061",
                "public.tb_post still has a row with pk_post = 1");
        assertThat(DatabaseSnapshot.of(db)).isEqualTo(before);
    }

    // --- pg_tviews_convert_table ----------------------------------------------------------------

    private static final String USER_VIEW = "CREATE VIEW v_user AS SELECT pk_user, id, jsonb_build_object('name', name) AS data FROM tb_user";

    @Test
    void convertTableTurnsAHandFilledTableEqualToItsViewIntoATviewKeepingGrants() throws SQLException {
        String reader = "reader_" + db.name();
        db.execute("CREATE ROLE " + reader + " LOGIN");
        try {
            db.execute(USER_VIEW + "; CREATE TABLE tv_user AS SELECT * FROM v_user; GRANT SELECT ON tv_user TO " + reader);

            assertThat(db.scalar("SELECT pg_tviews_convert_table('tv_user', 'user')"))
                    .isEqualTo("table tv_user converted into a TVIEW: 3 rows equal to v_user");

            assertThat(db.scalar("SELECT count(*) FROM pg_tview_meta WHERE entity = 'user'")).isEqualTo(1L);
            assertThat(db.column("SELECT operation FROM pg_tview_audit_log WHERE entity = 'user' ORDER BY performed_at"))
                    .containsExactly("create", "convert_table");
            assertThat(json("SELECT details::text FROM pg_tview_audit_log WHERE operation = 'convert_table'"))
                    .isEqualTo(jsonb("{\"table\": \"tv_user\", \"rows\": 3}"));
            assertThat(db.scalar("SELECT count(*) FROM pg_class WHERE relname LIKE 'pg\\_tviews\\_convert\\_%'")).isEqualTo(0L);
            try (Connection asReader = db.connectAs(reader)) {
                assertThat(TestDatabase.scalar(asReader, "SELECT count(*) FROM tv_user")).isEqualTo(3L);
            }
            db.execute("UPDATE tb_user SET name = 'Alice' WHERE pk_user = 1");
            assertThat(json("SELECT data->>'name' FROM tv_user WHERE pk_user = 1")).isEqualTo("Alice");
            assertConsistent(db);
        } finally {
            db.execute("DROP OWNED BY " + reader + "; DROP ROLE " + reader);
        }
    }

    @Test
    @Raises({"TV001", "TV002", "TV040", "TV070", "TV071"})
    void convertTableRefusesAndChangesNothing() throws SQLException {
        db.execute(USER_VIEW + "; CREATE TABLE tv_user AS SELECT * FROM v_user");
        DatabaseSnapshot before = DatabaseSnapshot.of(db);

        assertFails(() -> db.execute("SELECT pg_tviews_convert_table('tv_nope', 'nope')"), "TV040", "table 'tv_nope' does not exist");
        assertFails(() -> db.execute("SELECT pg_tviews_convert_table('tv_user', 'User')"), "TV001",
                "invalid TVIEW name 'public.\"tv_User\"'");
        assertFails(() -> db.execute("SELECT pg_tviews_convert_table('tv_post', 'post')"), "TV002", "TVIEW tv_post already exists");
        assertFails(() -> db.execute("SELECT pg_tviews_convert_table('tv_user', 'person')"), "TV070",
                "cannot convert tv_user into TVIEW public.tv_person: it is not a plain table named tv_person");
        assertFails(() -> db.execute("SELECT pg_tviews_convert_table('v_user', 'user')"), "TV070",
                "cannot convert v_user into TVIEW public.tv_user: it is not a plain table named tv_user");
        assertThat(DatabaseSnapshot.of(db)).isEqualTo(before);

        db.execute("CREATE TABLE tv_tag (pk_tag int)");
        assertFails(() -> db.execute("SELECT pg_tviews_convert_table('tv_tag', 'tag')"), "TV040",
                "cannot convert tv_tag: view public.v_tag does not exist");
        db.execute("DROP TABLE tv_tag");

        db.execute("UPDATE tv_user SET data = '{}' WHERE pk_user = 2");
        DatabaseSnapshot changed = DatabaseSnapshot.of(db);
        ServerErrorMessage differ = assertFails(() -> db.execute("SELECT pg_tviews_convert_table('tv_user', 'user')"), "TV071",
                "cannot convert public.tv_user: 2 row(s) differ from view v_user");
        assertThat(differ.getDetail()).isEqualTo("rows in only one of public.tv_user and public.v_user, counted with duplicates");
        assertThat(DatabaseSnapshot.of(db)).isEqualTo(changed);

        db.execute("DROP TABLE tv_user; CREATE TABLE tv_user AS SELECT pk_user, data, id FROM v_user");
        DatabaseSnapshot reordered = DatabaseSnapshot.of(db);
        ServerErrorMessage columns = assertFails(() -> db.execute("SELECT pg_tviews_convert_table('tv_user', 'user')"), "TV071",
                "cannot convert public.tv_user: its columns differ from those of view v_user");
        assertThat(columns.getDetail()).isEqualTo("table: (pk_user integer, data jsonb, id uuid); view: (pk_user integer, id uuid, data jsonb)");
        assertThat(DatabaseSnapshot.of(db)).isEqualTo(reordered);

        db.execute("DROP TABLE tv_user; CREATE TABLE tv_user AS SELECT * FROM v_user; CREATE VIEW user_names AS SELECT data FROM tv_user");
        DatabaseSnapshot dependent = DatabaseSnapshot.of(db);
        ServerErrorMessage depends = assertFails(() -> db.execute("SELECT pg_tviews_convert_table('tv_user', 'user')"), "TV070",
                "cannot convert public.tv_user: other objects depend on the table");
        assertThat(depends.getDetail()).startsWith("cannot drop table pg_tviews_convert_");
        assertThat(DatabaseSnapshot.of(db)).isEqualTo(dependent);

        db.execute("DROP VIEW user_names; CREATE VIEW user_data AS SELECT data FROM v_user");
        DatabaseSnapshot viewDependent = DatabaseSnapshot.of(db);
        assertFails(() -> db.execute("SELECT pg_tviews_convert_table('tv_user', 'user')"), "TV070",
                "cannot convert public.tv_user: cannot drop view v_user because other objects depend on it");
        assertThat(DatabaseSnapshot.of(db)).isEqualTo(viewDependent);
        assertThat(db.scalar("SELECT count(*) FROM pg_tview_audit_log WHERE entity = 'user'")).isEqualTo(0L);
    }

    @Test
    @Raises("TV050")
    void convertTableRefusesARoleThatDoesNotOwnTheTable() throws SQLException {
        String other = "other_" + db.name();
        db.execute(USER_VIEW + "; CREATE TABLE tv_user AS SELECT * FROM v_user; CREATE ROLE " + other + " LOGIN");
        DatabaseSnapshot before = DatabaseSnapshot.of(db);
        try (Connection asOther = db.connectAs(other)) {
            assertFails(() -> TestDatabase.execute(asOther, "SELECT pg_tviews_convert_table('tv_user', 'user')"), "TV050",
                    "cannot convert public.tv_user: must be owner of table tv_user");
        } finally {
            db.execute("DROP ROLE " + other);
        }
        assertThat(DatabaseSnapshot.of(db)).isEqualTo(before);
    }

    // --- pg_tviews_install_stmt_triggers / pg_tviews_check_jsonb_delta --------------------------

    @Test
    void installStmtTriggersCountsSourcesWhoseTriggersAreStatementLevelAndChangesNothing() throws SQLException {
        DatabaseSnapshot before = DatabaseSnapshot.of(db);
        // tb_post, tb_user, tb_category, tb_comment and tv_post.
        assertThat(db.scalar("SELECT pg_tviews_install_stmt_triggers()")).isEqualTo(5);
        assertThat(DatabaseSnapshot.of(db)).isEqualTo(before);
        assertThat(db.scalar("SELECT pg_tviews_check_jsonb_delta()")).isEqualTo(false);
    }

    // --- two-phase commit ---------------------------------------------------------------------

    @Test
    @Raises({"TV080", "TV081"})
    void preparedTransactionHelpersListAndPointToThePlainStatements() throws SQLException {
        assertThat(db.query("SELECT * FROM pg_tviews_recover_prepared_transactions()")).isEmpty();
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("BEGIN");
            s.execute("UPDATE tb_post SET title = 'Prepared' WHERE pk_post = 3");
            s.execute("PREPARE TRANSACTION 'compat_post'");
            s.execute("BEGIN");
            s.execute("UPDATE tb_category SET title = 'Untouched' WHERE pk_category = 3 AND false");
            s.execute("PREPARE TRANSACTION 'compat_nothing'");
        }
        assertThat(db.column("SELECT format('%s|%s|%s', gid, queue_size, status) FROM pg_tviews_recover_prepared_transactions()"))
                .containsExactly("compat_post|0|tviews_written: public.tv_category, public.tv_comment, public.tv_post",
                        "compat_nothing|0|no_tview_writes");

        ServerErrorMessage commit = assertFails(() -> db.execute("SELECT pg_tviews_commit_prepared('compat_post')"), "TV081",
                "run COMMIT PREPARED 'compat_post' as a statement of its own");
        assertThat(commit.getHint()).isEqualTo("COMMIT PREPARED 'compat_post';");
        ServerErrorMessage rollback = assertFails(() -> db.execute("SELECT pg_tviews_rollback_prepared('compat_nothing')"), "TV081",
                "run ROLLBACK PREPARED 'compat_nothing' as a statement of its own");
        assertThat(rollback.getHint()).isEqualTo("ROLLBACK PREPARED 'compat_nothing';");
        assertFails(() -> db.execute("SELECT pg_tviews_commit_prepared('nope')"), "TV080",
                "no transaction 'nope' is prepared in this database");
        assertFails(() -> db.execute("SELECT pg_tviews_rollback_prepared(NULL)"), "TV080",
                "no transaction NULL is prepared in this database");
        assertThat(db.scalar("SELECT count(*) FROM pg_prepared_xacts WHERE database = current_database()")).isEqualTo(2L);

        db.execute(commit.getHint());
        db.execute(rollback.getHint());
        assertThat(json("SELECT data->>'title' FROM tv_post WHERE pk_post = 3")).isEqualTo("Prepared");
        assertThat(db.query("SELECT * FROM pg_tviews_recover_prepared_transactions()")).isEmpty();
        assertConsistent(db);
    }

    // --- pg_tview_audit_log and pg_tview_helpers ------------------------------------------------

    @Test
    void auditLogRecordsEveryCatalogChangeWithTheSessionsUserAndAddress() throws SQLException {
        db.execute("SELECT pg_tviews_set_refresh_mode('tv_comment', 'deferred')");
        db.execute("SELECT pg_tviews_refresh('tv_category')");
        db.execute("SELECT pg_tviews_drop('tv_comment')");

        assertThat(db.column("SELECT format('%s %s %s', operation, entity, details) FROM pg_tview_audit_log ORDER BY performed_at"))
                .containsExactly(
                        "create post {\"rows\": 3, \"table\": \"tv_post\", \"sources\": 2}",
                        "create category {\"rows\": 3, \"table\": \"tv_category\", \"sources\": 2}",
                        "create comment {\"rows\": 3, \"table\": \"tv_comment\", \"sources\": 3}",
                        "set_refresh_mode comment {\"mode\": \"deferred\", \"previous\": \"immediate\"}",
                        "refresh category {\"rows_changed\": 0}",
                        "drop comment {\"table\": \"public.tv_comment\", \"cascade\": false}");
        assertThat(db.scalar("""
                SELECT bool_and(performed_by = session_user AND client_addr IS NOT DISTINCT FROM inet_client_addr()
                                AND client_port IS NOT NULL AND performed_at <= now() + interval '1 minute')
                FROM pg_tview_audit_log""")).isEqualTo(true);
    }

    @Test
    @Raises("TV061")
    void auditLogIsReadableButNotWritableByOtherRoles() throws SQLException {
        String app = "app_" + db.name();
        db.execute("CREATE ROLE " + app + " LOGIN");
        try (Connection asApp = db.connectAs(app)) {
            assertThat(TestDatabase.scalar(asApp, "SELECT count(*) FROM pg_tview_audit_log")).isEqualTo(3L);
            assertThat(TestDatabase.scalar(asApp, "SELECT count(*) FROM pg_tview_helpers")).isNotEqualTo(0L);
            for (String write : List.of(
                    "INSERT INTO pg_tview_audit_log (operation, entity, performed_by, performed_at) VALUES ('drop', 'post', 'x', now())",
                    "UPDATE pg_tview_audit_log SET performed_by = 'x'",
                    "DELETE FROM pg_tview_audit_log",
                    "TRUNCATE pg_tview_audit_log")) {
                assertThat(serverError(() -> TestDatabase.execute(asApp, write)).getSQLState()).as(write).isEqualTo("42501");
            }
            // Its writer is the runtime's: a role that owns no TVIEW may not call it at all.
            ServerErrorMessage denied = serverError(() -> TestDatabase.execute(asApp, "SELECT pg_tviews__audit('create', 'post', '{}')"));
            assertThat(denied.getSQLState()).isEqualTo("42501");
            assertThat(denied.getMessage()).isEqualTo("permission denied for function pg_tviews__audit");
        } finally {
            db.execute("DROP ROLE " + app);
        }
        // Those that may (TVIEW owners, whose API calls it) cannot record what the catalog contradicts.
        assertFails(() -> db.execute("SELECT pg_tviews__audit('drop', 'post', '{}')"), "TV061",
                "no drop of TVIEW tv_post to record");
        assertFails(() -> db.execute("SELECT pg_tviews__audit('create', 'nope', '{}')"), "TV061",
                "no create of TVIEW tv_nope to record");
        assertThat(db.scalar("SELECT count(*) FROM pg_tview_audit_log")).isEqualTo(3L);
    }

    @Test
    void helpersListEveryObjectOfATviewAndWhetherItExists() throws SQLException {
        db.execute("DROP TRIGGER tview_00_post_trn ON tb_post");

        assertThat(db.column("""
                SELECT format('%s|%s|%s|%s', object_type, object_name, purpose, present::text) FROM pg_tview_helpers
                WHERE entity = 'post' ORDER BY object_type, object_name"""))
                .containsExactly(
                        "function|public.pg_tviews_parent_locks_post(bigint[], text[], bigint[])|parent lock function|true",
                        "function|public.pg_tviews_refresh_post(bigint[], text[], bigint[])|refresh function|true",
                        "function|public.pg_tviews_resolve_post(text[], bigint[])|lineage resolver|true",
                        "function|public.pg_tviews_trg_post__tb_post()|trigger function on tb_post|true",
                        "function|public.pg_tviews_trg_post__tb_user()|trigger function on tb_user|true",
                        "table|tv_post|TVIEW table (the read model)|true",
                        "trigger|tview_00_post_del ON tb_post|refresh trigger: DELETE|true",
                        "trigger|tview_00_post_del ON tb_user|refresh trigger: DELETE|true",
                        "trigger|tview_00_post_ins ON tb_post|refresh trigger: INSERT|true",
                        "trigger|tview_00_post_ins ON tb_user|refresh trigger: INSERT|true",
                        "trigger|tview_00_post_trn ON tb_post|refresh trigger: TRUNCATE|false",
                        "trigger|tview_00_post_trn ON tb_user|refresh trigger: TRUNCATE|true",
                        "trigger|tview_00_post_upd ON tb_post|refresh trigger: UPDATE|true",
                        "trigger|tview_00_post_upd ON tb_user|refresh trigger: UPDATE|true",
                        "trigger|tview_zz_flush ON tb_post|flush trigger (shared by the TVIEWs reading the table)|true",
                        "trigger|tview_zz_flush ON tb_user|flush trigger (shared by the TVIEWs reading the table)|true",
                        "view|v_post|backing view (the definition)|true");
    }

    // --- install and uninstall ------------------------------------------------------------------

    @Test
    void reinstallKeepsTheAuditLogAndUninstallRemovesEveryNewObject() throws SQLException {
        RuntimeInstaller.install(db.connection());

        assertThat(db.scalar("SELECT count(*) FROM pg_tview_audit_log")).isEqualTo(3L);
        assertThat(db.scalar("SELECT count(*) FROM pg_policy WHERE polname = 'pg_tview_audit_log_read'")).isEqualTo(1L);
        assertThat(db.scalar("SELECT count(*) FROM pg_tview_helpers WHERE entity = 'post'")).isEqualTo(17L);
        db.execute("UPDATE tb_user SET name = 'Alice' WHERE pk_user = 1");
        assertConsistent(db);

        RuntimeInstaller.uninstall(db.connection());

        assertThat(db.column("""
                SELECT relname::text FROM pg_class WHERE relname LIKE 'pg\\_tview%'
                UNION ALL SELECT proname::text FROM pg_proc WHERE proname LIKE 'pg\\_tview%'
                UNION ALL SELECT polname::text FROM pg_policy WHERE polname LIKE 'pg\\_tview%'
                UNION ALL SELECT typname::text FROM pg_type WHERE typname LIKE 'pg\\_tview%'""")).isEmpty();
        assertThat(db.scalar("SELECT count(*) FROM tb_post")).isEqualTo(4L);
    }
}
