package io.tviewstudio.core.runtime;

import io.tviewstudio.core.install.RuntimeInstaller;
import io.tviewstudio.embedded.EmbeddedPostgres;
import io.tviewstudio.core.testing.Resources;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Crash safety: clients write the blog schema (immediate and deferred TVIEWs, READ COMMITTED and
 * REPEATABLE READ) while the postmaster of a server of this test's own is killed with SIGKILL at a
 * random moment; after crash recovery every TVIEW must equal its view, no acknowledged commit may be
 * missing, the runtime's unlogged tables (queue, commit hooks, lock guard, metrics counters) must be
 * empty, and the next writes must work. Several rounds; the seed is printed and can be set with
 * -Dtviews.crash.seed=N, the number of rounds with -Dtviews.crash.rounds=N (a soak run).
 *
 * The clients commit with synchronous_commit = on: the embedded server runs with it off (and fsync
 * off) for speed, under which PostgreSQL itself may lose the last commits of a crash.
 */
class CrashRecoveryTest {

    private static final String DATABASE = "crash";
    private static final int CLIENTS = 6;
    private static final int POSTS = 40;
    private static final boolean MULTI_STATEMENT = Boolean.getBoolean("tviews.crash.multiStatement");
    private static final boolean MIXED_ISOLATION = Boolean.getBoolean("tviews.crash.mixedIsolation");
    /** -Dtviews.crash.isolationGuard=true: the setting isolation_guard on, which mixed levels need. */
    private static final boolean ISOLATION_GUARD = Boolean.getBoolean("tviews.crash.isolationGuard");

    private static EmbeddedPostgres server;

    @BeforeAll
    static void startOwnServer() throws IOException, SQLException {
        server = EmbeddedPostgres.start();
        try (Connection admin = server.connect("postgres"); Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE " + DATABASE);
        }
        try (Connection db = server.connect(DATABASE); Statement statement = db.createStatement()) {
            RuntimeInstaller.install(db);
            statement.execute(Resources.text("schemas/blog.sql"));
            statement.execute("""
                    INSERT INTO tb_user (name) SELECT 'user ' || g FROM generate_series(4, 12) g;
                    INSERT INTO tb_post (fk_user, fk_category, title)
                    SELECT 1 + g %% 12, 1 + g %% 3, 'post ' || g FROM generate_series(5, %d) g;
                    INSERT INTO tb_comment (fk_post, fk_user, body)
                    SELECT 1 + g %% %d, 1 + g %% 12, 'seed ' || g FROM generate_series(1, 100) g;
                    """.formatted(POSTS, POSTS));
            statement.execute(Resources.text("schemas/blog-tviews.sql"));
            statement.execute(Resources.text("schemas/blog-tv-user.sql"));
            // Deferred TVIEWs put a row into the unlogged commit-hook table in every writing transaction.
            statement.execute("SELECT pg_tviews_set_refresh_mode('tv_category', 'deferred')");
            statement.execute("SELECT pg_tviews_set_refresh_mode('tv_user', 'deferred')");
            if (ISOLATION_GUARD) {
                statement.execute("SELECT pg_tviews_set('isolation_guard', 'on')");
            }
        }
    }

