package io.tviewstudio.core.runtime;

import io.tviewstudio.core.testing.TestDatabase;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * What a failed pg_tviews_create or pg_tviews_drop must leave untouched: user relations, the TVIEW
 * catalog, generated functions, triggers, and the contents of every user table.
 */
public record DatabaseSnapshot(List<String> relations, List<String> catalog, List<String> generatedFunctions,
                        List<String> triggers, List<String> tableContents) {

    private static final String USER_SCHEMAS = """
            n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')
            AND n.nspname NOT LIKE 'pg\\_temp\\_%' AND n.nspname NOT LIKE 'pg\\_toast\\_temp\\_%'""";

    public static DatabaseSnapshot of(TestDatabase db) throws SQLException {
        List<String> relations = db.column("SELECT format('%s %s', c.oid::regclass, c.relkind) FROM pg_class c "
                + "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE " + USER_SCHEMAS + " ORDER BY 1");
        List<String> catalog = db.column("""
                SELECT format('meta %s %s %s', entity, table_oid, view_oid) FROM pg_tview_meta
                UNION ALL
                SELECT format('source %s %s %s %s', entity, source, rule, tview_column) FROM pg_tview_source
                ORDER BY 1""");
        List<String> functions = db.column("""
                SELECT p.oid::regprocedure::text FROM pg_proc p
                WHERE p.proname LIKE 'pg\\_tviews\\_refresh\\_%' OR p.proname LIKE 'pg\\_tviews\\_trg\\_%'
                ORDER BY 1""");
        List<String> triggers = db.column("SELECT format('%s %s %s', tgrelid::regclass, tgname, tgenabled) "
                + "FROM pg_trigger WHERE NOT tgisinternal ORDER BY 1");
        List<String> contents = new ArrayList<>();
        for (String table : db.column("SELECT c.oid::regclass::text FROM pg_class c JOIN pg_namespace n "
                + "ON n.oid = c.relnamespace WHERE c.relkind IN ('r', 'p') AND " + USER_SCHEMAS + " ORDER BY 1")) {
            contents.add(table + " " + db.scalar("SELECT count(*) || ' rows, md5 ' || md5(coalesce("
                    + "string_agg(t::text, E'\\n' ORDER BY t::text), '')) FROM " + table + " t"));
        }
        return new DatabaseSnapshot(relations, catalog, functions, triggers, contents);
    }

    /** Every relation, function and type outside the system schemas, one line each: none after a rolled-back first install. */
    public static String userObjects(TestDatabase db) throws SQLException {
        return String.join("\n", db.column("""
                SELECT format('relation %s %s', c.oid::regclass, c.relkind) FROM pg_class c
                WHERE c.relnamespace NOT IN ('pg_catalog'::regnamespace, 'information_schema'::regnamespace, 'pg_toast'::regnamespace)
                  AND c.relnamespace::regnamespace::text NOT LIKE 'pg\\_%'
                UNION ALL
                SELECT format('function %s', p.oid::regprocedure) FROM pg_proc p WHERE p.pronamespace = 'public'::regnamespace
                UNION ALL
                SELECT format('type %s', t.oid::regtype) FROM pg_type t WHERE t.typnamespace = 'public'::regnamespace
                ORDER BY 1"""));
    }
}
