package io.tviewstudio.core.connect;

import io.tviewstudio.embedded.EmbeddedPostgres;
import io.tviewstudio.core.testing.PasswordRole;
import io.tviewstudio.core.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Each way a connection fails, against the real embedded server, with its category, SQLSTATE and message. */
class ConnectorTest {

    @TempDir
    Path home;

    private final Map<String, String> variables = new HashMap<>();

    private ResolvedConnection resolve(ConnectionSpec spec) throws ConnectionFailure {
        return new ConnectionResolver(new Environment(variables, home)).resolve(spec);
    }

    private static ConnectionSpec to(int port, String database, String user) {
        return new ConnectionSpec(null, "127.0.0.1", port, database, user, null, null, null, null);
    }

    private void assertFailure(ConnectionSpec spec, FailureCategory category, String sqlState, String message) {
        assertThatThrownBy(() -> Connector.open(resolve(spec))).isInstanceOfSatisfying(ConnectionFailure.class, failure -> {
            assertThat(failure.category()).isEqualTo(category);
            assertThat(failure.sqlState()).isEqualTo(sqlState);
            assertThat(failure.getMessage()).isEqualTo(message);
        });
    }

    @Test
    void connectsToASupportedServerWithThePasswordFromThePasswordFile() throws Exception {
        EmbeddedPostgres server = PasswordRole.ensure();
        Path pgpass = home.resolve(".pgpass");
        Files.writeString(pgpass, "127.0.0.1:" + server.port() + ":postgres:" + PasswordRole.NAME + ":"
                + PasswordRole.PASSWORD.replace("\\", "\\\\").replace(":", "\\:") + "\n");
        Files.setPosixFilePermissions(pgpass, PosixFilePermissions.fromString("rw-------"));

        ResolvedConnection target = resolve(to(server.port(), "postgres", PasswordRole.NAME));
        try (Connection connection = Connector.open(target)) {
            assertThat(TestDatabase.scalar(connection, "SELECT current_user")).isEqualTo(PasswordRole.NAME);
        }
        assertThat(target.passwordSource()).isEqualTo(PasswordSource.PASSWORD_FILE);
    }

    @Test
    void wrongPasswordIs28P01AndSaysWhereThePasswordCameFrom() {
        EmbeddedPostgres server = PasswordRole.ensure();
        variables.put("PGPASSWORD", "not-it");

        assertFailure(to(server.port(), "postgres", PasswordRole.NAME), FailureCategory.WRONG_PASSWORD, "28P01",
                "password authentication failed for user \"" + PasswordRole.NAME + "\" at 127.0.0.1:" + server.port()
                        + " (password from PGPASSWORD)");
    }

    @Test
    void noPasswordWhereTheServerAsksForOneIsPasswordMissing() {
        EmbeddedPostgres server = PasswordRole.ensure();

        assertFailure(to(server.port(), "postgres", PasswordRole.NAME), FailureCategory.PASSWORD_MISSING, "08004",
                "the server at 127.0.0.1:" + server.port() + " asks for a password for user \""
                        + PasswordRole.NAME + "\" and none was given");
    }

    @Test
    void unknownDatabaseIs3D000() throws SQLException {
        int port;
        try (TestDatabase db = TestDatabase.empty()) {
            port = db.server().port();
        }

        assertFailure(to(port, "no_such_db", "postgres"), FailureCategory.UNKNOWN_DATABASE, "3D000",
                "database \"no_such_db\" does not exist at 127.0.0.1:" + port);
    }

    @Test
    void unknownRoleIsAuthenticationRejected() throws SQLException {
        int port;
        try (TestDatabase db = TestDatabase.empty()) {
            port = db.server().port();
        }

        assertFailure(to(port, "postgres", "nobody_here"), FailureCategory.AUTHENTICATION_REJECTED, "28000",
                "the server at 127.0.0.1:" + port + " rejected user \"nobody_here\": role \"nobody_here\" does not exist");
    }

