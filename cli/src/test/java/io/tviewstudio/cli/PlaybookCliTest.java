package io.tviewstudio.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tviewstudio.core.testing.ShopSchema;
import io.tviewstudio.core.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** tviews playbook export|restore on a real database: output, exit codes, and bad input changing nothing. */
class PlaybookCliTest extends CliTestSupport {

    private Path exported() throws Exception {
        db = ShopSchema.withTviews();
        Path folder = home.resolve("pb");
        CliRun export = tviews("playbook", "export", folder.toString(), "--zip");
        assertThat(export.exit()).as(export.toString()).isEqualTo(ExitCode.OK);
        return folder;
    }

    @Test
    void exportWritesTheFolderAndZipAndListsTheTviews() throws Exception {
        Path folder = exported();

        assertThat(folder.resolve("README.md")).exists();
        assertThat(folder.resolve("playbook.html")).exists();
        assertThat(folder.resolve("scripts/rebuild-one.sql")).exists();
        assertThat(home.resolve("pb.zip")).exists();
        JsonNode manifest = new ObjectMapper().readTree(folder.resolve("manifest.json").toFile());
        assertThat(manifest.get("runtimeVersion").asText()).isEqualTo("0.1.0");
        assertThat(manifest.get("tviews").get(3).get("tview").asText()).isEqualTo("public.tv_order_line");
        assertThat(manifest.get("tviews").get(3).get("rowCount").asLong()).isEqualTo(150);

        CliRun again = tviews("playbook", "export", folder.toString());
        assertThat(again.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(again.err()).isEqualTo("error [playbook_exists]: cannot export into " + folder
                + ": it exists and is not an empty folder\nhint: Choose a new folder; a playbook is never written over another one.\n");
    }

    @Test
    void restoreDryRunShowsThePlanAndChangesNothingThenRestoreHealsAndVerifies() throws Exception {
        Path folder = exported();
        db.execute("DROP TABLE tv_order_line");
        db.execute("SET session_replication_role = replica");
        db.execute("UPDATE tv_customer SET data = '{}' WHERE pk_customer = 5");
        db.execute("SET session_replication_role = origin");

        CliRun dry = tviews("playbook", "restore", folder.toString(), "--dry-run");

        assertThat(dry.exit()).as(dry.toString()).isEqualTo(ExitCode.OK);
        assertThat(dry.out()).containsPattern("(?m)^  4 +public.tv_order_line +table_missing +clean up and re-create$")
                .containsPattern("(?m)^  1 +public.tv_customer +ok +refresh$")
                .contains("would: refreshed public.tv_customer: 1 row(s) changed", "dry run: rolled back, nothing was changed");
        assertThat(db.scalar("SELECT to_regclass('tv_order_line')")).isNull();

        CliRun restore = tviews("playbook", "restore", folder.toString());

        assertThat(restore.exit()).as(restore.toString()).isEqualTo(ExitCode.OK);
        assertThat(restore.out()).contains("done: TVIEW tv_order_line created: 150 rows",
                "verify: every exported TVIEW is in place and equal to its view", "checksums: all 4 TVIEWs match the export",
                "restored: committed");
        assertThat(restore.err()).contains("  [3/7] refresh public.tv_customer");
        assertThat(db.scalar("SELECT count(*) FROM pg_tviews_verify()")).isEqualTo(0L);
    }

    @Test
    void restoreFromTheZipIntoADatabaseWithOnlyTheBaseTables() throws Exception {
        exported();
        TestDatabase source = db;
        db = ShopSchema.baseTablesOnly();
        source.close();

        CliRun restore = tviews("playbook", "restore", home.resolve("pb.zip").toString(), "--json");

        assertThat(restore.exit()).as(restore.toString()).isEqualTo(ExitCode.OK);
        JsonNode result = new ObjectMapper().readTree(restore.out());
        assertThat(result.get("plan").get("runtimeAction").asText()).isEqualTo("install");
        assertThat(result.get("committed").asBoolean()).isTrue();
        assertThat(result.get("checksums").findValuesAsText("matches")).containsOnly("true");
        assertThat(db.scalar("SELECT count(*) FROM pg_tview_meta")).isEqualTo(4L);
    }

    @Test
    void aMissingFolderADamagedFileAndACorruptedManifestAreRefusedBeforeConnecting() throws Exception {
        Path folder = exported();
        CliRun missing = tviews("playbook", "restore", home.resolve("nothing").toString());
        assertThat(missing.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(missing.err()).startsWith("error [playbook_not_found]: no playbook at " + home.resolve("nothing")
                + ": the folder does not exist\n");

        Path definition = folder.resolve("definitions/01_public.tv_customer.sql");
        Files.writeString(definition, Files.readString(definition).replace("c.name", "upper(c.name)"));
        CliRun damaged = tviews("playbook", "restore", folder.toString());
        assertThat(damaged.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(damaged.err()).isEqualTo("error [playbook_damaged]: playbook " + folder
                + " is damaged: checksum mismatch for definitions/01_public.tv_customer.sql (changed)\n"
                + "hint: Use an intact copy (sha256sum -c SHA256SUMS shows the same), or export again.\n");

        Path other = home.resolve("pb2");
        Files.createDirectories(other);
        Files.writeString(other.resolve("manifest.json"), "{ not json");
        Files.writeString(other.resolve("SHA256SUMS"), "");
        CliRun corrupted = tviews("playbook", "restore", other.toString());
        assertThat(corrupted.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(corrupted.err()).startsWith("error [playbook_damaged]: playbook " + other
                + " is damaged: checksum mismatch for manifest.json (not listed), scripts/lib/playbook.sql (not listed), runtime/runtime.sql (not listed)\n");
        assertThat(db.scalar("SELECT count(*) FROM pg_tview_meta")).isEqualTo(4L);
    }

    @Test
    void anotherRuntimeVersionIsExit5UnlessReplaceRuntimeAndAMissingBaseTableIsExit4() throws Exception {
        Path folder = exported();
        db.execute("UPDATE pg_tviews_runtime SET version = '0.0.9'");

        CliRun mismatch = tviews("playbook", "restore", folder.toString());
        assertThat(mismatch.exit()).isEqualTo(ExitCode.RUNTIME_MISSING);
        assertThat(mismatch.err()).contains("error [runtime_version_mismatch]: database \"" + db.name()
                + "\" holds TVIEW runtime 0.0.9, the playbook was exported with runtime 0.1.0\n"
                + "hint: Pass --replace-runtime to install runtime 0.1.0 from the playbook in place");
        assertThat(db.scalar("SELECT version FROM pg_tviews_runtime")).isEqualTo("0.0.9");

        CliRun replaced = tviews("playbook", "restore", folder.toString(), "--replace-runtime");
        assertThat(replaced.exit()).as(replaced.toString()).isEqualTo(ExitCode.OK);
        assertThat(db.scalar("SELECT version FROM pg_tviews_runtime")).isEqualTo("0.1.0");

        db.execute("DROP TABLE tb_order_line CASCADE");
        CliRun source = tviews("playbook", "restore", folder.toString());
        assertThat(source.exit()).isEqualTo(ExitCode.DATABASE_ERROR);
        assertThat(source.err()).startsWith("error [source_missing]: cannot restore into database \"" + db.name()
                + "\": missing source table(s) public.tb_order_line\n");
    }
}
