package io.tviewstudio.core.catalog;

import io.tviewstudio.core.analysis.LineageRule;
import io.tviewstudio.core.graph.DependencyGraph;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the dependency graph of the TVIEWs installed in a database from the runtime's catalog
 * ({@code pg_tview_meta}, {@code pg_tview_source}), and names relations the way its nodes are named.
 */
public final class DependencyGraphReader {

    private static final String LINEAGE = """
            SELECT m.table_oid::text AS tview, s.source::text AS source, s.source_kind, s.rule,
                   s.tview_column, s.source_column
            FROM public.pg_tview_meta m LEFT JOIN public.pg_tview_source s ON s.entity = m.entity
            ORDER BY m.depth, m.entity, s.source::text, s.rule, s.tview_column""";

    private DependencyGraphReader() {
    }

    /** The TVIEWs of the database and what they read. */
    public static DependencyGraph read(Connection connection) throws SQLException {
        Map<String, List<LineageRule>> rulesByTview = new LinkedHashMap<>();
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(LINEAGE)) {
            while (rows.next()) {
                List<LineageRule> rules = rulesByTview.computeIfAbsent(rows.getString("tview"), tview -> new ArrayList<>());
                if (rows.getString("source") != null) {
                    rules.add(new LineageRule(rows.getString("source"), "tview".equals(rows.getString("source_kind")),
                            rows.getString("rule"), rows.getString("tview_column"), rows.getString("source_column")));
                }
            }
        }
        return DependencyGraph.fromLineage(rulesByTview);
    }

    /**
     * The node name of a relation: nodes are named as {@code regclass} prints relations, so
     * {@code public.tb_user} is {@code tb_user} while {@code public} is on the search_path. Empty when
     * no such relation exists or the text is no relation name at all.
     */
    public static Optional<String> nodeName(Connection connection, String relation) {
        try (PreparedStatement statement = connection.prepareStatement("SELECT to_regclass(?)::text")) {
            statement.setString(1, relation);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return Optional.ofNullable(rows.getString(1));
            }
        } catch (SQLException invalidName) {
            return Optional.empty();
        }
    }
}
