package io.tviewstudio.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tviewstudio.core.runtime.DatabaseSnapshot;
import io.tviewstudio.core.testing.BlogSchema;
import io.tviewstudio.core.testing.PasswordRole;
import io.tviewstudio.core.testing.Resources;
import io.tviewstudio.core.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every subcommand of tviews run in-process against the real embedded server: output, exit code,
 * and for bad input the exact message and that nothing changed.
 */
class TviewsCliTest extends CliTestSupport {

    private static final String USER_SELECT =
            "SELECT u.pk_user, u.id, jsonb_build_object('name', u.name) AS data FROM tb_user u";

    @Test
    void versionNamesTheBuildAndTheRuntime() {
        CliRun run = CliRun.run(Map.of(), home, "--version");

        assertThat(run.exit()).as(run.toString()).isEqualTo(ExitCode.OK);
        assertThat(run.out()).matches("tviews \\S+ \\(TVIEW runtime 0\\.1\\.0\\)\\R");
    }

    @Test
    void installIntoAnEmptyDatabaseShowsProgressAndReinstallKeepsTviews() throws Exception {
        db = TestDatabase.empty();

        CliRun install = tviews("install");

        assertThat(install.exit()).as(install.toString()).isEqualTo(ExitCode.OK);
        assertThat(install.out()).isEqualTo("TVIEW runtime 0.1.0 installed in database \"" + db.name() + "\"\n");
        assertThat(install.err()).startsWith("Installing TVIEW runtime 0.1.0 into " + target() + ", one transaction\n"
                + "  [1/11] runtime/00_catalog.sql\n");
        assertThat(install.err()).contains("  [11/11] runtime/90_privileges.sql\n");
        assertThat(db.scalar("SELECT version FROM pg_tviews_runtime")).isEqualTo("0.1.0");

        db.execute(Resources.text("schemas/blog.sql"));
        db.execute("SELECT pg_tviews_create('tv_user', $$" + USER_SELECT + "$$)");
        db.execute("UPDATE pg_tviews_runtime SET version = '0.0.9'");
        CliRun upgrade = tviews("upgrade-runtime", "--json");

        assertThat(upgrade.exit()).as(upgrade.toString()).isEqualTo(ExitCode.OK);
        JsonNode result = new ObjectMapper().readTree(upgrade.out());
        assertThat(result.get("previousVersion").asText()).isEqualTo("0.0.9");
        assertThat(result.get("action").asText()).isEqualTo("upgraded from 0.0.9");
        assertThat(upgrade.err()).isEmpty();
        assertThat(db.scalar("SELECT count(*) FROM pg_tview_meta")).isEqualTo(1L);
    }

    @Test
    void statusListsTviewsWithModeRowsAndSize() throws Exception {
        db = BlogSchema.withTviews();

        CliRun status = tviews("status");

        assertThat(status.exit()).as(status.toString()).isEqualTo(ExitCode.OK);
        assertThat(status.out()).contains("runtime:  0.1.0\nTVIEWs:   3\n");
        assertThat(status.out()).containsPattern("(?m)^  tview +mode +depth +rows +size$");
        assertThat(status.out()).containsPattern("(?m)^  tv_post +immediate +0 +\\d+ +\\d+ kB$");
        assertThat(status.out()).containsPattern("(?m)^  tv_comment +immediate +1 +\\d+ +\\d+ kB$");

        JsonNode json = new ObjectMapper().readTree(tviews("status", "--json").out());
        assertThat(json.get("runtimeVersion").asText()).isEqualTo("0.1.0");
        assertThat(json.get("tviews")).hasSize(3);
        assertThat(json.get("tviews").get(0).get("rows").asLong())
                .isEqualTo(db.scalar("SELECT count(*) FROM tv_post"));
    }

