package io.tviewstudio.core.playbook;

import io.tviewstudio.core.testing.Psql;
import io.tviewstudio.core.testing.ShopSchema;
import io.tviewstudio.core.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The exported playbook used as a DBA would use it: with psql alone, no Java, against a real
 * database that was damaged, dropped or lost its runtime. Every script is run; the TVIEWs must come
 * back with the exported checksums and pg_tviews_verify() empty.
 */
class PlaybookScriptsTest {

    @TempDir
    Path work;

    private final List<TestDatabase> databases = new ArrayList<>();

    @AfterEach
    void close() throws SQLException {
        for (TestDatabase db : databases) {
            db.close();
        }
    }

    private TestDatabase shop() throws SQLException {
        TestDatabase db = ShopSchema.withTviews();
        databases.add(db);
        return db;
    }

    private PlaybookExporter.Export export(TestDatabase db) throws Exception {
        return PlaybookExporter.export(db.connection(), db.name(), "tviews test", work.resolve("playbook"), false,
                PlaybookProgress.NONE);
    }

    private static Psql.Result psql(TestDatabase db, Path folder, String file, String... variables) throws Exception {
        return Psql.runFile(db, folder, file, variables);
    }

    @Test
    void roundTripRecreatesEveryTviewOnAFreshDatabaseWithPsqlAlone() throws Exception {
        TestDatabase original = shop();
        original.execute("UPDATE tb_customer SET name = 'renamed' WHERE pk_customer = 3");
        PlaybookExporter.Export export = export(original);
        Path folder = export.folder();
        assertThat(export.manifest().tviews()).extracting(TviewSnapshot::tview)
                .containsExactly("public.tv_customer", "public.tv_order", "public.tv_product", "public.tv_order_line");
        String originalRows = original.column("SELECT string_agg(t::text, '|' ORDER BY pk_order_line) FROM tv_order_line t").getFirst();
        dropDatabase(original);

        TestDatabase restored = ShopSchema.baseTablesOnly();
        databases.add(restored);
        restored.execute("UPDATE tb_customer SET name = 'renamed' WHERE pk_customer = 3");
        Psql.Result recreate = psql(restored, folder, "scripts/recreate-all.sql");

        assertThat(recreate.exitCode()).as(recreate.toString()).isZero();
        assertThat(recreate.output()).contains("TVIEW tv_order_line created: 150 rows");
        Psql.Result checksums = psql(restored, folder, "scripts/checksums.sql");
        assertThat(checksums.exitCode()).as(checksums.toString()).isZero();
        assertThat(checksums.output()).doesNotContain("| f\n");
        Psql.Result verify = psql(restored, folder, "scripts/verify.sql");
        assertThat(verify.exitCode()).as(verify.toString()).isZero();
        assertThat(restored.scalar("SELECT count(*) FROM pg_tviews_verify()")).isEqualTo(0L);
        assertThat(restored.scalar("SELECT refresh_mode FROM pg_tview_meta WHERE entity = 'product'")).isEqualTo("deferred");
        assertThat(restored.column("SELECT string_agg(t::text, '|' ORDER BY pk_order_line) FROM tv_order_line t").getFirst())
                .isEqualTo(originalRows);
        restored.execute("UPDATE tb_customer SET name = 'after restore' WHERE pk_customer = 1");
        assertThat(restored.scalar("SELECT count(*) FROM tv_order_line WHERE data->'order'->'customer'->>'name' = 'after restore'"))
                .isEqualTo(restored.scalar("SELECT count(*) FROM tb_order_line l JOIN tb_order o ON o.pk_order = l.fk_order WHERE o.fk_customer = 1"));
    }

