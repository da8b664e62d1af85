package io.tviewstudio.core.runtime;

import io.tviewstudio.core.install.RuntimeInstaller;
import io.tviewstudio.core.testing.ManagedServiceDatabase;
import io.tviewstudio.core.testing.Resources;
import io.tviewstudio.core.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.tviewstudio.core.testing.SqlFailures.serverError;
import static io.tviewstudio.core.testing.TviewAssertions.assertConsistent;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The runtime on a managed PostgreSQL service: the role that installs it owns the database and
 * nothing more. It installs with psql and with the Java installer, maintains TVIEWs of every
 * lineage rule under an application role's writes in both refresh modes and under two-phase
 * commit, answers health and metrics, and uninstalls leaving the catalog exactly as it found it.
 */
class ManagedServiceInstallTest {

    private static final Path REPO = Path.of(System.getProperty("tviews.repo.root", ".."));

    private ManagedServiceDatabase managed;
    private TestDatabase db;

    @BeforeEach
    void createManagedDatabase() throws SQLException {
        managed = ManagedServiceDatabase.create();
        db = managed.db();
    }

    @AfterEach
    void close() throws SQLException {
        managed.close();
    }

    @Test
    void ownerHasOnlyWhatAManagedServiceGivesADatabaseOwner() throws SQLException {
        assertThat(db.query("SELECT rolsuper, rolcreatedb, rolcreaterole, rolreplication, rolbypassrls FROM pg_roles "
                + "WHERE rolname = '" + managed.owner() + "'").get(0)).containsOnlyKeys(
                "rolsuper", "rolcreatedb", "rolcreaterole", "rolreplication", "rolbypassrls").doesNotContainValue(true);
        assertThat(db.column("SELECT roleid::regrole::text FROM pg_auth_members WHERE member = '"
                + managed.owner() + "'::regrole")).isEmpty();
        assertThat(db.scalar("SELECT nspowner::regrole::text FROM pg_namespace WHERE nspname = 'public'"))
                .isEqualTo("pg_database_owner");
        // Each runs alone in autocommit (ALTER SYSTEM refuses a transaction block) and must be refused.
        try (Connection owner = managed.connectAsOwner()) {
            for (String forbidden : List.of(
                    "CREATE FUNCTION public.f_on_ddl() RETURNS event_trigger LANGUAGE plpgsql AS 'BEGIN END'; "
                            + "CREATE EVENT TRIGGER e_managed ON ddl_command_end EXECUTE FUNCTION public.f_on_ddl()",
                    "CREATE FUNCTION public.f_c() RETURNS integer LANGUAGE c AS 'libc', 'abs'",
                    "ALTER SYSTEM SET work_mem = '8MB'",
                    "SELECT pg_read_file('postgresql.conf')",
                    "COPY public.tb_user TO '/tmp/managed-role-copy.csv'",
                    "SET session_replication_role = replica")) {
                assertThat(serverError(() -> TestDatabase.execute(owner, forbidden)).getSQLState())
                        .as(forbidden).isEqualTo("42501");
            }
        }
        assertThat(db.scalar("SELECT count(*) FROM pg_proc WHERE proname IN ('f_on_ddl', 'f_c')")).isEqualTo(0L);
    }

    @Test
    void psqlInstallCreateWriteVerifyAndUninstallAsTheDatabaseOwner() throws Exception {
        List<String> before = managed.catalogSnapshot();

        Psql install = psqlAsOwner("sql/install.sql");
        assertThat(install.exitCode()).as(install.output()).isZero();
        assertThat(db.scalar("SELECT installed_by::text FROM pg_tviews_runtime")).isEqualTo(managed.owner());
        assertThat(managed.catalogSnapshot()).isNotEqualTo(before).containsAll(before.stream()
                .filter(line -> !line.startsWith("shared dependency")).toList());

        exerciseTviews();

        Psql uninstall = psqlAsOwner("sql/uninstall.sql");
        assertThat(uninstall.exitCode()).as(uninstall.output()).isZero();
        assertThat(managed.catalogSnapshot()).isEqualTo(before);
        assertThat(db.scalar("SELECT count(*) FROM tb_post")).isEqualTo(5L);
    }

    @Test
    void javaInstallerCreateWriteVerifyAndUninstallAsTheDatabaseOwner() throws Exception {
        List<String> before = managed.catalogSnapshot();
        try (Connection owner = managed.connectAsOwner()) {
            RuntimeInstaller.install(owner);
        }

        exerciseTviews();

        try (Connection owner = managed.connectAsOwner()) {
            RuntimeInstaller.uninstall(owner);
        }
        assertThat(managed.catalogSnapshot()).isEqualTo(before);
    }

