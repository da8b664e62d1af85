package io.tviewstudio.core.runtime;

import io.tviewstudio.core.install.RuntimeInstaller;
import io.tviewstudio.core.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.util.ServerErrorMessage;

import java.sql.Connection;
import java.sql.SQLException;

import static io.tviewstudio.core.testing.SqlFailures.serverError;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Refresh errors: counted once per failed statement for the TVIEW whose refresh failed, past the
 * ROLLBACK that undoes everything else, without changing the error the client sees and without
 * making sessions wait on each other.
 */
class MetricsErrorsTest {

    /**
     * Two TVIEWs over one table (fk_item: the lineage to it); tv_checked's view calls a function that raises an error with every
     * field set for a negative quantity, tv_ratio's view divides by the divisor.
     */
    private static final String SCHEMA = """
            CREATE TABLE tb_item (pk_item serial PRIMARY KEY, id uuid NOT NULL DEFAULT gen_random_uuid(),
                                  qty integer NOT NULL, divisor integer NOT NULL);
            INSERT INTO tb_item (qty, divisor) SELECT g, 1 FROM generate_series(1, 3) g;
            CREATE FUNCTION checked_qty(q integer) RETURNS integer LANGUAGE plpgsql IMMUTABLE AS $$
            BEGIN
                IF q < 0 THEN
                    RAISE EXCEPTION USING ERRCODE = 'U0042', MESSAGE = format('negative quantity %s', q),
                        DETAIL = 'quantities are counts', HINT = 'store a count of zero or more',
                        SCHEMA = 'public', TABLE = 'tb_item', COLUMN = 'qty', CONSTRAINT = 'qty_counts';
                END IF;
                RETURN q;
            END $$;
            SELECT pg_tviews_create('tv_checked',
                'SELECT i.pk_item AS pk_checked, i.id, i.pk_item AS fk_item, jsonb_build_object(''qty'', checked_qty(i.qty)) AS data FROM tb_item i');
            SELECT pg_tviews_create('tv_ratio',
                'SELECT i.pk_item AS pk_ratio, i.id, i.pk_item AS fk_item, jsonb_build_object(''ratio'', i.qty / i.divisor) AS data FROM tb_item i');
            """;

    private TestDatabase db;

    @BeforeEach
    void createItems() throws SQLException {
        db = TestDatabase.withRuntime();
        db.execute(SCHEMA);
    }

    @AfterEach
    void close() throws SQLException {
        db.close();
    }

    private long errors(String entity) throws SQLException {
        return (Long) db.scalar("SELECT errors FROM pg_tviews_metrics WHERE entity = '" + entity + "'");
    }

    @Test
    void aFreshTviewHasNoErrorsAndItsOwnCounter() throws SQLException {
        assertThat(errors("checked")).isZero();
        assertThat(errors("ratio")).isZero();
        assertThat(db.column("SELECT c.relname FROM pg_class c WHERE c.relkind = 'S' AND c.relname LIKE 'pg\\_tviews\\_%' ORDER BY 1"))
                .containsExactly("pg_tviews_errors_checked", "pg_tviews_errors_ratio", "pg_tviews_flush_restarts",
                        "pg_tviews_flush_token");
    }

    @Test
    void aFailedRefreshCountsOneErrorForItsTviewAfterTheRollback() throws SQLException {
        ServerErrorMessage error = serverError(() -> db.execute("UPDATE tb_item SET divisor = 0 WHERE pk_item = 2"));
        assertThat(error.getSQLState()).isEqualTo("22012");
        assertThat(error.getMessage()).isEqualTo("division by zero");

        assertThat(errors("ratio")).isEqualTo(1);
        assertThat(errors("checked")).as("the other TVIEW of the statement did not fail").isZero();
        assertThat(db.scalar("SELECT sum(refreshes) FROM pg_tviews_metrics"))
                .as("the rolled back refresh of tv_checked is not counted").isEqualTo(java.math.BigDecimal.ZERO);
        assertThat(db.scalar("SELECT divisor FROM tb_item WHERE pk_item = 2")).isEqualTo(1);

        try (Connection session = db.connect()) {
            session.setAutoCommit(false);
            serverError(() -> TestDatabase.execute(session, "UPDATE tb_item SET divisor = 0 WHERE pk_item = 3"));
            session.rollback();
        }
        assertThat(errors("ratio")).as("one per failed statement, in an explicit transaction too").isEqualTo(2);

        db.execute("UPDATE tb_item SET qty = 7 WHERE pk_item = 1");
        assertThat(errors("ratio")).as("a good statement counts no error").isEqualTo(2);
        assertThat(db.scalar("SELECT refreshes FROM pg_tviews_metrics WHERE entity = 'ratio'")).isEqualTo(1L);
    }

    @Test
    void theClientGetsTheOriginalErrorWithEveryField() throws SQLException {
        ServerErrorMessage direct = serverError(() -> db.execute("SELECT checked_qty(-5)"));
        ServerErrorMessage viaRefresh = serverError(() -> db.execute("UPDATE tb_item SET qty = -5 WHERE pk_item = 1"));

        assertThat(viaRefresh.getSQLState()).isEqualTo("U0042").isEqualTo(direct.getSQLState());
        assertThat(viaRefresh.getMessage()).isEqualTo("negative quantity -5").isEqualTo(direct.getMessage());
        assertThat(viaRefresh.getDetail()).isEqualTo("quantities are counts").isEqualTo(direct.getDetail());
        assertThat(viaRefresh.getHint()).isEqualTo("store a count of zero or more").isEqualTo(direct.getHint());
        assertThat(viaRefresh.getSchema()).isEqualTo("public");
        assertThat(viaRefresh.getTable()).isEqualTo("tb_item");
        assertThat(viaRefresh.getColumn()).isEqualTo("qty");
        assertThat(viaRefresh.getConstraint()).isEqualTo("qty_counts");
        assertThat(viaRefresh.getSeverity()).isEqualTo("ERROR");
        assertThat(errors("checked")).isEqualTo(1);
        assertThat(errors("ratio")).isZero();
    }

