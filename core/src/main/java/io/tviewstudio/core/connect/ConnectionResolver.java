package io.tviewstudio.core.connect;

import org.postgresql.Driver;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

/**
 * Turns a {@link ConnectionSpec} into a {@link ResolvedConnection} the way libpq (and so psql) does:
 * an explicit value wins over the service file, which wins over the {@code PG*} environment
 * variables, which win over the defaults (host {@code localhost}, port 5432, user = the operating
 * system user, database = the user). The password is the explicit one, else the service file's,
 * else {@code PGPASSWORD}, else the first matching line of the password file.
 */
public final class ConnectionResolver {

    /** Seconds to wait for a login when neither the options nor {@code PGCONNECT_TIMEOUT} say. */
    public static final int DEFAULT_CONNECT_TIMEOUT_SECONDS = 10;

    static final Set<String> SSL_MODES = Set.of("disable", "allow", "prefer", "require", "verify-ca", "verify-full");

    private final Environment environment;

    public ConnectionResolver(Environment environment) {
        this.environment = environment;
    }

    public ResolvedConnection resolve(ConnectionSpec spec) throws ConnectionFailure {
        return spec.url() != null ? fromUrl(spec) : fromParts(spec);
    }

    private ResolvedConnection fromParts(ConnectionSpec spec) throws ConnectionFailure {
        String service = first(spec.service(), environment.get("PGSERVICE"));
        Map<String, String> fromService = Map.of();
        if (service != null) {
            try {
                fromService = PgServiceFile.lookup(service, environment).orElseThrow(() -> invalid(
                        "definition of service \"" + service + "\" not found",
                        "Define [" + service + "] in " + PgServiceFile.locations(environment).get(0)
                                + " or pass --host, --port and --dbname instead."));
            } catch (IOException e) {
                throw invalid("cannot read the connection service file: " + e.getMessage(), null);
            }
        }
        String host = first(spec.host(), fromService.get("host"), environment.get("PGHOST"), "localhost");
        int port = spec.port() != null ? spec.port()
                : parsePort(first(fromService.get("port"), environment.get("PGPORT"), "5432"));
        String user = first(spec.user(), fromService.get("user"), environment.get("PGUSER"), System.getProperty("user.name"));
        String database = first(spec.database(), fromService.get("dbname"), environment.get("PGDATABASE"), user);
        String sslmode = first(spec.sslmode(), fromService.get("sslmode"), environment.get("PGSSLMODE"));
        int timeout = spec.connectTimeoutSeconds() != null ? spec.connectTimeoutSeconds()
                : parseTimeout(first(fromService.get("connect_timeout"), environment.get("PGCONNECT_TIMEOUT"),
                        Integer.toString(DEFAULT_CONNECT_TIMEOUT_SECONDS)));
        if (host.startsWith("/")) {
            throw invalid("host " + host + " is a Unix-domain socket directory; tviews connects over TCP only",
                    "Pass --host with the server's name or address (localhost for this machine).");
        }
        String url = "jdbc:postgresql://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port + "/"
                + URLEncoder.encode(database, StandardCharsets.UTF_8).replace("+", "%20");
        Properties properties = new Properties();
        properties.setProperty("user", user);
        return withPassword(url, properties, host, port, database, user, sslmode,
                first(spec.sslrootcert(), fromService.get("sslrootcert"), environment.get("PGSSLROOTCERT")), timeout,
                spec.password(), fromService.get("password"));
    }

    private ResolvedConnection fromUrl(ConnectionSpec spec) throws ConnectionFailure {
        if (!spec.url().startsWith("jdbc:postgresql:")) {
            throw invalid("not a PostgreSQL JDBC URL: " + Secrets.mask(spec.url()),
                    "Write it as jdbc:postgresql://host:port/database, or use --host, --port and --dbname.");
        }
        Properties defaults = new Properties();
        if (spec.user() != null) {
            defaults.setProperty("user", spec.user());
        }
        // The URL wins over these defaults; parseURL also fills host, port and database for messages.
        Properties parsed = Driver.parseURL(spec.url(), defaults);
        if (parsed == null) {
            throw invalid("malformed JDBC URL: " + Secrets.mask(spec.url()), "Write it as jdbc:postgresql://host:port/database.");
        }
        String host = parsed.getProperty("PGHOST", "localhost").split(",")[0];
        int port = parsePort(parsed.getProperty("PGPORT", "5432").split(",")[0]);
        String database = parsed.getProperty("PGDBNAME", "");
        String user = parsed.getProperty("user", System.getProperty("user.name"));
        String urlPassword = spec.url().contains("password=") ? parsed.getProperty("password") : null;
        int timeout = spec.connectTimeoutSeconds() != null ? spec.connectTimeoutSeconds()
                : parseTimeout(first(environment.get("PGCONNECT_TIMEOUT"), Integer.toString(DEFAULT_CONNECT_TIMEOUT_SECONDS)));
        Properties properties = new Properties();
        properties.setProperty("user", user);
        // sslmode and sslrootcert written into the URL win over these (PgJDBC reads the URL last).
        return withPassword(spec.url(), properties, host, port, database, user, spec.sslmode(),
                first(spec.sslrootcert(), environment.get("PGSSLROOTCERT")), timeout, first(spec.password(), urlPassword), null);
    }

