-- Helpers of the playbook scripts, created in pg_temp: they vanish when the session ends and never
-- change the database by themselves. Every script of this playbook and `tviews playbook restore`
-- call the same functions, so psql alone and the tool do exactly the same thing.

-- The deterministic checksum of a TVIEW table: md5 over the text form of every row (all columns,
-- in table order), ordered by the key and joined by newlines; with fixed output settings so that
-- the text of timestamps, intervals, floats and bytea does not depend on the session.
CREATE OR REPLACE FUNCTION pg_temp.playbook_checksum(p_table regclass, p_pk name, OUT row_count bigint, OUT checksum text)
LANGUAGE plpgsql
SET timezone = 'UTC' SET datestyle = 'ISO, MDY' SET intervalstyle = 'postgres'
SET extra_float_digits = '1' SET bytea_output = 'hex'
AS $fn$
BEGIN
    EXECUTE format('SELECT count(*), md5(coalesce(string_agg(t::text, E''\n'' ORDER BY t.%I), '''')) FROM %s AS t',
                   p_pk, p_table)
        INTO row_count, checksum;
END
$fn$;

-- The runtime version recorded in the database, NULL when the runtime is not installed.
CREATE OR REPLACE FUNCTION pg_temp.playbook_runtime_version()
RETURNS text
LANGUAGE plpgsql
AS $fn$
DECLARE
    v_version text;
BEGIN
    IF to_regclass('public.pg_tviews_runtime') IS NULL THEN
        RETURN NULL;
    END IF;
    EXECUTE 'SELECT version FROM public.pg_tviews_runtime' INTO v_version;
    RETURN v_version;
END
$fn$;

-- Fails unless the runtime is installed at the version the playbook was exported with.
CREATE OR REPLACE FUNCTION pg_temp.playbook_require_runtime()
RETURNS text
LANGUAGE plpgsql
AS $fn$
DECLARE
    v_installed text := pg_temp.playbook_runtime_version();
    v_expected text := (SELECT i.runtime_version FROM pg_temp.playbook_info i);
BEGIN
    IF v_installed IS NULL THEN
        RAISE EXCEPTION 'playbook: the TVIEW runtime is not installed in database %', current_database()
            USING HINT = format('Install runtime %s from this playbook first: psql -v ON_ERROR_STOP=1 -f runtime/install.sql', v_expected);
    END IF;
    IF v_installed <> v_expected THEN
        RAISE EXCEPTION 'playbook: database % holds TVIEW runtime %, this playbook was exported with runtime %',
            current_database(), v_installed, v_expected
            USING HINT = format('Install runtime %s in place with runtime/install.sql of this playbook (it keeps every TVIEW), '
                                || 'or use a playbook exported with runtime %s.', v_expected, v_installed);
    END IF;
    RETURN v_installed;
END
$fn$;

-- Fails when another runtime version is installed (recreate-all installs the playbook's own).
CREATE OR REPLACE FUNCTION pg_temp.playbook_require_no_other_runtime()
RETURNS text
LANGUAGE plpgsql
AS $fn$
DECLARE
    v_installed text := pg_temp.playbook_runtime_version();
    v_expected text := (SELECT i.runtime_version FROM pg_temp.playbook_info i);
BEGIN
    IF v_installed IS NOT NULL AND v_installed <> v_expected THEN
        RAISE EXCEPTION 'playbook: database % holds TVIEW runtime %, this playbook was exported with runtime %',
            current_database(), v_installed, v_expected
            USING HINT = format('Install runtime %s in place with runtime/install.sql first if you mean to go to that version.', v_expected);
    END IF;
    RETURN coalesce(v_installed, 'none');
END
$fn$;

-- What each exported TVIEW looks like in this database now:
--   ok, definition_changed (present, but its definition differs from the export),
--   missing (nothing left), metadata_lost (tv_/v_ relations without a pg_tview_meta row),
--   table_missing / view_missing (catalog row whose relation was dropped behind the runtime's back),
--   source_missing (a base table it reads does not exist: restore it from a backup first).
CREATE OR REPLACE FUNCTION pg_temp.playbook_state()
RETURNS TABLE (ord integer, tview text, state text, detail text)
LANGUAGE plpgsql
AS $fn$
DECLARE
    p record;
    v_has_meta boolean := to_regclass('public.pg_tview_meta') IS NOT NULL;
    v_table oid;
    v_view oid;
    v_definition text;
    v_missing text;
BEGIN
    FOR p IN SELECT * FROM pg_temp.playbook_tview t ORDER BY t.ord LOOP
        ord := p.ord;
        tview := p.tview;
        detail := NULL;
        v_table := NULL;
        IF v_has_meta THEN
            EXECUTE 'SELECT m.table_oid::oid, m.view_oid::oid, m.definition FROM public.pg_tview_meta m WHERE m.entity = $1'
                INTO v_table, v_view, v_definition USING p.entity;
        END IF;
        SELECT string_agg(s.name, ', ' ORDER BY s.name) INTO v_missing
        FROM unnest(p.sources) AS s(name) WHERE to_regclass(s.name) IS NULL;
        IF v_missing IS NOT NULL THEN
            state := 'source_missing';
            detail := 'missing source table(s): ' || v_missing;
        ELSIF v_table IS NULL THEN
            IF to_regclass(p.tview) IS NOT NULL OR to_regclass(p.view_name) IS NOT NULL THEN
                state := 'metadata_lost';
                detail := 'no pg_tview_meta row, but ' || concat_ws(' and ',
                    CASE WHEN to_regclass(p.tview) IS NOT NULL THEN p.tview END,
                    CASE WHEN to_regclass(p.view_name) IS NOT NULL THEN p.view_name END) || ' exist';
            ELSE
                state := 'missing';
            END IF;
        ELSIF NOT EXISTS (SELECT 1 FROM pg_class c WHERE c.oid = v_table) THEN
            state := 'table_missing';
            detail := p.tview || ' was dropped, its pg_tview_meta row is left';
        ELSIF NOT EXISTS (SELECT 1 FROM pg_class c WHERE c.oid = v_view) THEN
            state := 'view_missing';
            detail := p.view_name || ' was dropped, its pg_tview_meta row is left';
        ELSIF btrim(v_definition) <> btrim(p.definition) THEN
            state := 'definition_changed';
            detail := 'the definition differs from the exported one (kept as it is)';
        ELSE
            state := 'ok';
        END IF;
        RETURN NEXT;
    END LOOP;
END
$fn$;

-- Fails when a base table an exported TVIEW reads does not exist.
CREATE OR REPLACE FUNCTION pg_temp.playbook_require_sources()
RETURNS void
LANGUAGE plpgsql
AS $fn$
DECLARE
    v_missing text;
BEGIN
    SELECT string_agg(format('%s (%s)', s.tview, s.detail), '; ' ORDER BY s.ord) INTO v_missing
    FROM pg_temp.playbook_state() s WHERE s.state = 'source_missing';
    IF v_missing IS NOT NULL THEN
        RAISE EXCEPTION 'playbook: cannot rebuild: %', v_missing
            USING HINT = 'Restore the base tables (and their data) from your backup first; the playbook holds only the TVIEW layer.';
    END IF;
END
$fn$;

-- The given TVIEWs and every exported TVIEW that reads them, directly or through others.
CREATE OR REPLACE FUNCTION pg_temp.playbook_closure(p_ords integer[])
RETURNS integer[]
LANGUAGE sql
AS $fn$
    WITH RECURSIVE c(ord) AS (
        SELECT unnest(p_ords)
        UNION
        SELECT d.ord FROM pg_temp.playbook_tview d
        JOIN pg_temp.playbook_tview t ON t.tview = ANY (d.reads)
        JOIN c ON c.ord = t.ord
    )
    SELECT coalesce(array_agg(c.ord ORDER BY c.ord), '{}') FROM c
$fn$;

-- The given TVIEW and every exported TVIEW it reads, directly or through others.
CREATE OR REPLACE FUNCTION pg_temp.playbook_ancestors(p_ord integer)
RETURNS integer[]
LANGUAGE sql
AS $fn$
    WITH RECURSIVE a(ord) AS (
        SELECT p_ord
        UNION
        SELECT r.ord FROM a
        JOIN pg_temp.playbook_tview t ON t.ord = a.ord
        JOIN pg_temp.playbook_tview r ON r.tview = ANY (t.reads)
    )
    SELECT array_agg(a.ord ORDER BY a.ord) FROM a
$fn$;

-- The exported TVIEWs (of p_ords, or all) that must be created again: missing or broken.
CREATE OR REPLACE FUNCTION pg_temp.playbook_broken(p_ords integer[] DEFAULT NULL)
RETURNS integer[]
LANGUAGE sql
AS $fn$
    SELECT coalesce(array_agg(s.ord ORDER BY s.ord), '{}')
    FROM pg_temp.playbook_state() s
    WHERE s.state IN ('missing', 'metadata_lost', 'table_missing', 'view_missing')
      AND (p_ords IS NULL OR s.ord = ANY (p_ords))
$fn$;

-- Removes what is left of the given TVIEWs and of every TVIEW reading them, readers first:
-- through pg_tviews_drop where the catalog still knows them, then the leftover generated triggers
-- and functions, tv_ table and v_ view recorded at export. Plain DROP (no CASCADE): an object of
-- yours that depends on a leftover makes this fail instead of disappearing.
CREATE OR REPLACE FUNCTION pg_temp.playbook_clear(p_ords integer[])
RETURNS SETOF text
LANGUAGE plpgsql
AS $fn$
DECLARE
    p record;
    i integer;
    v_has_meta boolean := to_regclass('public.pg_tview_meta') IS NOT NULL;
    v_known boolean;
BEGIN
    FOR p IN SELECT * FROM pg_temp.playbook_tview t WHERE t.ord = ANY (pg_temp.playbook_closure(p_ords)) ORDER BY t.ord DESC LOOP
        v_known := false;
        IF v_has_meta THEN
            EXECUTE 'SELECT EXISTS (SELECT 1 FROM public.pg_tview_meta m WHERE m.entity = $1)' INTO v_known USING p.entity;
        END IF;
        IF v_known THEN
            PERFORM public.pg_tviews_drop(p.tview, true, true);
            RETURN NEXT format('dropped %s (pg_tviews_drop)', p.tview);
        END IF;
        FOR i IN 1 .. coalesce(cardinality(p.triggers), 0) LOOP
            IF EXISTS (SELECT 1 FROM pg_trigger tg WHERE tg.tgrelid = to_regclass(p.trigger_tables[i])
                                                      AND tg.tgname = p.triggers[i]) THEN
                EXECUTE format('DROP TRIGGER %I ON %s', p.triggers[i], p.trigger_tables[i]);
                RETURN NEXT format('dropped leftover trigger %s on %s', p.triggers[i], p.trigger_tables[i]);
            END IF;
        END LOOP;
        FOR i IN 1 .. coalesce(cardinality(p.functions), 0) LOOP
            IF to_regprocedure(p.functions[i]) IS NOT NULL THEN
                EXECUTE format('DROP FUNCTION %s', p.functions[i]);
                RETURN NEXT format('dropped leftover function %s', p.functions[i]);
            END IF;
        END LOOP;
        IF to_regclass(p.tview) IS NOT NULL THEN
            EXECUTE format('DROP TABLE %s', p.tview);
            RETURN NEXT format('dropped leftover table %s', p.tview);
        END IF;
        IF to_regclass(p.view_name) IS NOT NULL THEN
            EXECUTE format('DROP VIEW %s', p.view_name);
            RETURN NEXT format('dropped leftover view %s', p.view_name);
        END IF;
    END LOOP;
END
$fn$;

-- Brings one exported TVIEW back: created from its exported definition (and refresh mode) when the
-- catalog does not know it, else recomputed with pg_tviews_refresh (which heals rows changed
-- behind the runtime's back and cascades to the TVIEWs reading it).
CREATE OR REPLACE FUNCTION pg_temp.playbook_apply(p_ord integer)
RETURNS text
LANGUAGE plpgsql
AS $fn$
DECLARE
    p record;
    v_known boolean;
    v_result text;
BEGIN
    SELECT * INTO STRICT p FROM pg_temp.playbook_tview t WHERE t.ord = p_ord;
    EXECUTE 'SELECT EXISTS (SELECT 1 FROM public.pg_tview_meta m WHERE m.entity = $1)' INTO v_known USING p.entity;
    IF v_known THEN
        RETURN format('refreshed %s: %s row(s) changed', p.tview, public.pg_tviews_refresh(p.tview));
    END IF;
    -- The definition was written for its creator's search_path: its own schema, then public.
    PERFORM set_config('search_path', format('%I, public', p.schema_name), true);
    v_result := public.pg_tviews_create(p.tview, p.definition);
    IF p.refresh_mode <> 'immediate' THEN
        PERFORM public.pg_tviews_set_refresh_mode(p.tview, p.refresh_mode);
    END IF;
    RETURN v_result;
END
$fn$;

-- The exported TVIEW named tv_x, schema.tv_x or by its entity; fails for another name.
CREATE OR REPLACE FUNCTION pg_temp.playbook_find(p_name text)
RETURNS integer
LANGUAGE plpgsql
AS $fn$
DECLARE
    v_ord integer;
BEGIN
    SELECT t.ord INTO v_ord FROM pg_temp.playbook_tview t
    WHERE p_name IN (t.tview, t.entity, 'tv_' || t.entity) ORDER BY t.ord LIMIT 1;
    IF v_ord IS NULL THEN
        RAISE EXCEPTION 'playbook: % is not a TVIEW of this playbook', coalesce(p_name, 'NULL')
            USING HINT = 'This playbook holds: ' || (SELECT string_agg(t.tview, ', ' ORDER BY t.ord) FROM pg_temp.playbook_tview t);
    END IF;
    RETURN v_ord;
END
$fn$;

-- Rebuilds one TVIEW: if it (or its catalog row), or a TVIEW it reads, is gone, those and every
-- TVIEW reading them are re-created from the playbook; otherwise it is recomputed in place.
CREATE OR REPLACE FUNCTION pg_temp.playbook_rebuild(p_name text)
RETURNS SETOF text
LANGUAGE plpgsql
AS $fn$
DECLARE
    v_ord integer := pg_temp.playbook_find(p_name);
    v_broken integer[];
    v_step text;
    v_next integer;
BEGIN
    PERFORM pg_temp.playbook_require_runtime();
    PERFORM pg_temp.playbook_require_sources();
    v_broken := pg_temp.playbook_broken(pg_temp.playbook_ancestors(v_ord));
    IF cardinality(v_broken) = 0 THEN
        RETURN NEXT pg_temp.playbook_apply(v_ord);
        RETURN;
    END IF;
    FOR v_step IN SELECT pg_temp.playbook_clear(v_broken) LOOP
        RETURN NEXT v_step;
    END LOOP;
    FOR v_next IN SELECT unnest(pg_temp.playbook_closure(v_broken)) ORDER BY 1 LOOP
        RETURN NEXT pg_temp.playbook_apply(v_next);
    END LOOP;
END
$fn$;

-- Rebuilds every exported TVIEW: the broken ones (and their readers) are re-created, the others
-- recomputed, in dependency order.
CREATE OR REPLACE FUNCTION pg_temp.playbook_rebuild_all()
RETURNS SETOF text
LANGUAGE plpgsql
AS $fn$
DECLARE
    v_broken integer[];
    v_step text;
    v_next integer;
BEGIN
    PERFORM pg_temp.playbook_require_runtime();
    PERFORM pg_temp.playbook_require_sources();
    v_broken := pg_temp.playbook_broken(NULL);
    IF cardinality(v_broken) > 0 THEN
        FOR v_step IN SELECT pg_temp.playbook_clear(v_broken) LOOP
            RETURN NEXT v_step;
        END LOOP;
    END IF;
    FOR v_next IN SELECT t.ord FROM pg_temp.playbook_tview t ORDER BY t.ord LOOP
        RETURN NEXT pg_temp.playbook_apply(v_next);
    END LOOP;
END
$fn$;

-- Row counts and checksums now against those at export time.
CREATE OR REPLACE FUNCTION pg_temp.playbook_checksums()
RETURNS TABLE (tview text, exported_rows bigint, current_rows bigint, exported_checksum text,
               current_checksum text, matches boolean)
LANGUAGE plpgsql
AS $fn$
DECLARE
    p record;
    c record;
BEGIN
    FOR p IN SELECT * FROM pg_temp.playbook_tview t ORDER BY t.ord LOOP
        tview := p.tview;
        exported_rows := p.row_count;
        exported_checksum := p.checksum;
        current_rows := NULL;
        current_checksum := NULL;
        IF to_regclass(p.tview) IS NOT NULL THEN
            SELECT * INTO c FROM pg_temp.playbook_checksum(to_regclass(p.tview), p.pk_column);
            current_rows := c.row_count;
            current_checksum := c.checksum;
        END IF;
        matches := current_rows IS NOT DISTINCT FROM exported_rows AND current_checksum IS NOT DISTINCT FROM exported_checksum;
        RETURN NEXT;
    END LOOP;
END
$fn$;

-- Everything wrong with the exported TVIEWs now: broken or changed ones (playbook_state), and the
-- rows pg_tviews_verify finds different from their views (for the TVIEWs that are in place).
CREATE OR REPLACE FUNCTION pg_temp.playbook_problems()
RETURNS TABLE (tview text, problem text)
LANGUAGE plpgsql
AS $fn$
DECLARE
    s record;
BEGIN
    FOR s IN SELECT * FROM pg_temp.playbook_state() x ORDER BY x.ord LOOP
        IF s.state <> 'ok' THEN
            tview := s.tview;
            problem := s.state || coalesce(': ' || s.detail, '');
            RETURN NEXT;
        END IF;
        IF s.state IN ('ok', 'definition_changed') THEN
            RETURN QUERY SELECT s.tview, format('row %s: %s', v.pk, v.issue)
                         FROM public.pg_tviews_verify(s.tview) v ORDER BY v.pk;
        END IF;
    END LOOP;
END
$fn$;

-- Raises when count > 0; lets a script end with a non-zero psql exit code (3) after printing.
CREATE OR REPLACE FUNCTION pg_temp.playbook_fail_if(p_count bigint, p_what text, p_hint text)
RETURNS text
LANGUAGE plpgsql
AS $fn$
BEGIN
    IF p_count > 0 THEN
        RAISE EXCEPTION 'playbook: % %', p_count, p_what USING HINT = p_hint;
    END IF;
    RETURN 'none';
END
$fn$;