    /**
     * Creates the blog TVIEWs as the owner (root, parent and child rules, TVIEWs reading TVIEWs),
     * writes as the application role in immediate mode, in deferred mode and prepared (2PC),
     * checks verify, health and metrics as the owner and as a pg_monitor member, then drops one
     * TVIEW and creates it again.
     */
    private void exerciseTviews() throws SQLException {
        try (Connection owner = managed.connectAsOwner()) {
            TestDatabase.execute(owner, Resources.text("schemas/blog-tviews.sql"));
        }
        assertThat(db.column("SELECT DISTINCT rule FROM pg_tview_source ORDER BY rule"))
                .containsExactly("child", "parent", "root");

        try (Connection app = managed.connectAsApp()) {
            TestDatabase.execute(app, "INSERT INTO tb_user (name) VALUES ('dave')");
            TestDatabase.execute(app, "INSERT INTO tb_post (fk_user, fk_category, title) VALUES (4, 3, 'Managed')");
            TestDatabase.execute(app, "UPDATE tb_user SET name = 'Alice' WHERE pk_user = 1");
            TestDatabase.execute(app, "DELETE FROM tb_comment WHERE pk_comment = 2");
        }
        assertConsistent(db);
        assertThat(db.scalar("SELECT data->'author'->>'name' FROM tv_post WHERE pk_post = 1")).isEqualTo("Alice");

        try (Connection owner = managed.connectAsOwner()) {
            for (String tview : List.of("tv_post", "tv_category", "tv_comment")) {
                TestDatabase.execute(owner, "SELECT pg_tviews_set_refresh_mode('" + tview + "', 'deferred')");
            }
        }
        try (Connection app = managed.connectAsApp()) {
            TestDatabase.execute(app, "BEGIN");
            TestDatabase.execute(app, "UPDATE tb_post SET fk_category = 2 WHERE pk_post = 2");
            TestDatabase.execute(app, "UPDATE tb_user SET name = 'Bob' WHERE pk_user = 2");
            TestDatabase.execute(app, "COMMIT");
            if (((Number) db.scalar("SELECT current_setting('max_prepared_transactions')::int")).intValue() > 0) {
                String gid = "mgd-" + db.name();
                TestDatabase.execute(app, "BEGIN");
                TestDatabase.execute(app, "INSERT INTO tb_comment (fk_post, fk_user, body) VALUES (5, 4, 'Prepared')");
                TestDatabase.execute(app, "PREPARE TRANSACTION '" + gid + "'");
                TestDatabase.execute(app, "COMMIT PREPARED '" + gid + "'");
                assertThat(db.scalar("SELECT data->>'body' FROM tv_comment WHERE pk_comment = 4")).isEqualTo("Prepared");
            }
        }
        assertConsistent(db);
        assertThat(db.scalar("SELECT (data->>'post_count')::int FROM tv_category WHERE pk_category = 2")).isEqualTo(2);

        try (Connection owner = managed.connectAsOwner()) {
            assertThat(TestDatabase.query(owner, "SELECT * FROM pg_tviews_verify()")).isEmpty();
            assertThat(TestDatabase.query(owner, "SELECT status FROM pg_tviews_health_check()"))
                    .extracting(row -> row.get("status")).containsOnly("OK");
            assertThat(TestDatabase.scalar(owner, "SELECT sum(refreshes) FROM pg_tviews_metrics"))
                    .isNotNull();
            TestDatabase.query(owner, "SELECT * FROM pg_tviews_statement_stats()");
            TestDatabase.execute(owner, "SELECT pg_tviews_drop('tv_comment')");
            TestDatabase.execute(owner, Resources.text("schemas/blog-tviews.sql").substring(
                    Resources.text("schemas/blog-tviews.sql").indexOf("SELECT pg_tviews_create('tv_comment'")));
        }
        try (Connection monitor = managed.connectAsMonitor()) {
            for (String view : List.of("pg_tviews_metrics", "pg_tviews_cache_stats", "pg_tviews_queue_metrics",
                    "pg_tviews_performance_summary")) {
                assertThat(TestDatabase.query(monitor, "SELECT * FROM " + view)).as(view).isNotNull();
            }
            assertThat(TestDatabase.query(monitor, "SELECT * FROM pg_tviews_metrics")).hasSize(3);
        }
        assertConsistent(db);
    }

    private record Psql(int exitCode, String output) {
    }

    private Psql psqlAsOwner(String file) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(List.of("psql", "-X", "-q", "-v", "ON_ERROR_STOP=1",
                "-h", "127.0.0.1", "-p", String.valueOf(db.server().port()), "-U", managed.owner(), "-d", db.name(),
                "-f", REPO.resolve(file).toString()))
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Psql(process.exitValue(), output);
    }
}
