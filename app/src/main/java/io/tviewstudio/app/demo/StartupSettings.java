package io.tviewstudio.app.demo;

import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * What the application opens at startup. Without a configured server it opens the demo database,
 * so that a first start shows a working application.
 *
 * @param jdbcUrl  the configured server ({@value #ENV_JDBC_URL} or {@value #PROPERTY_JDBC_URL}), if any
 * @param openDemo whether to open the demo database at startup
 */
public record StartupSettings(Optional<String> jdbcUrl, boolean openDemo) {

    public static final String ENV_JDBC_URL = "TVIEWS_JDBC_URL";
    public static final String PROPERTY_JDBC_URL = "tviews.jdbc.url";

    /** Reads the process environment and system properties. */
    public static StartupSettings fromEnvironment() {
        return from(System.getenv(), System.getProperties());
    }

    /** The system property wins over the environment variable; a blank value counts as unset. */
    public static StartupSettings from(Map<String, String> environment, Properties properties) {
        Optional<String> url = Optional.ofNullable(properties.getProperty(PROPERTY_JDBC_URL))
                .or(() -> Optional.ofNullable(environment.get(ENV_JDBC_URL)))
                .map(String::strip)
                .filter(value -> !value.isEmpty());
        return new StartupSettings(url, url.isEmpty());
    }

    /** Opens the demo database at startup. */
    public static StartupSettings demo() {
        return new StartupSettings(Optional.empty(), true);
    }

    /** Opens nothing at startup; the user chooses from the File menu. */
    public static StartupSettings manual() {
        return new StartupSettings(Optional.empty(), false);
    }
}
