-- Removes the TVIEW runtime from the current database in one transaction:
--   psql -v ON_ERROR_STOP=1 -d mydb -f sql/uninstall.sql
-- Every TVIEW is dropped first (its triggers, functions, tv_ table and v_ view); base tables and
-- their data stay untouched. Safe to run when the runtime is not installed.
\set ON_ERROR_STOP 1
BEGIN;
DO $uninstall$
DECLARE
    v_entity text;
    v_fn regprocedure;
BEGIN
    IF to_regclass('public.pg_tview_meta') IS NOT NULL THEN
        FOR v_entity IN SELECT format('%I.%I', schema_name, 'tv_' || entity)
                        FROM public.pg_tview_meta ORDER BY depth DESC, entity LOOP
            IF EXISTS (SELECT 1 FROM public.pg_tview_meta WHERE format('%I.%I', schema_name, 'tv_' || entity) = v_entity) THEN
                PERFORM public.pg_tviews_drop(v_entity, true, true);
            END IF;
        END LOOP;
    END IF;
    IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_tviews') THEN
        DROP EXTENSION pg_tviews;
        RETURN;
    END IF;
    -- The commit-hook table's and the catalog's triggers depend on runtime functions, and runtime
    -- functions depend on the catalog's row types: hook, triggers and views first, then functions,
    -- then tables.
    DROP VIEW IF EXISTS public.pg_tviews_queue_realtime, public.pg_tviews_performance_summary,
        public.pg_tviews_metrics, public.pg_tviews_cache_stats, public.pg_tviews_queue_metrics,
        public.pg_tview_helpers, public.pg_tviews__metrics_rows;
    DROP TABLE IF EXISTS public.pg_tviews_commit_hook, public.pg_tviews_caller_proof;
    IF to_regclass('public.pg_tview_meta') IS NOT NULL THEN
        DROP TRIGGER IF EXISTS pg_tviews_grant_tview_owner ON public.pg_tview_meta;  -- see 90_privileges.sql
        DROP TRIGGER IF EXISTS pg_tviews_lock_space ON public.pg_tview_meta;  -- see 30_generator.sql
    END IF;
    IF to_regclass('public.pg_tview_source') IS NOT NULL THEN
        DROP TRIGGER IF EXISTS pg_tviews_lock_space ON public.pg_tview_source;
    END IF;
    IF to_regclass('public.pg_tviews_settings') IS NOT NULL THEN
        DROP TRIGGER IF EXISTS pg_tviews_settings_compile ON public.pg_tviews_settings;  -- see 35_queue.sql
        DROP TRIGGER IF EXISTS pg_tviews_settings_compile_truncate ON public.pg_tviews_settings;
    END IF;
    FOR v_fn IN SELECT p.oid::regprocedure FROM pg_proc p
                WHERE p.pronamespace = 'public'::regnamespace
                  AND (p.proname LIKE 'pg\_tviews\_%' OR p.proname LIKE 'pg\_tview\_%') LOOP
        EXECUTE format('DROP FUNCTION %s', v_fn);
    END LOOP;
    DROP TABLE IF EXISTS public.pg_tview_source, public.pg_tview_meta, public.pg_tviews_runtime,
        public.pg_tviews_settings, public.pg_tviews_queue, public.pg_tviews_metrics_counters, public.pg_tviews_metrics_events,
        public.pg_tviews_lock_guard, public.pg_tviews_lock_slot, public.pg_tview_audit_log;
    DROP SEQUENCE IF EXISTS public.pg_tviews_flush_restarts, public.pg_tviews_flush_token;
    DROP TYPE IF EXISTS public.pg_tviews_lock;
END
$uninstall$;
COMMIT;
