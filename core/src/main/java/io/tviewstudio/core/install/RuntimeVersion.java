package io.tviewstudio.core.install;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The runtime version this library ships (from {@code pg_tviews.control}) and the one a database holds. */
public final class RuntimeVersion {

    private static final Pattern DEFAULT_VERSION = Pattern.compile("(?m)^\\s*default_version\\s*=\\s*'([^']+)'");

    private RuntimeVersion() {
    }

    /** The version {@link RuntimeInstaller#install} installs, e.g. {@code 0.1.0}. */
    public static String shipped() {
        Matcher matcher = DEFAULT_VERSION.matcher(RuntimeScripts.read("pg_tviews.control"));
        if (!matcher.find()) {
            throw new IllegalStateException("pg_tviews.control has no default_version");
        }
        return matcher.group(1);
    }

    /** The version recorded in {@code pg_tviews_runtime}, or empty when the runtime is not installed. */
    public static Optional<String> installed(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            try (ResultSet rows = statement.executeQuery("SELECT to_regclass('public.pg_tviews_runtime') IS NOT NULL")) {
                rows.next();
                if (!rows.getBoolean(1)) {
                    return Optional.empty();
                }
            }
            try (ResultSet rows = statement.executeQuery("SELECT version FROM public.pg_tviews_runtime")) {
                return rows.next() ? Optional.of(rows.getString(1)) : Optional.empty();
            }
        }
    }
}
