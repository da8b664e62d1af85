package io.tviewstudio.core.install;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/** The names the installed runtime gives its {@code TVnnn} error codes ({@code pg_tviews_error_codes()}). */
public final class RuntimeErrorCodes {

    private RuntimeErrorCodes() {
    }

    /**
     * The name of the code, e.g. {@code tview_not_found} for TV003. Asked while reporting another
     * error, so a lookup that fails (no runtime, an aborted transaction, a lost connection) is an
     * empty answer, never an error of its own that would hide the first one.
     */
    public static Optional<String> name(Connection connection, String code) {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT name FROM public.pg_tviews_error_codes() WHERE code = ?")) {
            statement.setString(1, code);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? Optional.of(rows.getString(1)) : Optional.empty();
            }
        } catch (SQLException lookupFailed) {
            return Optional.empty();
        }
    }
}
