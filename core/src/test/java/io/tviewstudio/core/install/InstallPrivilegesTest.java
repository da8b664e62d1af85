package io.tviewstudio.core.install;

import io.tviewstudio.core.runtime.DatabaseSnapshot;
import io.tviewstudio.core.testing.ManagedServiceDatabase;
import io.tviewstudio.core.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import static io.tviewstudio.core.testing.SqlFailures.assertFails;
import static io.tviewstudio.core.testing.SqlFailures.serverError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The rights check before a runtime install and a TVIEW create, on a database set up as a managed
 * service hands it out. A role lacking a right is told which one and the GRANT that gives it,
 * nothing is installed, and after that GRANT (run as superuser) the install succeeds. Each right
 * the check asks for is shown to be one PostgreSQL really refuses the work without.
 */
class InstallPrivilegesTest {

    private ManagedServiceDatabase managed;
    private TestDatabase db;
    private String installer;

    @BeforeEach
    void createManagedDatabase() throws SQLException {
        managed = ManagedServiceDatabase.create();
        db = managed.db();
        // A login role that is not the database owner: on PostgreSQL 15+ it has USAGE but not CREATE on public.
        installer = "mgd_installer_" + db.name();
        db.execute("CREATE ROLE " + installer + " LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE");
    }

    @AfterEach
    void close() throws SQLException {
        managed.close();
    }

    @Test
    void aRoleWithoutCreateOnSchemaPublicIsToldTheGrantAndNothingIsInstalled() throws SQLException {
        List<String> before = managed.catalogSnapshot();
        try (Connection connection = db.connectAs(installer)) {
            MissingPrivilegesException refused = catchThrowableOfType(MissingPrivilegesException.class,
                    () -> RuntimeInstaller.install(connection));

            assertThat(refused.getSQLState()).isEqualTo("42501");
            assertThat(refused.missing()).containsExactly(new MissingPrivilege("CREATE", "schema public",
                    "role " + installer + " lacks CREATE on schema public",
                    "the runtime's tables, views, functions and type are created in schema public",
                    "GRANT CREATE ON SCHEMA public TO " + installer + ";"));
            assertThat(refused.getMessage()).isEqualTo("role " + installer + " cannot install the TVIEW runtime: "
                    + "1 right is missing; nothing was installed\n"
                    + "  role " + installer + " lacks CREATE on schema public "
                    + "(the runtime's tables, views, functions and type are created in schema public)\n"
                    + "    GRANT CREATE ON SCHEMA public TO " + installer + ";");
            assertThat(catchThrowableOfType(MissingPrivilegesException.class, () -> RuntimeInstaller.dryRun(connection))
                    .missing()).isEqualTo(refused.missing());
            assertThat(managed.catalogSnapshot()).isEqualTo(before);
            // Without the check PostgreSQL refuses the first CREATE: the right is really needed.
            assertThat(serverError(() -> installWithoutCheck(connection)).getSQLState()).isEqualTo("42501");
            assertThat(managed.catalogSnapshot()).isEqualTo(before);

            db.execute(refused.missing().get(0).grantStatement());
            assertThat(InstallPrivileges.missingForInstall(connection)).isEmpty();
            RuntimeInstaller.install(connection);
        }
        assertThat(db.scalar("SELECT installed_by::text FROM pg_tviews_runtime")).isEqualTo(installer);
    }

