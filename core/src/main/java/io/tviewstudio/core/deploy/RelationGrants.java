package io.tviewstudio.core.deploy;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The privileges granted on relations, read as {@code GRANT} statements before the relations are
 * dropped and run again once they exist anew: a replaced TVIEW's readers keep their SELECT. Only
 * privileges on the whole relation; the owner's own are implicit.
 */
final class RelationGrants {

    private static final String GRANTS = """
            SELECT format('GRANT %s ON %s TO %s%s', a.privilege_type, c.oid::regclass,
                          CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE quote_ident(r.rolname) END,
                          CASE WHEN a.is_grantable THEN ' WITH GRANT OPTION' ELSE '' END)
            FROM pg_catalog.pg_class c CROSS JOIN LATERAL pg_catalog.aclexplode(c.relacl) a
            LEFT JOIN pg_catalog.pg_roles r ON r.oid = a.grantee
            WHERE c.oid = ANY (?::text[]::regclass[]) AND a.grantee <> c.relowner
            ORDER BY 1""";

    private final List<String> statements;

    private RelationGrants(List<String> statements) {
        this.statements = List.copyOf(statements);
    }

    /** The grants on these relations (regclass text). */
    static RelationGrants read(Connection connection, List<String> relations) throws SQLException {
        List<String> statements = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(GRANTS)) {
            Array names = connection.createArrayOf("text", relations.toArray());
            statement.setArray(1, names);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    statements.add(rows.getString(1));
                }
            }
        }
        return new RelationGrants(statements);
    }

    boolean isEmpty() {
        return statements.isEmpty();
    }

    int size() {
        return statements.size();
    }

    /** Grants them again, on the relations that now have the same names. */
    void grant(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (String grant : statements) {
                statement.execute(grant);
            }
        }
    }
}
