package io.tviewstudio.core.inspect;

import io.tviewstudio.core.catalog.TviewCatalog;
import io.tviewstudio.core.catalog.TviewSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * The relations of one TVIEW as {@code pg_tview_meta} names them: relation names are regclass
 * text (quoted by PostgreSQL where needed), column names are raw and quoted by {@link Sql#ident}.
 *
 * @param entity   {@code post} for {@code tv_post}
 * @param table    the TVIEW table, e.g. {@code tv_post}
 * @param view     the backing view, e.g. {@code v_post}
 * @param pkColumn {@code pk_<entity>}
 * @param hasId    whether the table has an {@code id} column
 * @param sources  the lineage rules ({@code pg_tview_source}), with the source's oid
 */
public record InspectedTview(String entity, String table, String view, String pkColumn, boolean hasId,
                             List<Source> sources) {

    /** One lineage rule and the oid of its source relation (for {@code pg_tviews_cascade}). */
    public record Source(TviewSource rule, long oid) {
    }

    public InspectedTview {
        sources = List.copyOf(sources);
    }

    /** The root rule: the source whose {@code pk_<entity>} is this TVIEW's key, if any. */
    public Optional<Source> root() {
        return sources.stream().filter(source -> "root".equals(source.rule().rule())).findFirst();
    }

    private static final String META = """
            SELECT m.entity, m.table_oid::text, m.view_oid::text, m.pk_column::text,
                   EXISTS (SELECT 1 FROM pg_catalog.pg_attribute a WHERE a.attrelid = m.table_oid
                           AND a.attname = 'id' AND a.attnum > 0 AND NOT a.attisdropped)
            FROM public.pg_tview_meta m
            WHERE m.table_oid = pg_catalog.to_regclass(?)""";

    /** Reads the TVIEW whose table is {@code table} ({@code tv_post}, or schema-qualified). */
    public static InspectedTview read(Connection connection, String table) throws SQLException, InspectException {
        String entity;
        String tableName;
        String view;
        String pk;
        boolean hasId;
        try (PreparedStatement statement = connection.prepareStatement(META)) {
            statement.setString(1, table);
            try (ResultSet rows = statement.executeQuery()) {
                if (!rows.next()) {
                    throw new InspectException("not_a_tview", table + " is not a TVIEW table (no row in pg_tview_meta)");
                }
                entity = rows.getString(1);
                tableName = rows.getString(2);
                view = rows.getString(3);
                pk = rows.getString(4);
                hasId = rows.getBoolean(5);
            }
        }
        List<Source> sources = new TviewCatalog(connection).lineageOf(tableName).stream()
                .map(rule -> new Source(rule.source(), rule.sourceOid())).toList();
        return new InspectedTview(entity, tableName, view, pk, hasId, sources);
    }
}
