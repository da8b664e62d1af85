package io.tviewstudio.core.runtime;

import io.tviewstudio.core.testing.TestDatabase;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Which way the runtime refreshed a transaction's writes (the direct path or the queue flush), read
 * from PostgreSQL's function statistics, and what its metrics counted.
 */
final class RefreshPaths {

    static final String QUEUE_FLUSH = "public.pg_tviews__flush_queue(boolean,public.pg_tviews_lock[])";
    static final String DIRECT_BEGIN = "public.pg_tviews__direct_begin(text,oid,bigint[],boolean,text[],bigint[],boolean)";

    private RefreshPaths() {
    }

    /**
     * A new session that counts function calls, in a transaction: a new one for each transaction
     * measured, because a session's counts may include those of its earlier transactions that were
     * not reported yet.
     */
    static Connection tracked(TestDatabase db) throws SQLException {
        Connection session = db.connect();
        session.setAutoCommit(false);
        TestDatabase.execute(session, "SET track_functions = 'all'");
        return session;
    }

    /** Completed calls of a function in the session's transaction (one that raised is not counted). */
    static long calls(Connection session, String function) throws SQLException {
        return ((Number) TestDatabase.scalar(session,
                "SELECT coalesce(pg_stat_get_xact_function_calls('" + function + "'::regprocedure), 0)")).longValue();
    }

    /** A column of pg_tviews_metrics for one TVIEW, summed over its rows. */
    static long metric(TestDatabase db, String column, String entity) throws SQLException {
        return ((Number) db.scalar("SELECT coalesce(sum(" + column + "), 0) FROM pg_tviews_metrics WHERE entity = '" + entity + "'"))
                .longValue();
    }
}
