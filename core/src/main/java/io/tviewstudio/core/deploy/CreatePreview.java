package io.tviewstudio.core.deploy;

import io.tviewstudio.core.analysis.AnalysisResult;
import io.tviewstudio.core.analysis.LineageRule;
import io.tviewstudio.core.catalog.SchemaObjects;
import io.tviewstudio.core.catalog.SchemaObjects.SchemaObject;
import io.tviewstudio.core.catalog.TviewCatalog;
import io.tviewstudio.core.jdbc.Transactions;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A dry run of {@code pg_tviews_create}: the runtime creates the TVIEWs inside a transaction, the
 * objects it generated (view, table, indexes, refresh and trigger functions, triggers) are read back
 * from the catalog with their DDL, and the transaction is rolled back. The preview is what the
 * runtime really generates, not a second generator's guess.
 */
public final class CreatePreview {

    /**
     * What creating one TVIEW does.
     *
     * @param tview   the TVIEW name as written
     * @param message pg_tviews_create's message
     * @param objects every object it creates, with DDL
     * @param changed existing objects it changes (e.g. a refresh function of a TVIEW it cascades from)
     * @param lineage the lineage rules the runtime recorded for it
     */
    public record PlannedTview(String tview, String message, boolean skipped, List<SchemaObject> objects,
                               List<SchemaObject> changed, List<LineageRule> lineage) {
    }

    private CreatePreview() {
    }

    /**
     * Creates the definitions in the given order inside one transaction, reads what each generated,
     * and rolls back. The connection must be in auto-commit mode; it is again afterwards.
     *
     * @throws SQLException the runtime's error for the first definition it refuses (after the rollback)
     */
    public static List<PlannedTview> preview(Connection connection, List<AnalysisResult> definitions) throws SQLException {
        return Transactions.inRolledBackTransaction(connection, () -> {
            List<PlannedTview> planned = new ArrayList<>();
            Map<String, SchemaObject> before = SchemaObjects.read(connection);
            for (AnalysisResult definition : definitions) {
                TviewCreator.Created created = TviewCreator.create(connection, definition);
                Map<String, SchemaObject> after = SchemaObjects.read(connection);
                SchemaObjects.Difference difference = SchemaObjects.difference(before, after);
                planned.add(new PlannedTview(definition.tviewName(), created.message(), created.skipped(),
                        difference.created(), difference.changed(), lineage(connection, definition.tviewName())));
                before = after;
            }
            return planned;
        });
    }

    private static List<LineageRule> lineage(Connection connection, String tview) throws SQLException {
        return new TviewCatalog(connection).lineageOf(tview).stream().map(rule -> rule.source().lineageRule()).toList();
    }
}
