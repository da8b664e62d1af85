-- Health check: is the runtime installed at the expected version, is every TVIEW's catalog entry
-- backed by its view, table, refresh function and enabled triggers?
CREATE OR REPLACE FUNCTION public.pg_tviews_health_check()
RETURNS TABLE (check_name text, status text, message text, details jsonb)
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_installed text;
    v_problems jsonb;
BEGIN
    SELECT r.version INTO v_installed FROM public.pg_tviews_runtime r;
    check_name := 'runtime_version';
    IF v_installed IS DISTINCT FROM public.pg_tviews_version() THEN
        status := 'ERROR';
        message := format('catalog says %s, functions are %s: re-run install.sql', v_installed, public.pg_tviews_version());
    ELSE
        status := 'OK';
        message := format('pg_tviews %s installed', v_installed);
    END IF;
    details := jsonb_build_object('catalog_version', v_installed, 'function_version', public.pg_tviews_version());
    RETURN NEXT;

    check_name := 'metadata_integrity';
    SELECT jsonb_agg(jsonb_build_object('entity', m.entity,
               'missing', array_remove(ARRAY[
                   CASE WHEN NOT EXISTS (SELECT 1 FROM pg_class c WHERE c.oid = m.table_oid) THEN 'table' END,
                   CASE WHEN NOT EXISTS (SELECT 1 FROM pg_class c WHERE c.oid = m.view_oid) THEN 'view' END,
                   CASE WHEN to_regprocedure(m.refresh_function || '(bigint[], text[], bigint[])') IS NULL THEN 'refresh function' END,
                   CASE WHEN EXISTS (SELECT 1 FROM public.pg_tview_source s
                                     WHERE s.entity = m.entity
                                       AND NOT EXISTS (SELECT 1 FROM pg_class c WHERE c.oid = s.source))
                        THEN 'source table' END], NULL)) ORDER BY m.entity)
        INTO v_problems
    FROM public.pg_tview_meta m
    WHERE NOT EXISTS (SELECT 1 FROM pg_class c WHERE c.oid = m.table_oid)
       OR NOT EXISTS (SELECT 1 FROM pg_class c WHERE c.oid = m.view_oid)
       OR to_regprocedure(m.refresh_function || '(bigint[], text[], bigint[])') IS NULL
       OR EXISTS (SELECT 1 FROM public.pg_tview_source s
                  WHERE s.entity = m.entity AND NOT EXISTS (SELECT 1 FROM pg_class c WHERE c.oid = s.source));
    status := CASE WHEN v_problems IS NULL THEN 'OK' ELSE 'ERROR' END;
    message := CASE WHEN v_problems IS NULL
                    THEN format('%s TVIEW(s) with view, table and refresh function', (SELECT count(*) FROM public.pg_tview_meta))
                    ELSE 'objects of some TVIEWs are missing: drop and re-create them (pg_tviews_drop, pg_tviews_create)' END;
    details := coalesce(v_problems, '[]');
    RETURN NEXT;

    check_name := 'refresh_triggers';
    SELECT jsonb_agg(jsonb_build_object('entity', x.entity, 'source', x.source, 'trigger', x.tgname,
                                        'problem', x.problem) ORDER BY x.entity, x.source, x.tgname)
        INTO v_problems
    FROM (
        SELECT DISTINCT s.entity, s.source::text AS source, s.trigger_prefix || suffix AS tgname,
               CASE WHEN t.oid IS NULL THEN 'missing' ELSE 'disabled' END AS problem
        FROM public.pg_tview_source s
        CROSS JOIN unnest(ARRAY['_ins', '_upd', '_del', '_trn']) AS suffix
        JOIN pg_class c ON c.oid = s.source
        LEFT JOIN pg_trigger t ON t.tgrelid = s.source AND t.tgname = s.trigger_prefix || suffix
        WHERE t.oid IS NULL OR t.tgenabled = 'D'
    ) AS x;
    status := CASE WHEN v_problems IS NULL THEN 'OK'
                   WHEN v_problems @> '[{"problem": "missing"}]' THEN 'ERROR' ELSE 'WARNING' END;
    message := CASE WHEN v_problems IS NULL THEN 'every source table carries enabled refresh triggers'
                    ELSE 'refresh triggers are missing or disabled: TVIEWs go stale on writes to those tables; '
                         || 're-enable them (ALTER TABLE ... ENABLE TRIGGER) and run pg_tviews_verify(NULL, true)' END;
    details := coalesce(v_problems, '[]');
    RETURN NEXT;
END
$$;
