package io.tviewstudio.core.runtime;

import io.tviewstudio.core.testing.BlogSchema;
import io.tviewstudio.core.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.util.ServerErrorMessage;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

import static io.tviewstudio.core.testing.SqlFailures.serverError;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A base table altered or dropped under a TVIEW (blog schema: tv_post reads tb_post and tb_user,
 * tv_comment reads tb_comment, tv_post and tb_user, tv_category reads tb_category and tv_post).
 * For each kind of change: what PostgreSQL does with it (the view v_ depends on the columns it
 * reads), what pg_tviews_health_check reports (row source_drift; the check changes nothing), and
 * what the next write does: it either keeps every TVIEW equal to its view or fails; never does a
 * write succeed and leave a tv_ row stale.
 */
class DdlDriftTest {

    private static final String FIX = "\nA source table or column was renamed or dropped after the TVIEW was created; "
            + "writes to its sources fail until it is re-created: pg_tviews_drop it and pg_tviews_create it again with a "
            + "definition that uses the current names (pg_get_viewdef of its v_ view shows them while the view exists).";

    private TestDatabase db;

    @BeforeEach
    void blog() throws SQLException {
        db = BlogSchema.withTviews();
    }

    @AfterEach
    void close() throws SQLException {
        db.close();
    }

    @Test
    void aFreshSchemaHasNoDrift() throws SQLException {
        assertThat(driftRow()).containsExactly("source_drift", "OK",
                "every TVIEW matches the tables and columns it was created from");
    }

    @Test
    void aRenamedColumnIsReportedAndWritesStayCorrect() throws SQLException {
        db.execute("ALTER TABLE tb_user RENAME COLUMN name TO full_name");

        assertThat(driftRow()).containsExactly("source_drift", "ERROR",
                "public.tv_comment: " + renamed("v_comment", "public.tb_user.name", "public.tb_user.full_name") + "\n"
                        + "public.tv_post: " + renamed("v_post", "public.tb_user.name", "public.tb_user.full_name")
                        + FIX);
        // v_post follows the rename, and so does the refresh: writes keep the TVIEWs right.
        db.execute("UPDATE tb_user SET full_name = 'alicia' WHERE pk_user = 1");
        assertThat(db.scalar("SELECT data #>> '{author,name}' FROM tv_post WHERE pk_post = 1")).isEqualTo("alicia");
        assertVerifiesClean();
    }

    @Test
    void aRenamedLineageColumnIsReportedAndWritesToItsTableFail() throws SQLException {
        db.execute("ALTER TABLE tb_user RENAME COLUMN pk_user TO user_pk");

        assertThat(driftRow()).containsExactly("source_drift", "ERROR",
                "public.tv_comment: lineage column public.tb_user.pk_user is gone (renamed or dropped); "
                        + renamed("v_comment", "public.tb_user.pk_user", "public.tb_user.user_pk") + "\n"
                        + "public.tv_post: lineage column public.tb_user.pk_user is gone (renamed or dropped); "
                        + renamed("v_post", "public.tb_user.pk_user", "public.tb_user.user_pk")
                        + FIX);
        // The generated trigger still reads the old column name of the transition table: the write fails.
        String before = tviewContents();
        ServerErrorMessage error = serverError(() -> db.execute("UPDATE tb_user SET name = 'alicia' WHERE user_pk = 1"));
        assertThat(error.getSQLState()).isEqualTo("42703");
        assertThat(error.getMessage()).isEqualTo("column s.pk_user does not exist");
        assertThat(tviewContents()).isEqualTo(before);
        // Writes to the other tables still refresh correctly (the view follows the rename).
        db.execute("UPDATE tb_post SET title = 'renamed' WHERE pk_post = 1");
        assertVerifiesClean();
    }

