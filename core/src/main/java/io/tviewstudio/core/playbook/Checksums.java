package io.tviewstudio.core.playbook;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The checksum of a TVIEW's rows, computed in the database by {@code pg_temp.playbook_checksum}
 * (part of every playbook's {@code scripts/lib/playbook.sql}, so psql and Java compute the same):
 * {@code md5(string_agg(t::text, E'\n' ORDER BY t.pk_<entity>))} over the TVIEW table {@code t},
 * with {@code TimeZone=UTC}, {@code DateStyle=ISO, MDY}, {@code IntervalStyle=postgres},
 * {@code extra_float_digits=1} and {@code bytea_output=hex} pinned on the function.
 */
public final class Checksums {

    /** The method in words, written into the manifest and the playbook. */
    public static final String METHOD = "md5 of the text form of every row of the TVIEW table (all columns in table order, "
            + "row constructor output t::text), ordered by pk_<entity> and joined by newlines: "
            + "md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t.pk_<entity>), '')); computed with TimeZone=UTC, "
            + "DateStyle='ISO, MDY', IntervalStyle=postgres, extra_float_digits=1, bytea_output=hex";

    private Checksums() {
    }

    /** Row count and checksum; needs {@link PlaybookSql#functions()} created in the session. */
    public static Result of(Connection connection, String table, String pkColumn) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT row_count, checksum FROM pg_temp.playbook_checksum(?::regclass, ?)")) {
            statement.setString(1, table);
            statement.setString(2, pkColumn);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return new Result(rows.getLong(1), rows.getString(2));
            }
        }
    }

    public record Result(long rowCount, String checksum) {
    }
}