    @AfterAll
    static void stopServer() throws IOException {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void everyTviewIsExactAfterRepeatedHardCrashesUnderLoad() throws Exception {
        long seed = Long.getLong("tviews.crash.seed", 20261201L);
        int rounds = Integer.getInteger("tviews.crash.rounds", 4);
        System.out.println("CrashRecoveryTest: seed " + seed + ", " + rounds + " rounds (-Dtviews.crash.seed / -Dtviews.crash.rounds)"
                + (MIXED_ISOLATION ? ", mixed isolation levels" : "") + (ISOLATION_GUARD ? ", isolation_guard on" : ""));
        Random random = new Random(seed);
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        AtomicInteger commits = new AtomicInteger();
        long loadMillis = 0;

        for (int round = 1; round <= rounds; round++) {
            long crashAfter = 200 + random.nextInt(1300);
            long started = System.nanoTime();
            AtomicBoolean crashed = new AtomicBoolean();
            List<String> unexpected = runLoad(round, random.nextLong(), crashed, acknowledged, commits, () -> {
                pause(crashAfter);
                crashed.set(true);
                server.crash();
            });
            loadMillis += (System.nanoTime() - started) / 1_000_000;
            server.startAgain();
            assertThat(unexpected).as("round %d: errors other than retries and the lost connection", round).isEmpty();
            assertRecovered("round " + round + " (crash after " + crashAfter + " ms)", acknowledged, true);
        }

        // A last round without a crash: writing works as before, and the TVIEWs follow.
        List<String> unexpected = runLoad(rounds + 1, random.nextLong(), new AtomicBoolean(), acknowledged, commits,
                () -> pause(500));
        assertThat(unexpected).isEmpty();
        assertRecovered("after the last round", acknowledged, false);
        System.out.printf("CrashRecoveryTest: %d clients x %.1f s of load, %d crashes survived, %d commits, "
                        + "%d acknowledged comment inserts, 0 lost%n",
                CLIENTS, loadMillis / 1000.0, rounds, commits.get(), acknowledged.size());
    }

    private interface Interruption {
        void run() throws Exception;
    }

    /** Runs the clients until the interruption returns (having crashed the server or not), then stops them. */
    private List<String> runLoad(int round, long seed, AtomicBoolean crashed, Set<String> acknowledged,
                                 AtomicInteger commits, Interruption interruption) throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        List<String> unexpected = new ArrayList<>();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        List<Future<?>> running = new ArrayList<>();
        for (int client = 0; client < CLIENTS; client++) {
            Random random = new Random(seed + client);
            // One isolation level per round by default; -Dtviews.crash.mixedIsolation=true mixes them
            // within a round (with it, rows of tv_comment went missing: see the issue 11 report;
            // add -Dtviews.crash.isolationGuard=true, the setting that closes it).
            String isolation = (MIXED_ISOLATION ? client : round) % 2 == 0 ? "READ COMMITTED" : "REPEATABLE READ";
            String tag = "r" + round + "c" + client;
            running.add(clients.submit(() -> {
                runClient(random, isolation, tag, stop, crashed, acknowledged, commits, unexpected);
                return null;
            }));
        }
        interruption.run();
        stop.set(true);
        for (Future<?> client : running) {
            client.get(60, TimeUnit.SECONDS);
        }
        clients.shutdown();
        return unexpected;
    }

    private static void runClient(Random random, String isolation, String tag, AtomicBoolean stop, AtomicBoolean crashed,
                                  Set<String> acknowledged, AtomicInteger commits, List<String> unexpected) {
        try (Connection session = server.connect(DATABASE)) {
            session.setAutoCommit(false);
            execute(session, "SET synchronous_commit = on");
            session.commit();
            for (int n = 0; !stop.get(); n++) {
                String marker = tag + "-" + n;
                List<String> statements = transaction(random, marker);
                for (int attempt = 0; ; attempt++) {
                    try {
                        execute(session, "SET TRANSACTION ISOLATION LEVEL " + isolation);
                        for (String sql : statements) {
                            execute(session, sql);
                        }
                        session.commit();
                        commits.incrementAndGet();
                        if (statements.stream().anyMatch(sql -> sql.contains("'" + marker + "'"))) {
                            acknowledged.add(marker);
                        }
                        break;
                    } catch (SQLException e) {
                        if (crashed.get() || session.isClosed()) {
                            return;  // the server is gone: this transaction's outcome is unknown, not acknowledged
                        }
                        session.rollback();
                        if (("40001".equals(e.getSQLState()) || "40P01".equals(e.getSQLState())) && attempt < 1000) {
                            pause(random.nextInt(1 + Math.min(attempt, 20)));  // back off, as ConcurrencyStressTest does
                            continue;
                        }
                        synchronized (unexpected) {
                            unexpected.add(e.getSQLState() + " " + e.getMessage() + " in " + statements);
                        }
                        break;
                    }
                }
            }
        } catch (SQLException e) {
            if (!crashed.get()) {
                synchronized (unexpected) {
                    unexpected.add(e.getSQLState() + " " + e.getMessage());
                }
            }
        }
    }

    /**
     * One transaction. By default one statement, as the documented safe use of immediate TVIEWs
     * (docs/reference/refresh-modes.md#locking): a tracked comment insert or one other write. With
     * -Dtviews.crash.multiStatement=true: the tracked insert plus up to three other writes, in one
     * global table order (with it, a crash-free round once left a tv_comment row missing; see the
     * issue 11 report).
     */
    private static List<String> transaction(Random random, String marker) {
        List<String> mix = multiStatementTransaction(random, marker);
        if (MULTI_STATEMENT) {
            return mix;
        }
        String insert = mix.stream().filter(sql -> sql.startsWith("INSERT")).findFirst().orElseThrow();
        return List.of(random.nextBoolean() ? insert : mix.get(random.nextInt(mix.size())));
    }

