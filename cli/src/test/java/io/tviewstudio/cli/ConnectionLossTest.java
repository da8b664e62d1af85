package io.tviewstudio.cli;

import io.tviewstudio.core.runtime.DatabaseSnapshot;
import io.tviewstudio.core.install.RuntimeInstaller;
import io.tviewstudio.core.testing.Resources;
import io.tviewstudio.core.testing.TestDatabase;
import io.tviewstudio.core.testing.TviewAssertions;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The connection of tviews is lost in the middle of its transaction (the backend is terminated,
 * as by a server restart, a failover or a DBA's pg_terminate_backend): the server rolls the
 * transaction back, tviews says so with exit code 3 and the code connection_lost, nothing is left
 * half-created, and the same command run again succeeds.
 *
 * To stop the work at a known point, another session holds a lock that a later step needs; the
 * backend of tviews is terminated while it waits for that lock.
 */
class ConnectionLossTest extends CliTestSupport {

    @Test
    void applyInterruptedBetweenTwoTviewsCreatesNothingAndARetrySucceeds() throws Exception {
        db = TestDatabase.withRuntime();
        db.execute(Resources.text("schemas/blog.sql"));
        Path blog = file("blog.tview", DefinitionCommandsTest.BLOG);
        DatabaseSnapshot before = DatabaseSnapshot.of(db);

        // tv_post is created first; tv_comment then needs to put its triggers on tb_comment.
        CliRun run = whileLocked("LOCK TABLE tb_comment IN ROW EXCLUSIVE MODE", () -> tviews("apply", "--file", blog.toString()));

        assertLostAndRolledBack(run, "[2/2] tv_comment");
        assertThat(DatabaseSnapshot.of(db)).isEqualTo(before);
        CliRun retry = tviews("apply", "--file", blog.toString());
        assertThat(retry.exit()).as(retry.toString()).isEqualTo(ExitCode.OK);
        assertThat(db.column("SELECT entity FROM pg_tview_meta ORDER BY 1")).containsExactly("comment", "post");
        TviewAssertions.assertConsistent(db);
    }

    @Test
    void reinstallInterruptedHalfwayLeavesTheRuntimeAndTviewsAsTheyWere() throws Exception {
        db = TestDatabase.withRuntime();
        db.execute(Resources.text("schemas/blog.sql"));
        db.execute(Resources.text("schemas/blog-tviews.sql"));
        DatabaseSnapshot before = DatabaseSnapshot.of(db);
        String functionsBefore = functionSources();

        // 35_queue.sql re-creates the trigger on pg_tviews_commit_hook: it waits for this lock.
        CliRun run = whileLocked("LOCK TABLE public.pg_tviews_commit_hook IN ACCESS SHARE MODE",
                () -> tviews("install-runtime"));

        assertLostAndRolledBack(run, "runtime/35_queue.sql");
        assertThat(DatabaseSnapshot.of(db)).isEqualTo(before);
        assertThat(functionSources()).isEqualTo(functionsBefore);
        db.execute("UPDATE tb_user SET name = 'after the lost install' WHERE pk_user = 1");
        TviewAssertions.assertConsistent(db);
        CliRun retry = tviews("install-runtime");
        assertThat(retry.exit()).as(retry.toString()).isEqualTo(ExitCode.OK);
        TviewAssertions.assertConsistent(db);
    }

    @Test
    void firstInstallInterruptedLeavesNoRuntimeObject() throws Exception {
        db = TestDatabase.empty();
        String before = DatabaseSnapshot.userObjects(db);

        // An uncommitted function of the same name: 40_api.sql waits for that transaction to end.
        CliRun run = whileLocked("CREATE FUNCTION public.pg_tviews_version() RETURNS text LANGUAGE sql AS $$ SELECT 'x' $$",
                () -> tviews("install-runtime"));

        assertLostAndRolledBack(run, "runtime/40_api.sql");
        assertThat(DatabaseSnapshot.userObjects(db)).isEqualTo(before);
        CliRun retry = tviews("install-runtime");
        assertThat(retry.exit()).as(retry.toString()).isEqualTo(ExitCode.OK);
        assertThat(db.scalar("SELECT version FROM pg_tviews_runtime")).isNotNull();
    }

    @Test
    void theJavaInstallerReportsTheLossAndLeavesNothing() throws Exception {
        db = TestDatabase.empty();
        String before = DatabaseSnapshot.userObjects(db);
        try (Connection installing = db.connect()) {
            int pid = ((Number) TestDatabase.scalar(installing, "SELECT pg_backend_pid()")).intValue();
            SQLException lost = org.junit.jupiter.api.Assertions.assertThrows(SQLException.class, () ->
                    RuntimeInstaller.install(installing, piece -> {
                        if (piece.path().endsWith("50_verify.sql")) {
                            terminate(pid);
                        }
                    }));
            assertThat(lost.getSQLState()).isIn("57P01", "08006", "08003");
            assertThat(lost.getMessage()).startsWith("installing runtime/50_verify.sql: ");
        }
        assertThat(DatabaseSnapshot.userObjects(db)).isEqualTo(before);
        try (Connection again = db.connect()) {
            RuntimeInstaller.install(again);
        }
        assertThat(db.column("SELECT status FROM pg_tviews_health_check()")).containsOnly("OK");
    }

    private void assertLostAndRolledBack(CliRun run, String reachedStep) {
        assertThat(run.exit()).as(run.toString()).isEqualTo(ExitCode.CONNECTION);
        assertThat(run.err()).as(run.toString()).contains(reachedStep);
        assertThat(run.err()).as(run.toString())
                .containsPattern("error \\[(57P01|08006|08003) connection_lost\\]: the connection to the server was lost \\(.+\\); "
                        + "the server rolled back the open transaction, nothing was changed\n")
                .contains("hint: Check that the server is running and reachable, then run the same command again.");
    }

    private String functionSources() throws SQLException {
        return String.join("\n", db.column("SELECT md5(string_agg(p.oid::regprocedure::text || prosrc, '' ORDER BY 1)) "
                + "FROM pg_proc p WHERE p.proname LIKE 'pg\\_tview%'"));
    }

    private interface CliAction {
        CliRun run();
    }

    /**
     * Runs the action while another session holds {@code lockSql} in an open transaction; the first
     * backend of this database found waiting for a lock is terminated. The holder then rolls back.
     */
    private CliRun whileLocked(String lockSql, CliAction action) throws Exception {
        try (Connection holder = db.connect()) {
            holder.setAutoCommit(false);
            TestDatabase.execute(holder, lockSql);
            int holderPid = ((Number) TestDatabase.scalar(holder, "SELECT pg_backend_pid()")).intValue();
            CompletableFuture<Integer> killer = CompletableFuture.supplyAsync(() -> terminateFirstWaiter(holderPid));
            CliRun run = action.run();
            assertThat(killer.get(30, TimeUnit.SECONDS)).as("terminated backend; %s", run).isPositive();
            holder.rollback();
            return run;
        }
    }

    private int terminateFirstWaiter(int exceptPid) {
        try (Connection admin = db.server().connect("postgres")) {
            for (int attempt = 0; attempt < 500; attempt++) {
                Object pid = TestDatabase.scalar(admin, "SELECT pid FROM pg_stat_activity WHERE datname = '" + db.name()
                        + "' AND wait_event_type = 'Lock' AND pid <> " + exceptPid + " LIMIT 1");
                if (pid != null) {
                    TestDatabase.scalar(admin, "SELECT pg_terminate_backend(" + pid + ")");
                    return ((Number) pid).intValue();
                }
                Thread.sleep(20);
            }
            return -1;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private void terminate(int pid) {
        try (Connection admin = db.server().connect("postgres")) {
            TestDatabase.scalar(admin, "SELECT pg_terminate_backend(" + pid + ", 10000)");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
