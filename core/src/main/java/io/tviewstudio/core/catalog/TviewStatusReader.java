package io.tviewstudio.core.catalog;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Reads every TVIEW's refresh mode, row count and size (the runtime must be installed). */
public final class TviewStatusReader {

    private static final String SQL = """
            SELECT entity, table_oid::text AS table_name, refresh_mode, depth,
                   pg_total_relation_size(table_oid) AS total_bytes
            FROM public.pg_tview_meta
            ORDER BY depth, entity""";

    private TviewStatusReader() {
    }

    public static List<TviewStatus> read(Connection connection) throws SQLException {
        List<TviewStatus> tviews = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(SQL)) {
            while (rows.next()) {
                tviews.add(new TviewStatus(rows.getString("entity"), rows.getString("table_name"),
                        rows.getString("refresh_mode"), rows.getInt("depth"), 0, rows.getLong("total_bytes")));
            }
        }
        List<TviewStatus> counted = new ArrayList<>(tviews.size());
        for (TviewStatus tview : tviews) {
            // The name is regclass text, already quoted where needed; count(*) is exact, as the status promises.
            try (Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery("SELECT count(*) FROM " + tview.table())) {
                rows.next();
                counted.add(new TviewStatus(tview.entity(), tview.table(), tview.refreshMode(), tview.depth(),
                        rows.getLong(1), tview.totalBytes()));
            }
        }
        return counted;
    }
}
