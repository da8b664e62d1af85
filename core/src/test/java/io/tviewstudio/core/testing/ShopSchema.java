package io.tviewstudio.core.testing;

import java.sql.SQLException;

/** The shop schema of the playbook tests (schemas/shop.sql): deterministic rows, four cascading TVIEWs. */
public final class ShopSchema {

    private ShopSchema() {
    }

    /** Runtime, shop tables with data, and tv_customer, tv_product (deferred), tv_order, tv_order_line. */
    public static TestDatabase withTviews() throws SQLException {
        TestDatabase db = TestDatabase.withRuntime();
        db.execute(Resources.text("schemas/shop.sql"));
        db.execute(Resources.text("schemas/shop-tviews.sql"));
        return db;
    }

    /** Only the base tables and their data, as a restore from backup would bring them back. */
    public static TestDatabase baseTablesOnly() throws SQLException {
        TestDatabase db = TestDatabase.empty();
        db.execute(Resources.text("schemas/shop.sql"));
        return db;
    }
}
