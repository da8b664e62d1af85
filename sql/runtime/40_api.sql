-- The SQL API: create, drop and fully refresh TVIEWs. pg_tviews_create runs with the caller's
-- rights and search_path (the definition is the caller's SQL); everything it does happens in the
-- caller's transaction, so a failure leaves nothing behind.

-- The runtime's version: the only place the SQL writes it. It must equal default_version in
-- sql/pg_tviews.control, which the build and the Java side read (RuntimeInstallTest checks).
CREATE OR REPLACE FUNCTION public.pg_tviews_version()
RETURNS text
LANGUAGE sql IMMUTABLE
SET search_path = pg_catalog, pg_temp
AS $$ SELECT '0.1.0'::text $$;

-- The installed version (00_catalog.sql), from the functions just installed: pg_tviews_health_check
-- compares the two, which differ when an install stopped half-way or files of two versions mixed.
INSERT INTO public.pg_tviews_runtime (version) VALUES (public.pg_tviews_version())
ON CONFLICT (singleton) DO UPDATE
    SET version = EXCLUDED.version, installed_at = now(), installed_by = current_user;

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
    -- PostgreSQL's parser decides that the text is one statement before anything of it runs; CREATE
    -- VIEW then takes only a SELECT (or VALUES, TABLE).
    PERFORM public.pg_tviews__require_one_statement(p_sql);
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

-- Who is calling. Inside a SECURITY DEFINER function current_user is the runtime's owner, so the
-- API functions, which run with the caller's rights, prove the caller's ownership of a relation
-- first: pg_tviews__prove_owner inserts a row into pg_tviews_caller_proof, whose row-level
-- security policy (evaluated as the caller) admits it only for a non-temporary relation the caller
-- owns, and whose trigger checks a definition text with the caller's rights. The SECURITY DEFINER
-- function that writes runtime state consumes the row (pg_tviews__caller_owns). This is the only
-- door through which anything but the runtime's owner changes the catalog.
CREATE OR REPLACE FUNCTION public.pg_tviews__prove_owner(p_rel regclass, p_what text, p_definition text DEFAULT NULL)
RETURNS void
LANGUAGE plpgsql
-- No SET clause: the proof trigger checks a definition with the caller's search_path, as
-- pg_tviews_create resolved it. It runs with the caller's rights only.
AS $$
DECLARE
    v_owner oid;
    v_persistence "char";
BEGIN
    SELECT c.relowner, c.relpersistence INTO v_owner, v_persistence FROM pg_catalog.pg_class c
    WHERE c.oid OPERATOR(pg_catalog.=) p_rel;
    -- The policy refuses these too; this gives the reason. Every role may create temporary tables.
    IF v_persistence OPERATOR(pg_catalog.=) 't' THEN
        PERFORM public.pg_tviews__fail('TV050', pg_catalog.format('cannot %s: %s is a temporary relation', p_what, p_rel),
            'TVIEWs are made of ordinary (permanent) tables and views.');
    END IF;
    IF v_owner IS NULL OR NOT pg_catalog.pg_has_role(current_user, v_owner, 'USAGE') THEN
        PERFORM public.pg_tviews__fail('TV050', pg_catalog.format('cannot %s: %s is not owned by %I', p_what, p_rel, current_user),
            pg_catalog.format('Run it as the owner of %s (or a member of its owning role).', p_rel));
    END IF;
    INSERT INTO public.pg_tviews_caller_proof (rel, definition) VALUES (p_rel, p_definition);
END
$$;

-- The proof of pg_tviews__prove_owner for a relation, consumed: whether this transaction's caller
-- proved it owns p_rel, and the definition text it proved with it. Rows of finished transactions
-- prove nothing and go too. Called by SECURITY DEFINER functions only.
CREATE OR REPLACE FUNCTION public.pg_tviews__caller_owns(p_rel oid, OUT proven boolean, OUT definition text)
LANGUAGE plpgsql
-- No SET clause: called from SECURITY DEFINER functions that pin search_path.
AS $$
BEGIN
    DELETE FROM public.pg_tviews_caller_proof p WHERE p.xid <> pg_current_xact_id();
    DELETE FROM public.pg_tviews_caller_proof p WHERE p.xid = pg_current_xact_id() AND p.rel = p_rel
    RETURNING true, p.definition INTO proven, definition;
    proven := coalesce(proven, false);
END
$$;

-- Raises TV050 with the caller's message unless the caller proved it owns one of p_rels (each
-- proof consumed). The one check every SECURITY DEFINER step of the API starts with.
CREATE OR REPLACE FUNCTION public.pg_tviews__require_proof(p_rels oid[], p_message text, p_hint text)
RETURNS void
LANGUAGE plpgsql
-- No SET clause: called from SECURITY DEFINER functions that pin search_path.
AS $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM unnest(p_rels) AS r(rel) WHERE (public.pg_tviews__caller_owns(r.rel)).proven) THEN
        PERFORM public.pg_tviews__fail('TV050', p_message, p_hint);
    END IF;