    @Test
    void statusWithoutRuntimeSaysSoAndExits5() throws Exception {
        db = TestDatabase.empty();

        CliRun status = tviews("status");

        assertThat(status.exit()).as(status.toString()).isEqualTo(ExitCode.RUNTIME_MISSING);
        assertThat(status.out()).contains("runtime:  not installed (run tviews install)\n");
    }

    @Test
    void createFromACreateTviewFileAndFromABareSelect() throws Exception {
        db = TestDatabase.withRuntime();
        db.execute(Resources.text("schemas/blog.sql"));
        Path definitions = file("user.sql", "-- the user read model\nCREATE TVIEW tv_user AS\n" + USER_SELECT + ";\n");

        CliRun create = tviews("create", "--file", definitions.toString());

        assertThat(create.exit()).as(create.toString()).isEqualTo(ExitCode.OK);
        assertThat(create.out()).matches("TVIEW tv_user created: \\d+ rows, 1 source relation\\(s\\)\\R");
        assertThat(db.column("SELECT entity FROM pg_tview_meta")).containsExactly("user");

        CliRun again = tviews("create", "--file", file("again.sql", "CREATE TVIEW IF NOT EXISTS tv_user AS " + USER_SELECT).toString());
        assertThat(again.exit()).as(again.toString()).isEqualTo(ExitCode.OK);
        assertThat(again.out()).isEqualTo("TVIEW tv_user already exists, skipped\n");

        Path select = file("category.sql", "SELECT c.pk_category, c.id, jsonb_build_object('title', c.title) AS data FROM tb_category c");
        CliRun bare = tviews("create", "tv_category", "-f", select.toString());
        assertThat(bare.exit()).as(bare.toString()).isEqualTo(ExitCode.OK);
        assertThat(db.column("SELECT entity FROM pg_tview_meta ORDER BY entity")).containsExactly("category", "user");
    }

    @Test
    void printSqlShowsTheTranslationWithoutConnecting() throws Exception {
        db = TestDatabase.empty();
        Path definitions = file("user.sql", "CREATE TVIEW tv_user AS " + USER_SELECT + ";");

        CliRun run = CliRun.run(Map.of("PGPORT", "1"), home, "create", "--print-sql", "--file", definitions.toString());

        assertThat(run.exit()).as(run.toString()).isEqualTo(ExitCode.OK);
        assertThat(run.out()).isEqualTo("SELECT pg_tviews_create('tv_user', $$" + USER_SELECT + "$$);\n");
    }

    @Test
    void aMalformedDefinitionIsRefusedByTheAnalysisAndWithForceByTheRuntimeAndCreatesNothing() throws Exception {
        db = TestDatabase.withRuntime();
        db.execute(Resources.text("schemas/blog.sql"));
        // The first TVIEW is fine; the second's SELECT is not: the whole file must be undone.
        Path definitions = file("two.sql", "CREATE TVIEW tv_user AS " + USER_SELECT + ";\n"
                + "CREATE TVIEW tv_post AS SELEC p.pk_post FROM tb_post p;\n");
        DatabaseSnapshot before = DatabaseSnapshot.of(db);

        CliRun create = tviews("create", "--file", definitions.toString());

        assertThat(create.exit()).as(create.toString()).isEqualTo(ExitCode.PROBLEMS_FOUND);
        assertThat(create.out()).isEmpty();
        assertThat(create.err()).isEqualTo(definitions + ":2:25: error TV010: TVIEW tv_post: invalid definition: "
                + "syntax error at or near \"SELEC\" (hint: The definition must be one SELECT statement that PostgreSQL "
                + "accepts as a view.)\n"
                + "error [analysis_failed]: " + definitions + ": 1 error(s) found; nothing was created\n"
                + "hint: Fix them, or add --force to let the runtime decide.\n");
        assertThat(DatabaseSnapshot.of(db)).isEqualTo(before);

        CliRun forced = tviews("apply", "--force", "--file", definitions.toString());

        assertThat(forced.exit()).as(forced.toString()).isEqualTo(ExitCode.DATABASE_ERROR);
        assertThat(forced.out()).isEmpty();
        assertThat(forced.err()).isEqualTo("[1/2] tv_user\n[2/2] tv_post\n"
                + "error [TV010 invalid_definition]: TVIEW tv_post: invalid definition: "
                + "syntax error at or near \"SELEC\"\n"
                + "hint: The definition must be one SELECT statement that PostgreSQL accepts as a view.\n");
        assertThat(DatabaseSnapshot.of(db)).isEqualTo(before);
        assertThat(db.scalar("SELECT count(*) FROM pg_tview_meta")).isEqualTo(0L);
    }

