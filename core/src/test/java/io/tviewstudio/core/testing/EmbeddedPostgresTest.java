package io.tviewstudio.core.testing;

import io.tviewstudio.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class EmbeddedPostgresTest {

    @Test
    void serverRunsTheVersionTheBuildSelected() throws SQLException {
        String expectedMajor = System.getProperty("pg.binaries.version", "17.12.0").split("\\.")[0];
        try (TestDatabase db = TestDatabase.empty()) {
            assertThat(PostgresServer.get().serverVersion()).contains("PostgreSQL) " + expectedMajor + ".");
            assertThat(db.scalar("SELECT current_setting('server_version_num')::int / 10000"))
                    .isEqualTo(Integer.parseInt(expectedMajor));
        }
    }

    @Test
    void serverProcessNeverRunsAsRoot() throws Exception {
        try (TestDatabase db = TestDatabase.empty()) {
            String dataDirectory = (String) db.scalar("SHOW data_directory");
            String postmasterPid = Files.readAllLines(Path.of(dataDirectory, "postmaster.pid")).get(0).strip();
            String uidLine = Files.readAllLines(Path.of("/proc", postmasterPid, "status")).stream()
                    .filter(line -> line.startsWith("Uid:")).findFirst().orElseThrow();
            int realUid = Integer.parseInt(uidLine.split("\\s+")[1]);
            assertThat(realUid).as("uid of the postmaster").isNotZero();
        }
    }

    /**
     * A port taken between its choice and the server's bind (by the server of a test JVM beside
     * this one, or an application on the user's machine): the server starts on another. The taken
     * port is forced here by a later port line, which postgresql.conf lets win.
     */
    @Test
    void aServerWhosePortIsTakenBeforeItBindsStartsOnAnother() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            try (EmbeddedPostgres server = EmbeddedPostgres.start(EmbeddedPostgres.Authentication.TRUST,
                    List.of("port = " + taken.getLocalPort()), Map.of());
                 Connection connection = server.connect("postgres")) {
                assertThat(server.port()).isNotEqualTo(taken.getLocalPort());
                assertThat(TestDatabase.scalar(connection, "SELECT current_setting('port')::int")).isEqualTo(server.port());
                assertThat(Files.readString(server.logFile())).contains("Address already in use");
            }
        }
    }

    @Test
    void theTestFixtureTrustsLocalConnectionsByItsOwnChoice() throws IOException {
        EmbeddedPostgres server = PostgresServer.get();
        assertThat(server.authentication()).isEqualTo(EmbeddedPostgres.Authentication.TRUST);
        assertThat(server.superuserPassword()).isEmpty();
        assertThat(server.passwordFile()).isEmpty();
        assertThat(server.psqlCommand("some db")).isEqualTo("psql -h 127.0.0.1 -p " + server.port() + " -U postgres 'some db'");
        assertThat(Files.getPosixFilePermissions(server.socketDirectory())).isEqualTo(PosixFilePermissions.fromString("rwx------"));
        assertThat(Files.getPosixFilePermissions(server.socketDirectory().getParent()))
                .isEqualTo(PosixFilePermissions.fromString("rwx------"));
    }
}
