package io.tviewstudio.core.testing;

import java.sql.SQLException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Checks that every TVIEW of a database equals a fresh evaluation of its view. */
public final class TviewAssertions {

    private TviewAssertions() {
    }

    /**
     * Asserts that pg_tviews_verify() reports nothing and, independently of the runtime's own
     * check, that each tv_ table and its v_ view hold the same multiset of rows.
     */
    public static void assertConsistent(TestDatabase db) throws SQLException {
        assertThat(db.query("SELECT * FROM pg_tviews_verify()")).as("pg_tviews_verify()").isEmpty();
        List<String> tviews = db.column(
                "SELECT format('%s|%s', table_oid, view_oid) FROM pg_tview_meta ORDER BY entity");
        for (String pair : tviews) {
            String table = pair.substring(0, pair.indexOf('|'));
            String view = pair.substring(pair.indexOf('|') + 1);
            Object differences = db.scalar("SELECT count(*) FROM ((SELECT to_jsonb(t) FROM " + table
                    + " t EXCEPT ALL SELECT to_jsonb(v) FROM " + view + " v) UNION ALL (SELECT to_jsonb(v) FROM "
                    + view + " v EXCEPT ALL SELECT to_jsonb(t) FROM " + table + " t)) d");
            assertThat(((Number) differences).longValue()).as("rows differing between %s and %s", table, view)
                    .isZero();
        }
    }
}
