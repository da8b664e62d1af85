package io.tviewstudio.core.testing;

import io.tviewstudio.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;

class EmbeddedPostgresTest {

    @Test
    void serverRunsTheVersionTheBuildSelected() throws SQLException {
        String expectedMajor = System.getProperty("pg.binaries.version", "17.6.0").split("\\.")[0];
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
