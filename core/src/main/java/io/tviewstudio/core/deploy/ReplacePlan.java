package io.tviewstudio.core.deploy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What replacing an installed TVIEW involves, as the runtime's catalog records it: the TVIEW with
 * its stored definition, and every TVIEW that reads it, directly or through others (its
 * dependants), which the replacement drops and creates again from their stored definitions.
 *
 * @param replaced   the TVIEW to replace
 * @param dependants the TVIEWs that read it, in an order they can be created in (by depth, then entity)
 */
public record ReplacePlan(InstalledTview replaced, List<InstalledTview> dependants) {

    /**
     * A TVIEW as {@code pg_tview_meta} describes it.
     *
     * @param tview       its table as regclass text ({@code tv_post}, {@code app.tv_event})
     * @param view        its view as regclass text
     * @param definition  the definition as stored (the SELECT as given)
     * @param refreshMode {@code immediate} or {@code deferred}
     */
    public record InstalledTview(String tview, String view, String entity, String schema, int depth, String definition,
                                 String refreshMode) {
    }

    // Depth orders creation: a TVIEW is one deeper than the deepest TVIEW it reads, and the dependants'
    // definitions, which decide what reads what among them, do not change.
    private static final String TVIEWS = """
            WITH RECURSIVE readers(entity) AS (
                SELECT s.entity FROM public.pg_tview_source s JOIN public.pg_tview_meta m ON m.table_oid = s.source
                WHERE m.entity = ?
                UNION
                SELECT s.entity FROM readers r JOIN public.pg_tview_meta m ON m.entity = r.entity
                JOIN public.pg_tview_source s ON s.source = m.table_oid
            )
            SELECT m.table_oid::text, m.view_oid::text, m.entity, m.schema_name, m.depth, m.definition, m.refresh_mode
            FROM public.pg_tview_meta m
            WHERE m.entity = ? OR m.entity IN (SELECT entity FROM readers)
            ORDER BY m.entity <> ?, m.depth, m.entity""";

    public ReplacePlan {
        dependants = List.copyOf(dependants);
    }

    /** The plan for the TVIEW of this entity; empty when no such TVIEW is installed. */
    public static Optional<ReplacePlan> read(Connection connection, String entity) throws SQLException {
        List<InstalledTview> tviews = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(TVIEWS)) {
            statement.setString(1, entity);
            statement.setString(2, entity);
            statement.setString(3, entity);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    tviews.add(new InstalledTview(rows.getString(1), rows.getString(2), rows.getString(3), rows.getString(4),
                            rows.getInt(5), rows.getString(6), rows.getString(7)));
                }
            }
        }
        if (tviews.isEmpty() || !tviews.getFirst().entity().equals(entity)) {
            return Optional.empty();
        }
        return Optional.of(new ReplacePlan(tviews.getFirst(), tviews.subList(1, tviews.size())));
    }

    /** The dependants' names, in creation order. */
    public List<String> dependantNames() {
        return dependants.stream().map(InstalledTview::tview).toList();
    }

    /**
     * The stored definition against the edited SELECT. Both without leading and trailing white
     * space: the runtime stores a definition as given (often after a line break and indented, from
     * a psql script), the editor shows it from its first word.
     */
    public DefinitionDiff diff(String editedSelect) {
        return DefinitionDiff.between(replaced.definition().strip(), editedSelect.strip());
    }
}
