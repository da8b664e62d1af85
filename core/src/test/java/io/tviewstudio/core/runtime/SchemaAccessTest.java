package io.tviewstudio.core.runtime;

import io.tviewstudio.core.install.RuntimeInstaller;
import io.tviewstudio.core.testing.TestDatabase;
import io.tviewstudio.core.testing.TviewAssertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.util.ServerErrorMessage;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

import static io.tviewstudio.core.testing.SqlFailures.assertFails;
import static io.tviewstudio.core.testing.SqlFailures.serverError;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The runtime's owner must be able to use every schema that holds a TVIEW: the queue flush runs as
 * that role and calls the TVIEW's generated functions by schema-qualified name. A non-superuser
 * runtime owner (a dedicated admin role) installs the runtime; an application role owns schema
 * shop and creates a TVIEW there; a writer changes the shop's tables; a pg_monitor role runs the
 * health check without any right on shop. pg_tviews_create refuses the schema until the owner has
 * USAGE (TV051), and pg_tviews_health_check reports USAGE revoked afterwards (row schema_access).
 */
class SchemaAccessTest {

    private static final String TVIEW_DEFINITION = """
            SELECT pg_tviews_create('shop.tv_order', $$
                SELECT o.pk_order, o.id, o.fk_customer, jsonb_build_object('total', o.total, 'customer', c.name) AS data
                FROM shop.tb_order o JOIN shop.tb_customer c ON c.pk_customer = o.fk_customer
            $$)""";

    private TestDatabase db;
    private String admin;
    private String app;
    private String writer;
    private String monitor;

    @BeforeEach
    void installAsAdminAndCreateTheShopSchema() throws SQLException {
        db = TestDatabase.empty();
        admin = "tvadmin_" + db.name();
        app = "app_" + db.name();
        writer = "writer_" + db.name();
        monitor = "monitor_" + db.name();
        for (String role : List.of(admin, app, writer)) {
            db.execute("CREATE ROLE " + role + " LOGIN NOSUPERUSER NOCREATEROLE");
        }
        db.execute("CREATE ROLE " + monitor + " LOGIN IN ROLE pg_monitor");
        db.execute("ALTER SCHEMA public OWNER TO " + admin);
        db.execute("REVOKE CREATE ON SCHEMA public FROM PUBLIC");
        db.execute("CREATE SCHEMA shop AUTHORIZATION " + app);
        try (Connection asAdmin = db.connectAs(admin)) {
            RuntimeInstaller.install(asAdmin);
        }
        try (Connection asApp = db.connectAs(app)) {
            TestDatabase.execute(asApp, """
                    CREATE TABLE shop.tb_customer (pk_customer serial PRIMARY KEY, id uuid NOT NULL DEFAULT gen_random_uuid(),
                                                   name text NOT NULL);
                    CREATE TABLE shop.tb_order (pk_order serial PRIMARY KEY, id uuid NOT NULL DEFAULT gen_random_uuid(),
                                                fk_customer integer NOT NULL REFERENCES shop.tb_customer, total numeric NOT NULL);
                    INSERT INTO shop.tb_customer (name) VALUES ('ada'), ('bo');
                    INSERT INTO shop.tb_order (fk_customer, total) VALUES (1, 10), (2, 20), (1, 30);
                    GRANT USAGE ON SCHEMA shop TO %1$s;
                    GRANT SELECT, INSERT, UPDATE, DELETE ON shop.tb_customer, shop.tb_order TO %1$s;
                    GRANT USAGE ON ALL SEQUENCES IN SCHEMA shop TO %1$s;
                    """.formatted(writer));
        }
    }

    @AfterEach
    void close() throws SQLException {
        db.close();
    }

    @Test
    @Raises("TV051")
    void createRefusesASchemaTheRuntimeOwnerCannotUseUntilItIsGranted() throws SQLException {
        DatabaseSnapshot before = DatabaseSnapshot.of(db);
        try (Connection asApp = db.connectAs(app)) {
            ServerErrorMessage error = assertFails(() -> TestDatabase.execute(asApp, TVIEW_DEFINITION), "TV051",
                    "cannot create TVIEW shop.tv_order: the runtime's owner " + admin + " has no USAGE privilege on schema shop");
            assertThat(error.getHint()).isEqualTo(
                    "As the owner of schema shop run GRANT USAGE ON SCHEMA shop TO " + admin + "; then create the TVIEW again.");
            assertThat(error.getDetail()).isEqualTo("The queue flush runs as " + admin + " and calls the TVIEW's refresh "
                    + "functions in schema shop: without USAGE every write to its source tables would fail with "
                    + "\"permission denied for schema shop\".");
            assertThat(DatabaseSnapshot.of(db)).isEqualTo(before);
            assertThat(db.scalar("SELECT count(*) FROM pg_tview_audit_log")).isEqualTo(0L);

            // The statement of the hint, run by the schema's owner, is all it takes.
            TestDatabase.execute(asApp, "GRANT USAGE ON SCHEMA shop TO " + admin);
            assertThat(TestDatabase.scalar(asApp, TVIEW_DEFINITION))
                    .isEqualTo("TVIEW shop.tv_order created: 3 rows, 2 source relation(s)");
        }
        try (Connection asWriter = db.connectAs(writer)) {
            TestDatabase.execute(asWriter, """
                    INSERT INTO shop.tb_order (fk_customer, total) VALUES (2, 40);
                    UPDATE shop.tb_customer SET name = 'ada lovelace' WHERE pk_customer = 1;
                    DELETE FROM shop.tb_order WHERE pk_order = 2;
                    """);
        }
        TviewAssertions.assertConsistent(db);
        assertThat(db.scalar("SELECT data->>'customer' FROM shop.tv_order WHERE pk_order = 3")).isEqualTo("ada lovelace");
        assertThat(db.scalar("SELECT count(*) FROM shop.tv_order")).isEqualTo(3L);
    }

