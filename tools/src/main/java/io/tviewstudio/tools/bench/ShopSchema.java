package io.tviewstudio.tools.bench;

import io.tviewstudio.core.install.RuntimeInstaller;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;

/**
 * Prepares the database every variant starts from: the TVIEW runtime (installed everywhere, so that
 * no variant pays for a difference in installed objects), the shop's tables and data at the chosen
 * size, the flat views the non-TVIEW variants read, fresh statistics.
 */
final class ShopSchema {

    private ShopSchema() {
    }

    static void load(Connection connection, ShopSize size, long seed) throws SQLException {
        RuntimeInstaller.install(connection);
        ShopSql.run(connection, ShopSql.SCHEMA, Map.of(
                "products", Integer.toString(size.products()),
                "categories", Integer.toString(size.categories()),
                "users", Integer.toString(size.users()),
                "reviews", Integer.toString(size.reviews()),
                "seed", setseedArgument(seed)));
        ShopSql.run(connection, ShopSql.FLAT_VIEWS);
        ShopSql.execute(connection, "VACUUM ANALYZE");
    }

    /** setseed takes a value in [-1, 1]; any long maps onto it the same way on every run. */
    static String setseedArgument(long seed) {
        return Double.toString((Math.floorMod(seed, 2_000_001L) - 1_000_000L) / 1_000_000.0);
    }
}
