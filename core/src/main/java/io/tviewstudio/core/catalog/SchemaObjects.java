package io.tviewstudio.core.catalog;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The objects of a database's own schemas with their DDL as PostgreSQL prints it back: tables,
 * views, indexes, sequences, functions, triggers, types. A dry run reads them before and after
 * running something in a transaction it then rolls back; the difference is what that something
 * would create, change or drop.
 */
public final class SchemaObjects {

    /**
     * One object.
     *
     * @param kind table, view, materialized view, index, sequence, function, procedure, trigger, type
     * @param name its name, schema-qualified (a trigger: {@code name on table}; a function with its argument types)
     * @param ddl  its definition (null for sequences and types)
     */
    public record SchemaObject(String kind, String name, String ddl) {
    }

    /** What changed between two readings. */
    public record Difference(List<SchemaObject> created, List<SchemaObject> changed, List<SchemaObject> dropped) {

        public boolean isEmpty() {
            return created.isEmpty() && changed.isEmpty() && dropped.isEmpty();
        }
    }

    private static final String OWN_SCHEMA = """
            n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')
            AND n.nspname NOT LIKE 'pg\\_temp\\_%' AND n.nspname NOT LIKE 'pg\\_toast\\_temp\\_%'""";

    // Kinds sort views and tables before what hangs on them (indexes, functions, triggers).
    private static final String OBJECTS = """
            SELECT CASE c.relkind WHEN 'v' THEN '1 view' WHEN 'm' THEN '1 materialized view' WHEN 'r' THEN '2 table'
                                  WHEN 'p' THEN '2 table' WHEN 'i' THEN '3 index' WHEN 'S' THEN '4 sequence' END,
                   c.oid::regclass::text,
                   CASE c.relkind
                       WHEN 'v' THEN format('CREATE VIEW %s AS%s', c.oid::regclass, pg_catalog.pg_get_viewdef(c.oid, true))
                       WHEN 'm' THEN format('CREATE MATERIALIZED VIEW %s AS%s', c.oid::regclass, pg_catalog.pg_get_viewdef(c.oid, true))
                       WHEN 'i' THEN pg_catalog.pg_get_indexdef(c.oid)
                       WHEN 'r' THEN format(E'CREATE TABLE %s (\\n%s\\n)', c.oid::regclass, (
                           SELECT string_agg(item, E',\\n' ORDER BY ord) FROM (
                               SELECT a.attnum AS ord, format('    %I %s%s%s', a.attname, pg_catalog.format_type(a.atttypid, a.atttypmod),
                                          CASE WHEN a.attnotnull THEN ' NOT NULL' ELSE '' END,
                                          coalesce(' DEFAULT ' || pg_catalog.pg_get_expr(d.adbin, d.adrelid), '')) AS item
                               FROM pg_catalog.pg_attribute a
                               LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
                               WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
                               UNION ALL
                               SELECT 10000 + row_number() OVER (ORDER BY k.conname),
                                      format('    CONSTRAINT %I %s', k.conname, pg_catalog.pg_get_constraintdef(k.oid))
                               FROM pg_catalog.pg_constraint k WHERE k.conrelid = c.oid AND k.contype IN ('p', 'u', 'c', 'f', 'x')
                           ) items))
                   END
            FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
            WHERE c.relkind IN ('r', 'p', 'v', 'm', 'i', 'S') AND :own_schema
            UNION ALL
            SELECT CASE p.prokind WHEN 'p' THEN '5 procedure' ELSE '5 function' END, p.oid::regprocedure::text,
                   pg_catalog.pg_get_functiondef(p.oid)
            FROM pg_catalog.pg_proc p JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace
            WHERE p.prokind IN ('f', 'p') AND :own_schema
            UNION ALL
            SELECT '6 trigger', format('%I on %s', t.tgname, t.tgrelid::regclass), pg_catalog.pg_get_triggerdef(t.oid)
            FROM pg_catalog.pg_trigger t JOIN pg_catalog.pg_class c ON c.oid = t.tgrelid
            JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
            WHERE NOT t.tgisinternal AND :own_schema
            UNION ALL
            SELECT '7 type', t.oid::regtype::text, NULL
            FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace
            LEFT JOIN pg_catalog.pg_class c ON c.oid = t.typrelid
            WHERE t.typtype IN ('c', 'd', 'e', 'r') AND (t.typrelid = 0 OR c.relkind = 'c') AND :own_schema""";

    private SchemaObjects() {
    }

    /** Every object of the database's own schemas, keyed by kind and name, in kind order. */
    public static Map<String, SchemaObject> read(Connection connection) throws SQLException {
        Map<String, SchemaObject> objects = new TreeMap<>();
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(OBJECTS.replace(":own_schema", OWN_SCHEMA))) {
            while (rows.next()) {
                String sortKey = rows.getString(1);
                SchemaObject object = new SchemaObject(sortKey.substring(2), rows.getString(2), rows.getString(3));
                objects.put(sortKey + " " + object.name(), object);
            }
        }
        return objects;
    }

    /** The objects {@code after} adds, those whose DDL differs, and those it no longer has. */
    public static Difference difference(Map<String, SchemaObject> before, Map<String, SchemaObject> after) {
        List<SchemaObject> created = new ArrayList<>();
        List<SchemaObject> changed = new ArrayList<>();
        List<SchemaObject> dropped = new ArrayList<>();
        after.forEach((key, object) -> {
            SchemaObject old = before.get(key);
            if (old == null) {
                created.add(object);
            } else if (!Objects.equals(old.ddl(), object.ddl())) {
                changed.add(object);
            }
        });
        before.forEach((key, object) -> {
            if (!after.containsKey(key)) {
                dropped.add(object);
            }
        });
        return new Difference(created, changed, dropped);
    }
}
