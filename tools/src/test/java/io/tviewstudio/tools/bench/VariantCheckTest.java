package io.tviewstudio.tools.bench;

import io.tviewstudio.core.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The after-run checks find a stale document: a benchmark whose read models went wrong must not
 * report timings as if nothing happened. Each test breaks one document behind the variant's back.
 */
class VariantCheckTest {

    @Test
    void tviewCheckReportsTheRowsPgTviewsVerifyFinds() throws Exception {
        try (TestDatabase db = TestDatabase.empty()) {
            ShopSchema.load(db.connection(), ShopSize.of(100), 1);
            Variant.TVIEW_IMMEDIATE.setUp(db.connection());
            assertThat(Variant.TVIEW_IMMEDIATE.check(db.connection())).isEqualTo(
                    new Variant.Check("pg_tviews_verify()", "clean", List.of()));

            db.execute("SET session_replication_role = replica");
            db.execute("UPDATE tv_product SET data = '{}' WHERE pk_product = 7");
            db.execute("RESET session_replication_role");
            Variant.Check check = Variant.TVIEW_IMMEDIATE.check(db.connection());

            assertThat(check.failed()).isTrue();
            assertThat(check.status()).isEqualTo("FAILED");
            // tv_review reads tv_product: the views of product 7's two reviews now differ from their rows too.
            assertThat(check.problems()).containsExactly("public.tv_product pk 7: stale", "public.tv_review pk 7: stale",
                    "public.tv_review pk 107: stale");
        }
    }

    @Test
    void manualCheckComparesEveryTableWithItsView() throws Exception {
        try (TestDatabase db = TestDatabase.empty()) {
            ShopSchema.load(db.connection(), ShopSize.of(100), 1);
            Variant.MANUAL.setUp(db.connection());
            assertThat(Variant.MANUAL.check(db.connection()).status()).isEqualTo("clean");

            // A write without the refresh call: the hand-written tables are stale until someone calls it.
            db.execute("UPDATE tb_review SET rating = 6 - rating WHERE pk_review = 3");
            Variant.Check check = Variant.MANUAL.check(db.connection());

            assertThat(check.status()).isEqualTo("FAILED");
            assertThat(check.problems()).containsExactly("m_product pk 3 differs from doc_product",
                    "m_review pk 3 differs from doc_review");
        }
    }

    @Test
    void statementTriggerCheckComparesEveryTableWithItsView() throws Exception {
        try (TestDatabase db = TestDatabase.empty()) {
            ShopSchema.load(db.connection(), ShopSize.of(100), 1);
            Variant.STMT_TRIGGER.setUp(db.connection());
            db.execute("UPDATE tb_review SET rating = 6 - rating WHERE pk_review = 5");
            assertThat(Variant.STMT_TRIGGER.check(db.connection())).isEqualTo(
                    new Variant.Check("tables equal their views", "clean", List.of()));

            // The same write with the triggers switched off: the hand-written tables miss it.
            db.execute("SET session_replication_role = replica");
            db.execute("UPDATE tb_review SET rating = 6 - rating WHERE pk_review = 3");
            db.execute("RESET session_replication_role");
            Variant.Check check = Variant.STMT_TRIGGER.check(db.connection());

            assertThat(check.status()).isEqualTo("FAILED");
            assertThat(check.problems()).containsExactly("tv_product pk 3 differs from doc_product",
                    "tv_review pk 3 differs from doc_review");
        }
    }

    @Test
    void variantsWithoutACheckSaySo() throws Exception {
        try (TestDatabase db = TestDatabase.empty()) {
            assertThat(Variant.FLOOR.check(db.connection())).isEqualTo(new Variant.Check(null, "not checked", List.of()));
        }
    }
}