    @Test
    @Raises("TV051")
    void convertTableRefusesTheSameSchemaAndKeepsTheHandFilledTable() throws SQLException {
        try (Connection asApp = db.connectAs(app)) {
            TestDatabase.execute(asApp, """
                    CREATE VIEW shop.v_customer AS SELECT pk_customer, id, jsonb_build_object('name', name) AS data FROM shop.tb_customer;
                    CREATE TABLE shop.tv_customer AS SELECT * FROM shop.v_customer;
                    """);
            DatabaseSnapshot before = DatabaseSnapshot.of(db);
            ServerErrorMessage error = assertFails(() -> TestDatabase.execute(asApp,
                    "SELECT pg_tviews_convert_table('shop.tv_customer', 'customer')"), "TV051",
                    "cannot create TVIEW shop.tv_customer: the runtime's owner " + admin + " has no USAGE privilege on schema shop");
            assertThat(error.getHint()).isEqualTo(
                    "As the owner of schema shop run GRANT USAGE ON SCHEMA shop TO " + admin + "; then create the TVIEW again.");
            assertThat(DatabaseSnapshot.of(db)).isEqualTo(before);
            assertThat(db.scalar("SELECT to_regclass('shop.v_customer') IS NOT NULL")).isEqualTo(true);
        }
    }

    @Test
    void healthCheckReportsUsageRevokedAfterCreationAndWritesFailUntilItIsGrantedAgain() throws SQLException {
        try (Connection asApp = db.connectAs(app)) {
            TestDatabase.execute(asApp, "GRANT USAGE ON SCHEMA shop TO " + admin);
            TestDatabase.execute(asApp, TVIEW_DEFINITION);
            assertThat(healthAsMonitor()).extracting(row -> row.get("check_name") + " " + row.get("status"))
                    .containsExactly("runtime_version OK", "metadata_integrity OK", "refresh_triggers OK", "source_drift OK",
                            "schema_access OK");
            assertThat(schemaAccessRow()).containsEntry("message",
                    "the runtime's owner " + admin + " may use every schema that holds TVIEWs").containsEntry("details", "[]");

            TestDatabase.execute(asApp, "REVOKE USAGE ON SCHEMA shop FROM " + admin);
        }

        // The monitor has no right on shop at all, and still gets every row.
        assertThat(healthAsMonitor()).extracting(row -> row.get("check_name") + " " + row.get("status"))
                .containsExactly("runtime_version OK", "metadata_integrity OK", "refresh_triggers OK", "source_drift OK",
                        "schema_access ERROR");
        Map<String, Object> row = schemaAccessRow();
        assertThat(row.get("message")).isEqualTo("shop.tv_order: the runtime's owner " + admin + " has no USAGE on schema "
                + "shop; writes to the source tables fail with \"permission denied for schema shop\"; as the schema's "
                + "owner run GRANT USAGE ON SCHEMA shop TO " + admin + ";");
        assertThat(row.get("details")).isEqualTo("[{\"fix\": \"GRANT USAGE ON SCHEMA shop TO " + admin + ";\", \"role\": \""
                + admin + "\", \"schema\": \"shop\", \"tviews\": [\"shop.tv_order\"]}]");

        // What the health check warns about: the write itself fails, and changes nothing.
        DatabaseSnapshot before = DatabaseSnapshot.of(db);
        try (Connection asWriter = db.connectAs(writer)) {
            ServerErrorMessage error = serverError(() -> TestDatabase.execute(asWriter,
                    "INSERT INTO shop.tb_order (fk_customer, total) VALUES (2, 40)"));
            assertThat(error.getSQLState()).isEqualTo("42501");
            assertThat(error.getMessage()).isEqualTo("permission denied for schema shop");
        }
        assertThat(DatabaseSnapshot.of(db)).isEqualTo(before);
        assertThat(db.scalar("SELECT count(*) FROM public.pg_tviews_queue")).isEqualTo(0L);

        try (Connection asApp = db.connectAs(app)) {
            TestDatabase.execute(asApp, "GRANT USAGE ON SCHEMA shop TO " + admin);
        }
        assertThat(healthAsMonitor()).extracting(r -> r.get("status")).containsOnly("OK");
        try (Connection asWriter = db.connectAs(writer)) {
            TestDatabase.execute(asWriter, "INSERT INTO shop.tb_order (fk_customer, total) VALUES (2, 40)");
        }
        TviewAssertions.assertConsistent(db);
        assertThat(db.scalar("SELECT count(*) FROM shop.tv_order")).isEqualTo(4L);
    }

    private List<Map<String, Object>> healthAsMonitor() throws SQLException {
        try (Connection asMonitor = db.connectAs(monitor)) {
            return TestDatabase.query(asMonitor, "SELECT check_name, status, message, details::text AS details "
                    + "FROM pg_tviews_health_check()");
        }
    }

    private Map<String, Object> schemaAccessRow() throws SQLException {
        return healthAsMonitor().stream().filter(r -> "schema_access".equals(r.get("check_name"))).findFirst().orElseThrow();
    }
}
