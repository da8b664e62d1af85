-- The catalog is readable by every role, as PostgreSQL's own catalogs are (view definitions are
-- public in pg_views too), so monitoring roles need no further grant. Only the runtime's owner
-- writes it, through pg_tviews_create and pg_tviews_drop.
GRANT SELECT ON public.pg_tviews_runtime, public.pg_tview_meta, public.pg_tview_source TO PUBLIC;
GRANT SELECT ON public.pg_tviews_settings TO PUBLIC;

-- Any role that may create objects may create TVIEWs, not only the runtime's owner: it writes
-- catalog rows only for TVIEWs whose table it owns (row-level security; the owner is exempt).
GRANT INSERT, UPDATE, DELETE ON public.pg_tview_meta, public.pg_tview_source TO PUBLIC;
ALTER TABLE public.pg_tview_meta ENABLE ROW LEVEL SECURITY;
ALTER TABLE public.pg_tview_source ENABLE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS pg_tview_meta_read ON public.pg_tview_meta;
DROP POLICY IF EXISTS pg_tview_meta_write ON public.pg_tview_meta;
DROP POLICY IF EXISTS pg_tview_source_read ON public.pg_tview_source;
DROP POLICY IF EXISTS pg_tview_source_write ON public.pg_tview_source;
CREATE POLICY pg_tview_meta_read ON public.pg_tview_meta FOR SELECT USING (true);
-- The function names in a row are SQL that runtime code executes: a row written by any role but the
-- runtime's owner must name exactly the functions pg_tviews_create generates (quoted identifiers),
-- never an arbitrary expression. The names are computed as pg_tviews__short_name does, inline: a
-- policy must not depend on runtime functions, which uninstall and upgrades drop.
CREATE POLICY pg_tview_meta_write ON public.pg_tview_meta FOR ALL
    USING (pg_catalog.pg_has_role((SELECT c.relowner FROM pg_catalog.pg_class c WHERE c.oid = table_oid), 'USAGE'))
    WITH CHECK (pg_catalog.pg_has_role((SELECT c.relowner FROM pg_catalog.pg_class c WHERE c.oid = table_oid), 'USAGE')
                AND refresh_function = (SELECT pg_catalog.format('%I.%I', schema_name, CASE WHEN pg_catalog.octet_length(f.name) <= 63
                                            THEN f.name ELSE pg_catalog.left(f.name, 50) || '_' || pg_catalog.left(pg_catalog.md5(f.name), 12) END)
                                        FROM (SELECT 'pg_tviews_refresh_' || entity AS name) AS f));
CREATE POLICY pg_tview_source_read ON public.pg_tview_source FOR SELECT USING (true);
CREATE POLICY pg_tview_source_write ON public.pg_tview_source FOR ALL
    USING (EXISTS (SELECT 1 FROM public.pg_tview_meta m WHERE m.entity = pg_tview_source.entity))
    WITH CHECK (EXISTS (SELECT 1 FROM public.pg_tview_meta m WHERE m.entity = pg_tview_source.entity
                        AND pg_catalog.pg_has_role((SELECT c.relowner FROM pg_catalog.pg_class c WHERE c.oid = m.table_oid), 'USAGE')
                        AND pg_tview_source.trigger_function = (
                            SELECT pg_catalog.format('%I.%I', m.schema_name, CASE WHEN pg_catalog.octet_length(f.name) <= 63
                                   THEN f.name ELSE pg_catalog.left(f.name, 50) || '_' || pg_catalog.left(pg_catalog.md5(f.name), 12) END)
                            FROM (SELECT pg_catalog.format('pg_tviews_trg_%s__%s', m.entity, c.relname) AS name
                                  FROM pg_catalog.pg_class c WHERE c.oid = pg_tview_source.source) AS f)));

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
--   * the runtime's own code (queue flush, metrics), running as the runtime's owner: owners may
--     always execute their functions; nobody else gets these.
--   * the code pg_tviews_create generates (refresh, parent-lock and trigger functions), SECURITY
--     DEFINER as the role that created the TVIEW, and that role's own API calls (pg_tviews_drop,
--     _refresh, _set_refresh_mode, _cascade, ...): granted to each owner of a TVIEW (below).
--   * the public API run with the caller's rights by roles that own no TVIEW: pg_tviews_create
--     until its catalog row exists (any role that may create objects may call it, and gets its
--     TVnnn refusal), pg_tviews_analyze_select, the name lookup of pg_tviews_drop/_verify/
--     _set_refresh_mode, pg_tviews_health_check (pg_monitor), the prepared-transaction helpers and
--     the playbook export (pg_tviews__generated_function): granted to PUBLIC. None of these is
--     SECURITY DEFINER or writes runtime state: they compute names, check definitions and raise
--     errors with the caller's rights only.
-- PostgreSQL checks EXECUTE once when a statement starts, so none of this costs the write path.
-- A view's functions are checked against whoever reads the view: the monitoring views call none.
-- Re-running the install re-applies the PUBLIC part; grants a DBA gave to other roles stay.
DO $internal$
DECLARE
    v_fn regprocedure;
