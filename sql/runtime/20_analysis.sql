-- Analysis of a TVIEW definition: its name, that it is one SELECT, which SQL it uses, its columns,
-- its source relations and, for each source, the lineage rule that maps a changed source row to
-- the TVIEW rows it touches.

-- Splits a possibly schema-qualified TVIEW name into schema, table and entity (tv_<entity>).
CREATE OR REPLACE FUNCTION public.pg_tviews__parse_name(p_tview_name text,
    OUT schema_name name, OUT table_name name, OUT view_name name, OUT entity text)
LANGUAGE plpgsql STABLE
-- No pinned search_path: an unqualified name belongs to the caller's current schema.
AS $$
DECLARE
    v_parts text[];
BEGIN
    BEGIN
        v_parts := pg_catalog.parse_ident(coalesce(p_tview_name, ''));
    EXCEPTION WHEN invalid_parameter_value THEN
        v_parts := NULL;
    END;
    IF v_parts IS NULL OR cardinality(v_parts) NOT IN (1, 2) THEN
        PERFORM public.pg_tviews__fail('TV001',
            format('invalid TVIEW name %L', p_tview_name),
            'A TVIEW is named tv_<entity>, optionally schema-qualified, e.g. tv_post or app.tv_post.');
    END IF;
    table_name := v_parts[cardinality(v_parts)];
    schema_name := CASE WHEN cardinality(v_parts) = 2 THEN v_parts[1] ELSE pg_catalog.current_schema() END;
    -- An unquoted tv_Post would fold to tv_post: refuse it rather than create another name than given.
    IF table_name !~ '^tv_[a-z][a-z0-9_]*$' OR length(table_name) > 63
       OR right(rtrim(p_tview_name, E'" \t\r\n'), length(table_name)) IS DISTINCT FROM table_name THEN
        PERFORM public.pg_tviews__fail('TV001',
            format('invalid TVIEW name %L', p_tview_name),
            'A TVIEW is named tv_<entity> with a lower-case entity of letters, digits and underscores, e.g. tv_blog_post.');
    END IF;
    IF schema_name IS NULL THEN
        PERFORM public.pg_tviews__fail('TV001',
            format('invalid TVIEW name %L: no schema is selected', p_tview_name),
            'Qualify the name with a schema, or set search_path.');
    END IF;
    entity := substr(table_name, 4);
    view_name := 'v_' || entity;
END
$$;

-- Returns the definition without trailing white space and semicolons, or TV010 when it is empty.
-- Whether it is one SELECT statement is decided by PostgreSQL's own parser, not here (a hand-made
-- lexer was fooled by E'' strings and dollar quotes): see pg_tviews__create_view.
CREATE OR REPLACE FUNCTION public.pg_tviews__single_statement(p_sql text)
RETURNS text
LANGUAGE plpgsql IMMUTABLE
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF p_sql IS NULL OR btrim(p_sql, E' \t\r\n;') = '' THEN
        PERFORM public.pg_tviews__fail('TV010', 'TVIEW definition is empty',
            'Pass a SELECT statement, e.g. SELECT pk_post, id, jsonb_build_object(...) AS data FROM tb_post.');
    END IF;
    RETURN rtrim(p_sql, E' \t\r\n;');
END
$$;

-- Raises TV010 unless PostgreSQL parses the text as exactly one statement. The text is opened as
-- the cursor of an EXPLAIN: the server parses every statement of the text and analyses it (which
-- runs nothing), and refuses to open a cursor over more than one statement before it would plan
-- or run any; one statement is never fetched, so nothing of it runs either. (Executing text that
-- holds two statements would run both, which is how a definition once smuggled an INSERT into
-- pg_tviews_create.) That the one statement is a SELECT is left to CREATE VIEW, which takes
-- nothing else, and to the caller's error translation. Runs with the caller's rights and
-- search_path: the text is the caller's own.
CREATE OR REPLACE FUNCTION public.pg_tviews__require_one_statement(p_sql text)
RETURNS void
LANGUAGE plpgsql
-- No SET clause: names in the text resolve as the caller's session resolves them.
AS $$
DECLARE
    v_cursor refcursor;
BEGIN
    BEGIN
        OPEN v_cursor FOR EXECUTE 'EXPLAIN ' || p_sql;
        CLOSE v_cursor;
    EXCEPTION WHEN invalid_cursor_definition THEN
        PERFORM public.pg_tviews__fail('TV010', 'TVIEW definition must be a single SELECT statement',
            'Remove everything after the first top-level semicolon.',
            'PostgreSQL parses the text as more than one statement');
    END;
