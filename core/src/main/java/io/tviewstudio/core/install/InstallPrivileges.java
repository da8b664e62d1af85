package io.tviewstudio.core.install;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rights the connected role needs to install the runtime, or to create a TVIEW over given
 * source tables, checked before anything runs so that a missing grant is named up front (with the
 * statement that gives it) instead of failing halfway with PostgreSQL's first {@code 42501}.
 *
 * <p>What the install needs is read off {@code sql/install.sql}'s pieces: every object goes into
 * schema {@code public} (USAGE and CREATE there), the functions are PL/pgSQL (USAGE on the
 * language), re-installing replaces the runtime's existing objects (ownership of each, or
 * membership in the owning role), and {@code pg_tviews_analyze_select}, which the tools call to
 * check a definition, creates a temporary view (TEMPORARY on the database; without it the install
 * would succeed and every check of a definition fail). A TVIEW needs USAGE and CREATE on its schema, TEMPORARY, and on each source
 * table ownership or SELECT (its view reads it) and TRIGGER (its refresh triggers go on it), as
 * {@code pg_tviews_create} in {@code sql/runtime/40_api.sql} does.
 */
public final class InstallPrivileges {

    /** {@code CREATE [OR REPLACE] [UNLOGGED] FUNCTION|TABLE|VIEW|TYPE [IF NOT EXISTS] public.name} at a line start. */
    private static final Pattern RUNTIME_OBJECT = Pattern.compile(
            "(?m)^\\s*CREATE\\s+(?:OR\\s+REPLACE\\s+)?(?:UNLOGGED\\s+)?(FUNCTION|TABLE|VIEW|TYPE)\\s+"
                    + "(?:IF\\s+NOT\\s+EXISTS\\s+)?public\\.(\\w+)", Pattern.CASE_INSENSITIVE);

    private static final String ROLE_AND_SCHEMA = """
            SELECT pg_catalog.quote_ident(current_user), pg_catalog.quote_ident(current_database()),
                   n.oid IS NOT NULL,
                   pg_catalog.has_schema_privilege(n.oid, 'USAGE'), pg_catalog.has_schema_privilege(n.oid, 'CREATE'),
                   pg_catalog.has_database_privilege(current_database(), 'TEMPORARY'),
                   (SELECT pg_catalog.has_language_privilege(l.oid, 'USAGE') FROM pg_catalog.pg_language l
                    WHERE l.lanname = 'plpgsql'),
                   pg_catalog.quote_ident(n.nspname)
            FROM (SELECT 1) one LEFT JOIN pg_catalog.pg_namespace n ON n.nspname = ?""";

    /** The installed runtime's objects owned by roles whose rights the current user does not have. */
    private static final String FOREIGN_OWNERS = """
            SELECT pg_catalog.quote_ident(o.owner::regrole::text), count(*),
                   (pg_catalog.array_agg(o.description ORDER BY o.rank, o.description))[1]
            FROM (
                SELECT c.relowner AS owner, 1 AS rank,
                       pg_catalog.format('%s public.%I', CASE c.relkind WHEN 'v' THEN 'view' ELSE 'table' END, c.relname)
                           AS description
                FROM pg_catalog.pg_class c
                WHERE c.relnamespace = 'public'::regnamespace AND c.relname = ANY (?) AND c.relkind IN ('r', 'p', 'v')
                UNION ALL
                SELECT p.proowner, 2, pg_catalog.format('function public.%I', p.proname)
                FROM pg_catalog.pg_proc p WHERE p.pronamespace = 'public'::regnamespace AND p.proname = ANY (?)
                UNION ALL
                SELECT t.typowner, 3, pg_catalog.format('type public.%I', t.typname)
                FROM pg_catalog.pg_type t WHERE t.typnamespace = 'public'::regnamespace AND t.typname = ANY (?)
            ) o
            WHERE NOT pg_catalog.pg_has_role(o.owner, 'USAGE')
            GROUP BY o.owner ORDER BY 1""";

    private static final String SOURCE_TABLE = """
            SELECT pg_catalog.format('%I.%I', n.nspname, c.relname), pg_catalog.quote_ident(n.nspname),
                   pg_catalog.pg_has_role(c.relowner, 'USAGE'), pg_catalog.has_schema_privilege(n.oid, 'USAGE'),
                   pg_catalog.has_table_privilege(c.oid, 'SELECT'), pg_catalog.has_table_privilege(c.oid, 'TRIGGER')
            FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
            WHERE c.oid = pg_catalog.to_regclass(?)""";

