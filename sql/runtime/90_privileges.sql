-- The catalog is readable by every role, as PostgreSQL's own catalogs are (view definitions are
-- public in pg_views too), so monitoring roles need no further grant. Only the runtime's owner
-- writes it: pg_tviews_create and pg_tviews_drop run with their caller's rights and hand the
-- catalog rows to SECURITY DEFINER steps (pg_tviews__register, __unregister, ...), which accept
-- them only when the caller proved it owns the TVIEW's objects (pg_tviews_caller_proof, below).
-- Earlier builds let every role write rows of tables it owned, under row-level security: a role
-- with nothing but TEMP wrote a row for a temporary table whose definition text another role's
-- health check then ran. Those grants and policies are taken back here.
GRANT SELECT ON public.pg_tviews_runtime, public.pg_tview_meta, public.pg_tview_source TO PUBLIC;
GRANT SELECT ON public.pg_tviews_settings TO PUBLIC;
REVOKE INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON public.pg_tview_meta, public.pg_tview_source,
    public.pg_tviews_settings, public.pg_tviews_runtime FROM PUBLIC;
ALTER TABLE public.pg_tview_meta ENABLE ROW LEVEL SECURITY;
ALTER TABLE public.pg_tview_source ENABLE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS pg_tview_meta_read ON public.pg_tview_meta;
DROP POLICY IF EXISTS pg_tview_meta_write ON public.pg_tview_meta;
DROP POLICY IF EXISTS pg_tview_source_read ON public.pg_tview_source;
DROP POLICY IF EXISTS pg_tview_source_write ON public.pg_tview_source;
-- Read-only policies: even a write right granted by mistake writes nothing.
CREATE POLICY pg_tview_meta_read ON public.pg_tview_meta FOR SELECT USING (true);
CREATE POLICY pg_tview_source_read ON public.pg_tview_source FOR SELECT USING (true);
-- The runtime's private tables: written by its SECURITY DEFINER code only, read by none.
REVOKE ALL ON public.pg_tviews_queue, public.pg_tviews_commit_hook, public.pg_tviews_lock_guard, public.pg_tviews_lock_slot FROM PUBLIC;
REVOKE ALL ON SEQUENCE public.pg_tviews_flush_token FROM PUBLIC;

-- pg_tviews_caller_proof (00_catalog.sql): every role may insert a row, and only a row that proves
-- what it claims: the policy, evaluated as the inserting role, admits a row of the current
-- transaction, made by current_user, for a non-temporary relation whose owner current_user is (or
-- has the rights of); the trigger, running as that role, admits a definition only when PostgreSQL
-- parses it as one SELECT. No role but the runtime's owner reads, changes or deletes rows.
REVOKE ALL ON public.pg_tviews_caller_proof FROM PUBLIC;
GRANT INSERT ON public.pg_tviews_caller_proof TO PUBLIC;
ALTER TABLE public.pg_tviews_caller_proof ENABLE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS pg_tviews_caller_proof_insert ON public.pg_tviews_caller_proof;
CREATE POLICY pg_tviews_caller_proof_insert ON public.pg_tviews_caller_proof FOR INSERT
    WITH CHECK (xid = pg_catalog.pg_current_xact_id() AND made_by = current_user
                AND EXISTS (SELECT 1 FROM pg_catalog.pg_class c
                            WHERE c.oid = rel AND c.relpersistence <> 't'
                              AND pg_catalog.pg_has_role(current_user, c.relowner, 'USAGE')));
DROP TRIGGER IF EXISTS pg_tviews_check_proof ON public.pg_tviews_caller_proof;
CREATE TRIGGER pg_tviews_check_proof BEFORE INSERT ON public.pg_tviews_caller_proof
    FOR EACH ROW EXECUTE FUNCTION public.pg_tviews__proof_trigger();

-- Catalog rows of TVIEWs created before the catalog recorded what their view reads.
UPDATE public.pg_tview_meta m SET view_reads = public.pg_tviews__view_reads(m.view_oid)
WHERE m.view_reads IS NULL AND EXISTS (SELECT 1 FROM pg_catalog.pg_class c WHERE c.oid = m.view_oid);

-- The audit log: readable like the rest of the catalog, written only by its owner (the runtime's
-- SECURITY DEFINER pg_tviews__audit). Row-level security with a read-only policy keeps it so even
-- if someone grants write rights on it by mistake.
REVOKE ALL ON public.pg_tview_audit_log FROM PUBLIC;
GRANT SELECT ON public.pg_tview_audit_log, public.pg_tview_helpers TO PUBLIC;
ALTER TABLE public.pg_tview_audit_log ENABLE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS pg_tview_audit_log_read ON public.pg_tview_audit_log;
CREATE POLICY pg_tview_audit_log_read ON public.pg_tview_audit_log FOR SELECT USING (true);

