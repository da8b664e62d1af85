package io.tviewstudio.core.testing;

import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs SQL that must fail and returns the server's error, so that code, message and hint can be checked. */
public final class SqlFailures {

    public interface SqlAction {
        void run() throws SQLException;
    }

    private SqlFailures() {
    }

    /** The server error the action raised; fails the test when it raised none. */
    public static ServerErrorMessage serverError(SqlAction action) {
        try {
            action.run();
        } catch (PSQLException e) {
            assertThat(e.getServerErrorMessage()).as("server error message of %s", e).isNotNull();
            assertThat(e.getSQLState()).isEqualTo(e.getServerErrorMessage().getSQLState());
            return e.getServerErrorMessage();
        } catch (SQLException e) {
            throw new AssertionError("expected a PSQLException, got " + e, e);
        }
        throw new AssertionError("expected the statement to fail, but it succeeded");
    }

    /** Asserts SQLSTATE, exact message and that a hint is present; returns the error for further checks. */
    public static ServerErrorMessage assertFails(SqlAction action, String sqlState, String message) {
        ServerErrorMessage error = serverError(action);
        assertThat(error.getSQLState()).as("SQLSTATE of: %s", error.getMessage()).isEqualTo(sqlState);
        assertThat(error.getMessage()).as("message").isEqualTo(message);
        assertThat(error.getHint()).as("hint of: %s", error.getMessage()).isNotBlank();
        return error;
    }
}
