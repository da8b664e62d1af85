package io.tviewstudio.core.health;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Checks that the runtime and every TVIEW's objects (table, view, functions, triggers) are in place. */
public final class HealthChecker {

    private static final ObjectMapper JSON = new ObjectMapper();

    private HealthChecker() {
    }

    /** Every check of {@code pg_tviews_health_check()}, in its order. */
    public static List<HealthCheck> check(Connection connection) throws SQLException {
        List<HealthCheck> checks = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(
                     "SELECT check_name, status, message, details::text FROM public.pg_tviews_health_check()")) {
            while (rows.next()) {
                checks.add(new HealthCheck(rows.getString(1), rows.getString(2), rows.getString(3), parse(rows.getString(4))));
            }
        }
        return checks;
    }

    private static JsonNode parse(String json) throws SQLException {
        try {
            return json == null ? null : JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new SQLException("pg_tviews_health_check returned invalid JSON details: " + e.getOriginalMessage(), e);
        }
    }
}