    private ResolvedConnection withPassword(String url, Properties properties, String host, int port, String database,
                                            String user, String sslmode, String sslrootcert, int timeout,
                                            String explicit, String fromService) throws ConnectionFailure {
        List<String> warnings = new ArrayList<>();
        if (sslmode != null) {
            if (!SSL_MODES.contains(sslmode)) {
                throw invalid("invalid sslmode \"" + sslmode + "\"",
                        "Use one of disable, allow, prefer, require, verify-ca, verify-full.");
            }
            properties.setProperty("sslmode", sslmode);
        }
        String rootCert = rootCertificate(sslmode, sslrootcert);
        if (rootCert != null) {
            properties.setProperty("sslrootcert", rootCert);
        }
        if (timeout > 0) {
            properties.setProperty("connectTimeout", Integer.toString(timeout));
            properties.setProperty("loginTimeout", Integer.toString(timeout));
        }
        properties.setProperty("ApplicationName", "tviews");
        PasswordSource source = PasswordSource.NONE;
        String origin = null;
        String password = null;
        if (explicit != null) {
            password = explicit;
            source = PasswordSource.EXPLICIT;
        } else if (fromService != null) {
            password = fromService;
            source = PasswordSource.SERVICE_FILE;
        } else if (environment.get("PGPASSWORD") != null) {
            password = environment.get("PGPASSWORD");
            source = PasswordSource.PGPASSWORD;
        } else {
            Path file = PgPassFile.location(environment);
            try {
                Optional<String> found = PgPassFile.read(file, warnings::add)
                        .flatMap(pgpass -> pgpass.password(host, port, database, user));
                if (found.isPresent()) {
                    password = found.get();
                    source = PasswordSource.PASSWORD_FILE;
                    origin = file.toString();
                }
            } catch (IOException e) {
                warnings.add("cannot read password file " + file + ": " + e.getMessage());
            }
        }
        if (password != null) {
            properties.setProperty("password", password);
        }
        return new ResolvedConnection(url, properties, host, port, database, user, source, origin, warnings);
    }

    /**
     * The CA file the server's certificate is checked against: the one given, else (for verify-ca
     * and verify-full) ~/.postgresql/root.crt of this environment's home, as libpq and PgJDBC look
     * for it; a file given but missing is an error here rather than a driver message later.
     */
    private String rootCertificate(String sslmode, String given) throws ConnectionFailure {
        boolean verifies = "verify-ca".equals(sslmode) || "verify-full".equals(sslmode);
        if (given != null) {
            if (verifies && !Files.isReadable(Path.of(given))) {
                throw new ConnectionFailure(FailureCategory.SSL_FAILURE, null,
                        "the root certificate file " + given + " does not exist or cannot be read (sslmode=" + sslmode
                                + " checks the server's certificate against it)",
                        "Pass --sslrootcert (or PGSSLROOTCERT) with the file of the CA that signed the server's certificate.",
                        null);
            }
            return given;
        }
        Path standard = environment.home().resolve(".postgresql").resolve("root.crt");
        return verifies && Files.isReadable(standard) ? standard.toString() : null;
    }

    private static int parsePort(String text) throws ConnectionFailure {
        try {
            int port = Integer.parseInt(text.strip());
            if (port < 1 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw invalid("invalid port number \"" + text + "\"", "Give a port between 1 and 65535.");
        }
    }

    private static int parseTimeout(String text) throws ConnectionFailure {
        try {
            int seconds = Integer.parseInt(text.strip());
            if (seconds < 0) {
                throw new NumberFormatException();
            }
            return seconds;
        } catch (NumberFormatException e) {
            throw invalid("invalid connect timeout \"" + text + "\"", "Give a whole number of seconds (0 waits forever).");
        }
    }

    private static ConnectionFailure invalid(String message, String hint) {
        return new ConnectionFailure(FailureCategory.INVALID_SETTINGS, null, message, hint, null);
    }

    @SafeVarargs
    private static <T> T first(T... values) {
        for (T value : values) {
            if (value != null) {
                return value;
            }
        }
        return null;
    }
}
