package io.tviewstudio.core.runtime;

import io.tviewstudio.core.testing.Resources;
import io.tviewstudio.core.testing.TestDatabase;
import io.tviewstudio.sql.packaging.PgTleScript;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.tviewstudio.core.testing.TviewAssertions.assertConsistent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The pg_tle registration script the build generates. pg_tle itself is not installable on the
 * test server, so a stand-in schema {@code pgtle} records the arguments of install_extension and
 * install_update_path; the recorded SQL must be the extension script and must install a runtime.
 */
class PgTleScriptTest {

    private static final Path REPO = Path.of(System.getProperty("tviews.repo.root", ".."));
    private static final Path BUILT = REPO.resolve("sql/target/classes/io/tviewstudio/sql/extension");

    /** The two functions with pg_tle's signatures, recording their calls in call order. */
    private static final String PGTLE_STAND_IN = """
            CREATE SCHEMA pgtle;
            CREATE TABLE pgtle.calls (n serial PRIMARY KEY, fn text, name text, version text, from_version text,
                                      description text, ext text);
            CREATE FUNCTION pgtle.install_extension(name text, version text, description text, ext text,
                                                    requires text[] DEFAULT NULL) RETURNS boolean
                LANGUAGE sql AS $$
                    INSERT INTO pgtle.calls (fn, name, version, description, ext)
                    VALUES ('install_extension', name, version, description, ext) RETURNING true $$;
            CREATE FUNCTION pgtle.install_update_path(name text, fromvers text, tovers text, ext text) RETURNS boolean
                LANGUAGE sql AS $$
                    INSERT INTO pgtle.calls (fn, name, version, from_version, ext)
                    VALUES ('install_update_path', name, tovers, fromvers, ext) RETURNING true $$;
            """;

    @TempDir
    Path dir;

    private TestDatabase db;

    @BeforeEach
    void createDatabase() throws SQLException {
        db = TestDatabase.empty();
        db.execute(PGTLE_STAND_IN);
    }

    @AfterEach
    void close() throws SQLException {
        db.close();
    }

    @Test
    void builtScriptRegistersTheExtensionScriptAndThatSqlInstallsAWorkingRuntime() throws Exception {
        Path script = BUILT.resolve("pg_tviews--0.1.0.pg_tle.sql");
        String extensionScript = Files.readString(BUILT.resolve("pg_tviews--0.1.0.sql"), StandardCharsets.UTF_8);

        String output = psql(script);

        List<Map<String, Object>> calls = db.query("SELECT fn, name, version, description, ext FROM pgtle.calls ORDER BY n");
        assertThat(calls).as(output).hasSize(1);
        assertThat(calls.get(0)).containsEntry("fn", "install_extension").containsEntry("name", "pg_tviews")
                .containsEntry("version", "0.1.0")
                .containsEntry("description", "Transactional, incrementally maintained materialized views (TVIEWs) in pure SQL");
        String registered = (String) calls.get(0).get("ext");
        // Byte for byte the extension script, minus psql's "\echo ... \quit" guard line.
        assertThat(registered).isEqualTo(extensionScript.replaceFirst("(?m)^\\\\echo Use .*\\\\quit\\n", ""));
        assertThat(extensionScript).contains("\\echo Use \"CREATE EXTENSION pg_tviews\"");
        assertThat(registered).doesNotContain("\\echo").contains("CREATE OR REPLACE FUNCTION public.pg_tviews_create(");

        try (TestDatabase plain = TestDatabase.empty()) {
            plain.execute(registered);
            plain.execute(Resources.text("schemas/blog.sql"));
            plain.execute(Resources.text("schemas/blog-tviews.sql"));
            plain.execute("UPDATE tb_user SET name = 'Registered' WHERE pk_user = 1");
            assertThat(plain.scalar("SELECT data->'author'->>'name' FROM tv_post WHERE pk_post = 1")).isEqualTo("Registered");
            assertThat(plain.column("SELECT status FROM pg_tviews_health_check()")).containsOnly("OK");
            assertConsistent(plain);
        }
    }

