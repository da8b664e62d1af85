package io.tviewstudio.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tviewstudio.core.install.RuntimeInstaller;
import io.tviewstudio.core.testing.ManagedServiceDatabase;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code tviews install-runtime} and {@code upgrade-runtime} logged in as a role that lacks a right
 * the install needs: exit code 6, each missing right with its GRANT on stderr, nothing installed;
 * after the GRANT (run as superuser) the same command succeeds.
 */
class InstallPrivilegesCliTest extends CliTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ManagedServiceDatabase managed;
    private String installer;

    @Override
    Map<String, String> environment() {
        Map<String, String> variables = super.environment();
        variables.put("PGUSER", installer);
        return variables;
    }

    private void createManagedDatabaseAndInstaller() throws Exception {
        managed = ManagedServiceDatabase.create();
        db = managed.db();
        // Not the database owner: on PostgreSQL 15+ it may use schema public but not create in it.
        installer = "mgd_installer_" + db.name();
        db.execute("CREATE ROLE " + installer + " LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE");
    }

    @Test
    void installRuntimeWithoutCreateOnPublicExits6WithTheGrantAndInstallsNothing() throws Exception {
        createManagedDatabaseAndInstaller();
        List<String> before = managed.catalogSnapshot();
        String listing = "role " + installer + " cannot install the TVIEW runtime: 1 right is missing; nothing was installed\n"
                + "  role " + installer + " lacks CREATE on schema public "
                + "(the runtime's tables, views, functions and type are created in schema public)\n"
                + "    GRANT CREATE ON SCHEMA public TO " + installer + ";\n";

        CliRun install = tviews("install-runtime");

        assertThat(install.exit()).as(install.toString()).isEqualTo(ExitCode.MISSING_PRIVILEGES);
        assertThat(install.out()).isEmpty();
        assertThat(install.err()).isEqualTo("error [42501 missing_privileges]: " + listing
                + "hint: Run the GRANT statements above as a superuser or the owner of each object, "
                + "then run tviews install-runtime again.\n");
        assertThat(managed.catalogSnapshot()).isEqualTo(before);

        CliRun dryRun = tviews("install-runtime", "--dry-run");
        assertThat(dryRun.exit()).as(dryRun.toString()).isEqualTo(ExitCode.MISSING_PRIVILEGES);
        assertThat(dryRun.out()).isEmpty();
        assertThat(dryRun.err()).startsWith("error [42501 missing_privileges]: " + listing);

        CliRun json = tviews("install-runtime", "--json");
        assertThat(json.exit()).as(json.toString()).isEqualTo(ExitCode.MISSING_PRIVILEGES);
        JsonNode error = JSON.readTree(json.out()).get("error");
        assertThat(error.get("code").asText()).isEqualTo("missing_privileges");
        assertThat(error.get("sqlState").asText()).isEqualTo("42501");
        assertThat(error.get("details")).hasSize(1);
        JsonNode missing = error.get("details").get(0);
        assertThat(missing.get("right").asText()).isEqualTo("CREATE");
        assertThat(missing.get("object").asText()).isEqualTo("schema public");
        assertThat(missing.get("message").asText()).isEqualTo("role " + installer + " lacks CREATE on schema public");
        assertThat(missing.get("grantStatement").asText()).isEqualTo("GRANT CREATE ON SCHEMA public TO " + installer + ";");
        assertThat(managed.catalogSnapshot()).isEqualTo(before);

        db.execute(missing.get("grantStatement").asText());
        CliRun granted = tviews("install-runtime");
        assertThat(granted.exit()).as(granted.toString()).isEqualTo(ExitCode.OK);
        assertThat(granted.out()).isEqualTo("TVIEW runtime 0.1.0 installed in database \"" + db.name() + "\"\n");
    }

    @Test
    void upgradeRuntimeOfARuntimeOwnedByAnotherRoleExits6WithTheMembershipGrant() throws Exception {
        createManagedDatabaseAndInstaller();
        try (Connection owner = managed.connectAsOwner()) {
            RuntimeInstaller.install(owner);
        }
        db.execute("GRANT CREATE ON SCHEMA public TO " + installer);
        List<String> before = managed.catalogSnapshot();

        CliRun upgrade = tviews("upgrade-runtime");

        assertThat(upgrade.exit()).as(upgrade.toString()).isEqualTo(ExitCode.MISSING_PRIVILEGES);
        assertThat(upgrade.err()).startsWith("error [42501 missing_privileges]: role " + installer
                        + " cannot install the TVIEW runtime: 1 right is missing; nothing was installed\n"
                        + "  role " + installer + " does not own the installed runtime: ")
                .contains(" objects are owned by role " + managed.owner() + ", e.g. table public.pg_tview_audit_log "
                        + "(re-installing or upgrading replaces them, which only their owner may do)\n"
                        + "    GRANT " + managed.owner() + " TO " + installer + ";\n")
                .endsWith("then run tviews upgrade-runtime again.\n");
        assertThat(managed.catalogSnapshot()).isEqualTo(before);

        db.execute("GRANT " + managed.owner() + " TO " + installer);
        CliRun granted = tviews("upgrade-runtime");
        assertThat(granted.exit()).as(granted.toString()).isEqualTo(ExitCode.OK);
        assertThat(granted.out()).isEqualTo("TVIEW runtime 0.1.0 re-installed in database \"" + db.name() + "\"\n");
    }
}
