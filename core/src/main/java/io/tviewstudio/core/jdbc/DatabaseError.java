package io.tviewstudio.core.jdbc;

import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

import java.sql.SQLException;
import java.util.regex.Pattern;

/**
 * What a database error says, read in one place from the JDBC exception: PgJDBC's
 * {@link ServerErrorMessage} when the server sent one (its message without the {@code ERROR:}
 * prefix and the detail lines, its hint and position), else the driver's message.
 *
 * @param sqlState       the SQLSTATE, null when the driver gave none
 * @param tvCode         the runtime's {@code TVnnn} code, null for other errors: the runtime raises its
 *                       own errors with the code as SQLSTATE (sql/runtime/10_errors.sql), so it is read there
 * @param message        the server's message, else the exception's
 * @param hint           the server's hint, null when it gave none
 * @param detail         the server's detail (e.g. {@code view post_titles depends on table tv_post}), null when it gave none
 * @param position       where in the statement the server found the error (1-based character), null when it did not say
 * @param connectionLost whether the connection broke or the server ended the session; the server then
 *                       rolled back the open transaction, so nothing of it stays
 */
public record DatabaseError(String sqlState, String tvCode, String message, String hint, String detail,
                            Integer position,
                            boolean connectionLost) {

    private static final Pattern TV_CODE = Pattern.compile("TV\\d{3}");

    /** Reads the error. */
    public static DatabaseError of(SQLException e) {
        String state = e.getSQLState();
        String message = e.getMessage();
        String hint = null;
        String detail = null;
        Integer position = null;
        ServerErrorMessage server = e instanceof PSQLException psql ? psql.getServerErrorMessage() : null;
        if (server != null) {
            message = server.getMessage() == null ? message : server.getMessage();
            hint = server.getHint();
            detail = server.getDetail();
            position = server.getPosition() > 0 ? server.getPosition() : null;
        }
        String tvCode = state != null && TV_CODE.matcher(state).matches() ? state : null;
        return new DatabaseError(state, tvCode, message, hint, detail, position, isConnectionLoss(e));
    }

    /**
     * Whether the error, or any error in its cause chain, says that the connection broke (SQLSTATE
     * class 08) or that the server ended the session (57P01 terminated by an administrator or a
     * shutdown, 57P02 crash of another backend, 57P03 server starting up). The chain counts because
     * a lost link often reaches the one who reports it wrapped (in a task's failure, or as the cause
     * of the driver's own error).
     */
    public static boolean isConnectionLoss(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            String state = t instanceof SQLException sql ? sql.getSQLState() : null;
            if (state != null && (state.startsWith("08") || state.equals("57P01") || state.equals("57P02")
                    || state.equals("57P03"))) {
                return true;
            }
        }
        return false;
    }

    /** The {@link #message} on one line, for a report that shows one: its first line, stripped; empty when there is none. */
    public String messageLine() {
        return message == null ? "" : firstLineOf(message);
    }

    /**
     * The first line of an error's message, stripped: a server error's text can go on with detail and
     * context lines that a one-line report does not want. The class's simple name when there is no message.
     */
    public static String firstLine(Throwable error) {
        String message = error.getMessage();
        return message == null || message.isBlank() ? error.getClass().getSimpleName() : firstLineOf(message);
    }

    private static String firstLineOf(String text) {
        return text.lines().findFirst().orElse("").strip();
    }
}