END
$$;

-- The top-level Query node of a view's rewrite rule, with every nested node replaced by <N>, so
-- that fields such as :setOperations or :limitCount can be read for the outermost query only.
CREATE OR REPLACE FUNCTION public.pg_tviews__top_query(p_view regclass)
RETURNS text
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_tree text;
BEGIN
    SELECT r.ev_action::text INTO v_tree
    FROM pg_rewrite r WHERE r.ev_class = p_view AND r.rulename = '_RETURN';
    -- The node writer escapes structural characters inside tokens with a backslash.
    v_tree := regexp_replace(v_tree, '\\.', '', 'g');
    -- One pass over the brace tokens with their nesting depth (replacing innermost groups until one
    -- was left took one pass per level: quadratic, a definition nested 1000 deep took 10 s).
    RETURN (SELECT string_agg(CASE WHEN t.tok = '{' AND t.depth = 2 THEN '<N>' ELSE t.tok END, '' ORDER BY t.n)
            FROM (SELECT m.tok[1] AS tok, m.n,
                         sum(CASE m.tok[1] WHEN '{' THEN 1 WHEN '}' THEN -1 ELSE 0 END) OVER (ORDER BY m.n) AS depth
                  FROM regexp_matches(v_tree, '[{}]|[^{}]+', 'g') WITH ORDINALITY AS m(tok, n)) AS t
            WHERE t.depth <= 1 AND NOT (t.tok = '}' AND t.depth = 1)  -- outside or directly in the top node
               OR (t.tok = '{' AND t.depth = 2));                    -- where a nested node starts
END
$$;

-- Refuses SQL whose result rows cannot be recomputed one key at a time, and volatile functions.
CREATE OR REPLACE FUNCTION public.pg_tviews__check_supported(p_view regclass, p_tview text)
RETURNS void
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_top text := public.pg_tviews__top_query(p_view);
    v_feature text;
    v_volatile text;
BEGIN
    v_feature := CASE
        WHEN v_top ~ ':setOperations <N>' THEN 'UNION / INTERSECT / EXCEPT'
        WHEN v_top ~ ':hasRecursive true' THEN 'WITH RECURSIVE'
        WHEN v_top ~ ':hasDistinctOn true' THEN 'DISTINCT ON'
        WHEN v_top ~ ':hasWindowFuncs true' THEN 'window functions (OVER)'
        WHEN v_top ~ ':limitCount <N>' OR v_top ~ ':limitOffset <N>' THEN 'LIMIT / OFFSET / FETCH'
        WHEN v_top ~ ':groupingSets \(' THEN 'GROUPING SETS / ROLLUP / CUBE'  -- a list: (<N> ...)
        WHEN v_top ~ ':hasTargetSRFs true' THEN 'set-returning functions in the select list'
    END;
    IF v_feature IS NOT NULL THEN
        PERFORM public.pg_tviews__fail('TV020',
            format('TVIEW %s uses unsupported SQL at its top level: %s', p_tview, v_feature),
            'Each TVIEW row must be computable from its own key. Move the construct into a subquery '
            || 'that feeds one row per key, split the definition into several TVIEWs, or aggregate '
            || 'with jsonb_agg in a correlated subquery.');
    END IF;

    -- Built-in functions are pinned and leave no pg_depend rows, so read the ids from the tree.
    SELECT string_agg(DISTINCT p.proname, ', ' ORDER BY p.proname) INTO v_volatile
    FROM pg_rewrite r,
         LATERAL regexp_matches(r.ev_action::text, ':(?:funcid|opfuncid) (\d+)', 'g') AS m
         JOIN pg_proc p ON p.oid = m[1]::oid
    WHERE r.ev_class = p_view AND r.rulename = '_RETURN' AND p.provolatile = 'v';
    IF v_volatile IS NOT NULL THEN
        PERFORM public.pg_tviews__fail('TV021',
            format('TVIEW %s calls volatile function(s): %s', p_tview, v_volatile),
            'A row recomputed later must equal the row computed now. Store the value in a base table '
            || 'column (e.g. a default) and read it, or use a stable/immutable function.');
    END IF;
END
$$;

-- Checks the required trinity columns and the types of key and lineage columns.
CREATE OR REPLACE FUNCTION public.pg_tviews__check_columns(p_view regclass, p_tview text, p_entity text)
RETURNS void
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_required text;
    v_col record;