    @Test
    void aConstraintOfTheTviewTableFailingCountsForThatTview() throws SQLException {
        db.execute("ALTER TABLE tv_ratio ADD CONSTRAINT ratio_below_100 CHECK ((data->>'ratio')::integer < 100)");

        ServerErrorMessage error = serverError(() -> db.execute("UPDATE tb_item SET qty = 500 WHERE pk_item = 1"));

        assertThat(error.getSQLState()).isEqualTo("23514");
        assertThat(error.getConstraint()).isEqualTo("ratio_below_100");
        assertThat(error.getTable()).isEqualTo("tv_ratio");
        assertThat(errors("ratio")).isEqualTo(1);
        assertThat(errors("checked")).isZero();
    }

    @Test
    void metricsOffCountsNoErrorAndASessionCannotSwitchThemOff() throws SQLException {
        db.execute("SELECT pg_tviews_set('metrics_enabled', 'off')");
        serverError(() -> db.execute("UPDATE tb_item SET divisor = 0 WHERE pk_item = 2"));
        assertThat(errors("ratio")).isZero();

        db.execute("SELECT pg_tviews_set('metrics_enabled', 'on')");
        db.execute("SET pg_tviews.metrics_enabled = off");  // stricter only: ignored
        serverError(() -> db.execute("UPDATE tb_item SET divisor = 0 WHERE pk_item = 2"));
        assertThat(errors("ratio")).isEqualTo(1);
        db.execute("RESET pg_tviews.metrics_enabled");
    }

    /**
     * A session whose failed statement has counted an error keeps its aborted transaction open; a
     * second session's failing statement counts its own error without waiting (lock_timeout would
     * turn a wait into a different error).
     */
    @Test
    void sessionsCountingErrorsDoNotWaitOnEachOther() throws SQLException {
        try (Connection first = db.connect(); Connection second = db.connect()) {
            first.setAutoCommit(false);
            serverError(() -> TestDatabase.execute(first, "UPDATE tb_item SET divisor = 0 WHERE pk_item = 2"));

            TestDatabase.execute(second, "SET lock_timeout = '2s'");
            ServerErrorMessage error = serverError(() -> TestDatabase.execute(second, "UPDATE tb_item SET divisor = 0 WHERE pk_item = 3"));
            assertThat(error.getSQLState()).as("division by zero, not a lock timeout").isEqualTo("22012");
            TestDatabase.execute(second, "UPDATE tb_item SET qty = 9 WHERE pk_item = 1");

            assertThat(errors("ratio")).isEqualTo(2);
            first.rollback();
        }
        assertThat(errors("ratio")).isEqualTo(2);
    }

    @Test
    void aMonitoringRoleReadsErrorsAndRestarts() throws SQLException {
        String monitor = "errors_monitor_" + db.name();
        db.execute("CREATE ROLE " + monitor + " LOGIN IN ROLE pg_monitor");
        try {
            serverError(() -> db.execute("UPDATE tb_item SET divisor = 0 WHERE pk_item = 2"));
            try (Connection asMonitor = db.connectAs(monitor)) {
                assertThat(TestDatabase.scalar(asMonitor, "SELECT errors FROM pg_tviews_metrics WHERE entity = 'ratio'"))
                        .isEqualTo(1L);
                assertThat(TestDatabase.scalar(asMonitor, "SELECT flush_restarts FROM pg_tviews_queue_metrics"))
                        .isEqualTo(0L);
            }
        } finally {
            db.execute("DROP ROLE " + monitor);
        }
    }

    @Test
    void dropRemovesTheCounterAndARecreatedTviewStartsFromZero() throws SQLException {
        serverError(() -> db.execute("UPDATE tb_item SET divisor = 0 WHERE pk_item = 2"));
        db.execute("SELECT pg_tviews_drop('tv_ratio')");
        assertThat(db.scalar("SELECT to_regclass('public.pg_tviews_errors_ratio') IS NULL")).isEqualTo(true);

        db.execute("""
                SELECT pg_tviews_create('tv_ratio',
                    'SELECT i.pk_item AS pk_ratio, i.id, i.pk_item AS fk_item, jsonb_build_object(''ratio'', i.qty / i.divisor) AS data FROM tb_item i')""");
        assertThat(errors("ratio")).isZero();
    }

    @Test
    void reinstallingTheRuntimeGivesTviewsWithoutACounterTheirOwn() throws SQLException {
        db.execute("DROP SEQUENCE pg_tviews_errors_ratio");
        assertThat(errors("ratio")).as("no counter: none counted").isZero();
        serverError(() -> db.execute("UPDATE tb_item SET divisor = 0 WHERE pk_item = 2"));

        RuntimeInstaller.install(db.connection());

        serverError(() -> db.execute("UPDATE tb_item SET divisor = 0 WHERE pk_item = 2"));
        assertThat(errors("ratio")).isEqualTo(1);
    }
}
