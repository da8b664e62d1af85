package io.tviewstudio.core.migrate;

import io.tviewstudio.core.testing.Resources;
import io.tviewstudio.core.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Proposals for materialized views on a real database, here those already shaped like a TVIEW. */
class MatviewProposerTest {

    /** pk_order, id, fk_customer and a jsonb data: the shape of a TVIEW already. */
    private static final String ORDER_DOCUMENTS = """
            CREATE MATERIALIZED VIEW mv_order_doc AS
                SELECT o.pk_order, o.id, o.fk_customer,
                       jsonb_build_object('placed_at', o.placed_at, 'customer', c.name) AS data
                FROM tb_order o JOIN tb_customer c ON c.pk_customer = o.fk_customer
                ORDER BY o.pk_order""";

    @Test
    void aMatviewShapedLikeATviewKeepsItsSelectListInsteadOfBeingWrappedAgain() throws Exception {
        try (TestDatabase db = shop()) {
            MaterializedView matview = MatviewReader.find(db.connection(), "mv_order_doc").orElseThrow();

            ConversionProposal proposal = MatviewProposer.propose(db.connection(), matview);

            assertThat(matview.tviewShapedKey()).contains("pk_order");
            assertThat(proposal.blockers()).isEmpty();
            assertThat(proposal.tview()).isEqualTo("tv_order");
            assertThat(proposal.createTview()).startsWith("CREATE TVIEW tv_order AS\nSELECT o.pk_order, o.id, o.fk_customer, "
                    + "jsonb_build_object('placed_at', o.placed_at, 'customer', c.name) AS data FROM tb_order o")
                    .doesNotContain("'pk_order'", "'data'", "ORDER BY");
        }
    }

    @Test
    void theConvertedTviewHoldsTheSameRowsAsTheMatviewShapedLikeATview() throws Exception {
        try (TestDatabase db = shop()) {
            MaterializedView matview = MatviewReader.find(db.connection(), "mv_order_doc").orElseThrow();
            String create = MatviewProposer.propose(db.connection(), matview).createTview();

            ConversionResult result = MatviewConverter.convert(db.connection(), matview, create, Cutover.KEEP, false);

            assertThat(result.committed()).isTrue();
            assertThat(result.matviewRows()).isEqualTo(60);
            assertThat(result.tviewRows()).isEqualTo(60);
            assertThat(result.contentsEqual()).isTrue();
            String matviewRows = "SELECT pk_order, id, fk_customer, data FROM mv_order_doc";
            String tviewRows = "SELECT pk_order, id, fk_customer, data FROM tv_order";
            assertThat(db.scalar("SELECT count(*) FROM (" + matviewRows + " EXCEPT ALL " + tviewRows + ") x")).isEqualTo(0L);
            assertThat(db.scalar("SELECT count(*) FROM (" + tviewRows + " EXCEPT ALL " + matviewRows + ") x")).isEqualTo(0L);
            assertThat(db.scalar("SELECT data->>'customer' FROM tv_order WHERE pk_order = 20")).isEqualTo("customer 1");
        }
    }

    @Test
    void theCheckOfAMatviewShapedLikeATviewComparesItsColumnsAndFindsAStaleOne() throws Exception {
        try (TestDatabase db = shop()) {
            MaterializedView matview = MatviewReader.find(db.connection(), "mv_order_doc").orElseThrow();
            String create = MatviewProposer.propose(db.connection(), matview).createTview();
            assertThat(MatviewComparison.compare(db.connection(), matview, create, 3).contentsEqual()).isTrue();

            db.execute("UPDATE tb_customer SET name = 'renamed' WHERE pk_customer = 1");
            MatviewComparison.Result stale = MatviewComparison.compare(db.connection(), matview, create, 3);

            assertThat(stale.onlyInMatview()).isEqualTo(3);
            assertThat(stale.onlyInTview()).isEqualTo(3);
            assertThat(stale.firstOnlyInTview()).first().asString().contains("\"fk_customer\": 1}", "\"data\": {\"customer\": \"renamed\"");
        }
    }

    @Test
    void theViewCutOverOfAMatviewShapedLikeATviewKeepsItsColumnsAndTypes() throws Exception {
        try (TestDatabase db = shop()) {
            MaterializedView matview = MatviewReader.find(db.connection(), "mv_order_doc").orElseThrow();
            String create = MatviewProposer.propose(db.connection(), matview).createTview();

            assertThat(MatviewConverter.convert(db.connection(), matview, create, Cutover.VIEW, false).committed()).isTrue();

            assertThat(db.column("SELECT attname || ' ' || format_type(atttypid, atttypmod) FROM pg_attribute "
                    + "WHERE attrelid = 'mv_order_doc'::regclass AND attnum > 0 ORDER BY attnum"))
                    .containsExactly("pk_order integer", "id uuid", "fk_customer integer", "data jsonb");
            db.execute("UPDATE tb_customer SET name = 'fresh' WHERE pk_customer = 1");
            assertThat(db.scalar("SELECT data->>'customer' FROM mv_order_doc WHERE pk_order = 20")).isEqualTo("fresh");
        }
    }

    @Test
    void onlyPkIdJsonbDataAndFkColumnsMakeTheTviewShape() {
        assertThat(matview(List.of(column("pk_tag", "integer"), column("id", "uuid"), column("data", "jsonb"))).tviewShapedKey())
                .contains("pk_tag");
        assertThat(matview(List.of(column("pk_tag", "integer"), column("id", "uuid"), column("data", "json"))).tviewShapedKey())
                .isEmpty();
        assertThat(matview(List.of(column("pk_tag", "integer"), column("id", "uuid"), column("data", "jsonb"),
                column("name", "text"))).tviewShapedKey()).isEmpty();
        assertThat(matview(List.of(column("pk_tag", "integer"), column("name", "text"))).tviewShapedKey()).isEmpty();
    }

    private static MaterializedView matview(List<MaterializedView.Column> columns) {
        return new MaterializedView("public.mv_x", "postgres", "SELECT 1", true, 0, -1, List.of(), columns, List.of(), List.of(), null);
    }

    private static MaterializedView.Column column(String name, String type) {
        return new MaterializedView.Column(name, type);
    }

    private static TestDatabase shop() throws Exception {
        TestDatabase db = TestDatabase.withRuntime();
        db.execute(Resources.text("schemas/shop.sql"));
        db.execute(ORDER_DOCUMENTS);
        return db;
    }
}
