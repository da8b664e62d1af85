package io.tviewstudio.tools.demo;

import io.tviewstudio.core.migrate.ConversionProposal;
import io.tviewstudio.core.migrate.MaterializedView;
import io.tviewstudio.core.migrate.MatviewProposer;
import io.tviewstudio.core.migrate.MatviewReader;
import java.util.Map;

import io.tviewstudio.core.catalog.TviewCatalog;
import io.tviewstudio.core.catalog.TviewInfo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.tviewstudio.embedded.EmbeddedPostgres;
import org.postgresql.util.PSQLException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Starts the real demo database once: its own embedded server, as the application does. */
class DemoDatabaseTest {

    private static final List<String> steps = new ArrayList<>();
    private static final List<Double> fractions = new ArrayList<>();
    private static DemoDatabase demo;

    @BeforeAll
    static void startDemo() throws IOException, SQLException {
        demo = DemoDatabase.start((step, fraction) -> {
            steps.add(step);
            fractions.add(fraction);
        });
    }

    @AfterAll
    static void stopDemo() throws IOException {
        demo.close();
    }

    @Test
    void reportsItsStepsInOrderUpToDone() {
        assertThat(steps).containsExactly("Starting PostgreSQL", "Creating database tview_demo",
                "Installing the TVIEW runtime", "Loading the sample schema", "Connect with psql: " + demo.psqlCommand(),
                "Demo database ready");
        assertThat(fractions).isSorted().startsWith(0.0).endsWith(1.0);
    }

    @Test
    void holdsThreeConsistentTviews() throws SQLException {
        try (Connection connection = demo.connect()) {
            assertThat(new TviewCatalog(connection).list()).extracting(TviewInfo::table)
                    .containsExactly("tv_post", "tv_category", "tv_comment");
            assertThat(count(connection, "SELECT count(*) FROM pg_tviews_verify()")).isZero();
        }
    }

    @Test
    void shipsAConvertibleAndABlockedMaterializedViewForTheMigrationAssistant() throws SQLException {
        try (Connection connection = demo.connect()) {
            Map<String, String> verdicts = new java.util.HashMap<>();
            for (MaterializedView matview : MatviewReader.list(connection)) {
                ConversionProposal proposal = MatviewProposer.propose(connection, matview);
                verdicts.put(matview.name() + " " + matview.estimatedRows(), proposal.convertible() ? "yes: " + proposal.tview()
                        : "no: " + proposal.blockers().getFirst().code());
            }
            assertThat(verdicts).containsExactlyInAnyOrderEntriesOf(Map.of("public.mv_search 222", "no: TV020",
                    "public.mv_user_activity 40", "yes: tv_user"));
        }
    }

    @Test
    void holdsAFewHundredGeneratedRows() throws SQLException {
        try (Connection connection = demo.connect()) {
            assertThat(count(connection, "SELECT count(*) FROM tb_user")).isEqualTo(40);
            assertThat(count(connection, "SELECT count(*) FROM tb_category")).isEqualTo(6);
            assertThat(count(connection, "SELECT count(*) FROM tb_post")).isEqualTo(240);
            assertThat(count(connection, "SELECT count(*) FROM tb_comment")).isEqualTo(720);
        }
    }

    @Test
    void renamingAUserCascadesToCommentsThroughPosts() throws SQLException {
        try (Connection connection = demo.connect(); Statement statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            statement.execute("UPDATE tb_user SET name = 'Ada' WHERE pk_user = 1");

            assertThat(count(connection, """
                    SELECT count(*) FROM tv_comment
                    WHERE data->'post'->'author'->>'name' = 'Ada'""")).isEqualTo(18);
            assertThat(count(connection, """
                    SELECT count(*) FROM tv_category, jsonb_array_elements(data->'posts') p
                    WHERE p->'author'->>'name' = 'Ada'""")).isPositive();
            assertThat(count(connection, "SELECT count(*) FROM pg_tviews_verify()")).isZero();
            connection.rollback();
        }
    }

    @Test
    void reportsTheServerVersionAndUrl() {
        assertThat(demo.serverVersion()).matches("\\d+\\.\\d+.*");
        assertThat(demo.jdbcUrl()).startsWith("jdbc:postgresql://127.0.0.1:").endsWith("/tview_demo");
    }

    @Test
    void closeStopsTheServer() throws IOException, SQLException {
        try (DemoDatabase other = DemoDatabase.start(DemoProgress.NONE)) {
            other.close();

            assertThatThrownBy(other::connect).isInstanceOf(SQLException.class);
        }
    }

