-- The SQL API: create, drop and fully refresh TVIEWs. pg_tviews_create runs with the caller's
-- rights and search_path (the definition is the caller's SQL); everything it does happens in the
-- caller's transaction, so a failure leaves nothing behind.

CREATE OR REPLACE FUNCTION public.pg_tviews_version()
RETURNS text
LANGUAGE sql IMMUTABLE
SET search_path = pg_catalog, pg_temp
AS $$ SELECT '0.1.0'::text $$;

-- The catalog row of an existing TVIEW, by tv_ name (optionally schema-qualified) or entity.
CREATE OR REPLACE FUNCTION public.pg_tviews__meta(p_tview_name text)
RETURNS public.pg_tview_meta
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    n record;
    m public.pg_tview_meta;
BEGIN
    SELECT * INTO n FROM public.pg_tviews__parse_name(p_tview_name);
    SELECT * INTO m FROM public.pg_tview_meta WHERE entity = n.entity
       AND (schema_name = n.schema_name OR cardinality(pg_catalog.parse_ident(p_tview_name)) = 1);
    IF NOT FOUND THEN
        PERFORM public.pg_tviews__fail('TV003', format('TVIEW %s does not exist', p_tview_name),
            'SELECT entity, table_oid FROM pg_tview_meta lists the TVIEWs of this database.');
    END IF;
    RETURN m;
END
$$;

-- Creates v_<entity> from the definition, translating PostgreSQL's errors into TV codes.
CREATE OR REPLACE FUNCTION public.pg_tviews__create_view(p_schema name, p_view name, p_table name,
                                                         p_tview text, p_sql text)
RETURNS regclass
LANGUAGE plpgsql
AS $$
DECLARE
    v_state text;
    v_message text;
BEGIN
    EXECUTE format('CREATE VIEW %I.%I AS %s', p_schema, p_view, p_sql);
    RETURN format('%I.%I', p_schema, p_view)::regclass;
EXCEPTION WHEN syntax_error_or_access_rule_violation OR feature_not_supported OR data_exception
               OR invalid_object_definition OR datatype_mismatch
               OR program_limit_exceeded THEN  -- too many columns, nested too deeply
    GET STACKED DIAGNOSTICS v_state = RETURNED_SQLSTATE, v_message = MESSAGE_TEXT;
    IF v_state = '42P01' AND (v_message LIKE format('%%"%s"%%', p_table)
                              OR v_message LIKE format('%%"%s.%s"%%', p_schema, p_table)) THEN
        PERFORM public.pg_tviews__fail('TV030', format('TVIEW %s cannot read itself', p_tview),
            'A TVIEW is computed from base tables and other TVIEWs; remove the self-reference.', v_message);
    ELSIF v_state = '42P01' THEN
        PERFORM public.pg_tviews__fail('TV040', format('TVIEW %s: %s', p_tview, v_message),
            'Create the table first, or check the name and the search_path.', v_message);
    ELSIF v_state = '42703' THEN
        PERFORM public.pg_tviews__fail('TV041', format('TVIEW %s: %s', p_tview, v_message),
            'Check the column name against the table definition (\d table in psql).', v_message);
    ELSIF v_state = '42883' THEN
        PERFORM public.pg_tviews__fail('TV042', format('TVIEW %s: %s', p_tview, v_message),
            'Check the function name and cast the arguments to the types it takes.', v_message);
    ELSIF v_state = '42501' THEN
        PERFORM public.pg_tviews__fail('TV050', format('TVIEW %s: %s', p_tview, v_message),
            'The creating role needs SELECT on every table the definition reads and CREATE on the schema.', v_message);
    END IF;
    PERFORM public.pg_tviews__fail('TV010', format('TVIEW %s: invalid definition: %s', p_tview, v_message),
        'The definition must be one SELECT statement that PostgreSQL accepts as a view.',
        format('SQLSTATE %s', v_state));
END
$$;

-- Creates tv_<entity> filled from the view, with its primary key and lineage indexes.
CREATE OR REPLACE FUNCTION public.pg_tviews__create_table(p_schema name, p_table name, p_view regclass,
                                                          p_tview text, p_pk name)
RETURNS regclass
LANGUAGE plpgsql
AS $$
DECLARE
    v_table regclass;
    v_col name;
    v_message text;
BEGIN
    BEGIN
        EXECUTE format('CREATE TABLE %I.%I AS SELECT * FROM %s', p_schema, p_table, p_view);
    EXCEPTION WHEN insufficient_privilege THEN
        -- CREATE VIEW does not check SELECT rights on what the view reads; reading it does.
        GET STACKED DIAGNOSTICS v_message = MESSAGE_TEXT;
        PERFORM public.pg_tviews__fail('TV050', format('TVIEW %s: %s', p_tview, v_message),
            'The creating role needs SELECT on every table the definition reads and CREATE on the schema.', v_message);
    END;
    v_table := format('%I.%I', p_schema, p_table)::regclass;
    BEGIN
        EXECUTE format('ALTER TABLE %s ADD CONSTRAINT %I PRIMARY KEY (%I)', v_table,
                       public.pg_tviews__short_name(p_table || '_pkey'), p_pk);
    EXCEPTION WHEN unique_violation OR not_null_violation THEN
        GET STACKED DIAGNOSTICS v_message = MESSAGE_TEXT;
        PERFORM public.pg_tviews__fail('TV013',
            format('TVIEW %s: the definition yields NULL or duplicate %s values', p_tview, p_pk),
            format('Each row needs a unique, non-null %s: select it from the root table''s primary key '
                   || 'and aggregate child rows (GROUP BY or a correlated subquery).', p_pk), v_message);
    END;
    FOR v_col IN
        SELECT a.attname FROM pg_attribute a
        WHERE a.attrelid = v_table AND a.attnum > 0 AND NOT a.attisdropped
          AND (a.attname LIKE 'fk\_%' OR a.attname = 'id'
               OR (a.attname LIKE '%\_id' AND a.atttypid = 'uuid'::regtype))
        ORDER BY a.attnum
    LOOP
        EXECUTE format('CREATE INDEX %I ON %s (%I)', public.pg_tviews__short_name(p_table || '_' || v_col || '_idx'),
                       v_table, v_col);
    END LOOP;
    RETURN v_table;
END
$$;

CREATE OR REPLACE FUNCTION public.pg_tviews_create(tview_name text, select_sql text)
RETURNS text
LANGUAGE plpgsql
AS $$
DECLARE
    n record;
    v_sql text;
    v_view regclass;
    v_table regclass;
    v_src record;
    v_depth integer;
    v_rows bigint;
    v_sources integer;
    v_owner name;
BEGIN
    SELECT * INTO n FROM public.pg_tviews__parse_name(tview_name);
    IF EXISTS (SELECT 1 FROM public.pg_tview_meta m WHERE m.entity = n.entity) THEN
        PERFORM public.pg_tviews__fail('TV002', format('TVIEW tv_%s already exists', n.entity),
            format('Drop it first with SELECT pg_tviews_drop(%L), or choose another entity name.', 'tv_' || n.entity));
    END IF;
    IF to_regclass(format('%I.%I', n.schema_name, n.table_name)) IS NOT NULL
       OR to_regclass(format('%I.%I', n.schema_name, n.view_name)) IS NOT NULL THEN
        PERFORM public.pg_tviews__fail('TV004',
            format('cannot create TVIEW %I.%I: relation %I.%I or %I.%I already exists', n.schema_name, n.table_name,
                   n.schema_name, n.table_name, n.schema_name, n.view_name),
            'Rename or drop the existing relation, or choose another entity name.');
    END IF;
    -- The queue flush runs as the runtime's owner and calls the TVIEW's generated functions by
    -- their schema-qualified names (pg_tviews_create grants it EXECUTE on them): without USAGE on
    -- the schema, every later write to a source table would fail with "permission denied for
    -- schema". Refused here, with the GRANT to run, rather than granted automatically even when
    -- the caller owns the schema: a DBA tool should not widen who may use a schema behind its
    -- owner's back, and the refusal names the one statement that fixes it.
    SELECT r.rolname INTO v_owner
    FROM pg_catalog.pg_namespace s, pg_catalog.pg_proc p JOIN pg_catalog.pg_roles r ON r.oid = p.proowner
    WHERE s.nspname = n.schema_name AND p.oid = 'public.pg_tviews__flush(boolean)'::pg_catalog.regprocedure
      AND NOT pg_catalog.has_schema_privilege(p.proowner, s.oid, 'USAGE');
    IF FOUND THEN
        PERFORM public.pg_tviews__fail('TV051',
            format('cannot create TVIEW %I.%I: the runtime''s owner %I has no USAGE privilege on schema %I',
                   n.schema_name, n.table_name, v_owner, n.schema_name),
            format('As the owner of schema %I run GRANT USAGE ON SCHEMA %I TO %I; then create the TVIEW again.',
                   n.schema_name, n.schema_name, v_owner),
            format('The queue flush runs as %I and calls the TVIEW''s refresh functions in schema %I: '
                   || 'without USAGE every write to its source tables would fail with "permission denied for schema %s".',
                   v_owner, n.schema_name, n.schema_name));
    END IF;

    v_sql := public.pg_tviews__single_statement(select_sql);
    v_view := public.pg_tviews__create_view(n.schema_name, n.view_name, n.table_name, tview_name, v_sql);
    PERFORM public.pg_tviews__check_supported(v_view, tview_name);
    PERFORM public.pg_tviews__check_columns(v_view, tview_name, n.entity);
    CREATE TEMP TABLE IF NOT EXISTS pg_tviews_new_lineage (LIKE public.pg_tview_source) ON COMMIT DROP;
    TRUNCATE pg_tviews_new_lineage;
    INSERT INTO pg_tviews_new_lineage (entity, source, source_kind, rule, tview_column, source_column,
                                       trigger_function, trigger_prefix)
    SELECT n.entity, l.source, l.source_kind, l.rule, l.tview_column, l.source_column, '', ''
    FROM public.pg_tviews__derive_lineage(v_view, tview_name, n.entity) l;

    v_table := public.pg_tviews__create_table(n.schema_name, n.table_name, v_view, tview_name,
                                              ('pk_' || n.entity)::name);
    SELECT coalesce(max(m.depth) + 1, 0) INTO v_depth
    FROM pg_tviews_new_lineage l JOIN public.pg_tview_meta m ON m.table_oid = l.source;

    INSERT INTO public.pg_tview_meta (entity, schema_name, view_oid, table_oid, definition, pk_column,
                                      dependencies, fk_columns, uuid_fk_columns, dependency_types,
                                      dependency_paths, depth, refresh_function, refresh_mode)
    SELECT n.entity, n.schema_name, v_view, v_table, v_sql, ('pk_' || n.entity)::name,
           coalesce((SELECT array_agg(DISTINCT l.source) FROM pg_tviews_new_lineage l), '{}'),
           coalesce((SELECT array_agg(a.attname::text ORDER BY a.attnum) FROM pg_attribute a
                     WHERE a.attrelid = v_view AND a.attname LIKE 'fk\_%' AND NOT a.attisdropped), '{}'),
           coalesce((SELECT array_agg(a.attname::text ORDER BY a.attnum) FROM pg_attribute a
                     WHERE a.attrelid = v_view AND a.attname LIKE '%\_id' AND a.atttypid = 'uuid'::regtype
                       AND NOT a.attisdropped), '{}'),
           coalesce((SELECT array_agg(l.rule ORDER BY l.source::text, l.rule, l.tview_column) FROM pg_tviews_new_lineage l), '{}'),
           coalesce((SELECT array_agg(format('%s.%s -> %s.%s', l.source, l.source_column, v_table, l.tview_column)
                                      ORDER BY l.source::text, l.rule, l.tview_column) FROM pg_tviews_new_lineage l), '{}'),
           v_depth,
           format('%I.%I', n.schema_name, public.pg_tviews__refresh_function_name(n.entity)),
           public.pg_tviews__setting('default_refresh_mode');
    PERFORM public.pg_tviews__metrics_register(n.entity);  -- its error counter (70_metrics.sql)

    INSERT INTO public.pg_tview_source (entity, source, source_kind, rule, tview_column, source_column,
                                        trigger_function, trigger_prefix)
    SELECT l.entity, l.source, l.source_kind, l.rule, l.tview_column, l.source_column,
           format('%I.%I', n.schema_name,
                  public.pg_tviews__short_name(format('pg_tviews_trg_%s__%s', n.entity, c.relname))),
           public.pg_tviews__short_name(format('tview_%s_%s', lpad(v_depth::text, 2, '0'), n.entity))
    FROM pg_tviews_new_lineage l JOIN pg_class c ON c.oid = l.source;

    EXECUTE public.pg_tviews__refresh_function_sql(n.entity);
    FOR v_src IN SELECT DISTINCT s.source FROM public.pg_tview_source s WHERE s.entity = n.entity LOOP
        BEGIN
            EXECUTE public.pg_tviews__trigger_sql(n.entity, v_src.source);
        EXCEPTION WHEN insufficient_privilege THEN
            PERFORM public.pg_tviews__fail('TV050',
                format('TVIEW %s: cannot install refresh triggers on %s: %s', tview_name, v_src.source, SQLERRM),
                format('The role creating a TVIEW must own %s or hold the TRIGGER privilege on it.', v_src.source));
        END;
    END LOOP;

    EXECUTE format('SELECT count(*) FROM %s', v_table) INTO v_rows;
    SELECT count(DISTINCT s.source) INTO v_sources FROM public.pg_tview_source s WHERE s.entity = n.entity;
    DROP TABLE pg_tviews_new_lineage;
    PERFORM public.pg_tviews__audit('create', n.entity, jsonb_build_object('table', v_table::text, 'rows', v_rows, 'sources', v_sources));
    RETURN format('TVIEW %s created: %s rows, %s source relation(s)', v_table, v_rows, v_sources);
END
$$;

CREATE OR REPLACE FUNCTION public.pg_tviews_drop(tview_name text, if_exists boolean DEFAULT false,
                                                 "cascade" boolean DEFAULT false)
RETURNS text
LANGUAGE plpgsql
AS $$
DECLARE
    n record;
    m public.pg_tview_meta;
    v_dependants text;
    v_dep record;
    v_src record;
    v_dropped text[] := '{}';
    v_locks_function text;
    v_resolve_function text;
BEGIN
    SELECT * INTO n FROM public.pg_tviews__parse_name(tview_name);
    -- An explicit schema must match: drop('other.tv_post') must not drop public.tv_post.
    SELECT * INTO m FROM public.pg_tview_meta WHERE entity = n.entity
       AND (schema_name = n.schema_name OR cardinality(pg_catalog.parse_ident(tview_name)) = 1);
    IF NOT FOUND THEN
        IF if_exists THEN
            RAISE NOTICE 'TVIEW % does not exist, skipping', tview_name;
            RETURN format('TVIEW %s does not exist, skipped', tview_name);
        END IF;
        PERFORM public.pg_tviews__meta(tview_name);  -- raises TV003
    END IF;

    SELECT string_agg(DISTINCT d.table_oid::text, ', ') INTO v_dependants
    FROM public.pg_tview_source s JOIN public.pg_tview_meta d ON d.entity = s.entity
    WHERE s.source = m.table_oid;
    IF v_dependants IS NOT NULL THEN
        IF NOT "cascade" THEN
            PERFORM public.pg_tviews__fail('TV031',
                format('cannot drop TVIEW %s: TVIEW(s) %s read it', m.table_oid, v_dependants),
                format('Drop those first, or call pg_tviews_drop(%L, false, true) to drop them too.', tview_name));
        END IF;
        FOR v_dep IN SELECT DISTINCT d.entity, d.depth FROM public.pg_tview_source s
                     JOIN public.pg_tview_meta d ON d.entity = s.entity
                     WHERE s.source = m.table_oid ORDER BY d.depth DESC, d.entity LOOP
            -- A dependant reached twice was dropped by the first call.
            IF EXISTS (SELECT 1 FROM public.pg_tview_meta WHERE entity = v_dep.entity) THEN
                v_dropped := v_dropped || public.pg_tviews_drop(format('%I.%I',
                    (SELECT schema_name FROM public.pg_tview_meta WHERE entity = v_dep.entity), 'tv_' || v_dep.entity),
                    false, true);
            END IF;
        END LOOP;
    END IF;

    CREATE TEMP TABLE IF NOT EXISTS pg_tviews_dropped_sources (source regclass) ON COMMIT DROP;
    TRUNCATE pg_tviews_dropped_sources;
    INSERT INTO pg_tviews_dropped_sources SELECT DISTINCT s.source FROM public.pg_tview_source s WHERE s.entity = m.entity;
    FOR v_src IN SELECT DISTINCT s.source, s.trigger_function, s.trigger_prefix
                 FROM public.pg_tview_source s WHERE s.entity = m.entity LOOP
        -- A source table dropped behind our back has taken its triggers with it.
        IF EXISTS (SELECT 1 FROM pg_class c WHERE c.oid = v_src.source) THEN
            BEGIN
                EXECUTE format('DROP TRIGGER IF EXISTS %I ON %s', v_src.trigger_prefix || '_ins', v_src.source);
                EXECUTE format('DROP TRIGGER IF EXISTS %I ON %s', v_src.trigger_prefix || '_upd', v_src.source);
                EXECUTE format('DROP TRIGGER IF EXISTS %I ON %s', v_src.trigger_prefix || '_del', v_src.source);
                EXECUTE format('DROP TRIGGER IF EXISTS %I ON %s', v_src.trigger_prefix || '_trn', v_src.source);
            EXCEPTION WHEN insufficient_privilege THEN
                -- PostgreSQL lets the TRIGGER privilege create triggers but only the owner drop them.
                PERFORM public.pg_tviews__fail('TV050',
                    format('cannot drop TVIEW %s: removing its refresh triggers from %s requires owning %s',
                           m.table_oid, v_src.source, v_src.source),
                    format('Run pg_tviews_drop as the owner of %s (or a member of its owning role).', v_src.source));
            END;
        END IF;
        EXECUTE format('DROP FUNCTION IF EXISTS %s()', v_src.trigger_function);
    END LOOP;
    v_locks_function := public.pg_tviews__generated_function(m.entity, 'parent_locks');
    v_resolve_function := public.pg_tviews__generated_function(m.entity, 'resolve');
    -- Catalog rows go while the table still exists: their row-level security checks its owner.
    DELETE FROM public.pg_tview_meta WHERE entity = m.entity;
    PERFORM public.pg_tviews__metrics_unregister(m.entity);  -- its error counter (70_metrics.sql)
    PERFORM public.pg_tviews__audit('drop', m.entity, jsonb_build_object('table', format('%I.%I', m.schema_name, 'tv_' || m.entity), 'cascade', "cascade"));
    EXECUTE format('DROP FUNCTION IF EXISTS %s(bigint[], text[], bigint[])', v_locks_function);
    EXECUTE format('DROP FUNCTION IF EXISTS %s(text[], bigint[])', v_resolve_function);
    EXECUTE format('DROP FUNCTION IF EXISTS %s(bigint[], text[], bigint[])', m.refresh_function);
    IF EXISTS (SELECT 1 FROM pg_class c WHERE c.oid = m.table_oid) THEN
        EXECUTE format('DROP TABLE %s', m.table_oid);
    END IF;
    IF EXISTS (SELECT 1 FROM pg_class c WHERE c.oid = m.view_oid) THEN
        EXECUTE format('DROP VIEW %s', m.view_oid);
    END IF;
    PERFORM public.pg_tviews__dequeue(m.entity);
    -- The shared flush trigger goes with the last TVIEW that reads the table.
    FOR v_src IN SELECT d.source FROM pg_tviews_dropped_sources d
                 WHERE EXISTS (SELECT 1 FROM pg_class c WHERE c.oid = d.source)
                   AND NOT EXISTS (SELECT 1 FROM public.pg_tview_source s WHERE s.source = d.source) LOOP
        EXECUTE format('DROP TRIGGER IF EXISTS tview_zz_flush ON %s', v_src.source);
    END LOOP;
    DROP TABLE pg_tviews_dropped_sources;
    RETURN array_to_string(v_dropped || format('TVIEW %I.%I dropped', m.schema_name, 'tv_' || m.entity), E'\n');
END
$$;

-- Recomputes every row of one TVIEW, or of all TVIEWs in dependency order; returns rows changed.
CREATE OR REPLACE FUNCTION public.pg_tviews_refresh(tview_name text DEFAULT NULL)
RETURNS bigint
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    m public.pg_tview_meta;
    v_changed bigint := 0;
    v_count integer;
    v_t0 timestamptz;
    v_enq bigint;
BEGIN
    IF tview_name IS NOT NULL THEN
        PERFORM public.pg_tviews__meta(tview_name);
    END IF;
    FOR m IN SELECT * FROM public.pg_tview_meta
             WHERE tview_name IS NULL OR entity = (public.pg_tviews__meta(tview_name)).entity
             ORDER BY depth, entity LOOP
        v_t0 := clock_timestamp(); v_enq := public.pg_tviews__counter('enqueued');  -- metrics
        EXECUTE format('SELECT %s(ARRAY(SELECT t.%I::bigint FROM %s AS t UNION SELECT v.%I::bigint FROM %s AS v))',
                       public.pg_tviews__checked_function(m.refresh_function, '(bigint[],text[],bigint[])', m.entity),
                       m.pk_column, m.table_oid, m.pk_column, m.view_oid)
            INTO v_count;
        PERFORM public.pg_tviews__metrics_record(ARRAY[[m.entity, extract(epoch FROM clock_timestamp() - v_t0)::text, '0',
            (public.pg_tviews__counter('enqueued') - v_enq)::text, current_setting('pg_tviews.refresh_rows', true)]], true);
        v_changed := v_changed + v_count;
        PERFORM public.pg_tviews__audit('refresh', m.entity, jsonb_build_object('rows_changed', v_count));
    END LOOP;
    RETURN v_changed;
END
$$;

-- Switches a TVIEW between immediate and deferred refresh; takes effect for the next write.
CREATE OR REPLACE FUNCTION public.pg_tviews_set_refresh_mode(tview_name text, mode text)
RETURNS text
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    m public.pg_tview_meta := public.pg_tviews__meta(tview_name);
BEGIN
    IF mode IS NULL OR mode NOT IN ('immediate', 'deferred') THEN
        PERFORM public.pg_tviews__fail('TV060', format('invalid refresh mode %L', mode), 'Use immediate or deferred.');
    END IF;
    UPDATE public.pg_tview_meta SET refresh_mode = mode WHERE entity = m.entity;
    IF NOT FOUND THEN  -- row-level security hid the row: the caller does not own the TVIEW
        PERFORM public.pg_tviews__fail('TV050', format('cannot change the refresh mode of TVIEW %s: not its owner', m.table_oid),
            format('Run pg_tviews_set_refresh_mode as the owner of %s.', m.table_oid));
    END IF;
    PERFORM public.pg_tviews__audit('set_refresh_mode', m.entity, jsonb_build_object('mode', mode, 'previous', m.refresh_mode));
    RETURN format('TVIEW %s refresh mode: %s', m.table_oid, mode);
END
$$;

-- The single-column primary key of a source table of some TVIEW, or TV003 naming the caller
-- (pg_tviews_cascade, pg_tviews_insert, pg_tviews_delete).
CREATE OR REPLACE FUNCTION public.pg_tviews__source_pk(p_table oid, p_caller text)
RETURNS name
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_pk name;
BEGIN
    SELECT a.attname INTO v_pk
    FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[0]
    WHERE i.indrelid = p_table AND i.indisprimary AND i.indnatts = 1;
    IF v_pk IS NULL OR NOT EXISTS (SELECT 1 FROM public.pg_tview_source s WHERE s.source = p_table) THEN
        PERFORM public.pg_tviews__fail('TV003',
            format('no TVIEW reads %s through a single-column primary key', p_table::regclass),
            format('%s takes a source table of some TVIEW (see pg_tview_source) and one of its primary key values.', p_caller));
    END IF;
    RETURN v_pk;
END
$$;

-- Recomputes everything that depends on one row of a source table (the original's manual
-- propagation): the row's lineage keys are queued for every TVIEW reading the table and flushed.
CREATE OR REPLACE FUNCTION public.pg_tviews_cascade(base_table_oid oid, pk_value bigint)
RETURNS integer
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_rule record;
    v_pk name := public.pg_tviews__source_pk(base_table_oid, 'pg_tviews_cascade');
    v_keys bigint[];
    v_total integer := 0;
BEGIN
    FOR v_rule IN SELECT s.entity, s.rule, s.tview_column, s.source_column
                  FROM public.pg_tview_source s WHERE s.source = base_table_oid LOOP
        EXECUTE format('SELECT ARRAY(SELECT s.%I::bigint FROM %s s WHERE s.%I = $1)',
                       v_rule.source_column, base_table_oid::regclass, v_pk) INTO v_keys USING pk_value;
        -- Root and child rules give TVIEW keys; a parent rule gives the parent key, resolved by the flush.
        PERFORM public.pg_tviews__enqueue(v_rule.entity, v_keys,
                                          CASE WHEN v_rule.rule = 'parent' THEN v_rule.tview_column::text ELSE '' END);
        v_total := v_total + coalesce(cardinality(v_keys), 0);
    END LOOP;
    PERFORM public.pg_tviews__flush(true);
    RETURN v_total;
END
$$;
