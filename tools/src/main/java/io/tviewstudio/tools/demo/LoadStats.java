package io.tviewstudio.tools.demo;

import java.util.Map;

/**
 * What a {@link LoadGenerator} has done since it was created.
 *
 * @param operations  committed operations, all kinds
 * @param errors      operations that failed (rolled back), e.g. a deadlock between two clients
 * @param perOperation committed operations per kind
 * @param lastError   the newest failure as {@code [SQLSTATE] message}, or null
 */
public record LoadStats(LoadGenerator.State state, double targetRate, int clients, long operations, long errors,
                        Map<LoadOperation, Long> perOperation, String lastError) {

    public LoadStats {
        perOperation = Map.copyOf(perOperation);
    }
}
