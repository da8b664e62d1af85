package io.tviewstudio.core.deploy;

import io.tviewstudio.core.analysis.AnalysisResult;
import io.tviewstudio.core.jdbc.Transactions;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

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

    /**
     * Creates the definitions in the given order, in one transaction: on any error none is created.
     * Tells {@code progress} which one comes next, as {@code [2/3] tv_category}.
     */
    public static List<Created> createAll(Connection connection, List<AnalysisResult> definitions,
                                          Consumer<String> progress) throws SQLException {
        return Transactions.inTransaction(connection, () -> {
            List<Created> created = new ArrayList<>();
            int step = 0;
            for (AnalysisResult definition : definitions) {
                progress.accept("[" + ++step + "/" + definitions.size() + "] " + definition.tviewName());
                created.add(create(connection, definition));
            }
            return created;
        });
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
