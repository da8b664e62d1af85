package io.tviewstudio.cli;

import io.tviewstudio.core.testing.ManagedServiceDatabase;
import io.tviewstudio.core.testing.Resources;
import io.tviewstudio.core.testing.TestDatabase;
import io.tviewstudio.core.testing.TviewAssertions;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code tviews install-runtime}, {@code verify}, {@code health} and {@code uninstall-runtime} logged
 * in as the role a managed service gives a database owner (no superuser, no predefined roles).
 */
class ManagedServiceCliTest extends CliTestSupport {

    private ManagedServiceDatabase managed;

    @Override
    Map<String, String> environment() {
        Map<String, String> variables = super.environment();
        variables.put("PGUSER", managed.owner());
        return variables;
    }

    @Test
    void installVerifyHealthAndUninstallAsTheDatabaseOwner() throws Exception {
        managed = ManagedServiceDatabase.create();
        db = managed.db();
        List<String> before = managed.catalogSnapshot();

        CliRun install = tviews("install-runtime");
        assertThat(install.exit()).as(install.toString()).isEqualTo(ExitCode.OK);
        assertThat(install.out()).isEqualTo("TVIEW runtime 0.1.0 installed in database \"" + db.name() + "\"\n");
        assertThat(db.scalar("SELECT installed_by::text FROM pg_tviews_runtime")).isEqualTo(managed.owner());

        try (Connection owner = managed.connectAsOwner()) {
            TestDatabase.execute(owner, Resources.text("schemas/blog-tviews.sql"));
        }
        try (Connection app = managed.connectAsApp()) {
            TestDatabase.execute(app, "UPDATE tb_user SET name = 'Alice' WHERE pk_user = 1");
        }
        CliRun verify = tviews("verify");
        assertThat(verify.exit()).as(verify.toString()).isEqualTo(ExitCode.OK);
        CliRun health = tviews("health");
        assertThat(health.exit()).as(health.toString()).isEqualTo(ExitCode.OK);
        TviewAssertions.assertConsistent(db);

        CliRun uninstall = tviews("uninstall-runtime", "--yes");
        assertThat(uninstall.exit()).as(uninstall.toString()).isEqualTo(ExitCode.OK);
        assertThat(managed.catalogSnapshot()).isEqualTo(before);
    }
}
