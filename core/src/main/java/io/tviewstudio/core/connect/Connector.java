package io.tviewstudio.core.connect;

import io.tviewstudio.core.jdbc.DatabaseError;
import io.tviewstudio.core.install.RuntimeVersion;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

/**
 * Opens PgJDBC connections and turns every way that can fail into a {@link ConnectionFailure} with a
 * stable {@link FailureCategory}, the SQLSTATE and a message that names the server, the role and
 * where the password came from.
 */
public final class Connector {

    /** {@code server_version_num} of the oldest PostgreSQL the runtime supports (15). */
    public static final int MIN_SERVER_VERSION_NUM = 150000;
    /** The newest major version the runtime is tested on; newer ones work but get a warning. */
    public static final int NEWEST_TESTED_MAJOR = 17;

    private Connector() {
    }

    /** A connection to a supported server (PostgreSQL 15 or newer). */
    public static Connection open(ResolvedConnection target) throws ConnectionFailure {
        Connection connection;
        try {
            connection = DriverManager.getConnection(target.jdbcUrl(), target.properties());
        } catch (SQLException e) {
            throw classify(e, target);
        }
        try {
            int versionNumber;
            String version;
            try (Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery(
                         "SELECT current_setting('server_version_num')::int, current_setting('server_version')")) {
                rows.next();
                versionNumber = rows.getInt(1);
                version = rows.getString(2);
            }
            requireSupportedServer(versionNumber, version, target);
            return connection;
        } catch (SQLException e) {
            closeQuietly(connection);
            throw new ConnectionFailure(FailureCategory.CONNECTION_FAILED, e.getSQLState(),
                    "cannot read the server version of " + target.target() + ": " + e.getMessage(), null, e);
        } catch (ConnectionFailure e) {
            closeQuietly(connection);
            throw e;
        }
    }

    /** Refuses servers older than PostgreSQL 15. */
    public static void requireSupportedServer(int versionNumber, String version, ResolvedConnection target)
            throws ConnectionFailure {
        if (versionNumber < MIN_SERVER_VERSION_NUM) {
            throw new ConnectionFailure(FailureCategory.UNSUPPORTED_SERVER_VERSION, null,
                    "PostgreSQL " + version + " at " + target.target() + " is not supported: "
                            + "the TVIEW runtime needs PostgreSQL 15 or newer (tested on 15, 16 and 17)",
                    "Upgrade the server, or use a database on a PostgreSQL 15, 16 or 17 server.", null);
        }
    }

    /** Whether the major version is newer than the newest one the runtime is tested on. */
    public static boolean isUntestedNewerServer(int versionNumber) {
        return versionNumber / 10000 > NEWEST_TESTED_MAJOR;
    }

    /**
     * Requires the runtime at exactly the version this library ships.
     *
     * @return the installed version
     */
    public static String requireCurrentRuntime(Connection connection, ResolvedConnection target)
            throws ConnectionFailure, SQLException {
        String shipped = RuntimeVersion.shipped();
        Optional<String> installed = RuntimeVersion.installed(connection);
        if (installed.isEmpty()) {
            throw new ConnectionFailure(FailureCategory.RUNTIME_NOT_INSTALLED, null,
                    "the TVIEW runtime is not installed in database \"" + target.database() + "\" at "
                            + target.host() + ":" + target.port(),
                    "Install it with: tviews install (or psql -f sql/install.sql).", null);
        }
        if (!installed.get().equals(shipped)) {
            throw new ConnectionFailure(FailureCategory.RUNTIME_VERSION_MISMATCH, null,
                    "database \"" + target.database() + "\" holds TVIEW runtime " + installed.get()
                            + ", this tviews works with runtime " + shipped,
                    "Upgrade the runtime with: tviews install (it keeps every TVIEW).", null);
        }
        return installed.get();
    }

