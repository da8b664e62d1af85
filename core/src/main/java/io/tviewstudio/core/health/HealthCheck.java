package io.tviewstudio.core.health;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One check of {@code pg_tviews_health_check}.
 *
 * @param status  {@code OK}, {@code WARNING} or {@code ERROR}
 * @param details what the check found, as the runtime's jsonb; null when it gives none
 */
public record HealthCheck(String name, String status, String message, JsonNode details) {

    public boolean ok() {
        return status.equals("OK");
    }
}