    private InstallPrivileges() {
    }

    /** Every right the connected role lacks to install (or re-install, or upgrade) the runtime; empty: none. */
    public static List<MissingPrivilege> missingForInstall(Connection connection) throws SQLException {
        List<MissingPrivilege> missing = new ArrayList<>();
        RoleRights rights = roleRights(connection, "public");
        if (!rights.schemaExists()) {
            missing.add(new MissingPrivilege("schema", "schema public", "schema public does not exist",
                    "every runtime object is created in schema public",
                    "CREATE SCHEMA public AUTHORIZATION " + rights.role() + ";"));
        } else {
            schemaRights(rights, "every runtime object is in schema public",
                    "the runtime's tables, views, functions and type are created in schema public", missing);
        }
        if (rights.plpgsql() == null) {
            missing.add(new MissingPrivilege("language", "language plpgsql", "language plpgsql is not installed",
                    "the runtime's functions are written in PL/pgSQL", "CREATE EXTENSION plpgsql;"));
        } else if (!rights.plpgsql()) {
            missing.add(lacks(rights.role(), "USAGE", "language plpgsql",
                    "the runtime's functions are written in PL/pgSQL", "GRANT USAGE ON LANGUAGE plpgsql TO " + rights.role() + ";"));
        }
        temporary(rights, missing);
        if (rights.schemaExists()) {
            missing.addAll(foreignOwners(connection, rights.role()));
        }
        return missing;
    }

    /**
     * Every right the connected role lacks to create a TVIEW in {@code schema} that reads
     * {@code sources} (table names as the definition gives them, resolved with the search_path;
     * a name that is no relation is left to the runtime's TV040).
     */
    public static List<MissingPrivilege> missingForTview(Connection connection, String schema, Collection<String> sources)
            throws SQLException {
        List<MissingPrivilege> missing = new ArrayList<>();
        RoleRights rights = roleRights(connection, schema);
        if (rights.schemaExists()) {
            schemaRights(rights, "the TVIEW's view, table and functions are created there",
                    "the TVIEW's view, table and functions are created there", missing);
        }
        temporary(rights, missing);
        Set<String> seen = new LinkedHashSet<>();
        try (PreparedStatement statement = connection.prepareStatement(SOURCE_TABLE)) {
            for (String source : sources) {
                statement.setString(1, source);
                try (ResultSet row = statement.executeQuery()) {
                    if (!row.next() || !seen.add(row.getString(1))) {
                        continue;
                    }
                    String table = "table " + row.getString(1);
                    String on = " ON TABLE " + row.getString(1) + " TO " + rights.role() + ";";
                    if (!row.getBoolean(4)) {
                        missing.add(lacks(rights.role(), "USAGE", "schema " + row.getString(2),
                                "the TVIEW reads " + row.getString(1),
                                "GRANT USAGE ON SCHEMA " + row.getString(2) + " TO " + rights.role() + ";"));
                    }
                    if (row.getBoolean(3)) {
                        continue;
                    }
                    if (!row.getBoolean(5)) {
                        missing.add(lacks(rights.role(), "SELECT", table, "the TVIEW's view reads it", "GRANT SELECT" + on));
                    }
                    if (!row.getBoolean(6)) {
                        missing.add(lacks(rights.role(), "TRIGGER", table,
                                "the TVIEW's refresh triggers go on it; dropping the TVIEW later needs its owner",
                                "GRANT TRIGGER" + on));
                    }
                }
            }
        }
        return missing;
    }

    /**
     * Throws when the connected role lacks a right the runtime install needs; does nothing else.
     *
     * @throws MissingPrivilegesException listing every missing right, before anything was changed
     */
    public static void requireForInstall(Connection connection) throws SQLException {
        List<MissingPrivilege> missing = missingForInstall(connection);
        if (!missing.isEmpty()) {
            throw new MissingPrivilegesException(installSummary(connection, missing.size()), missing);
        }
    }