    @Test
    void everyMissingRightIsListedWithQuotedNamesAndTheirGrantsMakeTheInstallWork() throws SQLException {
        String role = "Installer " + db.name();
        String quoted = "\"" + role + "\"";
        db.execute("CREATE ROLE " + quoted + " LOGIN");
        db.execute("REVOKE USAGE ON SCHEMA public FROM PUBLIC");
        db.execute("REVOKE TEMPORARY ON DATABASE " + db.name() + " FROM PUBLIC");
        db.execute("REVOKE USAGE ON LANGUAGE plpgsql FROM PUBLIC");
        List<String> before = managed.catalogSnapshot();
        try (Connection connection = db.connectAs(role)) {
            MissingPrivilegesException refused = catchThrowableOfType(MissingPrivilegesException.class,
                    () -> RuntimeInstaller.install(connection));

            assertThat(refused.missing()).extracting(MissingPrivilege::message).containsExactly(
                    "role " + quoted + " lacks USAGE on schema public",
                    "role " + quoted + " lacks CREATE on schema public",
                    "role " + quoted + " lacks USAGE on language plpgsql",
                    "role " + quoted + " lacks TEMPORARY on database " + db.name());
            assertThat(refused.grantStatements()).isEqualTo(String.join("\n",
                    "GRANT USAGE ON SCHEMA public TO " + quoted + ";",
                    "GRANT CREATE ON SCHEMA public TO " + quoted + ";",
                    "GRANT USAGE ON LANGUAGE plpgsql TO " + quoted + ";",
                    "GRANT TEMPORARY ON DATABASE " + db.name() + " TO " + quoted + ";"));
            assertThat(refused.summary()).isEqualTo("role " + quoted
                    + " cannot install the TVIEW runtime: 4 rights are missing; nothing was installed");
            assertThat(managed.catalogSnapshot()).isEqualTo(before);

            db.execute("GRANT CREATE ON SCHEMA public TO " + quoted);
            db.execute("GRANT USAGE ON SCHEMA public TO " + quoted);
            // With the schema rights alone PostgreSQL refuses the first PL/pgSQL function.
            assertThat(serverError(() -> installWithoutCheck(connection)).getMessage())
                    .isEqualTo("permission denied for language plpgsql");

            db.execute(refused.grantStatements());
            assertThat(InstallPrivileges.missingForInstall(connection)).isEmpty();
            RuntimeInstaller.install(connection);

            // TEMPORARY is what checking a definition then needs, beside rights on the table it reads.
            db.execute("REVOKE TEMPORARY ON DATABASE " + db.name() + " FROM " + quoted);
            db.execute("GRANT SELECT, TRIGGER ON tb_category TO " + quoted);
            List<MissingPrivilege> forTview = InstallPrivileges.missingForTview(connection, "public", List.of("tb_category"));
            assertThat(forTview).extracting(MissingPrivilege::grantStatement)
                    .containsExactly("GRANT TEMPORARY ON DATABASE " + db.name() + " TO " + quoted + ";");
            String definition = "$$ SELECT c.pk_category, c.id, jsonb_build_object('title', c.title) AS data FROM tb_category c $$";
            String create = "SELECT pg_tviews_create('tv_category', " + definition + ")";
            assertThat((String) TestDatabase.scalar(connection, "SELECT pg_tviews_analyze_select(" + definition + ") #>> '{errors,0,message}'"))
                    .endsWith("permission denied to create temporary tables in database \"" + db.name() + "\"");
            db.execute(forTview.get(0).grantStatement());
            TestDatabase.execute(connection, create);
        }
    }

