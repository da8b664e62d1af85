package io.tviewstudio.app.tools;

import io.tviewstudio.core.inspect.InspectException;
import io.tviewstudio.core.jdbc.DatabaseError;
import io.tviewstudio.core.playbook.PlaybookException;
import java.sql.SQLException;

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
            DatabaseError read = DatabaseError.of(sql);
            String message = read.messageLine().isEmpty() ? DatabaseError.firstLine(sql) : read.messageLine();
            return new ErrorText(read.sqlState() == null ? "SQL error" : read.sqlState(), message,
                    read.hint() == null ? "" : read.hint());
        }
        return new ErrorText(cause.getClass().getSimpleName(), DatabaseError.firstLine(cause), "");
    }

    /** {@code category: message}, the line the windows show. */
    public String line() {
        return category + ": " + message;
    }
}