    @Test
    void refusesConnectionsWithoutThePassword() {
        // A wrong password: the server checks it (SCRAM) and refuses with 28P01 invalid_password.
        assertThat(refusal(demo.jdbcUrl(), "postgres", "postgres")).isEqualTo("28P01");
        assertThat(refusal(demo.jdbcUrl(), "postgres", demo.password() + "x")).isEqualTo("28P01");
        assertThat(refusal(demo.jdbcUrl(), "postgres", "trust")).isEqualTo("28P01");
        assertThat(refusal(demo.jdbcUrl(), "tviews", "nopassword")).isEqualTo("28P01");
        assertThat(refusal(demo.jdbcUrl().replace("tview_demo", "postgres"), "postgres", "x")).isEqualTo("28P01");
        // No password, or an empty one: the server asks for SCRAM, which PgJDBC cannot answer (08004).
        Properties userOnly = new Properties();
        userOnly.setProperty("user", "postgres");
        assertThatThrownBy(() -> DriverManager.getConnection(demo.jdbcUrl(), userOnly).close())
                .isInstanceOf(PSQLException.class)
                .hasMessage("The server requested SCRAM-based authentication, but no password was provided.")
                .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("08004");
        assertThatThrownBy(() -> DriverManager.getConnection(demo.jdbcUrl(), "postgres", "").close())
                .isInstanceOf(PSQLException.class)
                .hasMessage("The server requested SCRAM-based authentication, but the password is an empty string.")
                .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("08004");
    }

    @Test
    void acceptsTheGeneratedPassword() throws SQLException {
        assertThat(demo.password()).matches("[A-Za-z0-9_-]{43}");
        try (Connection connection = DriverManager.getConnection(demo.jdbcUrl(), "postgres", demo.password())) {
            assertThat(count(connection, "SELECT count(*) FROM pg_tview_meta")).isEqualTo(3);
            try (Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery("SELECT rolpassword LIKE 'SCRAM-SHA-256$%' FROM pg_authid WHERE rolname = 'postgres'")) {
                rows.next();
                assertThat(rows.getBoolean(1)).as("the password is stored as a SCRAM verifier").isTrue();
            }
            try (Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery(
                         "SELECT DISTINCT auth_method FROM pg_hba_file_rules WHERE error IS NULL ORDER BY 1")) {
                List<String> methods = new ArrayList<>();
                while (rows.next()) {
                    methods.add(rows.getString(1));
                }
                assertThat(methods).as("every pg_hba.conf line").containsExactly("scram-sha-256");
            }
        }
    }

    @Test
    void keepsThePasswordInAFileOnlyItsOwnerReads() throws IOException {
        Path file = demo.passwordFile();
        assertThat(Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.getOwner(file, LinkOption.NOFOLLOW_LINKS).getName()).isEqualTo(System.getProperty("user.name"));
        assertThat(Files.getPosixFilePermissions(file.getParent())).isEqualTo(PosixFilePermissions.fromString("rwx------"));
        String port = demo.jdbcUrl().replaceAll(".*:(\\d+)/.*", "$1");
        assertThat(Files.readAllLines(file)).containsExactly(
                "127.0.0.1:" + port + ":*:postgres:" + demo.password(),
                "localhost:" + port + ":*:postgres:" + demo.password(),
                file.getParent().resolve("socket") + ":" + port + ":*:postgres:" + demo.password());
        assertThat(Files.getPosixFilePermissions(file.getParent().resolve("socket")))
                .as("the Unix socket's directory").isEqualTo(PosixFilePermissions.fromString("rwx------"));
        try (var files = Files.list(file.getParent())) {
            assertThat(files.map(path -> path.getFileName().toString()))
                    .as("initdb's password file is gone").doesNotContain("initdb-password");
        }
        assertThat(Files.readString(demo.server().logFile())).doesNotContain(demo.password());
    }

    @Test
    void namesThePsqlCommandWithThePasswordFileNotThePassword() {
        String port = demo.jdbcUrl().replaceAll(".*:(\\d+)/.*", "$1");
        assertThat(demo.psqlCommand()).isEqualTo("PGPASSFILE=" + demo.passwordFile() + " psql -h 127.0.0.1 -p " + port
                + " -U postgres tview_demo");
        assertThat(steps).noneMatch(step -> step.contains(demo.password()));
    }

    @Test
    void thePsqlCommandLogsInAndPsqlWithoutThePasswordFileDoesNot() throws IOException, InterruptedException {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/psql")), "psql is installed");
        Path home = Files.createTempDirectory("tview-demo-home-");
        try {
            assertThat(shell(home, demo.psqlCommand() + " -X -w -A -t -c 'SELECT current_user'"))
                    .isEqualTo("0 postgres");
            String without = shell(home, demo.psqlCommand().replaceFirst("^PGPASSFILE=\\S+ ", "") + " -X -w -A -t -c 'SELECT 1'");
            assertThat(without).startsWith("2 ").contains("fe_sendauth: no password supplied");
        } finally {
            Files.deleteIfExists(home);
        }
    }

    /** Runs a command line with bash, no PG* variables and an empty HOME; "exit-code output". */
    private static String shell(Path home, String command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("bash", "-c", command).redirectErrorStream(true);
        builder.environment().keySet().removeIf(name -> name.startsWith("PG"));
        builder.environment().put("HOME", home.toString());
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return process.exitValue() + " " + output;
    }

    private static String refusal(String url, String user, String password) {
        try (Connection connection = DriverManager.getConnection(url, user, password)) {
            throw new AssertionError("logged in as " + user + " with password \"" + password + "\"");
        } catch (SQLException e) {
            return e.getSQLState();
        }
    }

    private static long count(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
