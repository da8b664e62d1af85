package io.tviewstudio.core.migrate;

import io.tviewstudio.core.jdbc.Transactions;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * Times {@code REFRESH MATERIALIZED VIEW} inside a transaction that is rolled back, so the
 * materialized view keeps its contents. Caution: the refresh takes an ACCESS EXCLUSIVE lock on the
 * materialized view (readers wait) for as long as it runs, exactly like a real refresh; the lock is
 * released at the rollback. {@code lock_timeout} bounds the wait for the lock itself.
 */
public final class RefreshTimer {

    private RefreshTimer() {
    }

    public static Duration time(Connection connection, MaterializedView matview, Duration lockTimeout) throws SQLException {
        return Transactions.inRolledBackTransaction(connection, () -> {
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET LOCAL lock_timeout = " + lockTimeout.toMillis());
                long start = System.nanoTime();
                statement.execute("REFRESH MATERIALIZED VIEW " + matview.name());
                return Duration.ofNanos(System.nanoTime() - start);
            }
        });
    }
}