    static ConnectionFailure classify(SQLException e, ResolvedConnection target) {
        String state = e.getSQLState();
        String where = target.host() + ":" + target.port();
        if ("28P01".equals(state)) {
            return new ConnectionFailure(FailureCategory.WRONG_PASSWORD, state,
                    "password authentication failed for user \"" + target.user() + "\" at " + where
                            + " (password " + target.passwordDescription() + ")",
                    "Check the password, PGPASSWORD and the password file (" + "~/.pgpass or PGPASSFILE).", e);
        }
        if ("3D000".equals(state)) {
            return new ConnectionFailure(FailureCategory.UNKNOWN_DATABASE, state,
                    "database \"" + target.database() + "\" does not exist at " + where,
                    "Check the name (psql -l lists the databases), or create it with createdb.", e);
        }
        if ("28000".equals(state)) {
            return new ConnectionFailure(FailureCategory.AUTHENTICATION_REJECTED, state,
                    "the server at " + where + " rejected user \"" + target.user() + "\": " + serverText(e),
                    "Check the role name and the server's pg_hba.conf.", e);
        }
        if ("42501".equals(state)) {
            return new ConnectionFailure(FailureCategory.INSUFFICIENT_PRIVILEGE, state,
                    "user \"" + target.user() + "\" may not connect to database \"" + target.database() + "\" at "
                            + where + ": " + serverText(e),
                    "GRANT CONNECT ON DATABASE " + target.database() + " TO " + target.user() + ";", e);
        }
        String message = String.valueOf(e.getMessage());
        if (message.contains("no password was provided")) {
            return new ConnectionFailure(FailureCategory.PASSWORD_MISSING, state,
                    "the server at " + where + " asks for a password for user \"" + target.user()
                            + "\" and none was given",
                    "Pass -W to be prompted, set PGPASSWORD, or add a line to the password file (~/.pgpass or PGPASSFILE).", e);
        }
        if (hasCause(e, SocketTimeoutException.class) || message.contains("timed out")) {
            return new ConnectionFailure(FailureCategory.TIMEOUT, state,
                    "no answer from " + where + " within " + target.properties().getProperty("loginTimeout", "the")
                            + " seconds",
                    "Check that the host and port are right and that a firewall does not drop the packets; "
                            + "raise --connect-timeout for a slow network.", e);
        }
        if (hasCause(e, UnknownHostException.class)) {
            return new ConnectionFailure(FailureCategory.SERVER_UNREACHABLE, state,
                    "unknown host \"" + target.host() + "\"", "Check the host name.", e);
        }
        if (hasCause(e, ConnectException.class) || hasCause(e, NoRouteToHostException.class)) {
            return new ConnectionFailure(FailureCategory.SERVER_UNREACHABLE, state,
                    "cannot reach PostgreSQL at " + where + ": connection refused",
                    "Is the server running and accepting TCP connections on that host and port "
                            + "(listen_addresses, port in postgresql.conf)?", e);
        }
        if (message.contains("could not be verified by hostnameverifier")) {
            return new ConnectionFailure(FailureCategory.SSL_FAILURE, state,
                    "host name mismatch: the server's certificate at " + where + " is not issued for \"" + target.host()
                            + "\" (sslmode=verify-full checks the host name against the certificate's subjectAltName and CN)",
                    "Connect with a host name the certificate names, or have it reissued with this name in its "
                            + "subjectAltName; sslmode=verify-ca checks the CA only.", e);
        }
        if (message.contains("PKIX path") || message.contains("unable to find valid certification path")
                || hasCause(e, java.security.cert.CertPathValidatorException.class)) {
            String rootCert = target.properties().getProperty("sslrootcert", "~/.postgresql/root.crt");
            return new ConnectionFailure(FailureCategory.SSL_FAILURE, state,
                    "the server's certificate at " + where + " is not signed by a CA in " + rootCert + " ("
                            + "sslmode=" + target.properties().getProperty("sslmode", "prefer") + "): " + message,
                    "Pass --sslrootcert (or PGSSLROOTCERT) with the certificate of the CA that signed the server's certificate.", e);
        }
        if (message.contains("SSL")) {
            return new ConnectionFailure(FailureCategory.SSL_FAILURE, state,
                    "SSL negotiation with " + where + " failed: " + message,
                    "Check --sslmode and the server's SSL settings.", e);
        }
        return new ConnectionFailure(FailureCategory.CONNECTION_FAILED, state,
                "cannot connect to " + target.target() + ": " + message, null, e);
    }

    private static String serverText(SQLException e) {
        return String.valueOf(DatabaseError.of(e).message());
    }

    private static boolean hasCause(Throwable error, Class<? extends Throwable> type) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // The connection is being abandoned because of an earlier, reported failure.
        }
    }
}
