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

    private void dropDatabase(TestDatabase db) throws Exception {
        db.close();
        databases.remove(db);
        try (var admin = db.server().connect("postgres"); var statement = admin.createStatement()) {
            statement.execute("DROP DATABASE " + db.name());
        }
    }
}
