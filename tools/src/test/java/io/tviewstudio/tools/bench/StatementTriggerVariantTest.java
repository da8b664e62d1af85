package io.tviewstudio.tools.bench;

import io.tviewstudio.core.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hand-written statement trigger (stmt-trigger) is only a fair baseline if it keeps exactly the
 * documents the TVIEWs keep: two copies of the shop, one with the TVIEWs and one with the triggers,
 * take the writes of a benchmark run (every scenario, as BenchRunner sends them) and the writes no
 * scenario makes (renames, moved rows, inserts and deletes of parents); afterwards the tv_ tables
 * of both hold the same rows.
 */
class StatementTriggerVariantTest {

    private static final ShopSize SIZE = ShopSize.of(100);
    private static final long SEED = 7;
    private static final int WRITES_PER_SCENARIO = 6;

    /**
     * Writes outside the scenarios, each a statement of its own, so that each fires its triggers; a
     * later write must not recompute what an earlier one should have (a hole would be papered over).
     */
    private static final List<String> OTHER_WRITES = List.of(
            "UPDATE tb_category SET name = upper(name) WHERE pk_category % 4 = 1",
            "UPDATE tb_product SET fk_category = 3 WHERE pk_product IN (5, 15)",
            "UPDATE tb_user SET name = name || ' renamed' WHERE pk_user IN (1, 2)",
            "INSERT INTO tb_category (pk_category, id, name) VALUES (1000, md5('c1000')::uuid, 'new 1000'), "
                    + "(1001, md5('c1001')::uuid, 'new 1001')",
            "INSERT INTO tb_product (pk_product, id, fk_category, name, price, stock) "
                    + "VALUES (1000, md5('p1000')::uuid, 1000, 'new product', 1, 1), (1001, md5('p1001')::uuid, 1001, 'doomed', 2, 2)",
            "INSERT INTO tb_review (fk_product, fk_user, rating, body) VALUES (1000, 1, 5, 'first'), (1001, 2, 1, 'gone')",
            "DELETE FROM tb_review WHERE fk_product IN (4, 1001)",
            "DELETE FROM tb_product WHERE pk_product = 1001",
            "DELETE FROM tb_category WHERE pk_category = 1001",
            // Last, so that no later cascade recomputes product 11, which lost the review.
            "UPDATE tb_review SET fk_product = 9, body = 'moved' WHERE pk_review = 11");

    @Test
    void afterTheSameWritesItsDocumentsEqualTheTviews() throws Exception {
        try (TestDatabase tviews = shop(Variant.TVIEW_IMMEDIATE); TestDatabase triggers = shop(Variant.STMT_TRIGGER)) {
            List<String> before = documents(triggers, "product");
            assertThat(before).isEqualTo(documents(tviews, "product"));

            for (TestDatabase db : List.of(tviews, triggers)) {
                Variant variant = db == tviews ? Variant.TVIEW_IMMEDIATE : Variant.STMT_TRIGGER;
                runEveryScenario(db, variant);
                for (String write : OTHER_WRITES) {
                    db.execute(write);
                }
            }

            for (String document : List.of("category", "product", "review")) {
                List<String> expected = documents(tviews, document);
                assertThat(expected).isNotEmpty();
                assertThat(documents(triggers, document)).as("tv_" + document).containsExactlyElementsOf(expected);
            }
            assertThat(documents(triggers, "product")).as("the writes changed documents").isNotEqualTo(before);
            assertThat(Variant.TVIEW_IMMEDIATE.check(tviews.connection()).status()).isEqualTo("clean");
            assertThat(Variant.STMT_TRIGGER.check(triggers.connection()).status()).isEqualTo("clean");
        }
    }

    /**
     * The shop with the variant set up. Its uuids come from gen_random_uuid(), so each copy gets ids
     * derived from the keys instead, and inserted reviews likewise: both databases hold the same rows.
     */
    private static TestDatabase shop(Variant variant) throws Exception {
        TestDatabase db = TestDatabase.empty();
        ShopSchema.load(db.connection(), SIZE, SEED);
        for (String table : List.of("category", "product", "review", "user")) {
            db.execute("UPDATE tb_" + table + " SET id = md5('" + table + " ' || pk_" + table + ")::uuid");
        }
        db.execute("CREATE SEQUENCE test_review_id");
        db.execute("ALTER TABLE tb_review ALTER COLUMN id SET DEFAULT md5('review ' || nextval('test_review_id'))::uuid");
        variant.setUp(db.connection());
        return db;
    }

    /** The writes of a benchmark run: per scenario, the seeded sequence BenchRunner times. */
    private static void runEveryScenario(TestDatabase db, Variant variant) throws SQLException {
        for (Scenario scenario : Scenario.values()) {
            Random random = new Random(SEED * 31 + scenario.ordinal());
            for (int i = 0; i < WRITES_PER_SCENARIO; i++) {
                variant.write(db.connection(), scenario, new Scenario.Step(i, random, SIZE));
            }
        }
    }

    /** Every row of tv_&lt;document&gt; as JSON (keys sorted, so column order does not matter), by primary key. */
    private static List<String> documents(TestDatabase db, String document) throws SQLException {
        return db.column("SELECT to_jsonb(t)::text FROM tv_" + document + " t ORDER BY pk_" + document);
    }
}