END
$$;

-- The proof trigger's check of a definition, with the rights of the role that proves it: one
-- statement (pg_tviews__require_one_statement), and a SELECT: a cursor over SELECT * FROM (it),
-- opened and closed without fetching a row (parsed, analysed and planned; nothing runs), which
-- PostgreSQL accepts for a query and nothing else. So no text but a single SELECT is ever stored.
CREATE OR REPLACE FUNCTION public.pg_tviews__proof_trigger()
RETURNS trigger
LANGUAGE plpgsql
-- Not SECURITY DEFINER, no SET clause: it runs as the inserting role, with its search_path.
AS $$
DECLARE
    v_cursor refcursor;
BEGIN
    IF NEW.definition IS NOT NULL THEN
        PERFORM public.pg_tviews__require_one_statement(NEW.definition);
        BEGIN
            OPEN v_cursor FOR EXECUTE 'SELECT * FROM (' || NEW.definition || E'\n) AS pg_tviews_definition';
            CLOSE v_cursor;
        EXCEPTION WHEN syntax_error OR invalid_cursor_definition OR feature_not_supported THEN
            PERFORM public.pg_tviews__fail('TV010', 'TVIEW definition must be a single SELECT statement',
                'The definition is a query: SELECT (or VALUES, TABLE), without data-modifying WITH.', SQLERRM);
        END;
    END IF;
    RETURN NEW;
END
$$;

-- The tables and columns a view reads, by name (see pg_tview_meta.view_reads), from the
-- dependencies PostgreSQL recorded for its rewrite rule.
CREATE OR REPLACE FUNCTION public.pg_tviews__view_reads(p_view regclass)
RETURNS text[]
LANGUAGE sql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT coalesce(array_agg(x.name ORDER BY x.name), '{}') FROM (
    SELECT DISTINCT CASE WHEN d.refobjsubid = 0 THEN format('%I.%I', n.nspname, c.relname)
                         ELSE format('%I.%I.%I', n.nspname, c.relname, a.attname) END AS name
    FROM pg_rewrite r
    JOIN pg_depend d ON d.classid = 'pg_rewrite'::regclass AND d.objid = r.oid AND d.refclassid = 'pg_class'::regclass
    JOIN pg_class c ON c.oid = d.refobjid
    JOIN pg_namespace n ON n.oid = c.relnamespace
    LEFT JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid AND d.refobjsubid > 0
    WHERE r.ev_class = p_view AND r.rulename = '_RETURN' AND d.refobjid <> p_view) AS x
$$;