    @Test
    void reinstallingARuntimeOwnedByAnotherRoleNeedsMembershipInTheOwningRole() throws SQLException {
        try (Connection owner = managed.connectAsOwner()) {
            RuntimeInstaller.install(owner);
        }
        db.execute("GRANT CREATE ON SCHEMA public TO " + installer);
        long owned = (Long) db.scalar("""
                SELECT (SELECT count(*) FROM pg_class WHERE relnamespace = 'public'::regnamespace
                          AND relname LIKE 'pg\\_tview%' AND relkind IN ('r', 'v'))
                     + (SELECT count(*) FROM pg_proc WHERE pronamespace = 'public'::regnamespace AND proname LIKE 'pg\\_tview%')
                     + (SELECT count(*) FROM pg_type WHERE typnamespace = 'public'::regnamespace AND typname = 'pg_tviews_lock')""");
        List<String> before = managed.catalogSnapshot();
        try (Connection connection = db.connectAs(installer)) {
            MissingPrivilegesException refused = catchThrowableOfType(MissingPrivilegesException.class,
                    () -> RuntimeInstaller.install(connection));

            assertThat(refused.missing()).containsExactly(new MissingPrivilege("ownership",
                    "the installed runtime's objects owned by role " + managed.owner(),
                    "role " + installer + " does not own the installed runtime: " + owned + " objects are owned by role "
                            + managed.owner() + ", e.g. table public.pg_tview_audit_log",
                    "re-installing or upgrading replaces them, which only their owner may do",
                    "GRANT " + managed.owner() + " TO " + installer + ";"));
            assertThat(managed.catalogSnapshot()).isEqualTo(before);
            assertThat(serverError(() -> installWithoutCheck(connection)).getSQLState()).isEqualTo("42501");

            db.execute(refused.missing().get(0).grantStatement());
            RuntimeInstaller.install(connection);
        }
        assertThat(db.scalar("SELECT installed_by::text FROM pg_tviews_runtime")).isEqualTo(installer);
    }

    @Test
    void theDatabaseOwnerAndASuperuserLackNothing() throws SQLException {
        try (Connection owner = managed.connectAsOwner()) {
            assertThat(InstallPrivileges.missingForInstall(owner)).isEmpty();
        }
        assertThat(InstallPrivileges.missingForInstall(db.connection())).isEmpty();
    }

    @Test
    void aTviewOverTablesTheRoleDoesNotOwnNeedsSelectAndTriggerOnThem() throws SQLException {
        try (Connection owner = managed.connectAsOwner()) {
            RuntimeInstaller.install(owner);
        }
        db.execute("GRANT CREATE ON SCHEMA public TO " + installer);
        db.execute("GRANT SELECT ON tb_user TO " + installer);
        try (Connection connection = db.connectAs(installer)) {
            List<MissingPrivilege> missing = InstallPrivileges.missingForTview(connection, "public",
                    List.of("tb_user", "public.tb_post", "tb_user", "tb_no_such_table"));

            assertThat(missing).extracting(MissingPrivilege::message).containsExactly(
                    "role " + installer + " lacks TRIGGER on table public.tb_user",
                    "role " + installer + " lacks SELECT on table public.tb_post",
                    "role " + installer + " lacks TRIGGER on table public.tb_post");
            assertThat(missing).extracting(MissingPrivilege::grantStatement).containsExactly(
                    "GRANT TRIGGER ON TABLE public.tb_user TO " + installer + ";",
                    "GRANT SELECT ON TABLE public.tb_post TO " + installer + ";",
                    "GRANT TRIGGER ON TABLE public.tb_post TO " + installer + ";");
            String create = "SELECT pg_tviews_create('tv_user', "
                    + "$$ SELECT u.pk_user, u.id, jsonb_build_object('name', u.name) AS data FROM tb_user u $$)";
            DatabaseSnapshot before = DatabaseSnapshot.of(db);
            assertFails(() -> TestDatabase.execute(connection, create), "TV050",
                    "TVIEW tv_user: cannot install refresh triggers on tb_user: permission denied for table tb_user");
            assertThat(DatabaseSnapshot.of(db)).isEqualTo(before);

            db.execute(missing.get(0).grantStatement());
            assertThat(InstallPrivileges.missingForTview(connection, "public", List.of("tb_user"))).isEmpty();
            TestDatabase.execute(connection, create);
        }
        assertThat(db.scalar("SELECT count(*) FROM tv_user")).isEqualTo(db.scalar("SELECT count(*) FROM tb_user"));
    }

    /** Runs the install pieces as RuntimeInstaller does, minus the check, in a transaction that is rolled back. */
    private static void installWithoutCheck(Connection connection) throws SQLException {
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            for (RuntimeScripts.Piece piece : RuntimeScripts.installPieces()) {
                statement.execute(piece.sql());
            }
        } finally {
            connection.rollback();
            connection.setAutoCommit(true);
        }
    }
}