    @Test
    void aClosedPortIsServerUnreachable() throws IOException {
        int port = closedPort();

        assertFailure(to(port, "postgres", "postgres"), FailureCategory.SERVER_UNREACHABLE, "08001",
                "cannot reach PostgreSQL at 127.0.0.1:" + port + ": connection refused");
    }

    @Test
    void aServerThatNeverAnswersIsATimeout() throws IOException {
        // A listening socket that accepts TCP but never speaks the protocol.
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            ConnectionSpec spec = to(silent.getLocalPort(), "postgres", "postgres").withConnectTimeout(1);

            assertFailure(spec, FailureCategory.TIMEOUT, "08001",
                    "no answer from 127.0.0.1:" + silent.getLocalPort() + " within 1 seconds");
        }
    }

    @Test
    void serversBeforePostgres15AreRefusedAndTheEmbeddedOneIsAccepted() throws Exception {
        ResolvedConnection target = resolve(to(5432, "sales", "alice"));

        assertThatThrownBy(() -> Connector.requireSupportedServer(140011, "14.11", target))
                .isInstanceOfSatisfying(ConnectionFailure.class, failure -> {
                    assertThat(failure.category()).isEqualTo(FailureCategory.UNSUPPORTED_SERVER_VERSION);
                    assertThat(failure.sqlState()).isNull();
                    assertThat(failure.getMessage()).isEqualTo("PostgreSQL 14.11 at alice@127.0.0.1:5432/sales is not "
                            + "supported: the TVIEW runtime needs PostgreSQL 15 or newer (tested on 15, 16 and 17)");
                });
        Connector.requireSupportedServer(150000, "15.0", target);
        assertThat(Connector.isUntestedNewerServer(170006)).isFalse();
        assertThat(Connector.isUntestedNewerServer(180000)).isTrue();
        try (TestDatabase db = TestDatabase.empty();
             Connection connection = Connector.open(resolve(to(db.server().port(), db.name(), "postgres")))) {
            assertThat((Integer) TestDatabase.scalar(connection, "SELECT current_setting('server_version_num')::int"))
                    .isGreaterThanOrEqualTo(Connector.MIN_SERVER_VERSION_NUM);
        }
    }

    @Test
    void runtimeMustBeInstalledAtTheShippedVersion() throws Exception {
        try (TestDatabase empty = TestDatabase.empty(); TestDatabase old = TestDatabase.withRuntime();
             TestDatabase current = TestDatabase.withRuntime()) {
            old.execute("UPDATE pg_tviews_runtime SET version = '0.0.9'");
            ResolvedConnection emptyTarget = resolve(to(empty.server().port(), empty.name(), "postgres"));
            ResolvedConnection oldTarget = resolve(to(old.server().port(), old.name(), "postgres"));
            ResolvedConnection currentTarget = resolve(to(current.server().port(), current.name(), "postgres"));

            assertThatThrownBy(() -> Connector.requireCurrentRuntime(empty.connection(), emptyTarget))
                    .isInstanceOfSatisfying(ConnectionFailure.class, failure -> {
                        assertThat(failure.category()).isEqualTo(FailureCategory.RUNTIME_NOT_INSTALLED);
                        assertThat(failure.getMessage()).isEqualTo("the TVIEW runtime is not installed in database \""
                                + empty.name() + "\" at 127.0.0.1:" + empty.server().port());
                    });
            assertThatThrownBy(() -> Connector.requireCurrentRuntime(old.connection(), oldTarget))
                    .isInstanceOfSatisfying(ConnectionFailure.class, failure -> {
                        assertThat(failure.category()).isEqualTo(FailureCategory.RUNTIME_VERSION_MISMATCH);
                        assertThat(failure.getMessage()).isEqualTo("database \"" + old.name()
                                + "\" holds TVIEW runtime 0.0.9, this tviews works with runtime 0.1.0");
                    });
            assertThat(Connector.requireCurrentRuntime(current.connection(), currentTarget)).isEqualTo("0.1.0");
        }
    }

    static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