-- Records a TVIEW that pg_tviews_create has built (view v_<entity> and table tv_<entity>, both
-- the caller's) in the catalog. SECURITY DEFINER: only the runtime's owner writes the catalog.
-- Everything it records comes from the database itself (names, owners, lineage, what the view
-- reads), except the definition text, which comes from the caller's proof and was checked there.
CREATE OR REPLACE FUNCTION public.pg_tviews__register(p_view regclass, p_table regclass)
RETURNS void
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    p record;
    v record;
    t record;
    v_entity text;
    v_tview text;
    v_depth integer;
    v_lineage public.pg_tview_source[];
BEGIN
    SELECT * INTO p FROM public.pg_tviews__caller_owns(p_view);
    SELECT c.relname, c.relkind, c.relpersistence, c.relowner, c.relnamespace INTO v FROM pg_class c WHERE c.oid = p_view;
    SELECT c.relname, c.relkind, c.relpersistence, c.relowner, c.relnamespace INTO t FROM pg_class c WHERE c.oid = p_table;
    v_entity := substr(v.relname, 3);
    IF NOT p.proven OR p.definition IS NULL OR v.relkind IS DISTINCT FROM 'v' OR t.relkind IS DISTINCT FROM 'r'
       OR v.relpersistence <> 'p' OR t.relpersistence <> 'p' OR v.relowner <> t.relowner
       OR v.relnamespace <> t.relnamespace OR v.relname !~ '^v_[a-z][a-z0-9_]*$' OR t.relname <> 'tv_' || v_entity THEN
        PERFORM public.pg_tviews__fail('TV050', format('cannot record %s and %s as a TVIEW', p_view, p_table),
            'TVIEWs are recorded by pg_tviews_create only, for a view v_<entity> and a table tv_<entity> it made for its caller.');
    END IF;
    IF EXISTS (SELECT 1 FROM public.pg_tview_meta m WHERE m.entity = v_entity) THEN
        PERFORM public.pg_tviews__fail('TV002', format('TVIEW tv_%s already exists', v_entity),
            format('Drop it first with SELECT pg_tviews_drop(%L), or choose another entity name.', 'tv_' || v_entity));
    END IF;
    v_tview := p_table::text;
    -- Lineage in a variable, not a temporary table: a SECURITY DEFINER function must not write a
    -- table of the session's temporary schema, where the caller could have put one with triggers.
    v_lineage := ARRAY(SELECT ROW(v_entity, l.source, l.source_kind, l.rule, l.tview_column, l.source_column, '', '')::public.pg_tview_source
                       FROM public.pg_tviews__derive_lineage(p_view, v_tview, v_entity) l);
    SELECT coalesce(max(m.depth) + 1, 0) INTO v_depth
    FROM unnest(v_lineage) l JOIN public.pg_tview_meta m ON m.table_oid = l.source;

    INSERT INTO public.pg_tview_meta (entity, schema_name, view_oid, table_oid, definition, pk_column,
                                      dependencies, fk_columns, uuid_fk_columns, dependency_types,
                                      dependency_paths, depth, refresh_function, refresh_mode, created_by, view_reads)
    SELECT v_entity, n.nspname, p_view, p_table, p.definition, ('pk_' || v_entity)::name,
           coalesce((SELECT array_agg(DISTINCT l.source) FROM unnest(v_lineage) l), '{}'),
           coalesce((SELECT array_agg(a.attname::text ORDER BY a.attnum) FROM pg_attribute a
                     WHERE a.attrelid = p_view AND a.attname LIKE 'fk\_%' AND NOT a.attisdropped), '{}'),
           coalesce((SELECT array_agg(a.attname::text ORDER BY a.attnum) FROM pg_attribute a
                     WHERE a.attrelid = p_view AND a.attname LIKE '%\_id' AND a.atttypid = 'uuid'::regtype
                       AND NOT a.attisdropped), '{}'),
           coalesce((SELECT array_agg(l.rule ORDER BY l.source::text, l.rule, l.tview_column) FROM unnest(v_lineage) l), '{}'),
           coalesce((SELECT array_agg(format('%s.%s -> %s.%s', l.source, l.source_column, p_table, l.tview_column)
                                      ORDER BY l.source::text, l.rule, l.tview_column) FROM unnest(v_lineage) l), '{}'),
           v_depth,
           format('%I.%I', n.nspname, public.pg_tviews__refresh_function_name(v_entity)),
           public.pg_tviews__setting('default_refresh_mode'),
           pg_get_userbyid(t.relowner),
           public.pg_tviews__view_reads(p_view)
    FROM pg_namespace n WHERE n.oid = t.relnamespace;

    INSERT INTO public.pg_tview_source (entity, source, source_kind, rule, tview_column, source_column,
                                        trigger_function, trigger_prefix)
    SELECT l.entity, l.source, l.source_kind, l.rule, l.tview_column, l.source_column,
           format('%I.%I', n.nspname, public.pg_tviews__short_name(format('pg_tviews_trg_%s__%s', v_entity, c.relname))),
           public.pg_tviews__trigger_prefix(v_depth, v_entity)
    FROM unnest(v_lineage) l JOIN pg_class c ON c.oid = l.source, pg_namespace n
    WHERE n.oid = t.relnamespace;
    PERFORM public.pg_tviews__metrics_register(v_entity);  -- its error counter (70_metrics.sql)
END
$$;

-- Writes an audit row for an API call on a TVIEW the caller proved it owns (pg_tviews_create,
-- pg_tviews_convert_table); the other API calls write theirs inside their SECURITY DEFINER step.
CREATE OR REPLACE FUNCTION public.pg_tviews__audit_owned(p_operation text, p_entity text, p_details jsonb)
RETURNS void
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    PERFORM public.pg_tviews__require_proof(ARRAY(SELECT m.table_oid::oid FROM public.pg_tview_meta m WHERE m.entity = p_entity),
        format('cannot record %s of TVIEW tv_%s: not its owner', p_operation, p_entity),
        'The audit log is written by the API functions for the TVIEW''s owner.');
    PERFORM public.pg_tviews__audit(p_operation, p_entity, p_details);
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
    PERFORM public.pg_tviews__derive_lineage(v_view, tview_name, n.entity);  -- its TV022/TV023/TV024, before the table is filled
    v_table := public.pg_tviews__create_table(n.schema_name, n.table_name, v_view, tview_name,
                                              ('pk_' || n.entity)::name);
    -- The catalog rows, written by the runtime's owner for the caller who proves it owns the view.
    PERFORM public.pg_tviews__prove_owner(v_view, format('create TVIEW %s', tview_name), v_sql);
    PERFORM public.pg_tviews__register(v_view, v_table);

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
    PERFORM public.pg_tviews__prove_owner(v_table, format('create TVIEW %s', tview_name));
    PERFORM public.pg_tviews__audit_owned('create', n.entity, jsonb_build_object('table', v_table::text, 'rows', v_rows, 'sources', v_sources));
    RETURN format('TVIEW %s created: %s rows, %s source relation(s)', v_table, v_rows, v_sources);
END
$$;

-- Takes a TVIEW out of the catalog before pg_tviews_drop drops its objects. SECURITY DEFINER: the
-- caller proved it owns the TVIEW's table (or, when the table is gone already, its view; when both
-- are gone, only the runtime's owner may). Writes the audit row, drops the error counter.
CREATE OR REPLACE FUNCTION public.pg_tviews__unregister(p_entity text, p_cascade boolean)
RETURNS void
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    m public.pg_tview_meta;
BEGIN
    SELECT * INTO STRICT m FROM public.pg_tview_meta WHERE entity = p_entity;
    PERFORM public.pg_tviews__require_proof(ARRAY[m.table_oid::oid, m.view_oid::oid],
        format('cannot drop TVIEW %s: not its owner', m.table_oid),
        format('Run pg_tviews_drop as the owner of %s (or a member of its owning role).', m.table_oid));
    DELETE FROM public.pg_tview_meta WHERE entity = m.entity;
    PERFORM public.pg_tviews__metrics_unregister(m.entity);  -- its error counter (70_metrics.sql)
    PERFORM public.pg_tviews__audit('drop', m.entity, jsonb_build_object('table', format('%I.%I', m.schema_name, 'tv_' || m.entity), 'cascade', p_cascade));
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
    v_cascade boolean := coalesce("cascade", false);  -- NULL is not a yes
    v_sources regclass[];  -- (a variable, not a temporary table: a drop may be prepared, 2PC)
BEGIN
    SELECT * INTO n FROM public.pg_tviews__parse_name(tview_name);
    -- An explicit schema must match: drop('other.tv_post') must not drop public.tv_post.
    SELECT * INTO m FROM public.pg_tview_meta WHERE entity = n.entity
       AND (schema_name = n.schema_name OR cardinality(pg_catalog.parse_ident(tview_name)) = 1);
    IF NOT FOUND THEN
        IF coalesce(if_exists, false) THEN
            RAISE NOTICE 'TVIEW % does not exist, skipping', tview_name;
            RETURN format('TVIEW %s does not exist, skipped', tview_name);
        END IF;
        PERFORM public.pg_tviews__meta(tview_name);  -- raises TV003
    END IF;
    -- The caller must own it before anything happens (dependants included).
    IF EXISTS (SELECT 1 FROM pg_class c WHERE c.oid = m.table_oid) THEN
        PERFORM public.pg_tviews__prove_owner(m.table_oid, format('drop TVIEW %s', m.table_oid));
    ELSIF EXISTS (SELECT 1 FROM pg_class c WHERE c.oid = m.view_oid) THEN
        PERFORM public.pg_tviews__prove_owner(m.view_oid, format('drop TVIEW %I.%I', m.schema_name, 'tv_' || m.entity));
    END IF;

    SELECT string_agg(DISTINCT d.table_oid::text, ', ') INTO v_dependants
    FROM public.pg_tview_source s JOIN public.pg_tview_meta d ON d.entity = s.entity
    WHERE s.source = m.table_oid;
    IF v_dependants IS NOT NULL THEN
        IF NOT v_cascade THEN
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

    v_sources := ARRAY(SELECT DISTINCT s.source FROM public.pg_tview_source s WHERE s.entity = m.entity);
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
    PERFORM public.pg_tviews__unregister(m.entity, v_cascade);
    EXECUTE format('DROP FUNCTION IF EXISTS %s(bigint[], text[], bigint[])', v_locks_function);
    EXECUTE format('DROP FUNCTION IF EXISTS %s(text[], bigint[])', v_resolve_function);
    EXECUTE format('DROP FUNCTION IF EXISTS %s(bigint[], text[], bigint[])', m.refresh_function);
    -- Only the TVIEW's own table and view (checked by name and kind, not only by the recorded oid).
    IF EXISTS (SELECT 1 FROM pg_class c WHERE c.oid = m.table_oid AND c.relkind = 'r'
               AND c.relname = 'tv_' || m.entity AND c.relnamespace::regnamespace::name = m.schema_name) THEN
        EXECUTE format('DROP TABLE %s', m.table_oid);
    END IF;
    IF EXISTS (SELECT 1 FROM pg_class c WHERE c.oid = m.view_oid AND c.relkind = 'v'
               AND c.relname = 'v_' || m.entity AND c.relnamespace::regnamespace::name = m.schema_name) THEN
        EXECUTE format('DROP VIEW %s', m.view_oid);
    END IF;
    PERFORM public.pg_tviews__dequeue(m.entity);
    -- The shared flush trigger goes with the last TVIEW that reads the table.
    FOR v_src IN SELECT d.source FROM unnest(v_sources) AS d(source)
                 WHERE EXISTS (SELECT 1 FROM pg_class c WHERE c.oid = d.source)
                   AND NOT EXISTS (SELECT 1 FROM public.pg_tview_source s WHERE s.source = d.source) LOOP
        EXECUTE format('DROP TRIGGER IF EXISTS tview_zz_flush ON %s', v_src.source);
    END LOOP;
    RETURN array_to_string(v_dropped || format('TVIEW %I.%I dropped', m.schema_name, 'tv_' || m.entity), E'\n');
END
$$;

-- Recomputes given keys of a TVIEW the caller proved it owns (pg_tviews_refresh, the repair of
-- pg_tviews_verify), as the queue flush would: the parent keys those rows read and the keys
-- themselves are locked in the global lock order, then the TVIEW's refresh function (its owner's
-- code) recomputes them. A full refresh (p_full) records its metrics and audit row.
CREATE OR REPLACE FUNCTION public.pg_tviews__refresh_keys(p_entity text, p_keys bigint[], p_full boolean)
RETURNS integer
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
SET plan_cache_mode = force_generic_plan  -- see pg_tviews__plan_keys; these three also end its SET LOCALs
SET enable_hashjoin = on
SET enable_mergejoin = on
AS $$
DECLARE
    m public.pg_tview_meta;
    v_keys bigint[] := ARRAY(SELECT DISTINCT k FROM unnest(p_keys) AS u(k) WHERE k IS NOT NULL ORDER BY k);
    v_count integer;
    v_t0 timestamptz;
    v_enq bigint;