    @Test
    void damagedRowsAndALostCatalogRowAreFoundByVerifyAndHealedByRebuildAll() throws Exception {
        TestDatabase db = shop();
        Path folder = export(db).folder();
        db.execute("SET session_replication_role = replica");
        db.execute("DELETE FROM tv_order WHERE pk_order IN (1, 2)");
        db.execute("UPDATE tv_product SET data = '{}' WHERE pk_product = 4");
        db.execute("SET session_replication_role = origin");
        db.execute("DELETE FROM pg_tview_meta WHERE entity = 'customer'");

        Psql.Result verify = psql(db, folder, "scripts/verify.sql");

        assertThat(verify.exitCode()).as(verify.toString()).isEqualTo(3);
        assertThat(verify.output()).containsPattern("public.tv_customer +\\| metadata_lost: no pg_tview_meta row, but public.tv_customer and public.v_customer exist")
                .containsPattern("public.tv_product +\\| row 4: stale")
                .contains("ERROR:  playbook: 24 problem(s) found\nHINT:  Rebuild one TVIEW with scripts/rebuild-one.sql");

        Psql.Result rebuild = psql(db, folder, "scripts/rebuild-all.sql");

        assertThat(rebuild.exitCode()).as(rebuild.toString()).isZero();
        assertThat(rebuild.output()).contains("dropped public.tv_order_line (pg_tviews_drop)", "dropped leftover table public.tv_customer",
                "TVIEW tv_customer created: 20 rows");
        Psql.Result after = psql(db, folder, "scripts/verify.sql");
        assertThat(after.exitCode()).as(after.toString()).isZero();
        Psql.Result checksums = psql(db, folder, "scripts/checksums.sql");
        assertThat(checksums.exitCode()).as(checksums.toString()).isZero();
    }

    @Test
    void rebuildOneBringsBackADroppedTableAndTheTviewsItReads() throws Exception {
        TestDatabase db = shop();
        Path folder = export(db).folder();
        db.execute("DROP TABLE tv_order_line");

        Psql.Result leaf = psql(db, folder, "scripts/rebuild-one.sql", "tview=tv_order_line");
        assertThat(leaf.exitCode()).as(leaf.toString()).isZero();
        assertThat(leaf.output()).contains("dropped public.tv_order_line (pg_tviews_drop)", "TVIEW tv_order_line created: 150 rows");

        db.execute("SELECT pg_tviews_drop('tv_customer', false, true)");
        Psql.Result again = psql(db, folder, "scripts/rebuild-one.sql", "tview=public.tv_order_line");
        assertThat(again.exitCode()).as(again.toString()).isZero();
        assertThat(again.output()).contains("TVIEW tv_customer created: 20 rows", "TVIEW tv_order created: 60 rows",
                "TVIEW tv_order_line created: 150 rows");

        assertThat(psql(db, folder, "scripts/checksums.sql").exitCode()).isZero();
        assertThat(psql(db, folder, "scripts/verify.sql").exitCode()).isZero();
    }

    @Test
    void rebuildOneRefusesAMissingOrUnknownNameAndChangesNothing() throws Exception {
        TestDatabase db = shop();
        Path folder = export(db).folder();

        Psql.Result none = psql(db, folder, "scripts/rebuild-one.sql");
        Psql.Result unknown = psql(db, folder, "scripts/rebuild-one.sql", "tview=tv_nothing");

        assertThat(none.exitCode()).isEqualTo(3);
        assertThat(none.output()).contains("ERROR:  playbook: no TVIEW given\nHINT:  Name it: psql -v tview=NAME -f scripts/rebuild-one.sql");
        assertThat(unknown.exitCode()).isEqualTo(3);
        assertThat(unknown.output()).contains("ERROR:  playbook: tv_nothing is not a TVIEW of this playbook\n"
                + "HINT:  This playbook holds: public.tv_customer, public.tv_order, public.tv_product, public.tv_order_line");
        assertThat(db.scalar("SELECT count(*) FROM pg_tview_meta")).isEqualTo(4L);
    }

    @Test
    void withoutTheRuntimeScriptsStopAndRecreateAllInstallsItAndEverything() throws Exception {
        TestDatabase db = shop();
        Path folder = export(db).folder();
        db.execute(io.tviewstudio.core.install.RuntimeScripts.uninstallSql());

        Psql.Result verify = psql(db, folder, "scripts/verify.sql");
        assertThat(verify.exitCode()).isEqualTo(3);
        assertThat(verify.output()).contains("ERROR:  playbook: the TVIEW runtime is not installed in database " + db.name() + "\n"
                + "HINT:  Install runtime 0.1.0 from this playbook first: psql -v ON_ERROR_STOP=1 -f runtime/install.sql");

        Psql.Result recreate = psql(db, folder, "scripts/recreate-all.sql");
        assertThat(recreate.exitCode()).as(recreate.toString()).isZero();
        assertThat(psql(db, folder, "scripts/checksums.sql").exitCode()).isZero();
    }

