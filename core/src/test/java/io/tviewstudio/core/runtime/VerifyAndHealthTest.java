package io.tviewstudio.core.runtime;

import io.tviewstudio.core.testing.BlogSchema;
import io.tviewstudio.core.testing.TestDatabase;
import io.tviewstudio.core.testing.TviewAssertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.util.List;

import static io.tviewstudio.core.testing.SqlFailures.assertFails;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * pg_tviews_verify finds exactly the tv_ rows that differ from their view and repairs only those;
 * pg_tviews_refresh rebuilds a TVIEW; pg_tviews_health_check reports disabled or missing triggers
 * and missing generated objects.
 */
class VerifyAndHealthTest {

    private static final String VERIFY = "SELECT format('%s %s %s %s', tview, pk, issue, repaired::text) FROM ";

    private TestDatabase db;

    @BeforeEach
    void createBlog() throws SQLException {
        db = BlogSchema.withTviews();
    }

    @AfterEach
    void closeDatabase() throws SQLException {
        db.close();
    }

    /** Stale tv_post 1, missing tv_post 2, extra tv_post 99, stale tv_comment 3 (written as superuser). */
    private void corrupt() throws SQLException {
        db.execute("UPDATE tv_post SET data = '{\"title\": \"forged\"}' WHERE pk_post = 1");
        db.execute("DELETE FROM tv_post WHERE pk_post = 2");
        db.execute("INSERT INTO tv_post (pk_post, id, fk_user, fk_category, user_id, data) "
                + "VALUES (99, gen_random_uuid(), 1, NULL, NULL, '{}')");
        db.execute("UPDATE tv_comment SET data = data || '{\"body\": \"forged\"}' WHERE pk_comment = 3");
    }

    private List<String> xmins(String table, String pkColumn, String keys) throws SQLException {
        return db.column("SELECT format('%s:%s', " + pkColumn + ", xmin) FROM " + table + " WHERE " + pkColumn
                + " IN (" + keys + ") ORDER BY 1");
    }

    @Test
    void healthyDatabaseVerifiesEmptyAndHealthChecksOk() throws SQLException {
        assertThat(db.query("SELECT * FROM pg_tviews_verify()")).isEmpty();
        assertThat(db.column("SELECT format('%s %s', check_name, status) FROM pg_tviews_health_check()"))
                .containsExactly("runtime_version OK", "metadata_integrity OK", "refresh_triggers OK", "source_drift OK", "schema_access OK");
        assertThat(db.scalar("SELECT pg_tviews_refresh()")).isEqualTo(0L);
    }

    @Test
    void verifyReportsExactlyTheCorruptedRows() throws SQLException {
        corrupt();

        assertThat(db.column(VERIFY + "pg_tviews_verify()")).containsExactly(
                "public.tv_post 1 stale false",
                "public.tv_post 2 missing false",
                "public.tv_post 99 extra false",
                "public.tv_comment 3 stale false");
        assertThat(db.column(VERIFY + "pg_tviews_verify('tv_post')")).containsExactly(
                "public.tv_post 1 stale false",
                "public.tv_post 2 missing false",
                "public.tv_post 99 extra false");
        assertThat(db.column(VERIFY + "pg_tviews_verify('tv_category')")).isEmpty();
        // Reporting changes nothing.
        assertThat(db.column(VERIFY + "pg_tviews_verify()")).hasSize(4);
    }

    @Test
    void verifyWithRepairRecomputesOnlyTheDifferingRows() throws SQLException {
        corrupt();
        List<String> untouchedPosts = xmins("tv_post", "pk_post", "3");
        List<String> untouchedCategories = xmins("tv_category", "pk_category", "2, 3");
        List<String> untouchedComments = xmins("tv_comment", "pk_comment", "3");

        assertThat(db.column(VERIFY + "pg_tviews_verify('tv_post', true)")).containsExactly(
                "public.tv_post 1 stale true",
                "public.tv_post 2 missing true",
                "public.tv_post 99 extra true");

        assertThat(db.query("SELECT * FROM pg_tviews_verify('tv_post')")).isEmpty();
        assertThat(xmins("tv_post", "pk_post", "3")).isEqualTo(untouchedPosts);
        assertThat(xmins("tv_category", "pk_category", "2, 3")).isEqualTo(untouchedCategories);
        assertThat(xmins("tv_comment", "pk_comment", "3")).isEqualTo(untouchedComments);
        assertThat(db.column(VERIFY + "pg_tviews_verify()")).containsExactly("public.tv_comment 3 stale false");

        assertThat(db.column(VERIFY + "pg_tviews_verify(NULL, true)")).containsExactly("public.tv_comment 3 stale true");
        TviewAssertions.assertConsistent(db);
    }

