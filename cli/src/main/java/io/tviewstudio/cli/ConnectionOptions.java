package io.tviewstudio.cli;

import io.tviewstudio.core.connect.ConnectionSpec;
import picocli.CommandLine.Option;

/** The connection options every database command takes, named as psql names them. */
final class ConnectionOptions {

    @Option(names = "--url", paramLabel = "JDBC_URL",
            description = "A jdbc:postgresql: URL; replaces --host, --port, --dbname and --service.")
    String url;

    @Option(names = {"-h", "--host"}, paramLabel = "HOST", description = "Server host (default: PGHOST, else localhost).")
    String host;

    @Option(names = {"-p", "--port"}, paramLabel = "PORT", description = "Server port (default: PGPORT, else 5432).")
    Integer port;

    @Option(names = {"-d", "--dbname"}, paramLabel = "DBNAME", description = "Database (default: PGDATABASE, else the user name).")
    String database;

    @Option(names = {"-U", "--username"}, paramLabel = "USER", description = "Role (default: PGUSER, else the operating system user).")
    String user;

    @Option(names = {"-W", "--password"}, interactive = true, arity = "0", paramLabel = "",
            description = "Prompt for the password (else PGPASSWORD, else ~/.pgpass or PGPASSFILE).")
    char[] password;

    @Option(names = "--sslmode", paramLabel = "MODE",
            description = "disable, allow, prefer, require, verify-ca or verify-full (default: PGSSLMODE, else the driver's prefer).")
    String sslmode;

    @Option(names = "--sslrootcert", paramLabel = "FILE",
            description = "CA certificates that verify-ca and verify-full check the server's certificate against (default: PGSSLROOTCERT, else ~/.postgresql/root.crt).")
    String sslrootcert;

    @Option(names = "--service", paramLabel = "NAME",
            description = "A section of the connection service file (PGSERVICEFILE, ~/.pg_service.conf, PGSYSCONFDIR/pg_service.conf).")
    String service;

    @Option(names = "--connect-timeout", paramLabel = "SECONDS",
            description = "Give up when the server has not accepted the login after this many seconds; 0 waits forever (default: PGCONNECT_TIMEOUT, else 10).")
    Integer connectTimeout;

    ConnectionSpec spec() {
        return new ConnectionSpec(url, host, port, database, user, password == null ? null : new String(password),
                sslmode, service, connectTimeout, sslrootcert);
    }
}