BEGIN
    SELECT * INTO STRICT m FROM public.pg_tview_meta WHERE entity = p_entity;
    PERFORM public.pg_tviews__require_proof(ARRAY[m.table_oid::oid], format('cannot refresh TVIEW %s: not its owner', m.table_oid),
        format('Run it as the owner of %s (or a member of its owning role).', m.table_oid));
    v_t0 := clock_timestamp(); v_enq := public.pg_tviews__counter('enqueued');  -- metrics
    PERFORM public.pg_tviews__plan_keys(cardinality(v_keys));
    IF cardinality(v_keys) > 0 THEN
        -- A parent changed by one transaction while another points a row at it: whichever locks
        -- the parent key second waits for the other to commit and then reads its data.
        IF EXISTS (SELECT 1 FROM public.pg_tview_source s WHERE s.entity = m.entity AND s.rule = 'parent') THEN
            PERFORM public.pg_tviews__take_locks(public.pg_tviews__parent_locks(m.entity, v_keys, '{}', '{}'));
        END IF;
        -- Before recomputing, so that a concurrent writer's refresh of the same rows waits and then
        -- recomputes from data that includes this transaction's commit.
        PERFORM public.pg_tviews__take_locks(ARRAY(SELECT ROW(hashtext(m.table_oid::text), hashint8(k), true)::public.pg_tviews_lock
                                                   FROM unnest(v_keys) AS u(k)));
    END IF;
    EXECUTE format('SELECT %s($1)', public.pg_tviews__checked_function(m.refresh_function, '(bigint[],text[],bigint[])', m.entity))
        INTO v_count USING v_keys;
    -- What the dependants queued, before this returns (a TVIEW table has no flush trigger).
    IF coalesce(current_setting('pg_tviews.tx_pending', true) = 'on', false) AND NOT public.pg_tviews__in_flush() THEN
        PERFORM public.pg_tviews__flush(false);
    END IF;
    IF p_full THEN
        PERFORM public.pg_tviews__metrics_record(ARRAY[[m.entity, extract(epoch FROM clock_timestamp() - v_t0)::text, '0',
            (public.pg_tviews__counter('enqueued') - v_enq)::text, current_setting('pg_tviews.refresh_rows', true), '0']], true);
        PERFORM public.pg_tviews__audit('refresh', m.entity, jsonb_build_object('rows_changed', v_count));
    END IF;
    RETURN v_count;
