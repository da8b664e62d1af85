-- DDL drift: has a source table been renamed, or a column it reads renamed or dropped (with
-- CASCADE, which drops v_<entity> too), since the TVIEW was created? PostgreSQL itself refuses to
-- change the type of, or drop, a column or table that v_<entity> reads, but it accepts renames
-- (the view follows them) and DROP ... CASCADE. The generated refresh code and the catalog name
-- tables and lineage columns as they were at creation, so after such a change writes fail (or the
-- TVIEW cannot be re-created from its recorded definition). Found without an event trigger (which
-- managed services do not grant) and without running anything of the stored definition (which
-- would run one role's text with the rights of whoever runs the health check):
--   * every lineage column recorded in pg_tview_source must still exist in its source;
--   * the view must exist, and read the tables and columns, by name, that it read when the TVIEW
--     was created (pg_tview_meta.view_reads; a rename shows as one name gone and another come).
-- Returns one line per problem, NULL when the TVIEW matches its sources.
CREATE OR REPLACE FUNCTION public.pg_tviews__source_drift(p_entity text)
RETURNS text[]
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    m public.pg_tview_meta;
    v_problems text[];
    v_now text[];
    v_gone text;
    v_new text;
BEGIN
    SELECT * INTO STRICT m FROM public.pg_tview_meta WHERE entity = p_entity;
    SELECT array_agg(DISTINCT format('lineage column %s.%I is gone (renamed or dropped)', s.source, s.source_column))
      INTO v_problems
    FROM public.pg_tview_source s
    WHERE s.entity = p_entity
      AND EXISTS (SELECT 1 FROM pg_class c WHERE c.oid = s.source)
      AND NOT EXISTS (SELECT 1 FROM pg_attribute a
                      WHERE a.attrelid = s.source AND a.attname = s.source_column AND NOT a.attisdropped);
    IF NOT EXISTS (SELECT 1 FROM pg_class c WHERE c.oid = m.view_oid) THEN
        v_problems := coalesce(v_problems, '{}') || format('view %I.%I is missing (dropped, with a table or column it read?)',
                                                           m.schema_name, 'v_' || m.entity);
    ELSIF m.view_reads IS NOT NULL THEN
        v_now := public.pg_tviews__view_reads(m.view_oid);
        SELECT string_agg(r, ', ' ORDER BY r) INTO v_gone FROM unnest(m.view_reads) AS r WHERE r <> ALL (v_now);
        SELECT string_agg(r, ', ' ORDER BY r) INTO v_new FROM unnest(v_now) AS r WHERE r <> ALL (m.view_reads);
        IF v_gone IS NOT NULL OR v_new IS NOT NULL THEN
            v_problems := coalesce(v_problems, '{}') || format('its recorded definition reads %s, which view %s now reads as %s',
                                                               coalesce(v_gone, '(nothing)'), m.view_oid, coalesce(v_new, '(nothing)'));
        END IF;
    END IF;
    RETURN v_problems;
END
$$;

-- Health check: is the runtime installed at the expected version, is every TVIEW's catalog entry
-- backed by its view, table, refresh function and enabled triggers, do its source tables still
-- have the names and columns it was created with, and may the runtime's owner (as which the queue
-- flush runs) use its schema? No check needs rights on the TVIEWs' schemas: a pg_monitor role
-- without USAGE on them gets every row.
CREATE OR REPLACE FUNCTION public.pg_tviews_health_check()
RETURNS TABLE (check_name text, status text, message text, details jsonb)
LANGUAGE plpgsql VOLATILE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_installed text;
    v_problems jsonb;
    v_owner name;
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
    -- The refresh function is looked up in pg_proc, not with to_regprocedure: that needs USAGE on
    -- its schema, which a monitoring role may lack, and would fail the whole check.
    SELECT jsonb_agg(jsonb_build_object('entity', m.entity,
               'missing', array_remove(ARRAY[
                   CASE WHEN NOT EXISTS (SELECT 1 FROM pg_class c WHERE c.oid = m.table_oid) THEN 'table' END,
                   CASE WHEN NOT EXISTS (SELECT 1 FROM pg_class c WHERE c.oid = m.view_oid) THEN 'view' END,
                   CASE WHEN NOT m.has_refresh THEN 'refresh function' END,
                   CASE WHEN EXISTS (SELECT 1 FROM public.pg_tview_source s
                                     WHERE s.entity = m.entity
                                       AND NOT EXISTS (SELECT 1 FROM pg_class c WHERE c.oid = s.source))
                        THEN 'source table' END], NULL)) ORDER BY m.entity)
        INTO v_problems
    FROM (SELECT t.*, EXISTS (SELECT 1 FROM pg_proc p JOIN pg_namespace s ON s.oid = p.pronamespace
                              WHERE s.nspname = (parse_ident(t.refresh_function))[1]
                                AND p.proname = (parse_ident(t.refresh_function))[2]
                                AND oidvectortypes(p.proargtypes) = 'bigint[], text[], bigint[]')
                       AS has_refresh
          FROM public.pg_tview_meta t) AS m
    WHERE NOT EXISTS (SELECT 1 FROM pg_class c WHERE c.oid = m.table_oid)
       OR NOT EXISTS (SELECT 1 FROM pg_class c WHERE c.oid = m.view_oid)
       OR NOT m.has_refresh
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

    check_name := 'source_drift';
    SELECT jsonb_agg(jsonb_build_object('entity', d.entity, 'tview', d.tview, 'view', d.view, 'problems', to_jsonb(d.problems))
                     ORDER BY d.entity)
        INTO v_problems
    FROM (SELECT m.entity, m.table_oid::text AS tview, format('%I.%I', m.schema_name, 'v_' || m.entity) AS view,
                 public.pg_tviews__source_drift(m.entity) AS problems
          FROM public.pg_tview_meta m) AS d
    WHERE d.problems IS NOT NULL;
    status := CASE WHEN v_problems IS NULL THEN 'OK' ELSE 'ERROR' END;
    message := CASE WHEN v_problems IS NULL
                    THEN 'every TVIEW matches the tables and columns it was created from'
                    ELSE (SELECT string_agg(format('%s: %s', e->>'tview',
                                                   (SELECT string_agg(p, '; ') FROM jsonb_array_elements_text(e->'problems') AS p)),
                                            E'\n' ORDER BY e->>'entity')
                          FROM jsonb_array_elements(v_problems) AS e)
                         || E'\nA source table or column was renamed or dropped after the TVIEW was created; writes to its '
                         || 'sources fail until it is re-created: pg_tviews_drop it and pg_tviews_create it again with a '
                         || 'definition that uses the current names (pg_get_viewdef of its v_ view shows them while the view exists).' END;
    details := coalesce(v_problems, '[]');
    RETURN NEXT;

    -- The queue flush runs as the runtime's owner and calls each TVIEW's generated functions by
    -- schema-qualified name: pg_tviews_create refuses (TV051) a schema the owner cannot use, but
    -- USAGE can be revoked later. has_schema_privilege with the owner's oid works for any caller.
    check_name := 'schema_access';
    SELECT r.rolname INTO v_owner
    FROM pg_proc p JOIN pg_roles r ON r.oid = p.proowner
    WHERE p.oid = 'public.pg_tviews__flush(boolean)'::regprocedure;
    SELECT jsonb_agg(jsonb_build_object('schema', x.schema_name, 'role', v_owner, 'tviews', to_jsonb(x.tviews),
                                        'fix', format('GRANT USAGE ON SCHEMA %I TO %I;', x.schema_name, v_owner))
                     ORDER BY x.schema_name)
        INTO v_problems
    FROM (SELECT m.schema_name, array_agg(format('%I.%I', m.schema_name, 'tv_' || m.entity) ORDER BY m.entity) AS tviews
          FROM public.pg_tview_meta m JOIN pg_namespace s ON s.nspname = m.schema_name
          WHERE NOT has_schema_privilege(v_owner, s.oid, 'USAGE')
          GROUP BY m.schema_name) AS x;
    status := CASE WHEN v_problems IS NULL THEN 'OK' ELSE 'ERROR' END;
    message := CASE WHEN v_problems IS NULL
                    THEN format('the runtime''s owner %I may use every schema that holds TVIEWs', v_owner)
                    ELSE (SELECT string_agg(format('%s: the runtime''s owner %I has no USAGE on schema %I; writes to the '
                                                   || 'source tables fail with "permission denied for schema %s"; as the '
                                                   || 'schema''s owner run %s',
                                                   (SELECT string_agg(t, ', ') FROM jsonb_array_elements_text(e->'tviews') AS t),
                                                   v_owner, e->>'schema', e->>'schema', e->>'fix'),
                                            E'\n' ORDER BY e->>'schema')
                          FROM jsonb_array_elements(v_problems) AS e) END;
    details := coalesce(v_problems, '[]');
    RETURN NEXT;
END
$$;