    @Test
    void upgradeScriptsBecomeUpdatePathsInVersionOrder() throws Exception {
        Path upgrades = Files.createDirectories(dir.resolve("upgrade"));
        Files.writeString(upgrades.resolve("pg_tviews--0.1.0--0.2.0.sql"), """
                \\echo Use "ALTER EXTENSION pg_tviews UPDATE" to load this file. \\quit
                CREATE OR REPLACE FUNCTION public.pg_tviews_version() RETURNS text
                LANGUAGE sql IMMUTABLE AS $$ SELECT '0.2.0'::text $$;
                UPDATE public.pg_tviews_runtime SET version = '0.2.0';
                """);
        Files.writeString(upgrades.resolve("pg_tviews--0.2.0--0.10.0.sql"), """
                UPDATE public.pg_tviews_runtime SET version = '0.10.0';
                """);
        Files.writeString(upgrades.resolve("README.md"), "not a script");
        String registered010 = PgTleScript.payload(
                Files.readString(BUILT.resolve("pg_tviews--0.1.0.sql"), StandardCharsets.UTF_8));
        Path script = generate("0.10.0", "-- version 0.10.0\nSELECT 1;\n", upgrades);

        psql(script);

        assertThat(db.column("SELECT format('%s %s %s', fn, from_version, version) FROM pgtle.calls ORDER BY n"))
                .containsExactly("install_extension  0.10.0", "install_update_path 0.1.0 0.2.0",
                        "install_update_path 0.2.0 0.10.0");
        assertThat(db.scalar("SELECT ext FROM pgtle.calls WHERE version = '0.10.0' AND fn = 'install_extension'"))
                .isEqualTo("-- version 0.10.0\nSELECT 1;\n");

        // The recorded path, run as ALTER EXTENSION UPDATE would, after the 0.1.0 script.
        try (TestDatabase plain = TestDatabase.empty()) {
            plain.execute(registered010);
            for (String ext : db.column("SELECT ext FROM pgtle.calls WHERE fn = 'install_update_path' ORDER BY n")) {
                assertThat(ext).doesNotContain("\\echo");
                plain.execute(ext);
            }
            assertThat(plain.scalar("SELECT pg_tviews_version()")).isEqualTo("0.2.0");
            assertThat(plain.scalar("SELECT version FROM pg_tviews_runtime")).isEqualTo("0.10.0");
        }
    }

    @Test
    void sqlContainingTheDelimiterIsRefusedAndNothingIsWritten() throws Exception {
        Path output = dir.resolve("out/pg_tviews--0.1.0.pg_tle.sql");

        assertThatThrownBy(() -> PgTleScript.write(control("0.1.0"),
                script("0.1.0", "SELECT $_pgtle_$ oops $_pgtle_$;\n"), dir.resolve("none"), output))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("pg_tviews--0.1.0.sql contains the pg_tle delimiter $_pgtle_$: "
                        + "it cannot be wrapped for pgtle.install_extension");
        assertThat(output).doesNotExist();

        Path upgrades = Files.createDirectories(dir.resolve("upgrade"));
        Files.writeString(upgrades.resolve("pg_tviews--0.1.0--0.2.0.sql"), "-- $_pgtle_$\n");
        assertThatThrownBy(() -> PgTleScript.write(control("0.2.0"), script("0.2.0", "SELECT 1;\n"), upgrades, output))
                .hasMessage("pg_tviews--0.1.0--0.2.0.sql contains the pg_tle delimiter $_pgtle_$: "
                        + "it cannot be wrapped for pgtle.install_extension");
        assertThat(output).doesNotExist();
    }

    @Test
    void badUpgradeScriptsAndVersionsAreRefused() throws Exception {
        Path output = dir.resolve("out.sql");
        Path upgrades = Files.createDirectories(dir.resolve("upgrade"));
        Map<String, String> refused = Map.of(
                "pg_tviews-0.1.0-0.2.0.sql", "upgrade script pg_tviews-0.1.0-0.2.0.sql is not named "
                        + "pg_tviews--<from>--<to>.sql with numeric versions such as 0.1.0",
                "pg_tviews--0.2.0--0.1.0.sql", "upgrade script pg_tviews--0.2.0--0.1.0.sql does not go to a newer version",
                "pg_tviews--0.2.0--0.3.0.sql", "upgrade script pg_tviews--0.2.0--0.3.0.sql goes past the current version 0.2.0");
        for (var bad : refused.entrySet()) {
            Path file = Files.writeString(upgrades.resolve(bad.getKey()), "SELECT 1;\n");
            assertThatThrownBy(() -> PgTleScript.write(control("0.2.0"), script("0.2.0", "SELECT 1;\n"), upgrades, output))
                    .as(bad.getKey()).isInstanceOf(IllegalArgumentException.class).hasMessage(bad.getValue());
            Files.delete(file);
        }
        assertThatThrownBy(() -> PgTleScript.write(control("0.2.0"), script("0.1.0", "SELECT 1;\n"), upgrades, output))
                .hasMessage("extension script pg_tviews--0.1.0.sql does not match default_version '0.2.0' of "
                        + "pg_tviews.control (expected pg_tviews--0.2.0.sql)");
        assertThat(output).doesNotExist();
    }

    private Path generate(String version, String extensionSql, Path upgrades) throws IOException {
        Path output = dir.resolve("pg_tviews--" + version + ".pg_tle.sql");
        PgTleScript.write(control(version), script(version, extensionSql), upgrades, output);
        return output;
    }

    private Path control(String version) throws IOException {
        Path control = Files.createDirectories(dir.resolve("control-" + version)).resolve("pg_tviews.control");
        return Files.writeString(control, Files.readString(BUILT.resolve("pg_tviews.control"))
                .replace("default_version = '0.1.0'", "default_version = '" + version + "'"));
    }

    private Path script(String version, String sql) throws IOException {
        Path script = Files.createDirectories(dir.resolve("script-" + version)).resolve("pg_tviews--" + version + ".sql");
        return Files.writeString(script, sql);
    }

    private String psql(Path file) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(List.of("psql", "-X", "-q", "-v", "ON_ERROR_STOP=1",
                "-h", "127.0.0.1", "-p", String.valueOf(db.server().port()), "-U", "postgres", "-d", db.name(),
                "-f", file.toString()))
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return output;
    }
}