BEGIN
    FOREACH v_required IN ARRAY ARRAY['pk_' || p_entity, 'id', 'data'] LOOP
        IF NOT EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = p_view AND a.attname = v_required
                       AND a.attnum > 0 AND NOT a.attisdropped) THEN
            PERFORM public.pg_tviews__fail('TV011',
                format('TVIEW %s: the definition has no column %s', p_tview, v_required),
                format('Every TVIEW selects pk_%s (integer key), id (uuid) and data (jsonb); '
                       || 'name the expression with AS %s.', p_entity, v_required));
        END IF;
    END LOOP;
    FOR v_col IN
        SELECT a.attname::text AS name, format_type(a.atttypid, a.atttypmod) AS type_name,
               CASE WHEN a.attname = 'id' THEN 'uuid'::regtype
                    WHEN a.attname = 'data' THEN 'jsonb'::regtype END AS wanted,
               a.attname = 'pk_' || p_entity OR a.attname LIKE 'fk\_%' AS is_key,
               a.atttypid
        FROM pg_attribute a
        WHERE a.attrelid = p_view AND a.attnum > 0 AND NOT a.attisdropped
        ORDER BY a.attnum
    LOOP
        IF (v_col.wanted IS NOT NULL AND v_col.atttypid <> v_col.wanted)
           OR (v_col.is_key AND v_col.atttypid NOT IN ('int2'::regtype, 'int4'::regtype, 'int8'::regtype)) THEN
            PERFORM public.pg_tviews__fail('TV012',
                format('TVIEW %s: column %s has type %s, expected %s', p_tview, v_col.name, v_col.type_name,
                       coalesce(v_col.wanted::text, 'integer or bigint')),
                'Key columns pk_<entity> and fk_<parent> are integer or bigint; id is uuid; data is jsonb. '
                || 'Cast the expression, e.g. ... ::jsonb AS data.');
        END IF;
    END LOOP;
END
$$;

-- The relations a view reads, looking through plain views down to tables. Two kinds of relation
-- are sources of their own and not looked through: TVIEW tables, and the v_<entity> view of
-- another TVIEW, which stands for its table tv_<entity> (the original extension's suites chain
-- TVIEWs by joining the parent's v_ view: its rows are the TVIEW's rows, so the TVIEW's table is
-- what changes when they change, and the dependant is refreshed from it as if it read tv_<entity>).
CREATE OR REPLACE FUNCTION public.pg_tviews__view_sources(p_view regclass)
RETURNS TABLE (source regclass, relkind "char", schema_name name)
LANGUAGE sql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
    -- Relation ids are read from the rewrite trees, not pg_depend: system catalogs are pinned and
    -- leave no pg_depend rows, and must still be seen (and refused) as sources.
    WITH RECURSIVE reads(rel) AS (
        SELECT m[1]::oid
        FROM pg_rewrite r, LATERAL regexp_matches(r.ev_action::text, ':relid (\d+)', 'g') AS m
        WHERE r.ev_class = p_view AND r.rulename = '_RETURN'
        UNION
        SELECT m[1]::oid
        FROM reads
        JOIN pg_class c ON c.oid = reads.rel AND c.relkind = 'v' AND c.oid <> p_view
        JOIN pg_rewrite r ON r.ev_class = c.oid AND r.rulename = '_RETURN',
        LATERAL regexp_matches(r.ev_action::text, ':relid (\d+)', 'g') AS m
        WHERE NOT EXISTS (SELECT 1 FROM public.pg_tview_meta t WHERE t.view_oid = c.oid)
    )
    SELECT DISTINCT c.oid::regclass, c.relkind, n.nspname
    FROM reads
    LEFT JOIN public.pg_tview_meta t ON t.view_oid = reads.rel AND t.view_oid <> p_view::oid
    JOIN pg_class c ON c.oid = coalesce(t.table_oid, reads.rel)
    JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE c.relkind IN ('r', 'p', 'm', 'f') AND c.oid <> p_view
$$;

-- Derives, for every source relation, the rules that find the TVIEW rows a change there touches:
--   root:   the source has pk_<entity>            -> changed pk_<entity> values are the keys
--   child:  the source has fk_<entity>            -> changed fk_<entity> values are the keys
--   parent: the TVIEW has fk_<p>, source pk_<p>   -> TVIEW rows whose fk_<p> is a changed pk_<p>
CREATE OR REPLACE FUNCTION public.pg_tviews__derive_lineage(p_view regclass, p_tview text, p_entity text)
RETURNS TABLE (source regclass, source_kind text, rule text, tview_column name, source_column name)
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_src record;
    v_pk name := ('pk_' || p_entity)::name;
    v_found boolean;