-- Internal functions (public.pg_tviews__*). PostgreSQL lets PUBLIC execute every new function, and
-- several of these are SECURITY DEFINER: any role could queue keys, write metrics or audit rows.
-- Who must call them, and so who may:
--   * the runtime's own code (queue flush, locks, guard rows, metrics, audit, catalog writes),
--     running as the runtime's owner: owners may always execute their functions; nobody else gets
--     these.
--   * the code pg_tviews_create generates (refresh, parent-lock and trigger functions), SECURITY
--     DEFINER as the role that created the TVIEW, and that role's own API calls: granted to each
--     owner of a TVIEW (pg_tviews__grant_tview_owner below). None of them writes runtime state but
--     the queue of the caller's own transaction, which the commit hook always flushes.
--   * the public API run with the caller's rights by any role: granted to PUBLIC. These compute
--     names, check definitions and raise errors with the caller's rights only, or are SECURITY
--     DEFINER steps that act only on what the caller proved it owns (pg_tviews_caller_proof).
-- PostgreSQL checks EXECUTE once when a statement starts, so none of this costs the write path.
-- A view's functions are checked against whoever reads the view: the monitoring views call none.
-- Re-running the install takes EXECUTE on every other internal function away from every role but
-- the runtime's owner (earlier builds granted TVIEW owners the lock, guard, metrics and audit
-- functions, with which one owner could forge or block another's TVIEW state).
DO $internal$
DECLARE
    v_fn regprocedure;
    v_grantee text;
BEGIN
    FOR v_fn IN SELECT p.oid::regprocedure FROM pg_catalog.pg_proc p
                WHERE p.pronamespace = 'public'::regnamespace AND p.proname LIKE 'pg\_tviews\_\_%'
                  AND p.proowner = (SELECT f.proowner FROM pg_catalog.pg_proc f
                                    WHERE f.oid = 'public.pg_tviews__flush(boolean)'::regprocedure) LOOP
        EXECUTE pg_catalog.format('REVOKE ALL ON FUNCTION %s FROM PUBLIC', v_fn);
        FOR v_grantee IN SELECT DISTINCT pg_catalog.quote_ident(r.rolname)
                         FROM pg_catalog.pg_proc p, pg_catalog.aclexplode(p.proacl) AS a
                         JOIN pg_catalog.pg_roles r ON r.oid = a.grantee
                         WHERE p.oid = v_fn AND a.grantee <> p.proowner LOOP
            EXECUTE pg_catalog.format('REVOKE ALL ON FUNCTION %s FROM %s', v_fn, v_grantee);
        END LOOP;
    END LOOP;
END
$internal$;
GRANT EXECUTE ON FUNCTION
    public.pg_tviews__fail(text, text, text, text), public.pg_tviews__parse_name(text),
    public.pg_tviews__single_statement(text), public.pg_tviews__require_one_statement(text),
    public.pg_tviews__top_query(regclass),
    public.pg_tviews__check_supported(regclass, text), public.pg_tviews__check_columns(regclass, text, text),
    public.pg_tviews__view_sources(regclass), public.pg_tviews__derive_lineage(regclass, text, text),
    public.pg_tviews__has_column(regclass, name), public.pg_tviews__short_name(text),
    public.pg_tviews__refresh_function_name(text), public.pg_tviews__generated_name(text, text, text),
    public.pg_tviews__generated_function(text, text),
    public.pg_tviews__create_view(name, name, name, text, text), public.pg_tviews__create_table(name, name, regclass, text, name),
    public.pg_tviews__setting(text), public.pg_tviews__valid_setting(text, text), public.pg_tviews__meta(text),
    -- what pg_tviews__setting inlines, in the caller's rights (the values are readable by everyone)
    public.pg_tviews__database_setting(text), public.pg_tviews__session_setting(text, text, text),
    public.pg_tviews__setting_default_refresh_mode(), public.pg_tviews__setting_max_cascade_depth(),
    public.pg_tviews__setting_metrics_enabled(), public.pg_tviews__setting_isolation_guard(),
    public.pg_tviews__error_entry(text, text), public.pg_tviews__prepared(text),
    public.pg_tviews__refuse_prepared(text, text, text), public.pg_tviews__source_drift(text),
    public.pg_tviews__view_reads(regclass),
    -- pure computation that pg_tviews_metrics, which monitors read, calls in their rights
    public.pg_tviews__metrics_counted(double precision, bigint, bigint, bigint, bigint, bigint, bigint, bigint, boolean),
    -- the caller's proof, and the SECURITY DEFINER steps that consume it
    public.pg_tviews__prove_owner(regclass, text, text), public.pg_tviews__register(regclass, regclass),
    public.pg_tviews__audit_owned(text, text, jsonb), public.pg_tviews__unregister(text, boolean),
    public.pg_tviews__refresh_keys(text, bigint[], boolean), public.pg_tviews__write_refresh_mode(text, text)
    TO PUBLIC;