    @Test
    void verifyOfAnUnknownTviewFails() {
        assertFails(() -> db.query("SELECT * FROM pg_tviews_verify('tv_nope')"), "TV003", "TVIEW tv_nope does not exist");
        assertFails(() -> db.query("SELECT * FROM pg_tviews_verify('tv_nope', true)"), "TV003",
                "TVIEW tv_nope does not exist");
        assertFails(() -> db.query("SELECT pg_tviews_refresh('tv_nope')"), "TV003", "TVIEW tv_nope does not exist");
    }

    @Test
    void refreshRebuildsACorruptedTviewAndCountsChangedRows() throws SQLException {
        corrupt();
        List<String> untouchedPosts = xmins("tv_post", "pk_post", "3");

        // Row 99 deleted, row 2 inserted, row 1 updated; row 3 is equal and not written.
        assertThat(db.scalar("SELECT pg_tviews_refresh('tv_post')")).isEqualTo(3L);

        assertThat(db.query("SELECT * FROM pg_tviews_verify('tv_post')")).isEmpty();
        assertThat(xmins("tv_post", "pk_post", "3")).isEqualTo(untouchedPosts);
        assertThat(db.scalar("SELECT pg_tviews_refresh('tv_post')")).isEqualTo(0L);
        assertThat(db.scalar("SELECT pg_tviews_refresh()")).isEqualTo(1L);  // tv_comment 3
        TviewAssertions.assertConsistent(db);
    }

    @Test
    void disabledTriggerIsAWarning() throws SQLException {
        db.execute("ALTER TABLE tb_post DISABLE TRIGGER tview_00_post_upd");

        assertThat(db.column("SELECT format('%s %s', check_name, status) FROM pg_tviews_health_check()"))
                .containsExactly("runtime_version OK", "metadata_integrity OK", "refresh_triggers WARNING", "source_drift OK", "schema_access OK");
        assertThat(db.scalar("""
                SELECT details = '[{"entity": "post", "source": "public.tb_post", "trigger": "tview_00_post_upd",
                                    "problem": "disabled"}]'::jsonb
                FROM pg_tviews_health_check() WHERE check_name = 'refresh_triggers'""")).isEqualTo(true);

        db.execute("ALTER TABLE tb_post ENABLE TRIGGER tview_00_post_upd");
        assertThat(db.column("SELECT status FROM pg_tviews_health_check()")).containsOnly("OK");
    }

    @Test
    void droppedTriggerIsAnError() throws SQLException {
        db.execute("ALTER TABLE tb_post DISABLE TRIGGER tview_00_post_upd");
        db.execute("DROP TRIGGER tview_00_post_del ON tb_post");

        assertThat(db.column("SELECT format('%s %s', check_name, status) FROM pg_tviews_health_check()"))
                .containsExactly("runtime_version OK", "metadata_integrity OK", "refresh_triggers ERROR", "source_drift OK", "schema_access OK");
        assertThat(db.scalar("""
                SELECT details = '[{"entity": "post", "source": "public.tb_post", "trigger": "tview_00_post_del",
                                    "problem": "missing"},
                                   {"entity": "post", "source": "public.tb_post", "trigger": "tview_00_post_upd",
                                    "problem": "disabled"}]'::jsonb
                FROM pg_tviews_health_check() WHERE check_name = 'refresh_triggers'""")).isEqualTo(true);
    }

    @Test
    void droppedRefreshFunctionIsAMetadataError() throws SQLException {
        db.execute("DROP FUNCTION pg_tviews_refresh_post(bigint[], text[], bigint[])");

        assertThat(db.column("SELECT format('%s %s', check_name, status) FROM pg_tviews_health_check()"))
                .containsExactly("runtime_version OK", "metadata_integrity ERROR", "refresh_triggers OK", "source_drift OK", "schema_access OK");
        assertThat(db.scalar("""
                SELECT details = '[{"entity": "post", "missing": ["refresh function"]}]'::jsonb
                FROM pg_tviews_health_check() WHERE check_name = 'metadata_integrity'""")).isEqualTo(true);
    }
}
