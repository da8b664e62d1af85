package io.tviewstudio.app.tools;

import io.tviewstudio.core.inspect.InspectException;
import io.tviewstudio.core.playbook.PlaybookException;
import java.sql.SQLException;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * An error as the tool windows show it: its category (the playbook's stable code, or the SQLSTATE
 * such as a runtime {@code TVnnn}) and the message, plus the hint when there is one.
 */
public record ErrorText(String category, String message, String hint) {

    public static ErrorText of(Throwable error) {
        Throwable cause = DatabaseTask.unwrap(error);
        if (cause instanceof PlaybookException playbook) {
            return new ErrorText(playbook.code(), playbook.getMessage(), playbook.hint() == null ? "" : playbook.hint());
        }
        if (cause instanceof InspectException inspect) {
            return new ErrorText(inspect.code(), inspect.getMessage(), "");
        }
        if (cause instanceof SQLException sql) {
            String hint = "";
            String message = firstLine(sql);
            if (sql instanceof PSQLException psql && psql.getServerErrorMessage() != null) {
                ServerErrorMessage server = psql.getServerErrorMessage();
                message = server.getMessage();
                hint = server.getHint() == null ? "" : server.getHint();
            }
            return new ErrorText(sql.getSQLState() == null ? "SQL error" : sql.getSQLState(), message, hint);
        }
        return new ErrorText(cause.getClass().getSimpleName(), firstLine(cause), "");
    }

    /** {@code category: message}, the line the windows show. */
    public String line() {
        return category + ": " + message;
    }

    private static String firstLine(Throwable error) {
        String message = error.getMessage();
        return message == null || message.isBlank() ? error.getClass().getSimpleName()
                : message.lines().findFirst().orElse(message).strip();
    }
}