-- Grants a TVIEW's owner what its generated code and its own API calls need (none of it is a
-- right over other roles' data: queued keys are recomputed from their views, with their owners'
-- rights). A list of names, so that a changed signature needs no change here; a new internal
-- function is the runtime's own until it is named here or above (InternalFunctionPrivilegesTest
-- holds the whole map). Only missing grants are made: a role's later TVIEWs change no catalog
-- row, and the advisory lock lets two roles that create their first TVIEW at once queue, not
-- collide, on the function rows.
CREATE OR REPLACE FUNCTION public.pg_tviews__grant_tview_owner(p_role oid)
RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_missing text;
BEGIN
    FOR v_pass IN 1 .. 2 LOOP
        SELECT string_agg(p.oid::regprocedure::text, ', ' ORDER BY p.proname) INTO v_missing
        FROM pg_proc p
        WHERE p.pronamespace = 'public'::regnamespace
          AND p.proname = ANY (ARRAY[
              -- pg_tviews_create, once its catalog row exists: the generated code's text, and the
              -- flush trigger it installs on each source
              'pg_tviews__refresh_function_sql', 'pg_tviews__has_equality', 'pg_tviews__copied_from_root', 'pg_tviews__trigger_sql',
              'pg_tviews__enqueue_sql', 'pg_tviews__enqueue_hook_arg', 'pg_tviews__dollar_quote', 'pg_tviews__runtime_owner', 'pg_tviews__flush_trigger',
              'pg_tviews__columns_read', 'pg_tviews__jsonb_keys_read', 'pg_tviews__read_as',
              'pg_tviews__keys_sql', 'pg_tviews__transition_rows_sql', 'pg_tviews__upsert_sql', 'pg_tviews__lineage_sql',
              'pg_tviews__seen_sql', 'pg_tviews__changed_pairs_sql', 'pg_tviews__resolve_sql',
              -- the generated refresh and trigger functions
              'pg_tviews__serialization_failure', 'pg_tviews__enqueue', 'pg_tviews__direct_flush',
              'pg_tviews__direct_begin', 'pg_tviews__direct_lock', 'pg_tviews__direct_end', 'pg_tviews__direct_failed',
              'pg_tviews__direct_nested',
              -- pg_tviews_drop, _cascade, _insert, _delete
              'pg_tviews__dequeue', 'pg_tviews__flush', 'pg_tviews__source_pk', 'pg_tviews__source_row_exists']::name[])
          AND NOT has_function_privilege(p_role, p.oid, 'EXECUTE');
        EXIT WHEN v_missing IS NULL;
        IF v_pass = 1 THEN
            PERFORM pg_advisory_xact_lock(hashtext('pg_tviews__grant_tview_owner'));
        ELSE
            EXECUTE format('GRANT EXECUTE ON FUNCTION %s TO %I', v_missing, pg_get_userbyid(p_role));
        END IF;
    END LOOP;
END
$$;
REVOKE ALL ON FUNCTION public.pg_tviews__grant_tview_owner(oid) FROM PUBLIC;

-- A new catalog row (pg_tviews_create writes it before it generates any code) makes the owner of
-- its tv_ table an owner of a TVIEW. A trigger, because trigger functions need no EXECUTE right:
-- the roles that may write such a row (row-level security above) are exactly those that may
-- create a TVIEW, and none of them needs a grant beforehand. A temporary table gives nothing:
-- every role may create those. The grants stay when the role drops its last TVIEW: it may create
-- one again at any time, and revoking in pg_tviews_drop would take them from under the drop's own
-- later calls and from a TVIEW the same role is creating in another session.
CREATE OR REPLACE FUNCTION public.pg_tviews__tview_owner_trigger()
RETURNS trigger
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_owner oid;
BEGIN
    SELECT c.relowner INTO v_owner FROM pg_class c WHERE c.oid = NEW.table_oid AND c.relpersistence <> 't';
    IF v_owner IS NOT NULL THEN
        PERFORM public.pg_tviews__grant_tview_owner(v_owner);
    END IF;
    RETURN NULL;
END
$$;
REVOKE ALL ON FUNCTION public.pg_tviews__tview_owner_trigger() FROM PUBLIC;
DROP TRIGGER IF EXISTS pg_tviews_grant_tview_owner ON public.pg_tview_meta;
CREATE TRIGGER pg_tviews_grant_tview_owner AFTER INSERT ON public.pg_tview_meta
    FOR EACH ROW EXECUTE FUNCTION public.pg_tviews__tview_owner_trigger();

-- The owners of TVIEWs that exist when the runtime is installed again or upgraded (made while
-- every internal function was PUBLIC's) keep working.
DO $owners$ BEGIN
    PERFORM public.pg_tviews__grant_tview_owner(o.relowner)
    FROM (SELECT DISTINCT c.relowner FROM public.pg_tview_meta m JOIN pg_catalog.pg_class c ON c.oid = m.table_oid
          WHERE c.relpersistence <> 't') AS o;
END $owners$;
