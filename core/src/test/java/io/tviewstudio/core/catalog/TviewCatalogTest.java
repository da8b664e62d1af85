package io.tviewstudio.core.catalog;

import io.tviewstudio.core.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TviewCatalogTest {

    private TestDatabase db;

    @BeforeEach
    void createDatabase() throws SQLException {
        db = TestDatabase.withRuntime();
    }

    @AfterEach
    void closeDatabase() throws SQLException {
        db.close();
    }

    /**
     * The demo's schema (three cascading TVIEWs over a blog), read from the tools module's sources:
     * core's tests cannot depend on tools, which is built on core.
     */
    private static String demoSchema() {
        Path file = Path.of(System.getProperty("tviews.repo.root"), "tools/src/main/resources/io/tviewstudio/tools/demo/demo-schema.sql");
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the demo schema at " + file, e);
        }
    }

    @Test
    void listsTviewsByDepthWithTheirRowCounts() throws SQLException {
        db.execute(demoSchema());

        List<TviewInfo> tviews = new TviewCatalog(db.connection()).list();

        assertThat(tviews).extracting(TviewInfo::table).containsExactly("tv_post", "tv_category", "tv_comment");
        assertThat(tviews).extracting(TviewInfo::entity).containsExactly("post", "category", "comment");
        assertThat(tviews).extracting(TviewInfo::depth).containsExactly(0, 1, 1);
        assertThat(tviews).extracting(TviewInfo::rowCount).containsExactly(216L, 6L, 648L);
    }

    @Test
    void listsTheLineageRulesOfEachSource() throws SQLException {
        db.execute(demoSchema());

        List<TviewInfo> tviews = new TviewCatalog(db.connection()).list();

        assertThat(tviews.get(0).sources()).containsExactly(
                new TviewSource("tb_category", "table", "parent", "fk_category", "pk_category"),
                new TviewSource("tb_post", "table", "root", "pk_post", "pk_post"),
                new TviewSource("tb_user", "table", "parent", "fk_user", "pk_user"));
        assertThat(tviews.get(1).sources()).containsExactly(
                new TviewSource("tb_category", "table", "root", "pk_category", "pk_category"),
                new TviewSource("tv_post", "tview", "child", "pk_category", "fk_category"));
        assertThat(tviews.get(2).sourceRelations()).containsExactly("tb_comment", "tb_user", "tv_post");
        assertThat(tviews.get(2).sources()).filteredOn(TviewSource::isTview).singleElement()
                .isEqualTo(new TviewSource("tv_post", "tview", "parent", "fk_post", "pk_post"));
    }

    @Test
    void readsRefreshModeDefinitionAndSize() throws SQLException {
        db.execute(demoSchema());
        db.execute("SELECT pg_tviews_set_refresh_mode('tv_comment', 'deferred')");

        List<TviewInfo> tviews = new TviewCatalog(db.connection()).list();

        assertThat(tviews).extracting(TviewInfo::refreshMode).containsExactly("immediate", "immediate", "deferred");
        assertThat(tviews.get(0).definition()).contains("SELECT p.pk_post").contains("FROM tb_post p");
        // At least the heap page holding 216 rows and the primary key index.
        assertThat(tviews).allSatisfy(tview -> assertThat(tview.totalBytes()).isGreaterThanOrEqualTo(16_384L));
    }

    @Test
    void rowCountsFollowWritesToBaseTables() throws SQLException {
        db.execute(demoSchema());

        db.execute("UPDATE tb_post SET published = true WHERE pk_post = 10");

        TviewInfo post = new TviewCatalog(db.connection()).list().get(0);
        assertThat(post.rowCount()).isEqualTo(217L);
    }

    @Test
    void runtimeWithoutTviewsListsNothing() throws SQLException {
        TviewCatalog catalog = new TviewCatalog(db.connection());

        assertThat(catalog.runtimeInstalled()).isTrue();
        assertThat(catalog.list()).isEmpty();
    }

    @Test
    void reportsAMissingRuntime() throws SQLException {
        try (TestDatabase empty = TestDatabase.empty()) {
            assertThat(new TviewCatalog(empty.connection()).runtimeInstalled()).isFalse();
        }
    }

    @Test
    void readsEntitiesStatusesAndTheLineageOfOneTview() throws SQLException {
        db.execute(demoSchema());
        TviewCatalog catalog = new TviewCatalog(db.connection());

        assertThat(catalog.entities()).containsExactlyInAnyOrder("post", "category", "comment");
        assertThat(catalog.statuses()).extracting(TviewStatus::table).containsExactly("tv_post", "tv_category", "tv_comment");
        assertThat(catalog.statuses()).extracting(TviewStatus::rows).containsExactly(216L, 6L, 648L);
        assertThat(catalog.lineage()).containsOnlyKeys("tv_post", "tv_category", "tv_comment");
        assertThat(catalog.lineage().get("tv_category")).isEqualTo(catalog.list().get(1).sources());
        assertThat(catalog.lineageOf("tv_category")).extracting(TviewCatalog.SourceRule::source).containsExactly(
                new TviewSource("tb_category", "table", "root", "pk_category", "pk_category"),
                new TviewSource("tv_post", "tview", "child", "pk_category", "fk_category"));
        assertThat(catalog.lineageOf("public.tv_category")).extracting(TviewCatalog.SourceRule::sourceOid)
                .allSatisfy(oid -> assertThat(oid).isPositive());
        assertThat(catalog.lineageOf("tb_user")).isEmpty();
    }
}
