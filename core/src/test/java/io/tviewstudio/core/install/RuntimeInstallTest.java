package io.tviewstudio.core.install;

import io.tviewstudio.core.testing.Resources;
import io.tviewstudio.core.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RuntimeInstallTest {

    private static final String RUNTIME_OBJECTS = """
            SELECT count(*) FROM (
                SELECT proname::text FROM pg_proc WHERE pronamespace = 'public'::regnamespace
                  AND (proname LIKE 'pg\\_tview%' OR proname LIKE 'pg\\_tviews%')
                UNION ALL
                SELECT relname::text FROM pg_class WHERE relnamespace = 'public'::regnamespace
                  AND relname LIKE 'pg\\_tview%') o""";

    private TestDatabase db;

    @BeforeEach
    void createDatabase() throws SQLException {
        db = TestDatabase.empty();
    }

    @AfterEach
    void closeDatabase() throws SQLException {
        db.close();
    }

    @Test
    void installCreatesTheRuntimeAtItsVersion() throws SQLException {
        RuntimeInstaller.install(db.connection());

        // The SQL writes the version once (pg_tviews_version); pg_tviews.control is the build's and the
        // Java side's source: the two must agree.
        assertThat(db.scalar("SELECT pg_tviews_version()")).isEqualTo(RuntimeVersion.shipped()).isEqualTo("0.1.0");
        assertThat(db.scalar("SELECT version FROM pg_tviews_runtime")).isEqualTo(RuntimeVersion.shipped());
        assertThat(db.column("SELECT status FROM pg_tviews_health_check()")).containsOnly("OK");
    }

    @Test
    void installTwiceKeepsExistingTviews() throws SQLException {
        RuntimeInstaller.install(db.connection());
        db.execute(Resources.text("schemas/blog.sql"));
        db.execute(Resources.text("schemas/blog-tviews.sql"));

        RuntimeInstaller.install(db.connection());

        assertThat(db.column("SELECT entity FROM pg_tview_meta ORDER BY entity"))
                .containsExactly("category", "comment", "post");
        db.execute("UPDATE tb_user SET name = 'Alice' WHERE pk_user = 1");
        assertThat(db.scalar("SELECT data->'author'->>'name' FROM tv_post WHERE pk_post = 1")).isEqualTo("Alice");
    }

    @Test
    void uninstallDropsTviewsAndRuntimeButKeepsBaseTables() throws SQLException {
        RuntimeInstaller.install(db.connection());
        db.execute(Resources.text("schemas/blog.sql"));
        db.execute(Resources.text("schemas/blog-tviews.sql"));

        RuntimeInstaller.uninstall(db.connection());

        assertThat(((Number) db.scalar(RUNTIME_OBJECTS)).intValue()).isZero();
        assertThat(db.scalar("SELECT count(*) FROM pg_class WHERE relname ~ '^(tv|v)_'")).isEqualTo(0L);
        assertThat(db.scalar("SELECT count(*) FROM pg_trigger WHERE NOT tgisinternal")).isEqualTo(0L);
        assertThat(db.scalar("SELECT count(*) FROM pg_class WHERE relname LIKE 'pg\\_tviews%'")).isEqualTo(0L);
        assertThat(db.scalar("SELECT count(*) FROM tb_post")).isEqualTo(4L);
        assertThat(db.scalar("SELECT count(*) FROM tb_comment")).isEqualTo(3L);
    }

    @Test
    void uninstallWithoutRuntimeDoesNothing() throws SQLException {
        db.execute("CREATE TABLE tb_keep (pk_keep int PRIMARY KEY)");

        RuntimeInstaller.uninstall(db.connection());

        assertThat(db.scalar("SELECT to_regclass('tb_keep') IS NOT NULL")).isEqualTo(true);
    }

    @Test
    void failedInstallLeavesNothingBehind() throws SQLException {
        // A foreign function with a runtime name but another result type makes a late piece fail.
        db.execute("CREATE FUNCTION public.pg_tviews_health_check() RETURNS integer LANGUAGE sql AS 'SELECT 1'");

        assertThatThrownBy(() -> RuntimeInstaller.install(db.connection()))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("60_health.sql");

        assertThat(db.scalar("SELECT to_regclass('public.pg_tview_meta')")).isNull();
        assertThat(db.scalar("SELECT count(*) FROM pg_proc WHERE proname = 'pg_tviews_create'")).isEqualTo(0L);
        assertThat(db.scalar("SELECT pg_tviews_health_check()")).isEqualTo(1);
    }
}
