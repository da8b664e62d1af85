package io.tviewstudio.core.connect;

import java.util.List;
import java.util.Properties;

/**
 * A connection attempt with every default and environment variable applied: the JDBC URL and
 * properties to hand to PgJDBC, and the parts for messages.
 *
 * @param warnings things the user should hear about, e.g. an ignored password file
 */
public record ResolvedConnection(String jdbcUrl, Properties properties, String host, int port, String database,
                                 String user, PasswordSource passwordSource, String passwordOrigin,
                                 List<String> warnings) {

    public ResolvedConnection {
        Properties copy = new Properties();
        copy.putAll(properties);
        properties = copy;
        warnings = List.copyOf(warnings);
    }

    @Override
    public Properties properties() {
        Properties copy = new Properties();
        copy.putAll(properties);
        return copy;
    }

    /** {@code user@host:port/database}, for messages. */
    public String target() {
        String shownHost = host.contains(":") ? "[" + host + "]" : host;
        return user + "@" + shownHost + ":" + port + "/" + database;
    }

    /** Where the password came from, e.g. {@code from PGPASSWORD} or {@code from the password file /home/x/.pgpass}. */
    public String passwordDescription() {
        return passwordOrigin == null ? passwordSource.description() : passwordSource.description() + " " + passwordOrigin;
    }

    @Override
    public String toString() {
        return "ResolvedConnection[" + Secrets.mask(jdbcUrl) + " as " + user + ", password " + passwordDescription() + "]";
    }
}
