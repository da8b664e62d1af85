package io.tviewstudio.core.health;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

/** Compares TVIEWs with their views row by row, and repairs the rows that differ ({@code pg_tviews_verify}). */
public final class TviewVerifier {

    private TviewVerifier() {
    }

    /**
     * Compares the TVIEW, or every TVIEW when {@code tview} is null, with its view; changes nothing.
     *
     * @throws SQLException TV003 when there is no such TVIEW
     */
    public static Verification verify(Connection connection, String tview) throws SQLException {
        List<RowDifference> differences = call(connection, tview, false);
        return new Verification(differences, differences);
    }

    /**
     * Recomputes the rows that differ ({@code pg_tviews_verify(tview, true)}), then, when there were
     * any, verifies again to report what is left.
     */
    public static Verification repair(Connection connection, String tview) throws SQLException {
        List<RowDifference> differences = call(connection, tview, true);
        return new Verification(differences, differences.isEmpty() ? differences : call(connection, tview, false));
    }

    private static List<RowDifference> call(Connection connection, String tview, boolean repair) throws SQLException {
        List<RowDifference> differences = new ArrayList<>();
        try (PreparedStatement call = connection.prepareStatement(
                "SELECT tview, pk, issue, repaired FROM public.pg_tviews_verify(?, ?)")) {
            if (tview == null) {
                call.setNull(1, Types.VARCHAR);
            } else {
                call.setString(1, tview);
            }
            call.setBoolean(2, repair);
            try (ResultSet rows = call.executeQuery()) {
                while (rows.next()) {
                    differences.add(new RowDifference(rows.getString(1), rows.getLong(2), rows.getString(3), rows.getBoolean(4)));
                }
            }
        }
        return differences;
    }
}