    @Test
    void aRenamedTableIsReportedAndWritesThatNeedItsOldNameFail() throws SQLException {
        db.execute("ALTER TABLE tb_post RENAME TO tb_article");

        assertThat(driftRow()).containsExactly("source_drift", "ERROR",
                "public.tv_post: " + renamed("v_post", columns("public.tb_post", "fk_category", "fk_user", "id", "pk_post", "published", "title"),
                        columns("public.tb_article", "fk_category", "fk_user", "id", "pk_post", "published", "title"))
                        + FIX);
        // A write that points no post at another author needs no parent lock: its trigger refreshes
        // from the view, which follows the rename.
        db.execute("UPDATE tb_article SET title = 'x' WHERE pk_post = 1");
        assertThat(db.scalar("SELECT data->>'title' FROM tv_post WHERE pk_post = 1")).isEqualTo("x");
        // The generated parent-lock function names public.tb_post: every write that needs it fails.
        String before = tviewContents();
        for (String write : List.of("UPDATE tb_article SET fk_user = 2 WHERE pk_post = 1",
                "UPDATE tb_user SET name = 'x' WHERE pk_user = 1")) {
            ServerErrorMessage error = serverError(() -> db.execute(write));
            assertThat(error.getSQLState()).as(write).isEqualTo("42P01");
            assertThat(error.getMessage()).as(write).isEqualTo("relation \"public.tb_post\" does not exist");
        }
        assertThat(tviewContents()).isEqualTo(before);
    }

    @Test
    void aRenamedParentTableFailsRepeatableReadWritesAndLeavesReadCommittedOnesCorrect() throws SQLException {
        db.execute("ALTER TABLE tb_user RENAME TO tb_person");

        assertThat(driftRow()).containsExactly("source_drift", "ERROR",
                "public.tv_comment: " + renamed("v_comment", columns("public.tb_user", "name", "pk_user"),
                        columns("public.tb_person", "name", "pk_user")) + "\n"
                        + "public.tv_post: " + renamed("v_post", columns("public.tb_user", "id", "name", "pk_user"),
                        columns("public.tb_person", "id", "name", "pk_user"))
                        + FIX);
        // READ COMMITTED: the refresh reads v_post, which follows the rename: correct rows.
        db.execute("UPDATE tb_person SET name = 'alicia' WHERE pk_user = 1");
        assertThat(db.scalar("SELECT data #>> '{author,name}' FROM tv_post WHERE pk_post = 1")).isEqualTo("alicia");
        assertVerifiesClean();
        // REPEATABLE READ: the parent row locks name public.tb_user: the write fails.
        String before = tviewContents();
        try (Connection writer = db.connect()) {
            writer.setAutoCommit(false);
            writer.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            ServerErrorMessage error = serverError(() ->
                    TestDatabase.execute(writer, "INSERT INTO tb_post (fk_user, title) VALUES (1, 'new')"));
            assertThat(error.getSQLState()).isEqualTo("42P01");
            assertThat(error.getMessage()).isEqualTo("relation \"public.tb_user\" does not exist");
            writer.rollback();
        }
        assertThat(tviewContents()).isEqualTo(before);
    }

    @Test
    void aColumnTypeChangeIsRefusedByPostgresql() throws SQLException {
        DatabaseSnapshot before = DatabaseSnapshot.of(db);
        for (String column : List.of("tb_user ALTER COLUMN name TYPE varchar(50)",
                "tb_post ALTER COLUMN fk_user TYPE bigint")) {
            ServerErrorMessage error = serverError(() -> db.execute("ALTER TABLE " + column));
            assertThat(error.getSQLState()).as(column).isEqualTo("0A000");
            assertThat(error.getMessage()).isEqualTo("cannot alter type of a column used by a view or rule");
            assertThat(error.getDetail()).startsWith("rule _RETURN on view v_");
        }
        assertThat(DatabaseSnapshot.of(db)).isEqualTo(before);
        assertThat(driftRow()).element(1).isEqualTo("OK");
        // A column no TVIEW reads may change freely.
        db.execute("ALTER TABLE tb_post ADD COLUMN note integer; ALTER TABLE tb_post ALTER COLUMN note TYPE bigint");
        assertThat(driftRow()).element(1).isEqualTo("OK");
    }

