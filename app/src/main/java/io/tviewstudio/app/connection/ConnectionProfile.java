package io.tviewstudio.app.connection;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.tviewstudio.core.connect.ConnectionSpec;
import io.tviewstudio.core.connect.Secrets;

/**
 * A saved way to reach a database, as written to the profiles file. It has no password field on
 * purpose: passwords come from {@code ~/.pgpass}, {@code PGPASSWORD} or the connect dialog, and stay
 * in memory.
 *
 * @param name     what the user calls it
 * @param url      a {@code jdbc:postgresql:} URL; when set, host, port, database and service are unused
 * @param port     null for the default (PGPORT or 5432)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ConnectionProfile(String name, String url, String host, Integer port, String database, String user,
                                String sslmode, String service) {

    /** The connection spec for this profile, with the password given at connect time (may be null). */
    public ConnectionSpec toSpec(String password) {
        return new ConnectionSpec(blankToNull(url), url == null ? blankToNull(host) : null, url == null ? port : null,
                url == null ? blankToNull(database) : null, blankToNull(user), password == null || password.isEmpty()
                ? null : password, blankToNull(sslmode), url == null ? blankToNull(service) : null, null);
    }

    /** {@code user@host:port/database}, or the URL (its password masked), for lists and messages. */
    public String target() {
        if (url != null && !url.isBlank()) {
            return Secrets.mask(url);
        }
        if (service != null && !service.isBlank()) {
            return "service " + service;
        }
        return (user == null || user.isBlank() ? "" : user + "@") + (host == null || host.isBlank() ? "localhost" : host)
                + (port == null ? "" : ":" + port) + "/" + (database == null ? "" : database);
    }

    @Override
    public String toString() {
        return Secrets.mask(name);
    }

    /** This profile as it may be saved: no password in the URL (removed) or in the name (masked). */
    public ConnectionProfile withoutPassword() {
        return new ConnectionProfile(Secrets.mask(name), Secrets.withoutPassword(url), host, port, database, user, sslmode,
                service);
    }

    static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
