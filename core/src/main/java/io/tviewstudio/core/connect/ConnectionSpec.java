package io.tviewstudio.core.connect;

/**
 * What the user said about where to connect, before defaults and the environment are applied:
 * either a JDBC URL or libpq-style parts. Every component may be null (not given).
 *
 * @param url                   a {@code jdbc:postgresql:} URL; when given, host/port/database/service are not used
 * @param host                  host name or address
 * @param port                  TCP port
 * @param database              database name
 * @param user                  role name
 * @param password              the password, when given explicitly (never written anywhere by us)
 * @param sslmode               {@code disable}, {@code allow}, {@code prefer}, {@code require}, {@code verify-ca}, {@code verify-full}
 * @param service               a section of the connection service file
 * @param connectTimeoutSeconds how long to wait for the server to accept the login; 0 waits forever
 * @param sslrootcert           the file of CA certificates that sslmode verify-ca and verify-full check the
 *                              server's certificate against (else PGSSLROOTCERT, else ~/.postgresql/root.crt)
 */
public record ConnectionSpec(String url, String host, Integer port, String database, String user,
                             String password, String sslmode, String service, Integer connectTimeoutSeconds,
                             String sslrootcert) {

    /** Without a root certificate file of its own (PGSSLROOTCERT or ~/.postgresql/root.crt apply). */
    public ConnectionSpec(String url, String host, Integer port, String database, String user,
                          String password, String sslmode, String service, Integer connectTimeoutSeconds) {
        this(url, host, port, database, user, password, sslmode, service, connectTimeoutSeconds, null);
    }

    /** Nothing given: everything comes from the environment and the defaults, as for a bare {@code psql}. */
    public static ConnectionSpec defaults() {
        return new ConnectionSpec(null, null, null, null, null, null, null, null, null);
    }

    public static ConnectionSpec ofUrl(String url) {
        return new ConnectionSpec(url, null, null, null, null, null, null, null, null);
    }

    public ConnectionSpec withPassword(String newPassword) {
        return new ConnectionSpec(url, host, port, database, user, newPassword, sslmode, service, connectTimeoutSeconds,
                sslrootcert);
    }

    public ConnectionSpec withConnectTimeout(int seconds) {
        return new ConnectionSpec(url, host, port, database, user, password, sslmode, service, seconds, sslrootcert);
    }

    public ConnectionSpec withSslRootCert(String file) {
        return new ConnectionSpec(url, host, port, database, user, password, sslmode, service, connectTimeoutSeconds, file);
    }

    @Override
    public String toString() {
        // Records print every component; the password must never reach a log or an error message.
        return "ConnectionSpec[url=" + Secrets.mask(url) + ", host=" + host + ", port=" + port + ", database=" + database
                + ", user=" + user + ", password=" + (password == null ? "null" : "***") + ", sslmode=" + sslmode
                + ", service=" + service + ", connectTimeoutSeconds=" + connectTimeoutSeconds + ", sslrootcert=" + sslrootcert + "]";
    }
}