    @Test
    void anotherRuntimeVersionIsRefusedUntilThePlaybooksRuntimeIsInstalled() throws Exception {
        TestDatabase db = shop();
        Path folder = export(db).folder();
        db.execute("UPDATE pg_tviews_runtime SET version = '0.0.9'");

        Psql.Result verify = psql(db, folder, "scripts/verify.sql");
        Psql.Result recreate = psql(db, folder, "scripts/recreate-all.sql");

        assertThat(verify.exitCode()).isEqualTo(3);
        assertThat(verify.output()).contains("ERROR:  playbook: database " + db.name()
                + " holds TVIEW runtime 0.0.9, this playbook was exported with runtime 0.1.0");
        assertThat(recreate.exitCode()).isEqualTo(3);
        assertThat(db.scalar("SELECT version FROM pg_tviews_runtime")).isEqualTo("0.0.9");

        Psql.Result install = psql(db, folder, "runtime/install.sql");
        assertThat(install.exitCode()).as(install.toString()).isZero();
        assertThat(psql(db, folder, "scripts/verify.sql").exitCode()).isZero();
    }

    @Test
    void recreateAllNeedsTheBaseTables() throws Exception {
        TestDatabase original = shop();
        Path folder = export(original).folder();
        TestDatabase empty = TestDatabase.empty();
        databases.add(empty);

        Psql.Result recreate = psql(empty, folder, "scripts/recreate-all.sql");

        assertThat(recreate.exitCode()).isEqualTo(3);
        assertThat(recreate.output()).contains("ERROR:  playbook: cannot rebuild: public.tv_customer (missing source table(s): public.tb_customer)");
        assertThat(empty.scalar("SELECT to_regclass('public.pg_tviews_runtime')")).isNull();
    }

    @Test
    void everyDiagnosisQueryOfTheGuideRunsAndEveryDefinitionFileCreatesItsTview() throws Exception {
        TestDatabase db = shop();
        PlaybookExporter.Export export = export(db);
        List<String> queries = PlaybookGuide.build(export.manifest()).code("sql");
        assertThat(queries).hasSizeGreaterThan(12);
        for (String query : queries) {
            Psql.Result result = Psql.runSql(db, query);
            assertThat(result.exitCode()).as(query + "\n" + result).isZero();
        }
        assertThat(java.nio.file.Files.readString(export.folder().resolve("README.md")))
                .contains("```sql\n" + queries.getFirst() + "\n```");
        assertThat(java.nio.file.Files.readString(export.folder().resolve("playbook.html")))
                .startsWith("<!DOCTYPE html>").contains("<h2 id=\"lost-metadata\">Lost metadata</h2>")
                .contains("<code>public.tv_customer</code>");

        TestDatabase fresh = ShopSchema.baseTablesOnly();
        databases.add(fresh);
        fresh.execute(io.tviewstudio.core.install.RuntimeScripts.installPieces().stream()
                .map(io.tviewstudio.core.install.RuntimeScripts.Piece::sql).reduce("", String::concat));
        for (TviewSnapshot tview : export.manifest().tviews()) {
            Psql.Result created = psql(fresh, export.folder(), "definitions/" + PlaybookSql.definitionFileName(tview));
            assertThat(created.exitCode()).as(created.toString()).isZero();
        }
        assertThat(fresh.scalar("SELECT refresh_mode FROM pg_tview_meta WHERE entity = 'product'")).isEqualTo("deferred");
        assertThat(fresh.scalar("SELECT count(*) FROM pg_tviews_verify()")).isEqualTo(0L);
    }

    private void dropDatabase(TestDatabase db) throws Exception {
        db.close();
        databases.remove(db);
        try (var admin = db.server().connect("postgres"); var statement = admin.createStatement()) {
            statement.execute("DROP DATABASE " + db.name());
        }
    }
}
