package io.tviewstudio.cli;

import io.tviewstudio.core.testing.TlsServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** {@code tviews} with --sslmode verify-full and --sslrootcert (or PGSSLROOTCERT) against a server with TLS. */
class TlsCliTest {

    @TempDir
    Path home;

    static TlsServer tls;
    static String database;

    @BeforeAll
    static void serverWithTls() throws Exception {
        assumeTrue(TlsServer.available(), "the openssl command is needed to make the test certificates");
        tls = TlsServer.get();
        database = "tls_cli_" + ProcessHandle.current().pid();
        try (Connection admin = tls.server().connect("postgres"); Statement statement = admin.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + database);
            statement.execute("CREATE DATABASE " + database);
        }
    }

    private Map<String, String> environment(String host) {
        Map<String, String> variables = new HashMap<>();
        variables.put("PGHOST", host);
        variables.put("PGPORT", Integer.toString(tls.port()));
        variables.put("PGUSER", "postgres");
        variables.put("PGDATABASE", database);
        return variables;
    }

    @Test
    void installsAndReportsOverVerifiedTls() {
        CliRun install = CliRun.run(environment("localhost"), home, "install-runtime", "--sslmode", "verify-full",
                "--sslrootcert", tls.ca().toString());
        assertThat(install.exit()).as(install.toString()).isEqualTo(ExitCode.OK);

        Map<String, String> variables = environment("localhost");
        variables.put("PGSSLMODE", "verify-full");
        variables.put("PGSSLROOTCERT", tls.ca().toString());
        CliRun status = CliRun.run(variables, home, "status");
        assertThat(status.exit()).as(status.toString()).isEqualTo(ExitCode.OK);
        assertThat(status.out()).contains("postgres@localhost:" + tls.port() + "/" + database);
    }

    @Test
    void aWrongCaIsAnSslFailureWithExitCode3() {
        CliRun wrongCa = CliRun.run(environment("localhost"), home, "status", "--sslmode", "verify-full",
                "--sslrootcert", tls.otherCa().toString());

        assertThat(wrongCa.exit()).as(wrongCa.toString()).isEqualTo(ExitCode.CONNECTION);
        assertThat(wrongCa.err()).startsWith("error [08006 ssl_failure]: the server's certificate at localhost:" + tls.port()
                + " is not signed by a CA in " + tls.otherCa() + " (sslmode=verify-full): SSL error: ");
        assertThat(wrongCa.err()).contains("hint: Pass --sslrootcert (or PGSSLROOTCERT) with the certificate of the CA "
                + "that signed the server's certificate.");
    }

    @Test
    void aHostNameMismatchIsAnSslFailureWithExitCode3() {
        CliRun mismatch = CliRun.run(environment("127.0.0.1"), home, "status", "--sslmode", "verify-full",
                "--sslrootcert", tls.ca().toString());

        assertThat(mismatch.exit()).as(mismatch.toString()).isEqualTo(ExitCode.CONNECTION);
        assertThat(mismatch.err().lines().findFirst().orElseThrow()).isEqualTo("error [08006 ssl_failure]: host name "
                + "mismatch: the server's certificate at 127.0.0.1:" + tls.port() + " is not issued for \"127.0.0.1\" "
                + "(sslmode=verify-full checks the host name against the certificate's subjectAltName and CN)");
    }

    @Test
    void aMissingRootCertificateFileIsAnSslFailureBeforeConnecting() {
        Path missing = home.resolve("db-ca.pem");
        Map<String, String> variables = environment("localhost");
        variables.put("PGSSLMODE", "verify-full");
        variables.put("PGSSLROOTCERT", missing.toString());

        CliRun run = CliRun.run(variables, home, "status");

        assertThat(run.exit()).as(run.toString()).isEqualTo(ExitCode.CONNECTION);
        assertThat(run.err().lines().findFirst().orElseThrow()).isEqualTo("error [ssl_failure]: the root certificate file "
                + missing + " does not exist or cannot be read (sslmode=verify-full checks the server's certificate against it)");
    }
}
