package io.tviewstudio.cli;

import io.tviewstudio.embedded.EmbeddedPostgres;
import io.tviewstudio.core.runtime.DatabaseSnapshot;
import io.tviewstudio.core.install.RuntimeInstaller;
import io.tviewstudio.core.testing.Resources;
import io.tviewstudio.core.testing.TestDatabase;
import io.tviewstudio.core.testing.TviewAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The server is restarted (pg_ctl stop -m fast, then start: what an administrator's restart or a
 * managed service's maintenance does) while tviews is in the middle of its transaction: tviews exits
 * with code 3 and connection_lost, nothing is left half-created, and the same command run again once
 * the server is back succeeds. Unlike ConnectionLossTest (one backend terminated), every session
 * ends and the postmaster itself goes away, so this test starts a server of its own.
 *
 * To restart at a known point, another session holds a lock that a later step needs; the server is
 * restarted while tviews waits for it.
 */
class ServerRestartTest {

    private static EmbeddedPostgres server;

    @TempDir
    Path home;

    @BeforeAll
    static void startOwnServer() throws IOException {
        server = EmbeddedPostgres.start(EmbeddedPostgres.Authentication.TRUST);
    }

    @AfterAll
    static void stopOwnServer() throws IOException {
        server.close();
    }

    @Test
    void applyInterruptedByARestartCreatesNothingAndARetrySucceeds() throws Exception {
        String database = createDatabase("restart_apply");
        try (Connection connection = server.connect(database)) {
            RuntimeInstaller.install(connection);
            TestDatabase.execute(connection, Resources.text("schemas/blog.sql"));
        }
        Path blog = Files.writeString(home.resolve("blog.tview"), DefinitionCommandsTest.BLOG);
        DatabaseSnapshot before = snapshot(database);

        // tv_post is created first; tv_comment then needs to put its triggers on tb_comment.
        CliRun run = restartWhileWaiting(database, "LOCK TABLE tb_comment IN ROW EXCLUSIVE MODE",
                () -> tviews(database, "apply", "--file", blog.toString()));

        assertLostAndRolledBack(run, "[2/2] tv_comment");
        assertThat(snapshot(database)).isEqualTo(before);
        CliRun retry = tviews(database, "apply", "--file", blog.toString());
        assertThat(retry.exit()).as(retry.toString()).isEqualTo(ExitCode.OK);
        try (TestDatabase db = TestDatabase.attach(server, database)) {
            assertThat(db.column("SELECT entity FROM pg_tview_meta ORDER BY 1")).containsExactly("comment", "post");
            TviewAssertions.assertConsistent(db);
        }
    }

    @Test
    void installRuntimeInterruptedByARestartLeavesNoRuntimeObjectAndARetrySucceeds() throws Exception {
        String database = createDatabase("restart_install");
        String before = objects(database);

        // An uncommitted function of the same name: 40_api.sql waits for that transaction to end.
        CliRun run = restartWhileWaiting(database,
                "CREATE FUNCTION public.pg_tviews_version() RETURNS text LANGUAGE sql AS $$ SELECT 'x' $$",
                () -> tviews(database, "install-runtime"));

        assertLostAndRolledBack(run, "runtime/40_api.sql");
        assertThat(objects(database)).isEqualTo(before);
        CliRun retry = tviews(database, "install-runtime");
        assertThat(retry.exit()).as(retry.toString()).isEqualTo(ExitCode.OK);
        try (TestDatabase db = TestDatabase.attach(server, database)) {
            assertThat(db.column("SELECT status FROM pg_tviews_health_check()")).containsOnly("OK");
        }
    }

    private static void assertLostAndRolledBack(CliRun run, String reachedStep) {
        assertThat(run.exit()).as(run.toString()).isEqualTo(ExitCode.CONNECTION);
        assertThat(run.err()).as(run.toString()).contains(reachedStep);
        assertThat(run.err()).as(run.toString())
                .containsPattern("error \\[(57P01|08006|08003) connection_lost\\]: the connection to the server was lost \\(.+\\); "
                        + "the server rolled back the open transaction, nothing was changed\n")
                .contains("hint: Check that the server is running and reachable, then run the same command again.");
    }

    private interface CliAction {
        CliRun run();
    }

    /**
     * Runs the action while another session holds {@code lockSql} in an open transaction; once a
     * backend of the database waits for a lock, the server is restarted (which ends the holder too).
     */
    private static CliRun restartWhileWaiting(String database, String lockSql, CliAction action) throws Exception {
        Connection holder = server.connect(database);
        holder.setAutoCommit(false);
        TestDatabase.execute(holder, lockSql);
        CompletableFuture<Boolean> restarted = CompletableFuture.supplyAsync(() -> restartOnceAWaiterAppears(database));
        CliRun run = action.run();
        assertThat(restarted.get(120, TimeUnit.SECONDS)).as("server restarted; %s", run).isTrue();
        try {
            holder.close();
        } catch (SQLException gone) {
            // Its server was restarted under it; the transaction is long rolled back.
        }
        return run;
    }

    private static boolean restartOnceAWaiterAppears(String database) {
        try (Connection admin = server.connect("postgres")) {
            for (int attempt = 0; attempt < 1500; attempt++) {
                Object pid = TestDatabase.scalar(admin, "SELECT pid FROM pg_stat_activity WHERE datname = '" + database
                        + "' AND wait_event_type = 'Lock' LIMIT 1");
                if (pid != null) {
                    admin.close();
                    server.restart();
                    return true;
                }
                Thread.sleep(20);
            }
            return false;
        } catch (SQLException | IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private CliRun tviews(String database, String... args) {
        Map<String, String> variables = new HashMap<>();
        variables.put("PGHOST", "127.0.0.1");
        variables.put("PGPORT", Integer.toString(server.port()));
        variables.put("PGUSER", "postgres");
        variables.put("PGDATABASE", database);
        return CliRun.run(variables, home, args);
    }

    private static String createDatabase(String name) throws SQLException {
        try (Connection admin = server.connect("postgres"); Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        }
        return name;
    }

    private static DatabaseSnapshot snapshot(String database) throws SQLException {
        try (TestDatabase db = TestDatabase.attach(server, database)) {
            return DatabaseSnapshot.of(db);
        }
    }

    private static String objects(String database) throws SQLException {
        try (TestDatabase db = TestDatabase.attach(server, database)) {
            return DatabaseSnapshot.userObjects(db);
        }
    }
}
