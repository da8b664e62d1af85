package io.tviewstudio.core.runtime;

import io.tviewstudio.embedded.PostgresBinaries;
import io.tviewstudio.core.testing.Resources;
import io.tviewstudio.core.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.tviewstudio.core.testing.TviewAssertions.assertConsistent;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The runtime as users install it without our Java code: sql/install.sql and sql/uninstall.sql
 * run by psql from the repository, and CREATE EXTENSION from the files the build generates.
 */
class PsqlAndExtensionInstallTest {

    private static final Path REPO = Path.of(System.getProperty("tviews.repo.root", ".."));

    private TestDatabase db;

    @BeforeEach
    void createDatabase() throws SQLException {
        db = TestDatabase.empty();
    }

    @AfterEach
    void close() throws SQLException {
        db.close();
    }

    private record Result(int exitCode, String output) {
    }

    private Result psql(String file) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(List.of("psql", "-X", "-q", "-v", "ON_ERROR_STOP=1",
                "-h", "127.0.0.1", "-p", String.valueOf(db.server().port()), "-U", "postgres", "-d", db.name(),
                "-f", REPO.resolve(file).toString()))
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Result(process.exitValue(), output);
    }

    @Test
    void psqlInstallsTwiceAndUninstallsCleanly() throws Exception {
        assertThat(psql("sql/install.sql").exitCode()).isZero();
        db.execute(Resources.text("schemas/blog.sql"));
        db.execute(Resources.text("schemas/blog-tviews.sql"));
        Result again = psql("sql/install.sql");
        assertThat(again.exitCode()).as(again.output()).isZero();
        db.execute("UPDATE tb_user SET name = 'after reinstall' WHERE pk_user = 2");
        assertThat(db.scalar("SELECT data->'author'->>'name' FROM tv_post WHERE pk_post = 2")).isEqualTo("after reinstall");
        assertConsistent(db);

        Result uninstall = psql("sql/uninstall.sql");

        assertThat(uninstall.exitCode()).as(uninstall.output()).isZero();
        assertThat(db.scalar("SELECT count(*) FROM pg_proc WHERE proname LIKE 'pg\\_tview%'")).isEqualTo(0L);
        assertThat(db.scalar("SELECT count(*) FROM pg_class WHERE relname LIKE 'pg\\_tview%' OR relname ~ '^t?v_'"))
                .isEqualTo(0L);
        assertThat(db.scalar("SELECT count(*) FROM tb_post")).isEqualTo(4L);
    }

    @Test
    void psqlInstallThatFailsHalfwayLeavesNothing() throws Exception {
        db.execute("CREATE FUNCTION public.pg_tviews_health_check() RETURNS integer LANGUAGE sql AS 'SELECT 1'");

        Result result = psql("sql/install.sql");

        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.output()).contains("60_health.sql", "cannot change return type of existing function");
        assertThat(db.scalar("SELECT to_regclass('public.pg_tview_meta')")).isNull();
        assertThat(db.scalar("SELECT count(*) FROM pg_proc WHERE proname LIKE 'pg\\_tviews%'")).isEqualTo(1L);
    }

    @Test
    void createExtensionFromTheGeneratedScriptWorksLikeThePlainInstall() throws Exception {
        Path built = REPO.resolve("sql/target/classes/io/tviewstudio/sql/extension");
        Path extensionDir = PostgresBinaries.fromClasspath().home().resolve("share/postgresql/extension");
        for (String file : List.of("pg_tviews.control", "pg_tviews--0.1.0.sql")) {
            assertThat(built.resolve(file)).exists();
            Files.copy(built.resolve(file), extensionDir.resolve(file), StandardCopyOption.REPLACE_EXISTING);
        }
        db.execute(Resources.text("schemas/blog.sql"));

        db.execute("CREATE EXTENSION pg_tviews");
        db.execute(Resources.text("schemas/blog-tviews.sql"));
        db.execute("UPDATE tb_user SET name = 'Bob' WHERE pk_user = 2");

        assertThat(db.scalar("SELECT extversion FROM pg_extension WHERE extname = 'pg_tviews'")).isEqualTo("0.1.0");
        assertThat(db.scalar("SELECT data->'author'->>'name' FROM tv_post WHERE pk_post = 2")).isEqualTo("Bob");
        assertThat(db.column("SELECT extcondition IS NULL FROM pg_extension WHERE extname = 'pg_tviews'"))
                .containsExactly("f");
        assertConsistent(db);

        Result uninstall = psql("sql/uninstall.sql");
        assertThat(uninstall.exitCode()).as(uninstall.output()).isZero();
        assertThat(db.scalar("SELECT count(*) FROM pg_extension WHERE extname = 'pg_tviews'")).isEqualTo(0L);
        assertThat(db.scalar("SELECT count(*) FROM pg_class WHERE relname ~ '^t?v_'")).isEqualTo(0L);
        assertThat(db.scalar("SELECT count(*) FROM tb_user")).isEqualTo(3L);
    }
}