    private static List<String> multiStatementTransaction(Random random, String marker) {
        List<String> statements = new ArrayList<>();
        int user = 1 + random.nextInt(12);
        int post = 1 + random.nextInt(POSTS);
        if (random.nextInt(4) == 0) {
            statements.add("UPDATE tb_user SET name = 'u" + random.nextInt(1000) + "' WHERE pk_user = " + user);
        }
        if (random.nextInt(6) == 0) {
            statements.add("UPDATE tb_category SET title = 'c" + random.nextInt(1000) + "' WHERE pk_category = "
                    + (1 + random.nextInt(3)));
        }
        if (random.nextInt(3) == 0) {
            statements.add("UPDATE tb_post SET fk_category = " + (1 + random.nextInt(3)) + ", published = "
                    + random.nextBoolean() + ", fk_user = " + user + " WHERE pk_post = " + post);
        }
        statements.add("INSERT INTO tb_comment (fk_post, fk_user, body) VALUES (" + post + ", " + user + ", '" + marker + "')");
        if (random.nextInt(4) == 0) {
            statements.add("DELETE FROM tb_comment WHERE pk_comment = (SELECT min(pk_comment) FROM tb_comment "
                    + "WHERE body LIKE 'seed %' AND fk_post = " + post + ")");
        }
        return statements;
    }

    private static void assertRecovered(String when, Set<String> acknowledged, boolean afterCrash) throws SQLException {
        try (Connection db = server.connect(DATABASE)) {
            assertThat(query(db, "SELECT format('%s %s %s', tview, pk, issue) FROM pg_tviews_verify()"))
                    .as("%s: pg_tviews_verify()", when).isEmpty();
            for (String pair : query(db, "SELECT format('%s|%s', table_oid, view_oid) FROM pg_tview_meta")) {
                String[] relations = pair.split("\\|");
                assertThat(query(db, "SELECT count(*) FROM ((SELECT to_jsonb(t) FROM " + relations[0] + " t EXCEPT ALL "
                        + "SELECT to_jsonb(v) FROM " + relations[1] + " v) UNION ALL (SELECT to_jsonb(v) FROM " + relations[1]
                        + " v EXCEPT ALL SELECT to_jsonb(t) FROM " + relations[0] + " t)) d"))
                        .as("%s: rows differing between %s and its view", when, relations[0]).containsExactly("0");
            }
            // Unlogged tables are reset by crash recovery: nothing a dead transaction queued survives.
            // (Lock-guard rows and metrics counters otherwise stay, by design; the queue is always empty between transactions.)
            List<String> empty = afterCrash
                    ? List.of("pg_tviews_queue", "pg_tviews_commit_hook", "pg_tviews_lock_guard", "pg_tviews_metrics_counters",
                            "pg_tviews_metrics_events")
                    : List.of("pg_tviews_queue", "pg_tviews_commit_hook");
            for (String table : empty) {
                assertThat(query(db, "SELECT count(*) FROM public." + table)).as("%s: %s", when, table).containsExactly("0");
            }
            assertThat(query(db, "SELECT relpersistence FROM pg_class WHERE relname IN ('pg_tviews_queue', "
                    + "'pg_tviews_commit_hook', 'pg_tviews_lock_guard', 'pg_tviews_metrics_counters', 'pg_tviews_metrics_events')"))
                    .containsOnly("u");
            Set<String> present = new HashSet<>(query(db, "SELECT body FROM tb_comment WHERE body LIKE 'r%'"));
            assertThat(acknowledged).as("%s: acknowledged comment inserts missing after recovery", when)
                    .allMatch(present::contains);
            assertThat(query(db, "SELECT count(*) FROM tv_comment t JOIN tb_comment c USING (pk_comment) WHERE c.body LIKE 'r%'"))
                    .as("%s: tracked comments in tv_comment", when)
                    .containsExactly(query(db, "SELECT count(*) FROM tb_comment c JOIN tb_post p ON p.pk_post = c.fk_post "
                            + "WHERE c.body LIKE 'r%' AND p.published").get(0));
        }
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static List<String> query(Connection connection, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Statement statement = connection.createStatement(); var rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
