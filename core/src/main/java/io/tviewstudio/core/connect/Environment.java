package io.tviewstudio.core.connect;

import java.nio.file.Path;
import java.util.Map;

/**
 * The process environment as connection resolution sees it: the {@code PG*} variables and the home
 * directory. Passed in rather than read from {@link System#getenv()} so that tests and embedding
 * applications can give their own.
 */
public record Environment(Map<String, String> variables, Path home) {

    public Environment {
        variables = Map.copyOf(variables);
    }

    /** The real environment of this process; the home directory from {@code HOME}, else {@code user.home}. */
    public static Environment system() {
        Map<String, String> variables = System.getenv();
        String home = variables.getOrDefault("HOME", System.getProperty("user.home"));
        return new Environment(variables, Path.of(home));
    }

    /** The variable's value, or null when it is unset or empty (libpq treats both alike). */
    public String get(String name) {
        String value = variables.get(name);
        return value == null || value.isEmpty() ? null : value;
    }
}
