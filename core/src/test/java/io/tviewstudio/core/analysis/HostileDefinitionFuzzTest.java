package io.tviewstudio.core.analysis;

import io.tviewstudio.core.analysis.schema.CatalogSnapshot;
import io.tviewstudio.core.analysis.schema.InMemoryCatalog;
import io.tviewstudio.core.catalog.LiveCatalog;
import io.tviewstudio.core.runtime.DatabaseSnapshot;
import io.tviewstudio.core.testing.Resources;
import io.tviewstudio.core.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile and malformed definitions (see {@link HostileInput}) for the analyzer and for
 * pg_tviews_create. The analyzer must return diagnostics, never throw or hang, and every error
 * it reports has a TV code. The runtime must either create the TVIEW or refuse with a TVnnn
 * SQLSTATE (or one of the PostgreSQL evaluation errors the error reference lists), never hang, and leave the database exactly as it was: no object, catalog row,
 * trigger or function left behind, and a canary table untouched (nothing ran that the definition
 * did not ask for).
 *
 * Fixed seeds, printed; -Dtviews.fuzz.seed=N to replay, -Dtviews.fuzz.cases=N for the number of
 * analyzer cases (the runtime gets a tenth of them) and -Dtviews.fuzz.large=true for larger inputs
 * in a longer run.
 */
class HostileDefinitionFuzzTest {

    private static final long SEED = Long.getLong("tviews.fuzz.seed", 11L);
    private static final int CASES = Integer.getInteger("tviews.fuzz.cases", 1000);
    /** Soak runs (-Dtviews.fuzz.large=true) also try nesting up to 20,000 levels and texts up to 1 MB. */
    private static final boolean LARGE = Boolean.getBoolean("tviews.fuzz.large");
    /**
     * Errors PostgreSQL raises itself while evaluating a definition keep their SQLSTATE, as
     * docs/reference/errors.md says (division by zero, invalid input, a schema that does not exist).
     */
    private static final java.util.regex.Pattern DOCUMENTED_POSTGRES_ERROR = java.util.regex.Pattern.compile("22[0-9A-Z]{3} |3F000 ");
    /** Generous per case: it detects a hang (an endless loop), it does not measure speed. */
    private static final int TIMEOUT_SECONDS = 20;

    private static final InMemoryCatalog BLOG = InMemoryCatalog.builder()
            .table("tb_user", "pk_user integer primary key, id uuid not null, name text not null")
            .table("tb_category", "pk_category integer primary key, id uuid not null, title text not null")
            .table("tb_post", "pk_post integer primary key, id uuid not null, fk_user integer not null, "
                    + "fk_category integer, title text not null, published boolean not null")
            .table("tb_comment", "pk_comment integer primary key, id uuid not null, fk_post integer not null, "
                    + "fk_user integer not null, body text not null")
            .table("tb_canary", "n integer")
            .tview("tv_post", "pk_post integer primary key, id uuid, fk_user integer, fk_category integer, data jsonb")
            .build();

    @Test
    void theAnalyzerReturnsDiagnosticsForEveryInputWithoutThrowingOrHanging() throws Exception {
        System.out.println("HostileDefinitionFuzzTest analyzer: seed " + SEED + ", " + CASES + " cases");
        HostileInput input = new HostileInput(SEED, LARGE);
        List<String> failures = new ArrayList<>();
        java.util.TreeMap<Long, String> slowest = new java.util.TreeMap<>();
        ExecutorService worker = Executors.newSingleThreadExecutor(daemon());
        try {
            for (int i = 0; i < CASES; i++) {
                HostileInput.Case next = input.next();
                CatalogSnapshot catalog = i % 2 == 0 ? BLOG : CatalogSnapshot.offline();
                Future<List<AnalysisResult>> analysis = worker.submit(() -> List.of(
                        DefinitionAnalyzer.analyze(next.name(), next.select(), catalog),
                        DefinitionAnalyzer.analyze(next.createStatement(), catalog)));
                long started = System.nanoTime();
                try {
                    List<AnalysisResult> results = analysis.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
                    slowest.put((System.nanoTime() - started) / 1_000_000 * 100_000 + i, next.toString());
                    if (slowest.size() > 3) {
                        slowest.pollFirstEntry();
                    }
                    for (AnalysisResult result : results) {
                        for (Diagnostic error : result.errors()) {
                            if (error.code() == null || error.message() == null || error.message().isBlank()) {
                                failures.add("case " + i + ": error without code or message " + error + ": " + next);
                            }
                        }
                        if (!result.hasErrors()) {
                            result.createCall();  // what apply would run: must be producible
                        }
                    }
                } catch (TimeoutException hang) {
                    analysis.cancel(true);
                    failures.add("case " + i + ": no result after " + TIMEOUT_SECONDS + " s: " + next);
                    worker.shutdownNow();
                    worker = Executors.newSingleThreadExecutor(daemon());
                } catch (java.util.concurrent.ExecutionException crash) {
                    failures.add("case " + i + ": " + crash.getCause() + ": " + next);
                }
            }
        } finally {
            worker.shutdownNow();
        }
        slowest.descendingMap().forEach((key, value) -> System.out.println("  slow: " + key / 100_000 + " ms: "
                + value.substring(0, Math.min(160, value.length()))));
        assertThat(failures).as("analyzer crashes and hangs (seed %d)", SEED).isEmpty();
    }

