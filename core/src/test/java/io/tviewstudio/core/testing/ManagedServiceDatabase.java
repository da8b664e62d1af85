package io.tviewstudio.core.testing;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * A database set up the way a managed PostgreSQL service (RDS, Cloud SQL, Azure, ...) hands it to
 * its customer: a login role that owns the database, and through {@code pg_database_owner} schema
 * public, and nothing else (not superuser, no CREATEDB/CREATEROLE, no membership in any predefined
 * role). Beside it, an application role with only DML grants on the base tables, and a monitoring
 * role that is only a member of {@code pg_monitor}. The blog base tables are created by the owner.
 */
public final class ManagedServiceDatabase implements AutoCloseable {

    private static final String BASE_TABLES = "public.tb_user, public.tb_category, public.tb_post, public.tb_comment";

    /** Objects and rights of the database, as one sorted list of lines: what must survive an uninstall. */
    private static final String CATALOG_SNAPSHOT = """
            WITH user_ns AS (
                SELECT oid, nspname FROM pg_catalog.pg_namespace
                WHERE nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')
                  AND nspname NOT LIKE 'pg\\_temp\\_%' AND nspname NOT LIKE 'pg\\_toast\\_temp\\_%')
            SELECT line FROM (
                SELECT format('schema %s owner %s acl %s', nspname, nspowner::regrole, nspacl) AS line
                FROM pg_catalog.pg_namespace WHERE oid IN (SELECT oid FROM user_ns)
                UNION ALL SELECT format('relation %s kind %s owner %s acl %s', c.oid::regclass, c.relkind,
                                        c.relowner::regrole, c.relacl)
                FROM pg_catalog.pg_class c WHERE c.relnamespace IN (SELECT oid FROM user_ns)
                UNION ALL SELECT format('function %s owner %s acl %s', p.oid::regprocedure, p.proowner::regrole, p.proacl)
                FROM pg_catalog.pg_proc p WHERE p.pronamespace IN (SELECT oid FROM user_ns)
                UNION ALL SELECT format('type %s', t.oid::regtype)
                FROM pg_catalog.pg_type t WHERE t.typnamespace IN (SELECT oid FROM user_ns)
                UNION ALL SELECT format('operator %s', o.oid::regoperator)
                FROM pg_catalog.pg_operator o WHERE o.oprnamespace IN (SELECT oid FROM user_ns)
                UNION ALL SELECT format('trigger %s on %s', t.tgname, t.tgrelid::regclass) FROM pg_catalog.pg_trigger t
                UNION ALL SELECT format('constraint %s on %s', c.conname, c.conrelid::regclass)
                FROM pg_catalog.pg_constraint c WHERE c.connamespace IN (SELECT oid FROM user_ns)
                UNION ALL SELECT format('policy %s on %s', polname, polrelid::regclass) FROM pg_catalog.pg_policy
                UNION ALL SELECT format('rule %s on %s', r.rulename, r.ev_class::regclass) FROM pg_catalog.pg_rewrite r
                WHERE r.ev_class IN (SELECT c.oid FROM pg_catalog.pg_class c WHERE c.relnamespace IN (SELECT oid FROM user_ns))
                UNION ALL SELECT format('event trigger %s', evtname) FROM pg_catalog.pg_event_trigger
                UNION ALL SELECT format('extension %s %s', extname, extversion) FROM pg_catalog.pg_extension
                UNION ALL SELECT format('language %s', lanname) FROM pg_catalog.pg_language
                UNION ALL SELECT format('default acl %s %s %s', defaclrole::regrole, defaclobjtype, defaclacl)
                FROM pg_catalog.pg_default_acl
                UNION ALL SELECT format('database %s owner %s acl %s', datname, datdba::regrole, datacl)
                FROM pg_catalog.pg_database WHERE datname = current_database()
                UNION ALL SELECT format('role setting %s %s', setrole, setconfig) FROM pg_catalog.pg_db_role_setting
                WHERE setdatabase IN (0, (SELECT oid FROM pg_catalog.pg_database WHERE datname = current_database()))
                UNION ALL SELECT format('shared dependency %s %s', d.refobjid::regrole, d.deptype)
                FROM pg_catalog.pg_shdepend d
                WHERE d.dbid = (SELECT oid FROM pg_catalog.pg_database WHERE datname = current_database())
                UNION ALL SELECT format('prepared transaction %s', gid) FROM pg_catalog.pg_prepared_xacts
                WHERE database = current_database()
            ) lines ORDER BY line""";

    private final TestDatabase db;
    private final String owner;
    private final String app;
    private final String monitor;

    private ManagedServiceDatabase(TestDatabase db) {
        this.db = db;
        this.owner = "mgd_owner_" + db.name();
        this.app = "mgd_app_" + db.name();
        this.monitor = "mgd_monitor_" + db.name();
    }

    /** A fresh database owned by a new ordinary role, with the blog base tables created by that role. */
    public static ManagedServiceDatabase create() throws SQLException {
        ManagedServiceDatabase managed = new ManagedServiceDatabase(TestDatabase.empty());
        TestDatabase db = managed.db;
        // What a provider's admin (or the customer through the provider's console) runs once.
        db.execute("CREATE ROLE " + managed.owner + " LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS");
        db.execute("CREATE ROLE " + managed.app + " LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE");
        db.execute("CREATE ROLE " + managed.monitor + " LOGIN NOSUPERUSER IN ROLE pg_monitor");
        db.execute("ALTER DATABASE " + db.name() + " OWNER TO " + managed.owner);
        try (Connection asOwner = managed.connectAsOwner()) {
            TestDatabase.execute(asOwner, Resources.text("schemas/blog.sql"));
            TestDatabase.execute(asOwner, "GRANT USAGE ON SCHEMA public TO " + managed.app);
            TestDatabase.execute(asOwner, "GRANT SELECT, INSERT, UPDATE, DELETE ON " + BASE_TABLES + " TO " + managed.app);
            TestDatabase.execute(asOwner, "GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO " + managed.app);
        }
        return managed;
    }

    public TestDatabase db() {
        return db;
    }

    public String owner() {
        return owner;
    }

    public String app() {
        return app;
    }

    public String monitor() {
        return monitor;
    }

    public Connection connectAsOwner() throws SQLException {
        return db.connectAs(owner);
    }

    public Connection connectAsApp() throws SQLException {
        return db.connectAs(app);
    }

    public Connection connectAsMonitor() throws SQLException {
        return db.connectAs(monitor);
    }

    /** The database's objects, owners, rights, triggers, extensions and settings, read as superuser. */
    public List<String> catalogSnapshot() throws SQLException {
        return db.column(CATALOG_SNAPSHOT);
    }

    @Override
    public void close() throws SQLException {
        db.close();
    }
}