    @Test
    void aDroppedColumnIsRefusedAndWithCascadeTheTviewsReportItAndWritesFail() throws SQLException {
        DatabaseSnapshot unchanged = DatabaseSnapshot.of(db);
        ServerErrorMessage refused = serverError(() -> db.execute("ALTER TABLE tb_user DROP COLUMN name"));
        assertThat(refused.getSQLState()).isEqualTo("2BP01");
        assertThat(refused.getMessage()).isEqualTo("cannot drop column name of table tb_user because other objects depend on it");
        assertThat(DatabaseSnapshot.of(db)).isEqualTo(unchanged);

        db.execute("ALTER TABLE tb_user DROP COLUMN name CASCADE");  // drops v_post and v_comment

        assertThat(driftRow()).containsExactly("source_drift", "ERROR",
                "public.tv_comment: " + missing("v_comment") + "\n"
                        + "public.tv_post: " + missing("v_post")
                        + FIX);
        assertThat(db.scalar("SELECT status FROM pg_tviews_health_check() WHERE check_name = 'metadata_integrity'"))
                .isEqualTo("ERROR");
        String before = tviewContents();
        ServerErrorMessage error = serverError(() -> db.execute("UPDATE tb_post SET title = 'x' WHERE pk_post = 1"));
        assertThat(error.getSQLState()).isEqualTo("42P01");
        assertThat(error.getMessage()).isEqualTo("relation \"public.v_post\" does not exist");
        assertThat(tviewContents()).isEqualTo(before);
    }

    @Test
    void aDroppedTableIsRefusedAndWithCascadeTheTviewReportsItAndWritesFail() throws SQLException {
        DatabaseSnapshot unchanged = DatabaseSnapshot.of(db);
        ServerErrorMessage refused = serverError(() -> db.execute("DROP TABLE tb_comment"));
        assertThat(refused.getSQLState()).isEqualTo("2BP01");
        assertThat(refused.getMessage()).isEqualTo("cannot drop table tb_comment because other objects depend on it");
        assertThat(DatabaseSnapshot.of(db)).isEqualTo(unchanged);

        db.execute("DROP TABLE tb_comment CASCADE");  // drops v_comment and tb_comment's triggers

        assertThat(driftRow()).containsExactly("source_drift", "ERROR",
                "public.tv_comment: " + missing("v_comment")
                        + FIX);
        assertThat(db.scalar("SELECT details::text FROM pg_tviews_health_check() WHERE check_name = 'metadata_integrity'"))
                .isEqualTo("[{\"entity\": \"comment\", \"missing\": [\"view\", \"source table\"]}]");
        // tv_comment also reads tb_user and tv_post: a write there must refresh it, and cannot.
        String before = tviewContents();
        ServerErrorMessage error = serverError(() -> db.execute("UPDATE tb_user SET name = 'x' WHERE pk_user = 2"));
        assertThat(error.getSQLState()).isEqualTo("42P01");
        assertThat(error.getMessage()).isEqualTo("relation \"public.v_comment\" does not exist");
        assertThat(tviewContents()).isEqualTo(before);
    }

    @Test
    void theHealthCheckChangesNothing() throws SQLException {
        db.execute("ALTER TABLE tb_user RENAME COLUMN pk_user TO user_pk; ALTER TABLE tb_post RENAME TO tb_article");
        DatabaseSnapshot before = DatabaseSnapshot.of(db);
        String searchPath = (String) db.scalar("SHOW search_path");
        db.column("SELECT status FROM pg_tviews_health_check()");
        assertThat(DatabaseSnapshot.of(db)).isEqualTo(before);
        assertThat(db.scalar("SHOW search_path")).isEqualTo(searchPath);
    }

    /** The drift line of a TVIEW whose view now reads other names than its recorded definition. */
    private static String renamed(String view, String recorded, String now) {
        return "its recorded definition reads " + recorded + ", which view public." + view + " now reads as " + now;
    }

    private static String missing(String view) {
        return "view public." + view + " is missing (dropped, with a table or column it read?)";
    }

    private static String columns(String table, String... names) {
        return java.util.Arrays.stream(names).map(n -> table + "." + n).collect(java.util.stream.Collectors.joining(", "));
    }

    private List<Object> driftRow() throws SQLException {
        var row = db.query("SELECT check_name, status, message FROM pg_tviews_health_check() WHERE check_name = 'source_drift'")
                .getFirst();
        return List.of(row.get("check_name"), row.get("status"), row.get("message"));
    }

    private String tviewContents() throws SQLException {
        return String.join("\n", db.column("SELECT format('%s %s', 'post', t) FROM tv_post t UNION ALL "
                + "SELECT format('%s %s', 'comment', t) FROM tv_comment t UNION ALL "
                + "SELECT format('%s %s', 'category', t) FROM tv_category t ORDER BY 1"));
    }

    private void assertVerifiesClean() throws SQLException {
        assertThat(db.query("SELECT * FROM pg_tviews_verify()")).isEmpty();
    }
}
