package io.tviewstudio.core.deploy;

import io.tviewstudio.core.jdbc.Transactions;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Drops TVIEWs through {@code pg_tviews_drop}: their table, view, triggers and functions; base tables stay. */
public final class TviewDropper {

    private TviewDropper() {
    }

    /**
     * Drops the TVIEWs in the given order, in one transaction: on any error none is dropped.
     *
     * @param names    e.g. {@code tv_post} or {@code app.tv_post}
     * @param ifExists skip a missing TVIEW instead of failing with TV003
     * @param cascade  also drop the TVIEWs that read one (else that is TV031)
     * @return pg_tviews_drop's messages, one per line
     */
    public static List<String> drop(Connection connection, List<String> names, boolean ifExists, boolean cascade)
            throws SQLException {
        return Transactions.inTransaction(connection, () -> {
            List<String> messages = new ArrayList<>();
            try (PreparedStatement call = connection.prepareStatement("SELECT public.pg_tviews_drop(?, ?, ?)")) {
                for (String name : names) {
                    call.setString(1, name);
                    call.setBoolean(2, ifExists);
                    call.setBoolean(3, cascade);
                    try (ResultSet rows = call.executeQuery()) {
                        rows.next();
                        messages.addAll(rows.getString(1).lines().toList());
                    }
                }
            }
            return messages;
        });
    }
}
