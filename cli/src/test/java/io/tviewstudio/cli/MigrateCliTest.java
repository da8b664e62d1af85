package io.tviewstudio.cli;

import io.tviewstudio.core.testing.Psql;
import io.tviewstudio.core.testing.Resources;
import io.tviewstudio.core.testing.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** tviews migrate list|propose|convert against materialized views of several shapes on a real database. */
class MigrateCliTest extends CliTestSupport {

    @BeforeEach
    void shopWithMatviews() throws Exception {
        db = TestDatabase.withRuntime();
        db.execute(Resources.text("schemas/shop.sql"));
        db.execute(Resources.text("schemas/shop-matviews.sql"));
    }

    @Test
    void listShowsEveryMatviewWithItsSourcesAndVerdict() {
        CliRun list = tviews("migrate", "list");

        assertThat(list.exit()).as(list.toString()).isEqualTo(ExitCode.OK);
        assertThat(list.out()).containsPattern("(?m)^  public.mv_customer +not analysed yet +\\d+ kB +public.tb_customer +yes: tv_customer$")
                .containsPattern("(?m)^  public.mv_order_summary +60 +\\d+ kB ")
                .containsPattern("(?m)^  public.mv_order_summary +.* +public.tb_customer, public.tb_order +yes: tv_order$")
                .containsPattern("(?m)^  public.mv_customer_orders +.* +yes: tv_customer$")
                .containsPattern("(?m)^  public.mv_names +.* +no: TV020 unsupported_sql$")
                .containsPattern("(?m)^  public.mv_orders_per_customer +.* +no: TV013 invalid_key_values$")
                .containsPattern("(?m)^  public.mv_account +.* +no: TV012 wrong_column_type$");
    }

    @Test
    void timingARefreshRollsItBack() throws Exception {
        db.execute("INSERT INTO tb_customer VALUES (99, gen_random_uuid(), 'late', now())");

        CliRun list = tviews("migrate", "list", "--time-refresh");

        assertThat(list.exit()).as(list.toString()).isEqualTo(ExitCode.OK);
        assertThat(list.out()).containsPattern("(?m)^  public.mv_customer +not analysed yet +\\d+ kB +\\d+ ms +public.tb_customer");
        assertThat(list.err()).contains("timing REFRESH MATERIALIZED VIEW public.mv_customer (rolled back)");
        assertThat(db.scalar("SELECT count(*) FROM mv_customer")).isEqualTo(20L);
    }

    @Test
    void proposalsForASingleTableAJoinAndAnAggregate() {
        CliRun single = tviews("migrate", "propose", "mv_customer");
        CliRun join = tviews("migrate", "propose", "mv_order_summary");
        CliRun aggregate = tviews("migrate", "propose", "public.mv_customer_orders");

        assertThat(single.exit()).as(single.toString()).isEqualTo(ExitCode.OK);
        // PostgreSQL 16 and later print a single-table view's columns unqualified (pg_get_viewdef), 15 with the alias.
        assertThat(single.out().replace("c.pk_customer, 'name', c.name, 'since', c.since",
                "pk_customer, 'name', name, 'since', since")).isEqualTo("""
                CREATE TVIEW tv_customer AS
                SELECT c.pk_customer,
                       c.id,
                       jsonb_build_object('pk_customer', pk_customer, 'name', name, 'since', since) AS data FROM tb_customer c;
                """);
        assertThat(join.exit()).as(join.toString()).isEqualTo(ExitCode.OK);
        assertThat(join.out()).contains("SELECT o.pk_order,\n       o.id,\n       o.fk_customer,\n"
                + "       jsonb_build_object('pk_order', o.pk_order, 'customer', c.name, 'placed_at', o.placed_at) AS data");
        assertThat(aggregate.exit()).as(aggregate.toString()).isEqualTo(ExitCode.OK);
        assertThat(aggregate.out()).contains("'orders', count(o.pk_order)) AS data", "GROUP BY c.pk_customer");
    }

    @Test
    void whatBlocksAConversionIsExplainedWithItsCodeAndAWorkaround() throws Exception {
        CliRun union = tviews("migrate", "propose", "mv_names");
        CliRun textKey = tviews("migrate", "propose", "mv_account");
        CliRun convert = tviews("migrate", "convert", "mv_names");

        assertThat(union.exit()).isEqualTo(ExitCode.PROBLEMS_FOUND);
        assertThat(union.out()).isEmpty();
        assertThat(union.err()).startsWith("error TV020 unsupported_sql: public.mv_names is a UNION / INTERSECT / EXCEPT of several queries")
                .contains("  workaround: Create one TVIEW per branch");
        assertThat(textKey.exit()).isEqualTo(ExitCode.PROBLEMS_FOUND);
        assertThat(textKey.err()).contains("error TV012 wrong_column_type: the primary key public.legacy_account.code is text: "
                + "a TVIEW key must be smallint, integer or bigint")
                .contains("error TV011 missing_required_column: public.legacy_account has no column id of type uuid");
        assertThat(convert.exit()).isEqualTo(ExitCode.PROBLEMS_FOUND);
        assertThat(convert.out()).isEqualTo("public.mv_names cannot be converted as proposed: nothing was changed\n");
        assertThat(db.scalar("SELECT count(*) FROM pg_tview_meta")).isEqualTo(0L);
    }