BEGIN
    FOR v_src IN SELECT s.source, s.relkind, s.schema_name FROM public.pg_tviews__view_sources(p_view) s
                 ORDER BY s.source::text LOOP
        IF v_src.relkind IN ('m', 'f') OR v_src.schema_name IN ('pg_catalog', 'information_schema') THEN
            PERFORM public.pg_tviews__fail('TV023',
                format('TVIEW %s reads %s, which cannot carry refresh triggers (%s)', p_tview, v_src.source,
                       CASE WHEN v_src.relkind = 'm' THEN 'materialized view'
                            WHEN v_src.relkind = 'f' THEN 'foreign table' ELSE 'system catalog' END),
                CASE WHEN v_src.relkind = 'm' THEN 'Read a regular table instead: convert the materialized view into a TVIEW, or copy its data into a table.'
                     WHEN v_src.relkind = 'f' THEN 'Read a regular table instead: copy the foreign data into a local table.'
                     ELSE 'System catalogs change without triggers; read your own tables only.' END);
        END IF;
        -- Row-level security that applies to the TVIEW's owner, as which every refresh reads the
        -- source: a policy that depends on the session (current_setting('app.tenant'), say) would
        -- make one writer's refresh compute, and delete, rows with that writer's visibility. Not
        -- maintainable row by row: refused. The owner of the table (without FORCE ROW LEVEL
        -- SECURITY), a superuser or a role with BYPASSRLS reads it whole.
        IF EXISTS (SELECT 1 FROM pg_class c, pg_class v, pg_roles r
                   WHERE c.oid = v_src.source AND v.oid = p_view AND r.oid = v.relowner
                     AND c.relrowsecurity AND NOT r.rolsuper AND NOT r.rolbypassrls
                     AND (c.relforcerowsecurity OR NOT pg_has_role(v.relowner, c.relowner, 'USAGE'))) THEN
            PERFORM public.pg_tviews__fail('TV024',
                format('TVIEW %s reads %s, whose row-level security applies to the TVIEW''s owner', p_tview, v_src.source),
                'Refreshes read sources as the TVIEW''s owner, whatever session writes: its policies would decide which rows '
                || 'the TVIEW holds. Create the TVIEW as the table''s owner (without FORCE ROW LEVEL SECURITY) or as a role '
                || 'with BYPASSRLS, and filter rows in the definition or when reading the TVIEW.');
        END IF;
        v_found := false;
        source := v_src.source;
        source_kind := CASE WHEN EXISTS (SELECT 1 FROM public.pg_tview_meta m WHERE m.table_oid = v_src.source)
                            THEN 'tview' ELSE 'table' END;
        IF public.pg_tviews__has_column(v_src.source, v_pk) THEN
            rule := 'root'; tview_column := v_pk; source_column := v_pk; v_found := true;
            RETURN NEXT;
        END IF;
        IF public.pg_tviews__has_column(v_src.source, ('fk_' || p_entity)::name) THEN
            rule := 'child'; tview_column := v_pk; source_column := ('fk_' || p_entity)::name; v_found := true;
            RETURN NEXT;
        END IF;
        FOR tview_column IN
            SELECT a.attname FROM pg_attribute a
            WHERE a.attrelid = p_view AND a.attname LIKE 'fk\_%' AND a.attnum > 0 AND NOT a.attisdropped
            ORDER BY a.attnum
        LOOP
            source_column := ('pk_' || substr(tview_column, 4))::name;
            IF public.pg_tviews__has_column(v_src.source, source_column) THEN
                rule := 'parent'; v_found := true;
                RETURN NEXT;
            END IF;
        END LOOP;
        IF NOT v_found THEN
            PERFORM public.pg_tviews__fail('TV022',
                format('TVIEW %s: cannot derive lineage for source %s', p_tview, v_src.source),
                format('Link its rows to %s through keys: select its key as fk_<name> in the definition '
                       || '(when %s has pk_<name>), give it a column pk_%s or fk_%s, or read it through a TVIEW that has such a key.',
                       p_tview, v_src.source, p_entity, p_entity));
        END IF;
    END LOOP;
END
$$;

CREATE OR REPLACE FUNCTION public.pg_tviews__has_column(p_rel regclass, p_column name)
RETURNS boolean
LANGUAGE sql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT EXISTS (SELECT 1 FROM pg_attribute a
                   WHERE a.attrelid = p_rel AND a.attname = p_column AND a.attnum > 0 AND NOT a.attisdropped)
$$;
