package io.tviewstudio.core.migrate;

import io.tviewstudio.core.testing.Resources;
import io.tviewstudio.core.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The consistency check of a materialized view against its proposed TVIEW, on a real database. */
class MatviewComparisonTest {

    @Test
    void anEqualProposalIsReportedEqualAndNothingIsLeftBehind() throws Exception {
        try (TestDatabase db = shop()) {
            MaterializedView matview = MatviewReader.find(db.connection(), "mv_order_summary").orElseThrow();
            String create = MatviewProposer.propose(db.connection(), matview).createTview();

            MatviewComparison.Result result = MatviewComparison.compare(db.connection(), matview, create, 3);

            assertThat(result.tview()).isEqualTo("tv_order");
            assertThat(result.createdForCheck()).isTrue();
            assertThat(result.matviewRows()).isEqualTo(60);
            assertThat(result.tviewRows()).isEqualTo(60);
            assertThat(result.contentsEqual()).isTrue();
            assertThat(result.firstOnlyInMatview()).isEmpty();
            assertThat(db.scalar("SELECT to_regclass('tv_order')")).isNull();
            assertThat(db.scalar("SELECT count(*) FROM pg_tview_meta")).isEqualTo(0L);
        }
    }

    @Test
    void aStaleMatviewShowsItsFirstDifferingRowsBothWays() throws Exception {
        try (TestDatabase db = shop()) {
            db.execute("UPDATE tb_customer SET name = 'renamed' WHERE pk_customer = 1");
            MaterializedView matview = MatviewReader.find(db.connection(), "mv_customer").orElseThrow();
            String create = MatviewProposer.propose(db.connection(), matview).createTview();

            MatviewComparison.Result result = MatviewComparison.compare(db.connection(), matview, create, 5);

            assertThat(result.onlyInMatview()).isEqualTo(1);
            assertThat(result.onlyInTview()).isEqualTo(1);
            assertThat(result.firstOnlyInMatview()).singleElement().asString().contains("\"name\": \"customer 1\"", "\"pk_customer\": 1}");
            assertThat(result.firstOnlyInTview()).singleElement().asString().contains("\"name\": \"renamed\"");
        }
    }

    private static TestDatabase shop() throws Exception {
        TestDatabase db = TestDatabase.withRuntime();
        db.execute(Resources.text("schemas/shop.sql"));
        db.execute(Resources.text("schemas/shop-matviews.sql"));
        return db;
    }
}
