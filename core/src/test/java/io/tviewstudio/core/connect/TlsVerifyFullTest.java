package io.tviewstudio.core.connect;

import io.tviewstudio.embedded.EmbeddedPostgres;
import io.tviewstudio.core.testing.TlsServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * sslmode=verify-full through core's resolver and Connector, against a server with ssl = on and a
 * certificate for localhost only (TlsServer). Trusting its CA, a connection to localhost succeeds
 * over TLS; trusting another CA, or connecting to 127.0.0.1 (not named in the certificate), fails
 * with the ssl_failure category and a message saying which check failed.
 */
class TlsVerifyFullTest {

    @TempDir
    Path home;

    static TlsServer tls;

    @BeforeAll
    static void startServerWithTls() {
        assumeTrue(TlsServer.available(), "the openssl command is needed to make the test certificates");
        tls = TlsServer.get();
    }

    @Test
    void verifyFullWithTheRightCaConnectsOverTls() throws Exception {
        try (Connection connection = open(spec("localhost", tls.ca()), Map.of())) {
            assertThat(sslInUse(connection)).isTrue();
        }
    }

    @Test
    void theCaMayComeFromPgsslrootcertOrTheHomeDirectory() throws Exception {
        try (Connection connection = open(spec("localhost", null), Map.of("PGSSLROOTCERT", tls.ca().toString()))) {
            assertThat(sslInUse(connection)).isTrue();
        }
        Files.createDirectories(home.resolve(".postgresql"));
        Files.copy(tls.ca(), home.resolve(".postgresql").resolve("root.crt"));
        try (Connection connection = open(spec("localhost", null), Map.of())) {
            assertThat(sslInUse(connection)).isTrue();
        }
    }

    @Test
    void anotherCaIsAnSslFailure() {
        ConnectionFailure failure = catchThrowableOfType(ConnectionFailure.class,
                () -> open(spec("localhost", tls.otherCa()), Map.of()));

        assertThat(failure.category()).isEqualTo(FailureCategory.SSL_FAILURE);
        assertThat(failure.getMessage()).startsWith("the server's certificate at localhost:" + tls.port()
                + " is not signed by a CA in " + tls.otherCa() + " (sslmode=verify-full): SSL error: ")
                .contains("unable to find valid certification path to requested target");
        assertThat(failure.hint()).isEqualTo(
                "Pass --sslrootcert (or PGSSLROOTCERT) with the certificate of the CA that signed the server's certificate.");
    }

    @Test
    void aHostNameTheCertificateDoesNotNameIsAnSslFailure() {
        ConnectionFailure failure = catchThrowableOfType(ConnectionFailure.class, () -> open(spec("127.0.0.1", tls.ca()), Map.of()));

        assertThat(failure.category()).isEqualTo(FailureCategory.SSL_FAILURE);
        assertThat(failure.getMessage()).isEqualTo("host name mismatch: the server's certificate at 127.0.0.1:" + tls.port()
                + " is not issued for \"127.0.0.1\" (sslmode=verify-full checks the host name against the certificate's "
                + "subjectAltName and CN)");
    }

    @Test
    void verifyCaAccepts127001BecauseItChecksTheCaOnly() throws Exception {
        ConnectionSpec verifyCa = new ConnectionSpec(null, "127.0.0.1", tls.port(), "postgres", EmbeddedPostgres.SUPERUSER,
                null, "verify-ca", null, 10, tls.ca().toString());
        try (Connection connection = open(verifyCa, Map.of())) {
            assertThat(sslInUse(connection)).isTrue();
        }
    }

    @Test
    void aMissingCaFileIsAnSslFailureBeforeConnecting() {
        Path missing = home.resolve("nothing.crt");
        ConnectionFailure failure = catchThrowableOfType(ConnectionFailure.class, () -> open(spec("localhost", missing), Map.of()));

        assertThat(failure.category()).isEqualTo(FailureCategory.SSL_FAILURE);
        assertThat(failure.getMessage()).isEqualTo("the root certificate file " + missing
                + " does not exist or cannot be read (sslmode=verify-full checks the server's certificate against it)");
        assertThat(failure.getCause()).isNull();
    }

    private static ConnectionSpec spec(String host, Path rootCert) {
        return new ConnectionSpec(null, host, tls.port(), "postgres", EmbeddedPostgres.SUPERUSER, null, "verify-full", null, 10,
                rootCert == null ? null : rootCert.toString());
    }

    private Connection open(ConnectionSpec spec, Map<String, String> variables) throws ConnectionFailure {
        return Connector.open(new ConnectionResolver(new Environment(variables, home)).resolve(spec));
    }

    private static boolean sslInUse(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()")) {
            rows.next();
            return rows.getBoolean(1);
        }
    }
}