    @Test
    void theRuntimeCreatesOrRefusesWithATvCodeAndLeavesNothingBehind() throws Exception {
        int cases = Math.max(100, CASES / 10);
        long seed = SEED * 31 + 7;
        System.out.println("HostileDefinitionFuzzTest runtime: seed " + seed + ", " + cases + " cases");
        Map<String, Integer> outcomes = new LinkedHashMap<>();
        List<String> failures = new ArrayList<>();
        try (TestDatabase db = TestDatabase.withRuntime()) {
            db.execute(Resources.text("schemas/blog.sql"));
            db.execute("""
                    SELECT pg_tviews_create('tv_post', $$
                        SELECT p.pk_post, p.id, p.fk_user, p.fk_category, jsonb_build_object('title', p.title) AS data
                        FROM tb_post p $$);
                    CREATE TABLE tb_canary (n integer);
                    INSERT INTO tb_canary VALUES (1);
                    """);
            DatabaseSnapshot before = DatabaseSnapshot.of(db);
            HostileInput input = new HostileInput(seed, LARGE);
            try (Connection session = db.connect()) {
                TestDatabase.execute(session, "SET statement_timeout = '" + TIMEOUT_SECONDS + "s'");
                for (int i = 0; i < cases; i++) {
                    HostileInput.Case next = input.next();
                    if ((next.name() + next.select()).indexOf('\u0000') >= 0) {
                        continue;  // PostgreSQL text cannot hold NUL: the server refuses it before any function runs
                    }
                    String outcome = createAndDrop(session, next, i % 2 == 0);
                    outcomes.merge(outcome.length() > 5 ? outcome.substring(0, 5) : outcome, 1, Integer::sum);
                    if (!outcome.matches("TV\\d{3}") && !outcome.equals("created") && !DOCUMENTED_POSTGRES_ERROR.matcher(outcome).lookingAt()) {
                        failures.add("case " + i + ": " + outcome + ": " + next);
                    }
                    DatabaseSnapshot after = DatabaseSnapshot.of(db);
                    if (!after.equals(before)) {
                        failures.add("case " + i + " changed the database: " + next + "\nbefore " + before + "\nafter  " + after);
                        break;
                    }
                }
            }
        }
        System.out.println("HostileDefinitionFuzzTest runtime outcomes: " + outcomes);
        assertThat(failures).as("runtime refusals without a TV code, hangs, leftovers (seed %d)", seed).isEmpty();
    }

    /**
     * Runs one case as tviews does (the CREATE TVIEW translated to a pg_tviews_create call, as text)
     * or as an application does (name and definition as bound parameters); a TVIEW that gets
     * created is dropped again. Returns "created" or the SQLSTATE with the message.
     */
    private static String createAndDrop(Connection session, HostileInput.Case next, boolean asText) {
        try {
            String created;
            if (asText) {
                AnalysisResult analysis = DefinitionAnalyzer.analyze(next.createStatement(), new LiveCatalog(session));
                if (analysis.tviewName() == null) {
                    return analysis.errors().isEmpty() ? "analyzer accepted an unreadable statement" : "TV010";
                }
                try (Statement statement = session.createStatement(); ResultSet rows = statement.executeQuery(analysis.createCall())) {
                    created = rows.next() ? rows.getString(1) : null;
                }
            } else {
                try (PreparedStatement statement = session.prepareStatement("SELECT pg_tviews_create(?, ?)")) {
                    statement.setString(1, next.name());
                    statement.setString(2, next.select());
                    try (ResultSet rows = statement.executeQuery()) {
                        created = rows.next() ? rows.getString(1) : null;
                    }
                }
            }
            String table = created.substring("TVIEW ".length(), created.indexOf(" created"));
            try (PreparedStatement drop = session.prepareStatement("SELECT pg_tviews_drop(?)")) {
                drop.setString(1, table);
                drop.execute();
            }
            return "created";
        } catch (SQLException e) {
            String message = e.getMessage() == null ? "" : e.getMessage().lines().findFirst().orElse("");
            return e.getSQLState() != null && e.getSQLState().matches("TV\\d{3}") ? e.getSQLState()
                    : e.getSQLState() + " " + (message.length() > 200 ? message.substring(0, 200) + "..." : message);
        }
    }

    private static java.util.concurrent.ThreadFactory daemon() {
        return task -> {
            Thread thread = new Thread(task, "fuzz-analyzer");
            thread.setDaemon(true);
            return thread;
        };
    }
}