BEGIN
    FOR v_fn IN SELECT p.oid::regprocedure FROM pg_catalog.pg_proc p
                WHERE p.pronamespace = 'public'::regnamespace AND p.proname LIKE 'pg\_tviews\_\_%'
                  AND p.proowner = (SELECT f.proowner FROM pg_catalog.pg_proc f
                                    WHERE f.oid = 'public.pg_tviews__flush(boolean)'::regprocedure) LOOP
        EXECUTE pg_catalog.format('REVOKE ALL ON FUNCTION %s FROM PUBLIC', v_fn);
    END LOOP;
END
$internal$;
GRANT EXECUTE ON FUNCTION
    public.pg_tviews__fail(text, text, text, text), public.pg_tviews__parse_name(text),
    public.pg_tviews__single_statement(text), public.pg_tviews__top_query(regclass),
    public.pg_tviews__check_supported(regclass, text), public.pg_tviews__check_columns(regclass, text, text),
    public.pg_tviews__view_sources(regclass), public.pg_tviews__derive_lineage(regclass, text, text),
    public.pg_tviews__has_column(regclass, name), public.pg_tviews__short_name(text),
    public.pg_tviews__refresh_function_name(text), public.pg_tviews__generated_function(text, text),
    public.pg_tviews__create_view(name, name, name, text, text), public.pg_tviews__create_table(name, name, regclass, text, name),
    public.pg_tviews__setting(text), public.pg_tviews__valid_setting(text, text), public.pg_tviews__meta(text),
    public.pg_tviews__error_entry(text, text), public.pg_tviews__prepared(text),
    public.pg_tviews__refuse_prepared(text, text, text), public.pg_tviews__source_drift(text)
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
    v_pass integer;
BEGIN
    FOR v_pass IN 1 .. 2 LOOP
        SELECT string_agg(p.oid::regprocedure::text, ', ' ORDER BY p.proname) INTO v_missing
        FROM pg_proc p
        WHERE p.pronamespace = 'public'::regnamespace
          AND p.proname = ANY (ARRAY[
              -- pg_tviews_create, once its catalog row exists: the generated code's text, the
              -- error counter, the audit row, and the flush trigger it installs on each source
              'pg_tviews__refresh_function_sql', 'pg_tviews__has_equality', 'pg_tviews__copied_from_root', 'pg_tviews__trigger_sql',
              'pg_tviews__enqueue_sql', 'pg_tviews__metrics_register', 'pg_tviews__audit', 'pg_tviews__flush_trigger',
              -- the generated refresh and trigger functions
              'pg_tviews__take_locks', 'pg_tviews__lock_one', 'pg_tviews__lock_order', 'pg_tviews__lock_ranks', 'pg_tviews__guard',
              'pg_tviews__serialization_failure', 'pg_tviews__resolve_lineage', 'pg_tviews__parent_locks',
              'pg_tviews__checked_function', 'pg_tviews__take_late_locks',
              'pg_tviews__enqueue',
              -- pg_tviews_refresh, _verify (repair), _drop, _cascade, _insert, _delete
              'pg_tviews__counter', 'pg_tviews__metrics_record', 'pg_tviews__metrics_unregister', 'pg_tviews__dequeue',
              'pg_tviews__flush', 'pg_tviews__source_pk', 'pg_tviews__source_row_exists']::name[])
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