END
$$;

-- Recomputes every row of one TVIEW, or of every TVIEW the caller owns in dependency order;
-- returns rows changed. The keys are read with the caller's rights (its view and table).
CREATE OR REPLACE FUNCTION public.pg_tviews_refresh(tview_name text DEFAULT NULL)
RETURNS bigint
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    m public.pg_tview_meta;
    v_changed bigint := 0;
    v_keys bigint[];
    v_entity text := CASE WHEN tview_name IS NOT NULL THEN (public.pg_tviews__meta(tview_name)).entity END;
BEGIN
    FOR m IN SELECT * FROM public.pg_tview_meta t
             WHERE CASE WHEN v_entity IS NULL
                        THEN EXISTS (SELECT 1 FROM pg_class c WHERE c.oid = t.table_oid
                                     AND pg_has_role(current_user, c.relowner, 'USAGE'))
                        ELSE t.entity = v_entity END
             ORDER BY depth, entity LOOP
        PERFORM public.pg_tviews__prove_owner(m.table_oid, format('refresh TVIEW %s', m.table_oid));
        EXECUTE format('SELECT ARRAY(SELECT t.%I::bigint FROM %s AS t UNION SELECT v.%I::bigint FROM %s AS v)',
                       m.pk_column, m.table_oid, m.pk_column, m.view_oid) INTO v_keys;
        v_changed := v_changed + public.pg_tviews__refresh_keys(m.entity, v_keys, true);
    END LOOP;
    RETURN v_changed;