    @Test
    void createRefusesAMissingFileAndAStatementItCannotTranslate() throws Exception {
        db = TestDatabase.withRuntime();
        Path missing = home.resolve("nope.sql");

        CliRun noFile = tviews("create", "--file", missing.toString());
        CliRun notCreate = tviews("create", "--file", file("x.sql", "-- odd\nCREATE TVIEW AS SELECT 1").toString());
        CliRun noFileOption = tviews("create", "tv_x");
        CliRun otherName = tviews("apply", "tv_x", "-f", file("y.sql", "CREATE TVIEW tv_y AS SELECT 1").toString());
        CliRun empty = tviews("apply", "-f", file("empty.sql", "  -- nothing\n").toString());

        assertThat(noFile.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(noFile.err()).isEqualTo("error [file_not_found]: cannot read " + missing + ": no such file\n");
        assertThat(notCreate.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(notCreate.err()).isEqualTo("error [invalid_create_statement]: " + home.resolve("x.sql")
                + ":2:1: not CREATE TVIEW [IF NOT EXISTS] name AS SELECT ...: CREATE TVIEW AS SELECT 1\n"
                + "hint: Write CREATE TVIEW tv_name AS SELECT ...; or give the name of a bare SELECT: tviews apply tv_name -f FILE\n");
        assertThat(noFileOption.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(noFileOption.err()).isEqualTo("error [usage]: Missing required option: '--file=FILE'\n"
                + "hint: Run: tviews apply --help\n");
        assertThat(otherName.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(otherName.err()).startsWith("error [invalid_create_statement]: " + home.resolve("y.sql")
                + ": the file creates TVIEW tv_y, not tv_x\n");
        assertThat(empty.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(empty.err()).startsWith("error [invalid_create_statement]: " + home.resolve("empty.sql")
                + ": the file holds no SQL statement\n");
        assertThat(db.scalar("SELECT count(*) FROM pg_tview_meta")).isEqualTo(0L);
    }

    @Test
    void verifyFindsACorruptedRowAndRepairFixesIt() throws Exception {
        db = BlogSchema.withTviews();
        db.execute("UPDATE tv_post SET data = '{\"title\": \"forged\"}' WHERE pk_post = 1");

        CliRun verify = tviews("verify");

        assertThat(verify.exit()).as(verify.toString()).isEqualTo(ExitCode.PROBLEMS_FOUND);
        assertThat(verify.out()).isEqualTo("""
                1 row(s) differ from their views:
                  tview           pk  issue  repaired
                  public.tv_post  1   stale  no
                run tviews verify --repair to recompute them
                """);

        CliRun repair = tviews("verify", "tv_post", "--repair", "--json");

        assertThat(repair.exit()).as(repair.toString()).isEqualTo(ExitCode.OK);
        JsonNode json = new ObjectMapper().readTree(repair.out());
        assertThat(json.get("differences").get(0).get("issue").asText()).isEqualTo("stale");
        assertThat(json.get("differences").get(0).get("repaired").asBoolean()).isTrue();
        assertThat(json.get("remaining")).isEmpty();
        assertThat(db.scalar("SELECT data->>'title' FROM tv_post WHERE pk_post = 1")).isNotEqualTo("forged");

        CliRun clean = tviews("verify");
        assertThat(clean.exit()).isEqualTo(ExitCode.OK);
        assertThat(clean.out()).isEqualTo("consistent: all TVIEWs equal their views\n");
    }

    @Test
    void verifyOfAnUnknownTviewIsTV003() throws Exception {
        db = BlogSchema.withTviews();

        CliRun verify = tviews("verify", "tv_nothing");

        assertThat(verify.exit()).as(verify.toString()).isEqualTo(ExitCode.DATABASE_ERROR);
        assertThat(verify.err().lines().findFirst().orElseThrow())
                .isEqualTo("error [TV003 tview_not_found]: TVIEW tv_nothing does not exist");
    }

    @Test
    void healthReportsADisabledTriggerWithExitCode1() throws Exception {
        db = BlogSchema.withTviews();

        CliRun healthy = tviews("health");
        db.execute("ALTER TABLE tb_user DISABLE TRIGGER tview_00_post_upd");
        CliRun warning = tviews("health");

        assertThat(healthy.exit()).as(healthy.toString()).isEqualTo(ExitCode.OK);
        assertThat(warning.exit()).as(warning.toString()).isEqualTo(ExitCode.PROBLEMS_FOUND);
        assertThat(warning.out()).containsPattern("(?m)^  refresh_triggers +WARNING +");
    }

    @Test
    void healthReportsARenamedSourceColumnWithExitCode1() throws Exception {
        db = BlogSchema.withTviews();
        db.execute("ALTER TABLE tb_user RENAME COLUMN pk_user TO user_pk");

        CliRun drift = tviews("health");

        assertThat(drift.exit()).as(drift.toString()).isEqualTo(ExitCode.PROBLEMS_FOUND);
        assertThat(drift.out()).as(drift.toString())
                .containsPattern("(?m)^  source_drift +ERROR +public.tv_comment: lineage column public.tb_user.pk_user is gone "
                        + "\\(renamed or dropped\\); its recorded definition reads public.tb_user.pk_user, which view public.v_comment "
                        + "now reads as public.tb_user.user_pk$")
                .containsPattern("(?m)^ +public.tv_post: lineage column public.tb_user.pk_user is gone")
                .contains("pg_tviews_drop it and pg_tviews_create it again with a definition that uses the current names");
    }

    @Test
    void dropNeedsCascadeForDependentsAndDropsInOneTransaction() throws Exception {
        db = BlogSchema.withTviews();

        CliRun refused = tviews("drop", "tv_post");
        CliRun dropped = tviews("drop", "tv_post", "--cascade");

        assertThat(refused.exit()).as(refused.toString()).isEqualTo(ExitCode.DATABASE_ERROR);
        assertThat(refused.err()).startsWith("error [TV031 dependent_tviews_exist]: cannot drop TVIEW tv_post: ");
        assertThat(dropped.exit()).as(dropped.toString()).isEqualTo(ExitCode.OK);
        assertThat(db.scalar("SELECT count(*) FROM pg_tview_meta")).isEqualTo(0L);
    }

    @Test
    void uninstallNeedsYesThenRemovesTheRuntime() throws Exception {
        db = BlogSchema.withTviews();

        CliRun unconfirmed = tviews("uninstall");
        assertThat(unconfirmed.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(unconfirmed.err()).isEqualTo("error [confirmation_required]: uninstall drops every TVIEW and the "
                + "runtime; nothing was done\nhint: Add --yes to confirm.\n");
        assertThat(db.scalar("SELECT count(*) FROM pg_tview_meta")).isEqualTo(3L);

        CliRun uninstall = tviews("uninstall", "--yes");
        assertThat(uninstall.exit()).as(uninstall.toString()).isEqualTo(ExitCode.OK);
        assertThat(uninstall.out()).isEqualTo("TVIEW runtime 0.1.0 removed from database \"" + db.name()
                + "\" (3 TVIEW(s) dropped; base tables kept)\n");
        assertThat(db.scalar("SELECT to_regclass('pg_tview_meta')")).isNull();
        assertThat(db.scalar("SELECT count(*) FROM tb_post")).isNotEqualTo(0L);
    }

    @Test
    void commandsNeedTheRuntimeAtTheShippedVersion() throws Exception {
        db = TestDatabase.empty();

        CliRun missing = tviews("verify");
        db.execute(Resources.text("schemas/blog.sql"));

        assertThat(missing.exit()).isEqualTo(ExitCode.RUNTIME_MISSING);
        assertThat(missing.err()).isEqualTo("error [runtime_not_installed]: the TVIEW runtime is not installed in database \""
                + db.name() + "\" at 127.0.0.1:" + db.server().port() + "\n"
                + "hint: Install it with: tviews install (or psql -f sql/install.sql).\n");

        try (TestDatabase old = TestDatabase.withRuntime()) {
            old.execute("UPDATE pg_tviews_runtime SET version = '0.0.9'");
            Map<String, String> variables = environment();
            variables.put("PGDATABASE", old.name());
            CliRun mismatch = CliRun.run(variables, home, "health", "--json");

            assertThat(mismatch.exit()).isEqualTo(ExitCode.RUNTIME_MISSING);
            assertThat(mismatch.err().lines().findFirst().orElseThrow()).isEqualTo("error [runtime_version_mismatch]: database \""
                    + old.name() + "\" holds TVIEW runtime 0.0.9, this tviews works with runtime 0.1.0");
            JsonNode json = new ObjectMapper().readTree(mismatch.out());
            assertThat(json.get("exitCode").asInt()).isEqualTo(5);
            assertThat(json.get("error").get("code").asText()).isEqualTo("runtime_version_mismatch");
        }
    }

    @Test
    void wrongPasswordUnknownDatabaseAndUnreachablePortAreConnectionErrors() throws Exception {
        db = TestDatabase.withRuntime();
        PasswordRole.ensure();
        int port = db.server().port();
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        Map<String, String> wrongPassword = environment();
        wrongPassword.put("PGPASSWORD", "wrong");

        CliRun password = CliRun.run(wrongPassword, home, "status", "-U", PasswordRole.NAME);
        CliRun database = tviews("status", "-d", "no_such_db");
        CliRun unreachable = tviews("status", "-p", Integer.toString(closed));

        assertThat(password.exit()).isEqualTo(ExitCode.CONNECTION);
        assertThat(password.out()).isEmpty();
        assertThat(password.err()).isEqualTo("error [28P01 wrong_password]: password authentication failed for user \""
                + PasswordRole.NAME + "\" at 127.0.0.1:" + port + " (password from PGPASSWORD)\n"
                + "hint: Check the password, PGPASSWORD and the password file (~/.pgpass or PGPASSFILE).\n");
        assertThat(database.exit()).isEqualTo(ExitCode.CONNECTION);
        assertThat(database.err()).isEqualTo("error [3D000 unknown_database]: database \"no_such_db\" does not exist at 127.0.0.1:"
                + port + "\nhint: Check the name (psql -l lists the databases), or create it with createdb.\n");
        assertThat(unreachable.exit()).isEqualTo(ExitCode.CONNECTION);
        assertThat(unreachable.err()).isEqualTo("error [08001 server_unreachable]: cannot reach PostgreSQL at 127.0.0.1:"
                + closed + ": connection refused\nhint: Is the server running and accepting TCP connections on that host "
                + "and port (listen_addresses, port in postgresql.conf)?\n");
    }

    @Test
    void unknownOptionsAreUsageErrors() throws Exception {
        db = TestDatabase.withRuntime();

        CliRun run = tviews("verify", "--fix");

        assertThat(run.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(run.err()).isEqualTo("error [usage]: Unknown option: '--fix'\nhint: Run: tviews verify --help\n");
    }
}
