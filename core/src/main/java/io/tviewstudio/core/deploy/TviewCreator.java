package io.tviewstudio.core.deploy;

import io.tviewstudio.core.analysis.AnalysisResult;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Creates a TVIEW by running the analyzer's translation ({@link AnalysisResult#createCall()}), so
 * that what runs is exactly what {@code --print-sql} shows and what a psql script would run.
 */
public final class TviewCreator {

    /**
     * @param tview   the TVIEW name as written
     * @param message pg_tviews_create's message, or that an existing TVIEW was skipped (IF NOT EXISTS)
     * @param skipped whether IF NOT EXISTS skipped it
     */
    public record Created(String tview, String message, boolean skipped) {
    }

    private TviewCreator() {
    }

    /** Runs the definition's pg_tviews_create call on the connection, in its current transaction. */
    public static Created create(Connection connection, AnalysisResult definition) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(definition.createCall())) {
            if (rows.next()) {
                return new Created(definition.tviewName(), rows.getString(1), false);
            }
            // The IF NOT EXISTS guard selected no row: the TVIEW exists.
            return new Created(definition.tviewName(), "TVIEW " + definition.tviewName() + " already exists, skipped", true);
        }
    }
}