    @Test
    void anUnknownMatviewIsAUsageError() {
        CliRun run = tviews("migrate", "propose", "mv_nothing");

        assertThat(run.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(run.err()).isEqualTo("error [matview_not_found]: no materialized view mv_nothing in this database\n"
                + "hint: Materialized views: public.mv_account, public.mv_customer, public.mv_customer_orders, public.mv_names, "
                + "public.mv_order_summary, public.mv_orders_per_customer\n");
    }

    @Test
    void convertWithAViewCutOverKeepsReadersWorkingAndTheRollbackScriptUndoesIt() throws Exception {
        db.execute("GRANT SELECT ON mv_order_summary TO PUBLIC");
        String before = db.column("SELECT string_agg(m::text, '|' ORDER BY pk_order) FROM mv_order_summary m").getFirst();
        Path rollback = home.resolve("rollback.sql");

        CliRun convert = tviews("migrate", "convert", "mv_order_summary", "--cutover", "view", "--rollback-file", rollback.toString());

        assertThat(convert.exit()).as(convert.toString()).isEqualTo(ExitCode.OK);
        assertThat(convert.out()).contains("TVIEW tv_order created: 60 rows",
                "compare: public.mv_order_summary 60 rows, tv_order 60 rows; only in the materialized view: 0, only in the TVIEW: 0",
                "cut-over: public.mv_order_summary is now a view over tv_order: readers need no change", "converted: committed");
        assertThat(db.scalar("SELECT relkind::text FROM pg_class WHERE oid = 'mv_order_summary'::regclass")).isEqualTo("v");
        assertThat(db.column("SELECT string_agg(m::text, '|' ORDER BY pk_order) FROM mv_order_summary m").getFirst()).isEqualTo(before);
        assertThat(db.scalar("SELECT has_table_privilege('public', 'mv_order_summary', 'SELECT')")).isEqualTo(true);
        db.execute("UPDATE tb_customer SET name = 'fresh' WHERE pk_customer = 2");
        assertThat(db.scalar("SELECT count(*) FROM mv_order_summary WHERE customer = 'fresh'")).isEqualTo(3L);

        Psql.Result undo = Psql.runFile(db, home, rollback.toString());

        assertThat(undo.exitCode()).as(undo.toString()).isZero();
        assertThat(db.scalar("SELECT relkind::text FROM pg_class WHERE oid = 'mv_order_summary'::regclass")).isEqualTo("m");
        assertThat(db.scalar("SELECT count(*) FROM pg_indexes WHERE indexname = 'mv_order_summary_pk'")).isEqualTo(1L);
        assertThat(db.scalar("SELECT count(*) FROM pg_tview_meta")).isEqualTo(0L);
        assertThat(db.scalar("SELECT count(*) FROM mv_order_summary WHERE customer = 'fresh'")).isEqualTo(3L);
    }

    @Test
    void convertDropAndDryRunAndAStaleMatviewThatDiffers() throws Exception {
        CliRun dry = tviews("migrate", "convert", "mv_customer_orders", "--cutover", "drop", "--dry-run");
        assertThat(dry.exit()).as(dry.toString()).isEqualTo(ExitCode.OK);
        assertThat(dry.out()).contains("dry run: rolled back, nothing was changed", "SELECT pg_tviews_drop('tv_customer');");
        assertThat(db.scalar("SELECT count(*) FROM pg_matviews WHERE matviewname = 'mv_customer_orders'")).isEqualTo(1L);
        assertThat(db.scalar("SELECT count(*) FROM pg_tview_meta")).isEqualTo(0L);

        db.execute("INSERT INTO tb_order VALUES (999, gen_random_uuid(), 1, now())");
        CliRun stale = tviews("migrate", "convert", "mv_customer_orders", "--cutover", "drop");
        assertThat(stale.exit()).as(stale.toString()).isEqualTo(ExitCode.PROBLEMS_FOUND);
        assertThat(stale.out()).contains("only in the materialized view: 1, only in the TVIEW: 1", "the contents differ: rolled back");
        assertThat(db.scalar("SELECT count(*) FROM pg_tview_meta")).isEqualTo(0L);

        db.execute("REFRESH MATERIALIZED VIEW mv_customer_orders");
        CliRun drop = tviews("migrate", "convert", "mv_customer_orders", "--cutover", "drop");
        assertThat(drop.exit()).as(drop.toString()).isEqualTo(ExitCode.OK);
        assertThat(db.scalar("SELECT count(*) FROM pg_matviews WHERE matviewname = 'mv_customer_orders'")).isEqualTo(0L);
        assertThat(db.scalar("SELECT data->>'orders' FROM tv_customer WHERE pk_customer = 1")).isEqualTo("4");
    }

    @Test
    void anEditedDefinitionFileIsUsedAndAnUnknownCutoverIsRefused() throws Exception {
        Path edited = Files.writeString(home.resolve("customer.tview"), """
                CREATE TVIEW tv_customer AS
                SELECT c.pk_customer, c.id,
                       jsonb_build_object('pk_customer', c.pk_customer, 'name', c.name, 'since', c.since) AS data
                FROM tb_customer c;
                """);
        CliRun bad = tviews("migrate", "convert", "mv_customer", "--cutover", "rename");
        assertThat(bad.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(bad.err()).isEqualTo("error [invalid_argument]: --cutover must be keep, view or drop, not rename\n");

        CliRun convert = tviews("migrate", "convert", "mv_customer", "-f", edited.toString());
        assertThat(convert.exit()).as(convert.toString()).isEqualTo(ExitCode.OK);
        assertThat(convert.out()).contains("cut-over: keep: both stay");
        assertThat(db.scalar("SELECT count(*) FROM pg_matviews WHERE matviewname = 'mv_customer'")).isEqualTo(1L);
    }
}