END
$$;

-- Switches a TVIEW between immediate and deferred refresh; takes effect for the next write.
-- SECURITY DEFINER step: the caller proved it owns the TVIEW's table.
CREATE OR REPLACE FUNCTION public.pg_tviews__write_refresh_mode(p_entity text, p_mode text)
RETURNS void
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    m public.pg_tview_meta;
BEGIN
    SELECT * INTO STRICT m FROM public.pg_tview_meta WHERE entity = p_entity;
    IF p_mode IS NULL OR p_mode NOT IN ('immediate', 'deferred') THEN
        PERFORM public.pg_tviews__fail('TV060', format('invalid refresh mode %L', p_mode), 'Use immediate or deferred.');
    END IF;
    PERFORM public.pg_tviews__require_proof(ARRAY[m.table_oid::oid],
        format('cannot change the refresh mode of TVIEW %s: not its owner', m.table_oid),
        format('Run pg_tviews_set_refresh_mode as the owner of %s.', m.table_oid));
    UPDATE public.pg_tview_meta SET refresh_mode = p_mode WHERE entity = m.entity;
    -- Keys this transaction queued while the TVIEW was deferred are immediate work now: the next
    -- statement's flush looks for them (see pg_tviews__flush_trigger).
    PERFORM set_config('pg_tviews.tx_pending', 'on', true);
    PERFORM public.pg_tviews__audit('set_refresh_mode', m.entity, jsonb_build_object('mode', p_mode, 'previous', m.refresh_mode));
END
$$;

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
    IF NOT EXISTS (SELECT 1 FROM pg_class c WHERE c.oid = m.table_oid AND pg_has_role(current_user, c.relowner, 'USAGE')) THEN
        PERFORM public.pg_tviews__fail('TV050', format('cannot change the refresh mode of TVIEW %s: not its owner', m.table_oid),
            format('Run pg_tviews_set_refresh_mode as the owner of %s.', m.table_oid));
    END IF;
    PERFORM public.pg_tviews__prove_owner(m.table_oid, format('change the refresh mode of TVIEW %s', m.table_oid));
    PERFORM public.pg_tviews__write_refresh_mode(m.entity, mode);
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