    /** The runtime's tables, views, functions and types, by kind, as the install pieces create them. */
    static RuntimeObjects runtimeObjects() {
        Set<String> relations = new LinkedHashSet<>();
        Set<String> functions = new LinkedHashSet<>();
        Set<String> types = new LinkedHashSet<>();
        for (RuntimeScripts.Piece piece : RuntimeScripts.installPieces()) {
            Matcher matcher = RUNTIME_OBJECT.matcher(piece.sql());
            while (matcher.find()) {
                switch (matcher.group(1).toUpperCase(java.util.Locale.ROOT)) {
                    case "FUNCTION" -> functions.add(matcher.group(2));
                    case "TYPE" -> types.add(matcher.group(2));
                    default -> relations.add(matcher.group(2));
                }
            }
        }
        return new RuntimeObjects(List.copyOf(relations), List.copyOf(functions), List.copyOf(types));
    }

    record RuntimeObjects(List<String> relations, List<String> functions, List<String> types) {
    }

    private record RoleRights(String role, String database, boolean schemaExists, boolean schemaUsage,
                              boolean schemaCreate, boolean temporary, Boolean plpgsql, String schema) {
    }

    private static RoleRights roleRights(Connection connection, String schema) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(ROLE_AND_SCHEMA)) {
            statement.setString(1, schema);
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                boolean plpgsql = row.getBoolean(7);
                return new RoleRights(row.getString(1), row.getString(2), row.getBoolean(3), row.getBoolean(4),
                        row.getBoolean(5), row.getBoolean(6), row.wasNull() ? null : plpgsql, row.getString(8));
            }
        }
    }

    private static void schemaRights(RoleRights rights, String usageReason, String createReason, List<MissingPrivilege> missing) {
        String schema = rights.schema();
        if (!rights.schemaUsage()) {
            missing.add(lacks(rights.role(), "USAGE", "schema " + schema, usageReason,
                    "GRANT USAGE ON SCHEMA " + schema + " TO " + rights.role() + ";"));
        }
        if (!rights.schemaCreate()) {
            missing.add(lacks(rights.role(), "CREATE", "schema " + schema, createReason,
                    "GRANT CREATE ON SCHEMA " + schema + " TO " + rights.role() + ";"));
        }
    }

    private static void temporary(RoleRights rights, List<MissingPrivilege> missing) {
        if (!rights.temporary()) {
            missing.add(lacks(rights.role(), "TEMPORARY", "database " + rights.database(),
                    "pg_tviews_analyze_select (the check of a definition) creates a temporary view",
                    "GRANT TEMPORARY ON DATABASE " + rights.database() + " TO " + rights.role() + ";"));
        }
    }

    private static List<MissingPrivilege> foreignOwners(Connection connection, String role) throws SQLException {
        RuntimeObjects objects = runtimeObjects();
        List<MissingPrivilege> missing = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(FOREIGN_OWNERS)) {
            statement.setArray(1, textArray(connection, objects.relations()));
            statement.setArray(2, textArray(connection, objects.functions()));
            statement.setArray(3, textArray(connection, objects.types()));
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    String owner = rows.getString(1);
                    long count = rows.getLong(2);
                    missing.add(new MissingPrivilege("ownership", "the installed runtime's objects owned by role " + owner,
                            "role " + role + " does not own the installed runtime: " + count
                                    + (count == 1 ? " object is" : " objects are") + " owned by role " + owner
                                    + ", e.g. " + rows.getString(3),
                            "re-installing or upgrading replaces them, which only their owner may do",
                            "GRANT " + owner + " TO " + role + ";"));
                }
            }
        }
        return missing;
    }

    private static Array textArray(Connection connection, List<String> names) throws SQLException {
        return connection.createArrayOf("text", names.toArray());
    }

    private static MissingPrivilege lacks(String role, String right, String object, String reason, String grant) {
        return new MissingPrivilege(right, object, "role " + role + " lacks " + right + " on " + object, reason, grant);
    }

    private static String installSummary(Connection connection, int count) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT pg_catalog.quote_ident(current_user)");
             ResultSet row = statement.executeQuery()) {
            row.next();
            return "role " + row.getString(1) + " cannot install the TVIEW runtime: " + count
                    + (count == 1 ? " right is" : " rights are") + " missing; nothing was installed";
        }
    }
}
