package io.tviewstudio.core.jdbc;

import org.postgresql.PGConnection;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Asks the server to cancel the statement a connection is running, from another thread than the
 * one waiting for it (PostgreSQL's cancel request, over a connection of its own). The statement
 * fails with SQLSTATE 57014 ({@code query_canceled}), and the work that ran it rolls its
 * transaction back as for any error. Nothing happens when the connection runs no statement.
 */
public final class StatementCancel {

    private StatementCancel() {
    }

    /** Sends the cancel request for the statement running on {@code connection}. */
    public static void cancelRunning(Connection connection) throws SQLException {
        connection.unwrap(PGConnection.class).cancelQuery();
    }
}
