-- The trigger generator: the only place where refresh code is written. Each TVIEW gets one refresh
-- function (recompute given keys) and, per source relation, one statement-level trigger function
-- with transition tables that turns a changed set of source rows into the keys to recompute.
-- The generated SQL is returned as text so that it can be shown before it is installed.

-- An identifier of at most 63 bytes: long names keep a readable prefix and a hash suffix.
CREATE OR REPLACE FUNCTION public.pg_tviews__short_name(p_name text)
RETURNS name
LANGUAGE sql IMMUTABLE
-- No SET clause: called from callers that pin search_path; a clause would cost every call.
AS $$
    SELECT CASE WHEN octet_length(p_name) <= 63 THEN p_name
                ELSE left(p_name, 50) || '_' || left(md5(p_name), 12) END::name
$$;

-- The prefix of a TVIEW's trigger names on a source, which get _ins, _upd, _del and _trn appended:
-- at most 59 bytes, so that the four names stay distinct (PostgreSQL would cut a longer name to
-- 63 bytes, and the four would then collide).
CREATE OR REPLACE FUNCTION public.pg_tviews__trigger_prefix(p_depth integer, p_entity text)
RETURNS name
LANGUAGE sql IMMUTABLE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT CASE WHEN octet_length(n) <= 59 THEN n ELSE left(n, 46) || '_' || left(md5(n), 12) END::name
    FROM (SELECT format('tview_%s_%s', lpad(p_depth::text, 2, '0'), p_entity) AS n) AS x
$$;

CREATE OR REPLACE FUNCTION public.pg_tviews__refresh_function_name(p_entity text)
RETURNS name
LANGUAGE sql IMMUTABLE
-- No SET clause: called from callers that pin search_path; a clause would cost every call.
AS $$ SELECT public.pg_tviews__short_name('pg_tviews_refresh_' || p_entity) $$;

-- Whether every row of a view takes its column p_column from the same row of p_root as its key
-- p_pk (SELECT r.pk_x, r.fk_y ... FROM p_root r ...): then the root table's own column says what
-- the view would. Read from the view's stored query tree: both top-level target entries are plain
-- columns of one range-table entry (same varno, this query level) whose origin is p_root's column
-- of that name. Any doubt (a set operation, a name that appears twice in the tree, an expression)
-- answers false, which only costs speed.
CREATE OR REPLACE FUNCTION public.pg_tviews__copied_from_root(p_view regclass, p_root regclass, p_pk name, p_column name)
RETURNS boolean
LANGUAGE sql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
    WITH tree AS (
        SELECT r.ev_action::text AS t FROM pg_rewrite r WHERE r.ev_class = p_view AND r.rulename = '_RETURN'
    ), entries AS (
        SELECT e[1] AS varno, e[2] AS resname, e[3]::oid AS origin, e[4]::smallint AS origin_column
        FROM tree, regexp_matches(tree.t,
            '\{TARGETENTRY :expr \{VAR :varno (\d+) :varattno \d+ [^{}]*?:varlevelsup 0 [^{}]*\} '
            || ':resno \d+ :resname (\S+) :ressortgroupref \d+ :resorigtbl (\d+) :resorigcol (\d+)', 'g') AS e
    )
    SELECT coalesce((SELECT strpos(tree.t, 'SETOPERATIONSTMT') = 0
                            AND (length(tree.t) - length(replace(tree.t, ':resname ' || p_pk || ' ', ''))) = length(':resname ' || p_pk || ' ')
                            AND (length(tree.t) - length(replace(tree.t, ':resname ' || p_column || ' ', ''))) = length(':resname ' || p_column || ' ')
                     FROM tree), false)
       AND EXISTS (SELECT 1 FROM entries k JOIN entries c ON c.varno = k.varno
                   WHERE k.resname = p_pk AND c.resname = p_column
                     AND k.origin = p_root AND c.origin = p_root
                     AND k.origin_column = (SELECT a.attnum FROM pg_attribute a WHERE a.attrelid = p_root AND a.attname = p_pk)
                     AND c.origin_column = (SELECT a.attnum FROM pg_attribute a WHERE a.attrelid = p_root AND a.attname = p_column))
$$;

-- The statements that bring a TVIEW's rows of the keys v_keys in step with its view, as the
-- refresh function and the direct path of a source trigger run them, each line after p_indent:
-- the view's rows of these keys, computed once, upserted (only rows whose values changed are
-- written) and counted; then the rows that left the view deleted. They set v_found, v_inserted,
-- v_updated and v_removed, which the caller declares.
CREATE OR REPLACE FUNCTION public.pg_tviews__upsert_sql(p_entity text, p_indent text)
RETURNS text
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    m public.pg_tview_meta;
    v_cols text;
    v_set text;
    v_old text;
    v_new text;
BEGIN
    SELECT * INTO STRICT m FROM public.pg_tview_meta WHERE entity = p_entity;
    SELECT string_agg(quote_ident(a.attname), ', ' ORDER BY a.attnum),
           string_agg(format('%1$I = EXCLUDED.%1$I', a.attname), ', ' ORDER BY a.attnum)
               FILTER (WHERE a.attname <> m.pk_column),
           -- Types without btree equality (json, xml, ...) are compared as text.
           string_agg(CASE WHEN public.pg_tviews__has_equality(a.atttypid) THEN format('t.%I', a.attname)
                           ELSE format('t.%I::text', a.attname) END, ', ' ORDER BY a.attnum)
               FILTER (WHERE a.attname <> m.pk_column),
           string_agg(CASE WHEN public.pg_tviews__has_equality(a.atttypid) THEN format('EXCLUDED.%I', a.attname)
                           ELSE format('EXCLUDED.%I::text', a.attname) END, ', ' ORDER BY a.attnum)
               FILTER (WHERE a.attname <> m.pk_column)
      INTO v_cols, v_set, v_old, v_new
    FROM pg_attribute a
    WHERE a.attrelid = m.table_oid AND a.attnum > 0 AND NOT a.attisdropped;
    -- The indentation goes into the template before the names do: a quoted name may hold a line break.
    RETURN format(p_indent || replace($u$-- The view's rows of these keys, computed once: upserted (only rows whose values changed are
-- written), and counted. xmax = 0 tells a row the upsert inserted from one it updated (an
-- updated row version carries the row lock that ON CONFLICT took first).
WITH fresh AS MATERIALIZED (
    SELECT %4$s FROM %3$s AS v WHERE v.%2$I = ANY (v_keys)
), written AS (
    INSERT INTO %1$s AS t (%4$s)
    SELECT %4$s FROM fresh
    ON CONFLICT (%2$I) DO UPDATE SET %5$s
     WHERE (%6$s) IS DISTINCT FROM (%7$s)
    RETURNING t.xmax = 0 AS inserted)
SELECT (SELECT count(*) FROM fresh), count(*) FILTER (WHERE w.inserted), count(*) FILTER (WHERE NOT w.inserted)
  INTO v_found, v_inserted, v_updated
FROM written AS w;
-- Rows that left the view: only when the view lacks some of the keys. (A DELETE fires the
-- statement triggers of the TVIEWs that read this one even when it removes nothing.)
v_removed := 0;
IF v_found < cardinality(v_keys) THEN
    DELETE FROM %1$s AS t
     WHERE t.%2$I = ANY (v_keys)
       AND NOT EXISTS (SELECT 1 FROM %3$s AS v WHERE v.%2$I = t.%2$I);
    GET DIAGNOSTICS v_removed = ROW_COUNT;
END IF;$u$, E'\n', E'\n' || p_indent), m.table_oid::text, m.pk_column, m.view_oid::text, v_cols, v_set, 'ROW(' || v_old || ')', 'ROW(' || v_new || ')');
END
$$;

-- The query that resolves changed parent keys of one lineage column into the keys of the TVIEW
-- rows that read them: the TVIEW rows pointing at them now, and the view's rows pointing at them
-- (entering ones). (Not the root table's rows for a copied column, though cheaper: rows the view
-- leaves out would be resolved too, each refresh would take their parents' locks late, and
-- concurrent writers restarted and deadlocked far more often.) p_values: an expression of the
-- parent keys (a bigint[]); p_indent: what precedes the UNION's second line. Used by the generated
-- resolve function (every lineage column, for the queue flush) and by a parent source's trigger
-- (its one lineage column, on the direct path).
CREATE OR REPLACE FUNCTION public.pg_tviews__resolve_sql(p_entity text, p_column name, p_values text, p_indent text)
RETURNS text
LANGUAGE sql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT format(E'SELECT t.%1$I::bigint FROM %2$s AS t WHERE t.%3$I = ANY (%5$s)\n%6$sUNION SELECT v.%1$I::bigint FROM %4$s AS v WHERE v.%3$I = ANY (%5$s)',
                  m.pk_column, m.table_oid, p_column, m.view_oid, p_values, p_indent)
    FROM public.pg_tview_meta m WHERE m.entity = p_entity
$$;

-- CREATE FUNCTION text of the refresh function of a TVIEW: given keys, lock them, delete rows that
-- left the view, insert rows that entered it, and update rows whose values changed (only those,
-- so an unchanged row neither costs a write nor cascades).
CREATE OR REPLACE FUNCTION public.pg_tviews__refresh_function_sql(p_entity text)
RETURNS text
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    m public.pg_tview_meta;
    v_parent_locks text;
    v_resolve text;
    v_parent_rows text;
BEGIN
    SELECT * INTO STRICT m FROM public.pg_tview_meta WHERE entity = p_entity;
    -- Parent rules: lock the parent keys (exclusive for parents whose rows changed, shared for
    -- parents that rows being recomputed newly point at), then resolve changed parents into keys.
    -- One branch per parent rule for the changed parent keys, then one pass over the view and one
    -- over the root table for all lineage columns at once (VALUES per column): each is read once.
    -- The view's pass is left out for lineage columns that the view copies from the root table's
    -- row (pg_tviews__copied_from_root): the root table's pass finds the same values, cheaper.
    SELECT string_agg(format($l$
SELECT %1$s AS space, pg_catalog.hashint8(u.val) AS key, true AS exclusive
FROM unnest(p_vias, p_values) AS u(via, val) WHERE u.via = %2$L$l$, hashtext(s.source::text), s.tview_column),
               E'\nUNION ALL' ORDER BY s.tview_column)
           || CASE WHEN bool_and(c.copied) THEN '' ELSE format($v$
UNION ALL
SELECT x.space, pg_catalog.hashint8(x.val), false
FROM %1$s AS v LEFT JOIN %2$s AS t ON t.%3$I = v.%3$I,
     LATERAL (VALUES %4$s) AS x(space, val, old)
WHERE v.%3$I = ANY (p_keys) AND x.val IS NOT NULL AND x.old IS DISTINCT FROM x.val$v$,
               m.view_oid, m.table_oid, m.pk_column,
               string_agg(format('(%s, v.%I::bigint, t.%I::bigint)', hashtext(s.source::text), s.tview_column, s.tview_column),
                          ', ' ORDER BY s.tview_column) FILTER (WHERE NOT c.copied)) END
           -- The same from the root table's own columns of those names (the trinity pattern copies
           -- fk_<p> unchanged), for rows the view leaves out because the parent is missing there
           -- (a comment on an unpublished post): a transaction that brings the parent back must
           -- find them, so it must wait for this one.
           || CASE WHEN count(r.source) = 0 THEN '' ELSE format($o$
UNION ALL
SELECT x.space, pg_catalog.hashint8(x.val), false
FROM %1$s AS r LEFT JOIN %2$s AS t ON t.%3$I = r.%4$I,
     LATERAL (VALUES %5$s) AS x(space, val, old)
WHERE r.%4$I = ANY (p_keys) AND x.val IS NOT NULL AND x.old IS DISTINCT FROM x.val$o$,
               min(r.source::text), m.table_oid, m.pk_column, min(r.source_column),
               string_agg(format('(%s, r.%I::bigint, t.%I::bigint)', hashtext(s.source::text), s.tview_column, s.tview_column),
                          ', ' ORDER BY s.tview_column) FILTER (WHERE r.source IS NOT NULL)) END,
           -- Lineage resolution, one query per lineage column (pg_tviews__resolve_sql).
           string_agg(E'\n            ' || public.pg_tviews__resolve_sql(p_entity, s.tview_column,
                          format('ARRAY(SELECT u.val FROM unnest(p_vias, p_values) AS u(via, val) WHERE u.via = %L)', s.tview_column),
                          '            '), E'\n            UNION' ORDER BY s.tview_column)
      INTO v_parent_locks, v_resolve
    FROM public.pg_tview_source s
    LEFT JOIN public.pg_tview_source r
      ON r.entity = s.entity AND r.rule = 'root'
     AND EXISTS (SELECT 1 FROM pg_attribute a
                 WHERE a.attrelid = r.source AND a.attname = s.tview_column AND NOT a.attisdropped)
    CROSS JOIN LATERAL (SELECT r.source IS NOT NULL
                               AND public.pg_tviews__copied_from_root(m.view_oid, r.source, m.pk_column, s.tview_column)
                               AS copied) AS c
    WHERE s.entity = p_entity AND s.rule = 'parent'
    HAVING count(*) > 0;
    -- Under REPEATABLE READ a parent changed after the snapshot by a committed transaction is
    -- invisible; share-locking the parents that rows newly point at turns that into a 40001 (KEY
    -- SHARE would not: it ignores updates of non-key columns, such as a rename).
    -- SKIP LOCKED and a count rather than waiting: a parent row that a running transaction is
    -- changing would be stale here once it commits, and waiting for it can deadlock.
    SELECT string_agg(format($k$
        IF (SELECT count(*) FROM (SELECT 1 FROM %1$s AS s WHERE s.%2$I IN (
                SELECT v.%3$I FROM %4$s AS v LEFT JOIN %5$s AS t ON t.%6$I = v.%6$I
                WHERE v.%6$I = ANY (v_keys) AND t.%3$I IS DISTINCT FROM v.%3$I) FOR SHARE SKIP LOCKED) AS l)
           < (SELECT count(*) FROM %1$s AS s WHERE s.%2$I IN (
                SELECT v.%3$I FROM %4$s AS v LEFT JOIN %5$s AS t ON t.%6$I = v.%6$I
                WHERE v.%6$I = ANY (v_keys) AND t.%3$I IS DISTINCT FROM v.%3$I)) THEN
            PERFORM public.pg_tviews__serialization_failure(%1$L);
        END IF;$k$,
               s.source, s.source_column, s.tview_column, m.view_oid, m.table_oid, m.pk_column), '' ORDER BY s.tview_column)
      INTO v_parent_rows
    FROM public.pg_tview_source s WHERE s.entity = p_entity AND s.rule = 'parent';
    -- Bodies go between dollar quotes whose tag they do not contain (pg_tviews__dollar_quote), and
    -- names appear only in code, quoted, never in comments (a quoted name may hold a line break,
    -- which would end a comment and turn the rest of the name into code).
    RETURN format($f$
CREATE OR REPLACE FUNCTION %1$I.%2$I(p_keys bigint[], p_vias text[] DEFAULT '{}', p_values bigint[] DEFAULT '{}')
RETURNS integer
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS %3$s;
REVOKE ALL ON FUNCTION %1$I.%2$I(bigint[], text[], bigint[]) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION %1$I.%2$I(bigint[], text[], bigint[]) TO %4$I;
$f$,
        m.schema_name, public.pg_tviews__refresh_function_name(p_entity),
        public.pg_tviews__dollar_quote(format($fn$
-- Generated by pg_tviews for TVIEW tv_%1$s. Do not edit: pg_tviews_create / pg_tviews_drop manage it.
-- p_keys: keys to recompute. The runtime has locked them, and the parent keys they read, in its
-- global lock order before it calls (the queue flush, pg_tviews_refresh, pg_tviews_verify's repair).
-- p_vias, p_values: kept for the signature; the runtime resolves lineage before it calls.
DECLARE
    v_keys bigint[];
    v_found bigint;
    v_removed integer;
    v_inserted integer;
    v_updated integer;
BEGIN
    v_keys := ARRAY(SELECT DISTINCT k FROM unnest(p_keys) AS u(k) WHERE k IS NOT NULL ORDER BY k);
    IF cardinality(v_keys) = 0 THEN
        PERFORM set_config('pg_tviews.refresh_rows', '0,0,0,0', true);
        RETURN 0;
    END IF;
    IF current_setting('transaction_isolation') IN ('repeatable read', 'serializable') THEN
        -- A row changed or deleted by a transaction that committed after this snapshot makes the
        -- row lock fail with 40001, instead of the refresh overwriting or resurrecting it.
        PERFORM 1 FROM %2$s AS t WHERE t.%3$I = ANY (v_keys) FOR UPDATE;%4$s
    END IF;
%5$s
    -- For the metrics (keys, deleted, inserted, updated); unchanged rows are the rest of the keys.
    PERFORM set_config('pg_tviews.refresh_rows', concat_ws(',', cardinality(v_keys), v_removed, v_inserted, v_updated), true);
    RETURN v_removed + v_inserted + v_updated;
END
$fn$, p_entity, m.table_oid::text, m.pk_column, coalesce(v_parent_rows, ''), public.pg_tviews__upsert_sql(p_entity, '    '))),
        -- The queue flush runs as the runtime's owner and calls every refresh function.
        public.pg_tviews__runtime_owner())
    -- The parent-lock set as a function of its own, so that the runtime can collect it up front.
    || CASE WHEN v_parent_locks IS NULL THEN '' ELSE format($p$
CREATE OR REPLACE FUNCTION %1$s(p_keys bigint[], p_vias text[], p_values bigint[])
RETURNS SETOF public.pg_tviews_lock
LANGUAGE plpgsql STABLE
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS %2$s;
REVOKE ALL ON FUNCTION %1$s(bigint[], text[], bigint[]) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION %1$s(bigint[], text[], bigint[]) TO %3$I;

CREATE OR REPLACE FUNCTION %4$s(p_vias text[], p_values bigint[])
RETURNS bigint[]
LANGUAGE plpgsql STABLE
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS %5$s;
REVOKE ALL ON FUNCTION %4$s(text[], bigint[]) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION %4$s(text[], bigint[]) TO %3$I;
$p$, public.pg_tviews__generated_function(p_entity, 'parent_locks'),
     public.pg_tviews__dollar_quote(format($fn$
-- Generated by pg_tviews for TVIEW tv_%1$s: the parent keys a refresh of these keys must lock.
-- (PL/pgSQL rather than SQL: its query plan is cached across calls.)
BEGIN
    RETURN QUERY
%2$s;
END
$fn$, p_entity, v_parent_locks)),
     public.pg_tviews__runtime_owner(),
     public.pg_tviews__generated_function(p_entity, 'resolve'),
     public.pg_tviews__dollar_quote(format($fn$
-- Generated by pg_tviews for TVIEW tv_%1$s: the keys of the rows that point at changed parent keys.
BEGIN
    RETURN ARRAY(%2$s);
END
$fn$, p_entity, v_resolve))) END;
END
$$;

-- The text between dollar quotes whose tag the text does not contain, so that nothing in it (a
-- quoted name, a literal) can end the quote early: $fn$, else $fn1$, $fn2$, ...
CREATE OR REPLACE FUNCTION public.pg_tviews__dollar_quote(p_body text)
RETURNS text
LANGUAGE plpgsql IMMUTABLE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_tag text := '$fn$';
    n integer := 0;
BEGIN
    -- The first occurrence of the tag after the opening one must be the closing one.
    WHILE strpos(p_body || v_tag, v_tag) <> length(p_body) + 1 LOOP
        n := n + 1;
        v_tag := '$fn' || n || '$';
    END LOOP;
    RETURN v_tag || p_body || v_tag;
END
$$;

-- The role that owns the runtime (and as which the queue flush runs).
CREATE OR REPLACE FUNCTION public.pg_tviews__runtime_owner()
RETURNS name
LANGUAGE sql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT r.rolname FROM pg_proc p JOIN pg_roles r ON r.oid = p.proowner
    WHERE p.oid = to_regprocedure('public.pg_tviews__flush(boolean)')
$$;

CREATE OR REPLACE FUNCTION public.pg_tviews__has_equality(p_type oid)
RETURNS boolean
LANGUAGE sql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT EXISTS (SELECT 1 FROM pg_opclass oc JOIN pg_am am ON am.oid = oc.opcmethod
                   WHERE am.amname = 'btree' AND oc.opcdefault AND oc.opcintype = p_type)
$$;

-- The relations whose columns a view reads as the columns of p_source: p_source itself and, when it
-- is a TVIEW table, its view v_<entity>, which pg_tviews__view_sources counts as a read of the table
-- (same column names).
CREATE OR REPLACE FUNCTION public.pg_tviews__read_as(p_source regclass)
RETURNS SETOF oid
LANGUAGE sql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT p_source::oid
    UNION
    SELECT m.view_oid::oid FROM public.pg_tview_meta m WHERE m.table_oid = p_source
$$;

-- The columns of a source that a TVIEW's view reads (the dependencies PostgreSQL recorded for the
-- view's rule) and its lineage columns there, or NULL when an UPDATE of any column may change the
-- view: the view reads a whole row (to_jsonb(t), say) or a system column, reads the table only
-- through another view (a TVIEW table read through its own view v_<entity> counts as read
-- directly), or calls a function that is not built in (its body may read the table, which no
-- dependency records); or the table has no primary key to pair old and new rows by.
CREATE OR REPLACE FUNCTION public.pg_tviews__columns_read(p_entity text, p_source regclass)
RETURNS name[]
LANGUAGE sql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
    WITH rule AS (
        SELECT r.oid, r.ev_action::text AS tree FROM pg_rewrite r JOIN public.pg_tview_meta m ON r.ev_class = m.view_oid
        WHERE m.entity = p_entity AND r.rulename = '_RETURN'
    ), deps AS (
        SELECT d.* FROM pg_depend d, rule WHERE d.classid = 'pg_rewrite'::regclass AND d.objid = rule.oid
    ), read_as AS (
        SELECT r AS rel FROM public.pg_tviews__read_as(p_source) AS r
    ), read AS (
        SELECT a.attname FROM deps d JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid
        WHERE d.refclassid = 'pg_class'::regclass AND d.refobjid IN (SELECT rel FROM read_as) AND d.refobjsubid > 0
        UNION
        SELECT s.source_column FROM public.pg_tview_source s WHERE s.entity = p_entity AND s.source = p_source
    )
    -- A whole-row or system-column Var (to_jsonb(t), t.xmin) reads columns no dependency names
    -- (PostgreSQL records a view's dependencies per column): any such Var in the view turns
    -- filtering off.
    SELECT CASE WHEN NOT EXISTS (SELECT 1 FROM deps d WHERE d.refclassid = 'pg_class'::regclass
                                 AND d.refobjid IN (SELECT rel FROM read_as))
                  OR EXISTS (SELECT 1 FROM rule WHERE rule.tree ~ ':varattno (0|-[0-9]+) ')
                  OR EXISTS (SELECT 1 FROM deps d WHERE d.refclassid = 'pg_class'::regclass
                             AND d.refobjid IN (SELECT rel FROM read_as) AND d.refobjsubid = 0)
                  OR EXISTS (SELECT 1 FROM deps d JOIN pg_proc f ON f.oid = d.refobjid
                             WHERE d.refclassid = 'pg_proc'::regclass AND f.pronamespace <> 'pg_catalog'::regnamespace)
                  OR NOT EXISTS (SELECT 1 FROM pg_index i WHERE i.indrelid = p_source AND i.indisprimary)
                THEN NULL
                ELSE (SELECT array_agg(r.attname ORDER BY r.attname) FROM read r) END
$$;

-- The top-level keys that a TVIEW's view reads of the jsonb column p_column of p_source, when it
-- reads that column only as <column> -> 'key' or <column> ->> 'key' (as a dependant reads its
-- parent TVIEW's document: p.data -> 'name', p.data -> 'category' -> 'name'); NULL when it reads
-- it any other way (whole, with #>, ?, in a function call ...). Read from the view's stored query
-- tree: every jsonb Var with the column's number must be the left operand of such an operator with
-- a text constant on the right. Vars of other tables with the same column number are counted too,
-- so a doubt only ever answers NULL (compare the whole column) or adds keys (compare more).
CREATE OR REPLACE FUNCTION public.pg_tviews__jsonb_keys_read(p_entity text, p_source regclass, p_column name)
RETURNS text[]
LANGUAGE sql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
    WITH tree AS (
        -- Without the join range entries' lists of the columns they join (joinaliasvars), which
        -- name every column of both sides whether the query reads it or not.
        SELECT regexp_replace(r.ev_action::text, ':joinaliasvars \(.*?\) :joinleftcols', ':joinleftcols', 'g') AS t
        FROM pg_rewrite r JOIN public.pg_tview_meta m ON r.ev_class = m.view_oid
        WHERE m.entity = p_entity AND r.rulename = '_RETURN'
    ), col AS (
        -- Its number in the source and, for a TVIEW table, in its view v_<entity> (read as the table).
        SELECT DISTINCT a.attnum FROM pg_attribute a
        WHERE a.attrelid IN (SELECT r FROM public.pg_tviews__read_as(p_source) AS r)
          AND a.attname = p_column AND a.atttypid = 'jsonb'::regtype AND NOT a.attisdropped
    ), vars AS (
        SELECT count(*) AS n FROM tree, col,
               regexp_matches(tree.t, '\{VAR :varno \d+ :varattno ' || col.attnum || ' :vartype 3802 ', 'g')
    ), uses AS (
        -- opno 3211: jsonb -> text, 3477: jsonb ->> text. The constant's bytes: a 4-byte length
        -- header (the length times 4, little-endian), then the key's bytes.
        SELECT u.n, string_to_array(u.m[2], ' ')::integer[] AS b, u.m[1]::integer AS len
        FROM tree, col, regexp_matches(tree.t,
            '\{OPEXPR :opno (?:3211|3477) :opfuncid \d+ [^{}]*:args \(\{VAR :varno \d+ :varattno ' || col.attnum
            || ' :vartype 3802 [^{}]*\} \{CONST :consttype 25 [^{}]*:constisnull false [^{}]*:constvalue (\d+) \[ ([0-9 ]+) \]\}\)',
            'g') WITH ORDINALITY AS u(m, n)
    ), keys AS (
        SELECT u.n, u.len = cardinality(u.b) AND u.len >= 4
                    AND u.b[1] + 256 * u.b[2] + 65536 * u.b[3] + 16777216 * u.b[4] = 4 * u.len AS sound,
               (SELECT string_agg(lpad(to_hex(x.v), 2, '0'), '' ORDER BY x.i)
                FROM unnest(u.b[5:]) WITH ORDINALITY AS x(v, i)) AS hex
        FROM uses u
    )
    SELECT CASE WHEN (SELECT count(*) FROM keys) > 0
                 AND (SELECT count(*) FROM keys) = (SELECT vars.n FROM vars)
                 AND (SELECT bool_and(k.sound) FROM keys k)
           THEN ARRAY(SELECT DISTINCT convert_from(decode(coalesce(k.hex, ''), 'hex'), getdatabaseencoding())
                      FROM keys k ORDER BY 1) END
$$;

-- What the view sees of one transition row of a source (p_alias: x or y), as one expression; NULL
-- when pg_tviews__columns_read cannot tell (the source has no primary key, say), or the view reads
-- all of every column: then every updated row counts.
--   What the view sees of a row: the row without the columns it does not read (primary key
--   columns always stay: they pair a row with its other side), and of a jsonb column that it reads
--   only by top-level keys (a dependant reading its parent TVIEW's document), only those keys: a
--   parent whose document changed elsewhere cascades nothing (cascade pruning).
--   Rows of a base table are compared as jsonb of the whole row rather than column by column: a
--   read column renamed later is still compared (under its new name), and a column added later
--   counts as read. Renamed unread columns only cost work, never a stale row.
--   Rows of a TVIEW's table (a dependant reading its parent TVIEW) are compared as a row of the
--   columns and keys the view reads, named, with the equality its refresh's upsert uses for that
--   table: converting the whole row, the parent's whole document included, cost a product update
--   5 % (instructions), and a jsonb array of them 2 % more than the row. A TVIEW's table changes
--   columns only when it is replaced, which drops and re-creates its dependants and so these
--   triggers.
CREATE OR REPLACE FUNCTION public.pg_tviews__seen_sql(p_entity text, p_source regclass, p_alias text)
RETURNS text
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_read name[] := public.pg_tviews__columns_read(p_entity, p_source);
    v_left_out text[];
    v_pruned jsonb := '{}'::jsonb;  -- jsonb column -> the keys the view reads of it
    v_named text[];  -- a TVIEW table's source: what the view sees, each without its alias
    c record;
BEGIN
    IF v_read IS NULL THEN
        RETURN NULL;
    END IF;
    v_left_out := ARRAY(SELECT a.attname::text FROM pg_attribute a
                        WHERE a.attrelid = p_source AND a.attnum > 0 AND NOT a.attisdropped AND a.attname <> ALL (v_read)
                          AND NOT EXISTS (SELECT 1 FROM pg_index i WHERE i.indrelid = p_source AND i.indisprimary
                                                                     AND a.attnum = ANY (i.indkey))
                        ORDER BY a.attnum);
    FOR c IN SELECT r.col, public.pg_tviews__jsonb_keys_read(p_entity, p_source, r.col) AS keys
             FROM unnest(v_read) AS r(col) ORDER BY 1 LOOP
        CONTINUE WHEN c.keys IS NULL;
        v_left_out := v_left_out || c.col::text;
        v_pruned := v_pruned || jsonb_build_object(c.col, c.keys);
    END LOOP;
    IF cardinality(v_left_out) = 0 THEN
        RETURN NULL;  -- the view reads all of every column: nothing to leave out
    END IF;
    IF EXISTS (SELECT 1 FROM public.pg_tview_meta m WHERE m.table_oid = p_source) THEN
        -- The columns kept (all but v_left_out) in column order, then the read keys of the pruned
        -- jsonb columns.
        v_named := ARRAY(SELECT format('%I', a.attname) FROM pg_attribute a
                         WHERE a.attrelid = p_source AND a.attnum > 0 AND NOT a.attisdropped
                           AND a.attname::text <> ALL (v_left_out)
                         ORDER BY a.attnum)
                || ARRAY(SELECT format('%I -> %L', p.col, k.k)
                         FROM jsonb_each(v_pruned) AS p(col, keys), jsonb_array_elements_text(p.keys) AS k(k)
                         ORDER BY p.col, k.k);
        RETURN format('ROW(%s)', (SELECT string_agg(p_alias || '.' || e.item, ', ' ORDER BY e.n)
                                  FROM unnest(v_named) WITH ORDINALITY AS e(item, n)));
    END IF;
    RETURN format('to_jsonb(%s) - %L::text[]', p_alias, v_left_out)
           || coalesce((SELECT string_agg(format(' || jsonb_build_object(%L, jsonb_build_array(%s))', p.col,
                                                 (SELECT string_agg(format('%s.%I -> %L', p_alias, p.col, k), ', ' ORDER BY k)
                                                  FROM jsonb_array_elements_text(p.keys) AS k)), '' ORDER BY p.col)
                        FROM jsonb_each(v_pruned) AS p(col, keys)), '');
END
$$;

-- (pg_tviews__lineage_columns_sql, a source's lineage columns as a select list, was folded into
-- pg_tviews__changed_pairs_sql.)
DROP FUNCTION IF EXISTS public.pg_tviews__lineage_columns_sql(text, regclass, text);

-- The lineage columns of an UPDATE's changed rows, both sides, as one derived table (NULL when
-- every updated row counts): the old and new rows paired by primary key (a FULL JOIN: a row whose
-- key changed is unpaired on both sides, and counts on both), kept when what the view sees of them
-- differs (pg_tviews__seen_sql), each pair giving the lineage columns of both its rows, distinct.
--   A full join, never a nested loop: a plan of a statement over transition tables is made once
--   per session, for the size of the first statement's tables, and a nested-loop join planned for
--   one row made a later 10,000-row UPDATE quadratic (26 s). A full join can only merge (sorting
--   both sides) or hash, whatever plan; the generated triggers switch both on. One join instead
--   of two set differences (EXCEPT, each side against the other): a product update -4 %.
--   When every lineage column is a column of the primary key (a TVIEW read by a dependant through
--   its key), both rows of a pair hold the same values and an unpaired row's other side is null:
--   each pair gives its key once, coalesced, and no two pairs share one (a key checked at once,
--   not deferrable), so nothing is made distinct, which cost a dependant's filter about 16,000
--   instructions per statement (1 % of a product's price update).
CREATE OR REPLACE FUNCTION public.pg_tviews__changed_pairs_sql(p_entity text, p_source regclass)
RETURNS text
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_seen_x text := public.pg_tviews__seen_sql(p_entity, p_source, 'x');
    v_pairing text;
    v_key name[];  -- the primary key's columns, when its uniqueness is checked at once
    v_columns text[];
BEGIN
    IF v_seen_x IS NULL THEN
        RETURN NULL;
    END IF;
    SELECT string_agg(format('y.%1$I = x.%1$I', a.attname), ' AND ' ORDER BY a.attnum),
           array_agg(a.attname) FILTER (WHERE i.indimmediate)
      INTO STRICT v_pairing, v_key  -- pg_tviews__columns_read answers NULL for a source without one
    FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey)
    WHERE i.indrelid = p_source AND i.indisprimary;
    -- The lineage columns, in one order for both sides and the alias list.
    v_columns := ARRAY(SELECT DISTINCT format('%I', s.source_column) FROM public.pg_tview_source s
                       WHERE s.entity = p_entity AND s.source = p_source ORDER BY 1);
    IF cardinality(v_columns) > 0 AND v_columns <@ ARRAY(SELECT format('%I', k) FROM unnest(v_key) AS u(k)) THEN
        RETURN format('(SELECT %s FROM pg_tviews_new AS x FULL JOIN pg_tviews_old AS y ON %s WHERE %s IS DISTINCT FROM %s)',
                      (SELECT string_agg(format('coalesce(x.%1$s, y.%1$s) AS %1$s', c), ', ' ORDER BY n)
                       FROM unnest(v_columns) WITH ORDINALITY AS u(c, n)),
                      v_pairing, v_seen_x, public.pg_tviews__seen_sql(p_entity, p_source, 'y'));
    END IF;
    RETURN format('(SELECT DISTINCT u.* FROM pg_tviews_new AS x FULL JOIN pg_tviews_old AS y ON %s '
                  'CROSS JOIN LATERAL (VALUES (%s), (%s)) AS u(%s) WHERE %s IS DISTINCT FROM %s)',
                  v_pairing, 'x.' || array_to_string(v_columns, ', x.'), 'y.' || array_to_string(v_columns, ', y.'),
                  array_to_string(v_columns, ', '), v_seen_x, public.pg_tviews__seen_sql(p_entity, p_source, 'y'));
END
$$;

-- (pg_tviews__changed_rows_sql, one side's changed rows by a set difference, gave way to
-- pg_tviews__changed_pairs_sql.)
DROP FUNCTION IF EXISTS public.pg_tviews__changed_rows_sql(text, regclass, text);

-- What the generated trigger reads of each transition table ('old' and/or 'new'): the table
-- itself, or (p_changed_only, the UPDATE branch, when the view's reads can be told) the rows of
-- both in which something the TVIEW reads changed, as one derived table ('changed').
CREATE OR REPLACE FUNCTION public.pg_tviews__transition_rows_sql(p_entity text, p_source regclass, p_sides text[],
                                                                 p_changed_only boolean)
RETURNS TABLE (side text, rows text)
LANGUAGE sql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
    WITH pairs AS (
        SELECT public.pg_tviews__changed_pairs_sql(p_entity, p_source) AS rows WHERE p_changed_only
    )
    SELECT 'changed', p.rows FROM pairs AS p WHERE p.rows IS NOT NULL
    UNION ALL
    SELECT u.side, format('pg_tviews_%s', u.side) FROM unnest(p_sides) AS u(side)
    WHERE NOT EXISTS (SELECT 1 FROM pairs AS p WHERE p.rows IS NOT NULL)
$$;

-- The TVIEW keys that one statement's transition tables imply through the root and child rules of
-- a source (the changed rows' own key columns), as an ARRAY(...) expression; NULL when the source
-- has no such rule.
CREATE OR REPLACE FUNCTION public.pg_tviews__keys_sql(p_entity text, p_source regclass, p_sides text[],
                                                      p_changed_only boolean DEFAULT false)
RETURNS text
LANGUAGE sql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT format('ARRAY(%s)', string_agg(format('SELECT s.%I::bigint FROM %s AS s', s.source_column, t.rows),
                                          ' UNION ' ORDER BY s.rule, s.source_column, t.side))
    FROM public.pg_tview_source s, public.pg_tviews__transition_rows_sql(p_entity, p_source, p_sides, p_changed_only) AS t
    WHERE s.entity = p_entity AND s.source = p_source AND s.rule IN ('root', 'child')
    HAVING count(*) > 0
$$;

-- The last argument of the generated calls of pg_tviews__enqueue on a source that is a TVIEW
-- table: p_hook, so that work queued by a write outside the runtime's own refreshes (a statement of
-- the table's owner, pg_tviews_refresh) gets its commit hook; a TVIEW table has no flush trigger.
CREATE OR REPLACE FUNCTION public.pg_tviews__enqueue_hook_arg(p_source regclass)
RETURNS text
LANGUAGE sql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT CASE WHEN EXISTS (SELECT 1 FROM public.pg_tview_meta m WHERE m.table_oid = p_source)
                THEN ', p_hook => true' ELSE '' END
$$;

-- The statements that enqueue the work one transition table ('old' or 'new') implies:
--   root and child rules: the changed rows' own key columns are TVIEW keys, enqueued as keys;
--   parent rules: the changed rows' pk_<parent> values are enqueued as lineage items, which the
--   flush resolves to TVIEW keys only after locking those parent keys (see 35_queue.sql), so that
--   a child row pointed at the parent by a concurrent transaction cannot be missed.
-- p_changed_only (the UPDATE branch): only the rows in which a column the TVIEW reads changed.
-- On a TVIEW table the calls pass p_hook (see pg_tviews__enqueue_hook_arg).
CREATE OR REPLACE FUNCTION public.pg_tviews__enqueue_sql(p_entity text, p_source regclass, p_sides text[],
                                                         p_changed_only boolean DEFAULT false)
RETURNS text
LANGUAGE sql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
    WITH sides AS (
        SELECT t.side, t.rows FROM public.pg_tviews__transition_rows_sql(p_entity, p_source, p_sides, p_changed_only) AS t
    )
    SELECT concat_ws(E'\n',
        (SELECT format('        PERFORM public.pg_tviews__enqueue(%L, %s%s);', p_entity, k.keys,
                       public.pg_tviews__enqueue_hook_arg(p_source))
         FROM (SELECT public.pg_tviews__keys_sql(p_entity, p_source, p_sides, p_changed_only) AS keys) AS k
         WHERE k.keys IS NOT NULL),
        (SELECT string_agg(format('        PERFORM public.pg_tviews__enqueue(%L, ARRAY(%s), %L%s);', p_entity,
                                  (SELECT string_agg(format('SELECT s.%I::bigint FROM %s AS s', s.source_column, sides.rows),
                                                     ' UNION ' ORDER BY sides.side)
                                   FROM sides),
                                  s.tview_column, public.pg_tviews__enqueue_hook_arg(p_source)), E'\n' ORDER BY s.tview_column)
         FROM public.pg_tview_source s
         WHERE s.entity = p_entity AND s.source = p_source AND s.rule = 'parent'))
$$;

-- The statements that collect the work one statement's transition tables imply through the parent
-- rule of a source, for the direct path (see pg_tviews__direct_begin): the changed rows'
-- pk_<parent> values into v_values, each with the lineage column in v_vias (empty arrays when no
-- row changed what the TVIEW reads). One ARRAY(...) and an array_fill: a trigger that finds
-- nothing changed costs no more than a call of pg_tviews__enqueue. (pg_tviews__derive_lineage
-- gives a source at most one parent rule per TVIEW: fk_<name> for its pk_<name>.)
CREATE OR REPLACE FUNCTION public.pg_tviews__lineage_sql(p_entity text, p_source regclass, p_sides text[],
                                                         p_changed_only boolean DEFAULT false)
RETURNS text
LANGUAGE sql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT format(E'v_values := ARRAY(%s);\n        v_vias := array_fill(%L::text, ARRAY[cardinality(v_values)])',
                  string_agg(format('SELECT s.%1$I::bigint FROM %2$s AS s WHERE s.%1$I IS NOT NULL', s.source_column, t.rows),
                             ' UNION ' ORDER BY t.side),
                  min(s.tview_column))
    FROM public.pg_tview_source s, public.pg_tviews__transition_rows_sql(p_entity, p_source, p_sides, p_changed_only) AS t
    WHERE s.entity = p_entity AND s.source = p_source AND s.rule = 'parent'
$$;

-- CREATE FUNCTION / CREATE TRIGGER text for one (TVIEW, source) pair.
CREATE OR REPLACE FUNCTION public.pg_tviews__trigger_sql(p_entity text, p_source regclass)
RETURNS text
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    m public.pg_tview_meta;
    v_function text;
    v_prefix name;
    v_body text;
    v_settings text := '';
    v_parent_change text;
    v_parents_after text[];  -- what the INSERT, UPDATE and DELETE branches set v_parents to
    v_lineage boolean;  -- the TVIEW reads this source as a parent
    v_one_parent_rule boolean;  -- only as a parent, through one lineage column
    v_work text[];  -- the statement that collects the work of an INSERT, an UPDATE, a DELETE
    v_enqueue text;  -- the statements that queue it instead
    v_root regclass;  -- the TVIEW's one root table, when this source is it or only a child source
    v_resolve text := '';  -- a parent source: the changed parent keys resolved here, then locked
    v_one_root regclass;  -- the TVIEW's one root table, if it has one
    v_keys_change text;  -- whether rows of v_keys may point at other parents (see below)
    v_rows_change text;  -- the same for the root table's new rows
BEGIN
    SELECT * INTO STRICT m FROM public.pg_tview_meta WHERE entity = p_entity;
    SELECT s.trigger_function, s.trigger_prefix INTO v_function, v_prefix
    FROM public.pg_tview_source s WHERE s.entity = p_entity AND s.source = p_source LIMIT 1;
    SELECT count(*) FILTER (WHERE s.rule = 'parent') > 0, count(*) FILTER (WHERE s.rule <> 'parent') = 0 AND count(*) = 1
      INTO v_lineage, v_one_parent_rule
    FROM public.pg_tview_source s WHERE s.entity = p_entity AND s.source = p_source;
    IF v_lineage AND NOT v_one_parent_rule THEN
        -- Both TVIEW keys and lineage items (a TVIEW that reads its own source as a parent too),
        -- or several lineage columns: always queued.
        v_body := format($fn$
-- Generated by pg_tviews: keeps TVIEW tv_%1$s in step with this source table. Do not edit.
-- It only enqueues; the flush recomputes (tview_zz_flush at the end of a statement on a table,
-- the runtime's refresh that wrote a TVIEW table, or COMMIT).
BEGIN
    IF TG_OP = 'INSERT' THEN
%2$s
    ELSIF TG_OP = 'UPDATE' THEN
%3$s
    ELSIF TG_OP = 'DELETE' THEN
%4$s
    ELSE -- TRUNCATE: no transition table, recompute every row
        PERFORM public.pg_tviews__enqueue(%1$L,
            ARRAY(SELECT t.%5$I::bigint FROM %6$s AS t UNION SELECT v.%5$I::bigint FROM %7$s AS v)%8$s);
    END IF;
    RETURN NULL;
END
$fn$, p_entity,
            public.pg_tviews__enqueue_sql(p_entity, p_source, ARRAY['new']),
            public.pg_tviews__enqueue_sql(p_entity, p_source, ARRAY['old', 'new'], true),
            public.pg_tviews__enqueue_sql(p_entity, p_source, ARRAY['old']),
            m.pk_column, m.table_oid::text, m.view_oid::text, public.pg_tviews__enqueue_hook_arg(p_source));
    ELSE
        SELECT min(r.source::oid)::regclass INTO v_one_root
        FROM public.pg_tview_source r WHERE r.entity = p_entity AND r.rule = 'root'
        HAVING count(*) = 1;
        v_root := CASE WHEN v_one_root = p_source
                         OR NOT EXISTS (SELECT 1 FROM public.pg_tview_source c
                                        WHERE c.entity = p_entity AND c.source = p_source AND c.rule <> 'child')
                       THEN v_one_root END;
        -- Refreshed here at once when nothing stands in the way (the direct path, see
        -- pg_tviews__direct_begin), else queued like the rest. A root or child source gives TVIEW
        -- keys; a parent source the changed parent keys (lineage items), which the trigger
        -- resolves into TVIEW keys once pg_tviews__direct_begin has locked them.
        IF v_lineage THEN
            v_work := ARRAY[public.pg_tviews__lineage_sql(p_entity, p_source, ARRAY['new']),
                            public.pg_tviews__lineage_sql(p_entity, p_source, ARRAY['old', 'new'], true),
                            public.pg_tviews__lineage_sql(p_entity, p_source, ARRAY['old'])];
            SELECT format(E'            IF v_values IS NULL THEN\n'
                          || E'                PERFORM public.pg_tviews__enqueue(%1$L, v_keys%3$s);\n'
                          || E'            ELSE\n'
                          || E'                PERFORM public.pg_tviews__enqueue(%1$L, v_values, %2$L%3$s);\n'
                          || '            END IF;', p_entity, s.tview_column, public.pg_tviews__enqueue_hook_arg(p_source))
              INTO v_enqueue
            FROM public.pg_tview_source s WHERE s.entity = p_entity AND s.source = p_source AND s.rule = 'parent';
        ELSE
            v_work := ARRAY['v_keys := ' || public.pg_tviews__keys_sql(p_entity, p_source, ARRAY['new']),
                            'v_keys := ' || public.pg_tviews__keys_sql(p_entity, p_source, ARRAY['old', 'new'], true),
                            'v_keys := ' || public.pg_tviews__keys_sql(p_entity, p_source, ARRAY['old'])];
        END IF;
        -- Whether the statement may point rows at parents, when the TVIEW's parent keys are all
        -- columns copied from its root table: the parent-lock set then only compares those columns
        -- of the TVIEW's rows with the root table's (a row the view leaves out has no TVIEW row, and
        -- always counts). On the root table itself, an UPDATE after which they agree for every new
        -- row, and a DELETE, need no parent lock. On a child source (the TVIEW's keys are its
        -- fk_<entity>), a write changes no root row: only the rows of keys whose TVIEW row is
        -- missing or disagrees with its root row need one (a row entering the view through its
        -- first child, say; a key without root row has nothing to enter with), for INSERT, UPDATE
        -- and DELETE alike. On a parent source the same question as on a child source, for the
        -- keys the changed parent keys resolve into (the rows that read a renamed parent point at
        -- it already; a row entering the TVIEW through it does not). Else (parent keys computed by
        -- the view, several root tables) the set is always computed.
        SELECT format('EXISTS (SELECT 1 FROM pg_tviews_new AS n LEFT JOIN %1$s AS t ON t.%2$I = n.%2$I WHERE t.%2$I IS NULL OR ROW(%3$s) IS DISTINCT FROM ROW(%4$s))',
                      m.table_oid::text, m.pk_column,
                      string_agg(format('t.%I', s.tview_column), ', ' ORDER BY s.tview_column),
                      string_agg(format('n.%I', s.tview_column), ', ' ORDER BY s.tview_column)),
               -- (Subqueries per key, not joins: a generic plan joins a whole table for 10 keys.)
               format('EXISTS (SELECT 1 FROM unnest(v_keys) AS k(k) WHERE (SELECT ROW(%4$s) FROM %1$s AS t WHERE t.%2$I = k.k) IS DISTINCT FROM (SELECT ROW(%5$s) FROM %3$s AS r WHERE r.%2$I = k.k))',
                      m.table_oid::text, m.pk_column, v_one_root::text,
                      string_agg(format('t.%I', s.tview_column), ', ' ORDER BY s.tview_column),
                      string_agg(format('r.%I', s.tview_column), ', ' ORDER BY s.tview_column))
          INTO v_rows_change, v_keys_change
        FROM public.pg_tview_source s
        WHERE s.entity = p_entity AND s.rule = 'parent' AND v_one_root IS NOT NULL
        HAVING count(*) > 0
           AND bool_and(public.pg_tviews__copied_from_root(m.view_oid, v_one_root, m.pk_column, s.tview_column));
        v_parent_change := CASE WHEN v_root = p_source THEN v_rows_change WHEN v_root IS NOT NULL THEN v_keys_change END;
        IF v_lineage THEN
            -- Once pg_tviews__direct_begin holds the changed parent keys: the rows that read them,
            -- found only now (a row pointed at one of them concurrently is not missed), by the
            -- trigger's own query rather than the resolve function behind the runtime's EXECUTE;
            -- then whether any of them may point at other parents; pg_tviews__direct_lock locks
            -- them and, when so, the parents of rows entering the TVIEW.
            SELECT format(E'\n        IF v_values IS NOT NULL THEN\n'
                          || E'            v_keys := ARRAY(\n'
                          || E'                %2$s);%3$s\n'
                          || E'            v_locked := public.pg_tviews__direct_lock(%1$L, v_keys, v_parents);\n'
                          || E'        END IF;', p_entity,
                          public.pg_tviews__resolve_sql(p_entity, s.tview_column, 'v_values', '                '),
                          E'\n            v_parents := ' || v_keys_change || ';')
              INTO v_resolve
            FROM public.pg_tview_source s WHERE s.entity = p_entity AND s.source = p_source AND s.rule = 'parent';
        END IF;
        -- After the keys of an INSERT, an UPDATE, a DELETE: on the root table the UPDATE asks and
        -- a DELETE needs none (an INSERT always does); on a child source every write asks.
        v_parents_after := CASE WHEN v_parent_change IS NULL THEN ARRAY['', '', '']
                                WHEN v_root IS DISTINCT FROM p_source THEN array_fill(E'\n        v_parents := ' || v_parent_change || ';', ARRAY[3])
                                ELSE ARRAY['', E'\n        v_parents := ' || v_parent_change || ';', E'\n        v_parents := false;'] END;
        IF NOT v_lineage THEN
            -- Queued keys carry v_parents too: the flush then locks no parent key for them either.
            v_enqueue := format('            PERFORM public.pg_tviews__enqueue(%L, v_keys%s%s);', p_entity,
                                public.pg_tviews__enqueue_hook_arg(p_source),
                                CASE WHEN v_parent_change IS NOT NULL THEN ', p_parents => v_parents' ELSE '' END);
        END IF;
        v_body := format($fn$
-- Generated by pg_tviews: keeps TVIEW tv_%1$s in step with this source table. Do not edit.
-- The work a statement implies is done here at once when this is the only TVIEW that reads the
-- table, or when this trigger runs nested in the direct refresh of the TVIEW it reads, and
-- nothing else stands in the way: pg_tviews__direct_begin locks the keys (and the parent keys
-- they read; for changed parent rows it locks those, this trigger finds the rows that read them,
-- and pg_tviews__direct_lock locks these) and returns them, the upsert below runs as the TVIEW's
-- owner, and pg_tviews__direct_end records it and flushes what it queued for dependants.
-- Otherwise the work is queued, and the flush does it (tview_zz_flush at the end of a statement
-- on a table, the runtime's refresh that wrote a TVIEW table, or COMMIT).
DECLARE
    v_keys bigint[];
    v_vias text[];  -- a parent source: the lineage column of each changed parent key
    v_values bigint[];  -- and the keys
    v_locked bigint[];
    v_found bigint;
    v_removed integer;
    v_inserted integer;
    v_updated integer;
    v_t0 timestamptz;
    v_parents boolean := true;  -- whether the parent keys the rows read must be locked
BEGIN
    IF TG_OP = 'INSERT' THEN
        %2$s;%12$s
    ELSIF TG_OP = 'UPDATE' THEN
        %3$s;%9$s
    ELSIF TG_OP = 'DELETE' THEN
        %4$s;%10$s
    ELSE -- TRUNCATE: no transition table, recompute every row
        v_keys := ARRAY(SELECT t.%5$I::bigint FROM %6$s AS t UNION SELECT v.%5$I::bigint FROM %7$s AS v);
    END IF;
    IF coalesce(cardinality(v_keys), cardinality(v_values)) = 0 THEN
        RETURN NULL;  -- nothing changed that the TVIEW reads
    END IF;
    -- A subtransaction: a busy late lock (TVR01) takes back every lock and write of this attempt,
    -- and the work goes to the queue instead.
    BEGIN
        v_locked := public.pg_tviews__direct_begin(%1$L, TG_RELID, v_keys, v_parents, v_vias, v_values%13$s);
        IF v_locked IS NULL THEN
%11$s
            RETURN NULL;
        END IF;%14$s
        v_keys := v_locked;
        v_t0 := clock_timestamp();
        IF cardinality(v_keys) > 0 THEN
%8$s
        ELSE
            v_removed := 0; v_inserted := 0; v_updated := 0;
        END IF;
        PERFORM public.pg_tviews__direct_end(%1$L, cardinality(v_keys), extract(epoch FROM clock_timestamp() - v_t0),
                                             v_removed, v_inserted, v_updated);
    EXCEPTION
        WHEN SQLSTATE 'TVR01' THEN
            IF public.pg_tviews__direct_nested() THEN
                RAISE;  -- the direct refresh at the top starts again through the queue
            END IF;
%11$s
        WHEN OTHERS THEN
            PERFORM public.pg_tviews__direct_failed(%1$L);  -- counted, then raised unchanged
            RAISE;
    END;
    RETURN NULL;
END
$fn$, p_entity, v_work[1], v_work[2], v_work[3],
            m.pk_column, m.table_oid::text, m.view_oid::text,
            public.pg_tviews__upsert_sql(p_entity, '            '),
            v_parents_after[2], v_parents_after[3], v_enqueue, v_parents_after[1],
            CASE WHEN v_lineage THEN ', p_resolve => false' ELSE '' END, v_resolve);
        -- pg_tviews__direct_begin chooses how the upsert is planned (pg_tviews__plan_keys); these
        -- end that choice with the trigger.
        v_settings := E'\nSET plan_cache_mode = force_generic_plan\nSET enable_hashjoin = on\nSET enable_mergejoin = on';
    END IF;
    RETURN format($f$
CREATE OR REPLACE FUNCTION %1$s()
RETURNS trigger
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp%8$s
AS %2$s;
REVOKE ALL ON FUNCTION %1$s() FROM PUBLIC;
CREATE TRIGGER %3$I AFTER INSERT ON %4$s REFERENCING NEW TABLE AS pg_tviews_new
    FOR EACH STATEMENT EXECUTE FUNCTION %1$s();
CREATE TRIGGER %5$I AFTER UPDATE ON %4$s REFERENCING OLD TABLE AS pg_tviews_old NEW TABLE AS pg_tviews_new
    FOR EACH STATEMENT EXECUTE FUNCTION %1$s();
CREATE TRIGGER %6$I AFTER DELETE ON %4$s REFERENCING OLD TABLE AS pg_tviews_old
    FOR EACH STATEMENT EXECUTE FUNCTION %1$s();
CREATE TRIGGER %7$I AFTER TRUNCATE ON %4$s
    FOR EACH STATEMENT EXECUTE FUNCTION %1$s();
$f$,
        v_function,
        public.pg_tviews__dollar_quote(v_body),
        v_prefix || '_ins', p_source::text, v_prefix || '_upd', v_prefix || '_del', v_prefix || '_trn', v_settings)
    -- One flush trigger per source table, shared by every TVIEW that reads it; its name sorts
    -- after the generated tview_NN_* triggers so it runs once they have all enqueued. None on a
    -- TVIEW table: the runtime writes it inside a flush or a direct refresh, which recompute what
    -- the dependants queued before they return (pg_tviews__refresh_keys flushes too), and work
    -- queued by any other write gets its commit hook (p_hook); the trigger's two calls for each
    -- refresh's upsert (its INSERT and UPDATE) were 3 % of a single-row write.
    || CASE WHEN EXISTS (SELECT 1 FROM pg_trigger t WHERE t.tgrelid = p_source AND t.tgname = 'tview_zz_flush')
                 OR EXISTS (SELECT 1 FROM public.pg_tview_meta tv WHERE tv.table_oid = p_source)
            THEN ''
            ELSE format($z$CREATE TRIGGER tview_zz_flush AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON %s
    FOR EACH STATEMENT EXECUTE FUNCTION public.pg_tviews__flush_trigger();
$z$, p_source) END;
END
$$;

-- Every generated statement of a TVIEW, in install order: what pg_tviews_create executed.
CREATE OR REPLACE FUNCTION public.pg_tviews_generated_sql(tview_name text)
RETURNS TABLE (object_kind text, object_name text, sql text)
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    m public.pg_tview_meta := public.pg_tviews__meta(tview_name);
BEGIN
    object_kind := 'refresh function';
    object_name := format('%I.%I', m.schema_name, public.pg_tviews__refresh_function_name(m.entity));
    sql := public.pg_tviews__refresh_function_sql(m.entity);
    RETURN NEXT;
    FOR object_name, sql IN
        SELECT DISTINCT s.source::text, public.pg_tviews__trigger_sql(m.entity, s.source)
        FROM public.pg_tview_source s WHERE s.entity = m.entity ORDER BY 1
    LOOP
        object_kind := 'source triggers';
        RETURN NEXT;
    END LOOP;
END
$$;

-- Takes refresh locks (held to the end of the transaction): TVIEW keys and parent keys (space, key)
-- where space = hashtext('<schema>.<table>'), as row locks on the key's bucket row in
-- pg_tviews_lock_slot (pg_tviews__lock_slots). One global order for every transaction: base-table
-- spaces first, then TVIEW spaces in (depth, entity) order, buckets ascending within a space. A
-- bulk refresh locks each of its buckets too (at most the 65,536 rows of a space, in one
-- statement; row locks never fill the lock table). Under REPEATABLE READ/SERIALIZABLE a lock held by
-- another transaction means a writer this snapshot cannot see: fail with 40001, never wait; and
-- the keys are written to pg_tviews_lock_guard, which fails with 40001 when a transaction that
-- committed after this snapshot locked one of them.
--
-- Setting isolation_guard = on: READ COMMITTED writers write their keys to the guard too (all of
-- them, shared and exclusive, as REPEATABLE READ writers do). Why that is enough, and needed:
-- a stale row needs two writers T1 and T2 that lock the same key, at least one of them
-- exclusively (shared/shared: both only point rows at a parent neither changes), where T2's
-- refresh reads a snapshot without T1's commit. Under READ COMMITTED each statement of the
-- refresh reads a snapshot taken after its locks, so T2 is at REPEATABLE READ/SERIALIZABLE; it
-- cannot lock the key while T1 holds it (try, 40001), so it locks it after T1 committed, with a
-- snapshot from before. Whichever lock T1 held (a shared one on a parent it pointed a new row at,
-- T2 changing that parent; or an exclusive one on a parent or TVIEW row it changed, T2 pointing
-- a row at it or recomputing it), T1's guard row for that key committed after T2's snapshot, and
-- T2's write of the same row fails with 40001, however many transactions wrote it since. Writers
-- that leave the setting off (SET pg_tviews.isolation_guard = off) are not covered.
-- The cost: a READ COMMITTED writer waits for a running transaction that wrote the same key's
-- guard row, which (its shared lock being compatible) holds the same key shared: writers that
-- point rows at one parent now take turns, as writers of one row do. Deadlock: that wait must
-- come in the global lock order, so a shared key's guard row is written right after its lock,
-- before the next lock is taken. A transaction waiting there holds only keys before it in the
-- order; the one it waits for is past that key and only waits for keys after it (within a flush;
-- late parent locks and the statements of a longer transaction break the order for row
-- locks already, see pg_tviews__resolve_lineage). A late lock of a restartable flush only tries
-- the guard row too (TVR01, restart). An exclusive key's guard row never waits (any other writer
-- of it held the key, so it has finished): those are written after all the locks, in one statement.
-- Only a queue flush writes them (pg_tviews.flushing): the lock that a restarting flush waits for
-- alone, out of order, gets its guard row when the flush takes it again in order (waiting for a
-- guard row there deadlocked in ConcurrencyStressTest); and pg_tviews_refresh and the repair of
-- pg_tviews_verify, whose locks pg_tviews__refresh_keys takes outside a flush, write none at READ
-- COMMITTED (a full refresh would write one row per key of the TVIEW and of its parents).
CREATE OR REPLACE FUNCTION public.pg_tviews__take_locks(p_locks public.pg_tviews_lock[])
RETURNS void
LANGUAGE plpgsql
-- No SET clause: called from callers that pin search_path (the flush, pg_tviews__refresh_keys); a
-- clause would cost every call. Only the runtime's owner may execute it (90_privileges.sql).
AS $$
DECLARE
    v_try boolean := current_setting('transaction_isolation') IN ('repeatable read', 'serializable');
    -- A late lock of a restartable flush (pg_tviews__take_late_locks): try, and on failure let
    -- the flush roll back and start again with this lock taken first.
    v_restart boolean := NOT v_try AND coalesce(current_setting('pg_tviews.late_lock', true) = 'on', false);
    v_guard boolean := false;  -- READ COMMITTED with isolation_guard on
    v_busy_space integer;  -- the first lock that was busy, if any
    v_busy_key integer;
    v_busy_exclusive boolean;
    v_busy integer[];
    v_run record;
    v_mixed_done integer;  -- a space wanted in both modes, locked key by key
    v_one_run boolean;  -- more than four locks, all in one space and one mode:
    v_run_space integer;  -- that space,
    v_run_exclusive boolean;  -- that mode,
    v_slots integer[];  -- their buckets, ascending
BEGIN
    IF coalesce(cardinality(p_locks), 0) = 0 THEN
        RETURN;
    END IF;
    IF NOT v_try AND current_setting('pg_tviews.flushing', true) = 'on' THEN
        v_guard := public.pg_tviews__setting('isolation_guard') = 'on';
    END IF;
    IF cardinality(p_locks) = 1 THEN
        -- One lock (most calls of a single-row write): no ordering query, and its guard row is
        -- left to the guard below.
        v_busy_space := p_locks[1].space; v_busy_key := p_locks[1].key; v_busy_exclusive := p_locks[1].exclusive;
        IF cardinality(public.pg_tviews__lock_slots(v_busy_space, ARRAY[public.pg_tviews__bucket(v_busy_key)], v_busy_exclusive,
                                                    v_try OR v_restart)) = 0 THEN
            v_busy_space := NULL;
        END IF;
    ELSE
        -- All in one space and one mode (the keys of one TVIEW, say): one statement, no ranking. (A
        -- few locks whose first two differ, a key and its parent's, say, skip the question.)
        IF NOT v_guard AND (cardinality(p_locks) > 4 OR ((p_locks[1]).space, (p_locks[1]).exclusive)
                                                        = ((p_locks[2]).space, (p_locks[2]).exclusive)) THEN
            SELECT min(l.space) = max(l.space) AND bool_and(l.exclusive) = bool_or(l.exclusive), min(l.space), bool_or(l.exclusive),
                   array_agg(DISTINCT public.pg_tviews__bucket(l.key) ORDER BY public.pg_tviews__bucket(l.key))
              INTO v_one_run, v_run_space, v_run_exclusive, v_slots
            FROM unnest(p_locks) AS l;
        END IF;
        IF v_one_run THEN
            v_busy := public.pg_tviews__lock_slots(v_run_space, v_slots, v_run_exclusive, v_try OR v_restart);
            IF cardinality(v_busy) > 0 THEN
                v_busy_space := v_run_space;
                v_busy_key := (SELECT min(l.key) FROM unnest(p_locks) AS l WHERE public.pg_tviews__bucket(l.key) = v_busy[1]);
                v_busy_exclusive := v_run_exclusive;
            END IF;
        ELSIF v_guard OR cardinality(p_locks) <= 4 THEN
            -- Key by key: with the guard, each shared key's guard row right after its lock; and a few
            -- keys of several spaces or modes cost less this way than grouping them. One statement:
            -- the filter runs over the sorted rows one by one, in order. OFFSET 0 keeps the sorted
            -- rows a subquery of their own (PostgreSQL never pushes a volatile filter into one).
            -- LIMIT 1: the first lock that a try finds busy ends it; a waiting lock is never busy.
            SELECT l.space, l.key, l.exclusive INTO v_busy_space, v_busy_key, v_busy_exclusive
            FROM (SELECT * FROM public.pg_tviews__bucket_order(p_locks) OFFSET 0) AS l
            WHERE CASE WHEN v_guard THEN NOT public.pg_tviews__lock_one(l.space, l.key, l.exclusive, v_try OR v_restart, true)
                       ELSE cardinality(public.pg_tviews__lock_slots(l.space, ARRAY[l.slot], l.exclusive, v_try OR v_restart)) > 0 END
            LIMIT 1;
        ELSE
            -- Set-based: one statement per space and mode, in the order (a write that refreshes ten
            -- rows and locks their parents takes two statements, not one function call per key). A
            -- space wanted in both modes (a TVIEW that is its own parent) is locked bucket by bucket
            -- in ascending order instead: locking its exclusive buckets, then its shared ones, would
            -- take two transactions' rows in opposite orders.
            FOR v_run IN
                SELECT b.space, b.exclusive, array_agg(b.slot ORDER BY b.ord) AS slots, array_agg(b.key ORDER BY b.ord) AS keys,
                       count(*) OVER (PARTITION BY b.space) > 1 AS mixed
                FROM public.pg_tviews__bucket_order(p_locks) AS b
                GROUP BY b.space, b.exclusive
                ORDER BY min(b.ord)
            LOOP
                IF v_run.mixed THEN
                    CONTINUE WHEN v_run.space = v_mixed_done;
                    v_mixed_done := v_run.space;
                    SELECT l.space, l.key, l.exclusive INTO v_busy_space, v_busy_key, v_busy_exclusive
                    FROM (SELECT * FROM public.pg_tviews__bucket_order(p_locks) AS o WHERE o.space = v_run.space OFFSET 0) AS l
                    WHERE cardinality(public.pg_tviews__lock_slots(l.space, ARRAY[l.slot], l.exclusive, v_try OR v_restart)) > 0
                    LIMIT 1;
                    EXIT WHEN v_busy_space IS NOT NULL;
                    CONTINUE;
                END IF;
                v_busy := public.pg_tviews__lock_slots(v_run.space, v_run.slots, v_run.exclusive, v_try OR v_restart);
                IF cardinality(v_busy) > 0 THEN
                    v_busy_space := v_run.space;
                    v_busy_key := v_run.keys[array_position(v_run.slots, v_busy[1])];
                    v_busy_exclusive := v_run.exclusive;
                    EXIT;
                END IF;
            END LOOP;
        END IF;
    END IF;
    IF v_busy_space IS NOT NULL AND v_restart THEN
        RAISE EXCEPTION USING ERRCODE = 'TVR01', MESSAGE = 'late refresh lock busy; the flush restarts',
            DETAIL = concat_ws(',', v_busy_space, v_busy_key, v_busy_exclusive);
    ELSIF v_busy_space IS NOT NULL THEN
        PERFORM public.pg_tviews__serialization_failure(coalesce(
            (SELECT m.table_oid::text FROM public.pg_tview_meta m WHERE hashtext(m.table_oid::text) = v_busy_space LIMIT 1),
            (SELECT c.oid::regclass::text FROM pg_class c
             WHERE hashtext(c.oid::regclass::text) = v_busy_space AND c.relkind IN ('r', 'p') LIMIT 1),
            'a TVIEW source'));
    END IF;
    IF v_try OR v_guard THEN
        PERFORM public.pg_tviews__guard(p_locks);
    END IF;
END
$$;

-- See pg_tviews_lock_guard. A guard row written by a transaction this snapshot cannot see raises
-- 40001. One that a running transaction holds (it locked the same key, shared) would make this one
-- wait and then fail, or deadlock on the next row: it fails with 40001 at once instead.
-- READ COMMITTED (isolation_guard on, see pg_tviews__take_locks): waits for such a row, then
-- writes it; a row this transaction wrote already is left as it is. A late lock of a restartable
-- flush does not wait: TVR01 names the key (the caller passes one), the flush restarts.
CREATE OR REPLACE FUNCTION public.pg_tviews__guard(p_locks public.pg_tviews_lock[])
RETURNS void
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_read_committed boolean := current_setting('transaction_isolation') = 'read committed';
    v_lock_timeout text;
BEGIN
    IF v_read_committed AND current_setting('pg_tviews.late_lock', true) IS DISTINCT FROM 'on' THEN
        INSERT INTO public.pg_tviews_lock_guard AS g (space, key, xid)
        SELECT DISTINCT l.space, l.key, pg_current_xact_id() FROM unnest(p_locks) AS l
        ORDER BY 1, 2
        ON CONFLICT (space, key) DO UPDATE SET xid = EXCLUDED.xid WHERE g.xid <> EXCLUDED.xid;
        RETURN;
    END IF;
    -- Not a SET clause: the wait above keeps the caller's lock_timeout.
    v_lock_timeout := current_setting('lock_timeout');
    BEGIN
        PERFORM set_config('lock_timeout', '1ms', true);
        INSERT INTO public.pg_tviews_lock_guard AS g (space, key, xid)
        SELECT DISTINCT l.space, l.key, pg_current_xact_id() FROM unnest(p_locks) AS l
        ORDER BY 1, 2
        ON CONFLICT (space, key) DO UPDATE SET xid = EXCLUDED.xid;
    EXCEPTION WHEN lock_not_available THEN
        IF v_read_committed THEN
            RAISE EXCEPTION USING ERRCODE = 'TVR01', MESSAGE = 'late refresh lock busy; the flush restarts',
                DETAIL = concat_ws(',', p_locks[1].space, p_locks[1].key, p_locks[1].exclusive);
        END IF;
        PERFORM public.pg_tviews__serialization_failure('TVIEWs or their parents');
    END;
    PERFORM set_config('lock_timeout', v_lock_timeout, true);
END
$$;

-- SQLSTATE 40001 for a refresh at REPEATABLE READ/SERIALIZABLE that met a concurrent writer.
CREATE OR REPLACE FUNCTION public.pg_tviews__serialization_failure(p_what text)
RETURNS void
LANGUAGE plpgsql
-- No SET clause: called from callers that pin search_path.
AS $$
BEGIN
    RAISE EXCEPTION USING ERRCODE = 'serialization_failure',
        MESSAGE = format('could not serialize access: rows of %s are being refreshed or changed by a concurrent transaction', p_what),
        HINT = 'Retry the transaction.';
END
$$;

-- Qualified name of a generated helper function of a TVIEW: pg_tviews_<kind>_<entity>, in its schema
-- (kinds: parent_locks, resolve). Plain SQL, one expression: inlined into the catalog queries of
-- the write path that read a TVIEW's row anyway.
CREATE OR REPLACE FUNCTION public.pg_tviews__generated_name(p_schema text, p_kind text, p_entity text)
RETURNS text
LANGUAGE sql STABLE
-- No SET clause: called from callers that pin search_path; a clause would prevent inlining.
AS $$
    SELECT format('%I.%I', p_schema, public.pg_tviews__short_name('pg_tviews_' || p_kind || '_' || p_entity))
$$;

-- The same, for a TVIEW given by its entity.
CREATE OR REPLACE FUNCTION public.pg_tviews__generated_function(p_entity text, p_kind text)
RETURNS text
LANGUAGE plpgsql STABLE
-- No SET clause: called from callers that pin search_path; a clause would cost every call.
AS $$
BEGIN
    RETURN (SELECT public.pg_tviews__generated_name(m.schema_name, p_kind, p_entity)
            FROM public.pg_tview_meta m WHERE m.entity = p_entity);
END
$$;

-- A generated function (refresh, parent_locks, resolve) of a TVIEW that runtime code is about to
-- call by the name in the catalog: only when it is SECURITY DEFINER, as pg_tviews_create made it, so
-- that it runs as its owner. An ordinary function put at that name (by a role that may write the
-- TVIEW's catalog rows) would run with the caller's rights: the queue flush runs as the runtime's
-- owner, pg_tviews_refresh and pg_tviews_verify as whoever calls them.
CREATE OR REPLACE FUNCTION public.pg_tviews__checked_function(p_function text, p_arguments text, p_entity text)
RETURNS text
LANGUAGE plpgsql STABLE
-- No SET clause: called from callers that pin search_path; a clause would cost every call.
AS $$
BEGIN
    IF NOT coalesce((SELECT p.prosecdef FROM pg_catalog.pg_proc p
                     WHERE p.oid = pg_catalog.to_regprocedure(p_function || p_arguments)), false) THEN
        PERFORM public.pg_tviews__fail('TV050',
            format('TVIEW tv_%s: its generated function %s%s is missing or not SECURITY DEFINER; the runtime will not call it',
                   p_entity, p_function, p_arguments),
            format('Re-create the generated functions as the TVIEW''s owner: run the statements of pg_tviews_generated_sql(%L).',
                   'tv_' || p_entity));
    END IF;
    RETURN p_function;
END
$$;

-- The global lock order of TVIEW lock spaces: rank 1, 2, ... by (depth, entity); spaces not listed
-- (base tables) rank 0. Plain SQL without a SET clause, so that callers' queries inline it and
-- join it once, instead of ranking every lock on its own.
CREATE OR REPLACE FUNCTION public.pg_tviews__lock_ranks()
RETURNS TABLE (space integer, rank bigint)
LANGUAGE sql STABLE
AS $$
    SELECT hashtext(m.table_oid::text), row_number() OVER (ORDER BY m.depth, m.entity)
    FROM public.pg_tview_meta m
$$;

-- A key's bucket in its lock space: the row of pg_tviews_lock_slot (00_catalog.sql) that is its
-- refresh lock. 65,536 buckets per space: two transactions that lock m and n different keys of a
-- space wait for each other by chance with probability about m x n / 65,536 (a user rename that
-- locks 50 posts meets a writer of 50 other posts once in 26). The 16,384 buckets of earlier
-- builds made that once in 7, which doubled the deadlocks of bench/pooler-deadlocks.sh and cut
-- its throughput by a third (docs/guides/benchmarks.md). Plain SQL, one expression: inlined.
-- pg_tviews__last_bucket is the one place the count is written: the mask here, and the last row
-- that tells a complete space (pg_tviews__lock_space, pg_tviews__lock_slots); a constant in the
-- plans that call it (immutable, inlined).
CREATE OR REPLACE FUNCTION public.pg_tviews__last_bucket()
RETURNS integer
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$ SELECT 65535 $$;

CREATE OR REPLACE FUNCTION public.pg_tviews__bucket(p_key integer)
RETURNS integer
LANGUAGE sql IMMUTABLE PARALLEL SAFE
-- No SET clause: inlined into callers that pin search_path.
AS $$
    SELECT p_key & public.pg_tviews__last_bucket()
$$;

-- The rows of a lock space in pg_tviews_lock_slot (00_catalog.sql): its 65,536 buckets (about 4 MB,
-- about 110 ms). A space is complete once its last bucket exists (all are inserted by one
-- statement). A new space (the usual case: a TVIEW being created) takes a plain INSERT, which costs
-- 60 % of one with ON CONFLICT (each row's speculative insertion probes the index twice); a
-- transaction that creates the same space meanwhile makes it wait and then fail with 23505, and
-- the space is then completed the slower way, which waits for such a creator and skips its rows.
-- So does a space of an earlier build, which had 16,384.
CREATE OR REPLACE FUNCTION public.pg_tviews__lock_space(p_space integer)
RETURNS void
LANGUAGE plpgsql
-- No SET clause: called from callers that pin search_path.
AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM public.pg_tviews_lock_slot s WHERE s.space = p_space AND s.slot = public.pg_tviews__last_bucket()) THEN
        RETURN;
    END IF;
    IF NOT EXISTS (SELECT 1 FROM public.pg_tviews_lock_slot s WHERE s.space = p_space) THEN
        BEGIN
            INSERT INTO public.pg_tviews_lock_slot (space, slot)
            SELECT p_space, g FROM generate_series(0, public.pg_tviews__last_bucket()) AS g;
            RETURN;
        EXCEPTION WHEN unique_violation THEN
            NULL;  -- created meanwhile by another transaction
        END;
    END IF;
    INSERT INTO public.pg_tviews_lock_slot (space, slot)
    SELECT p_space, g FROM generate_series(0, public.pg_tviews__last_bucket()) AS g
    ON CONFLICT DO NOTHING;
END
$$;

-- A new TVIEW gives its own lock space, and each new parent rule the space of its parent table,
-- their rows (committed with the TVIEW), so that writers find them: a space without rows makes its
-- first locker create them, and the space's other writers wait for that transaction.
CREATE OR REPLACE FUNCTION public.pg_tviews__lock_space_trigger()
RETURNS trigger
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    -- One function for both tables: their columns read by name from the row as jsonb (a regclass
    -- there is its name as this pinned search_path prints it, as the flush hashes it).
    v_row jsonb := to_jsonb(NEW);
BEGIN
    IF TG_TABLE_NAME = 'pg_tview_meta' THEN
        PERFORM public.pg_tviews__lock_space(hashtext(v_row ->> 'table_oid'));
    ELSIF v_row ->> 'rule' = 'parent' THEN
        PERFORM public.pg_tviews__lock_space(hashtext(v_row ->> 'source'));
    END IF;
    RETURN NULL;
END
$$;
DROP TRIGGER IF EXISTS pg_tviews_lock_space ON public.pg_tview_meta;
CREATE TRIGGER pg_tviews_lock_space AFTER INSERT ON public.pg_tview_meta
    FOR EACH ROW EXECUTE FUNCTION public.pg_tviews__lock_space_trigger();
DROP TRIGGER IF EXISTS pg_tviews_lock_space ON public.pg_tview_source;
CREATE TRIGGER pg_tviews_lock_space AFTER INSERT ON public.pg_tview_source
    FOR EACH ROW EXECUTE FUNCTION public.pg_tviews__lock_space_trigger();
-- TVIEWs that exist when the runtime is installed again or upgraded. (Earlier builds also
-- gave a space 16 shard rows, slots -16 to -1, which no lock takes any more.)
DELETE FROM public.pg_tviews_lock_slot WHERE slot < 0;
DO $spaces$ BEGIN
    -- Qualified as under the runtime's pinned search_path, whatever the installing session's is.
    PERFORM public.pg_tviews__lock_space(hashtext(format('%I.%I', n.nspname, c.relname)))
    FROM (SELECT m.table_oid AS rel FROM public.pg_tview_meta m
          UNION SELECT s.source FROM public.pg_tview_source s WHERE s.rule = 'parent') AS x
    JOIN pg_catalog.pg_class c ON c.oid = x.rel JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace;
END $spaces$;

-- Locks bucket rows of one lock space in pg_tviews_lock_slot (00_catalog.sql), which only the
-- runtime's owner may lock, in one statement: p_slots (distinct, ascending: the global order within
-- a space) in one mode, exclusive or shared; tries without waiting when p_try. Returns the slots it
-- did not lock (busy, when trying), empty when it locked them all. A space whose rows are missing
-- (after a crash) gets them first: until that transaction ends, the space's other lockers wait for
-- it. One statement per mode and wait policy, so that each keeps its cached plan.
CREATE OR REPLACE FUNCTION public.pg_tviews__lock_slots(p_space integer, p_slots integer[], p_exclusive boolean,
                                                        p_try boolean)
RETURNS integer[]
LANGUAGE plpgsql
-- No SET clause: called from pg_tviews__take_locks (whose callers pin search_path).
AS $$
DECLARE
    v_locked integer[];
    v_count integer;
BEGIN
    FOR v_attempt IN 1 .. 2 LOOP
        IF p_try THEN
            IF p_exclusive THEN
                SELECT coalesce(array_agg(x.slot), '{}') INTO v_locked
                FROM (SELECT s.slot FROM public.pg_tviews_lock_slot s WHERE s.space = p_space AND s.slot = ANY (p_slots)
                      ORDER BY s.slot FOR UPDATE SKIP LOCKED) AS x;
            ELSE
                SELECT coalesce(array_agg(x.slot), '{}') INTO v_locked
                FROM (SELECT s.slot FROM public.pg_tviews_lock_slot s WHERE s.space = p_space AND s.slot = ANY (p_slots)
                      ORDER BY s.slot FOR KEY SHARE SKIP LOCKED) AS x;
            END IF;
            v_count := cardinality(v_locked);
        ELSIF p_exclusive THEN
            PERFORM FROM public.pg_tviews_lock_slot s WHERE s.space = p_space AND s.slot = ANY (p_slots) ORDER BY s.slot FOR UPDATE;
            GET DIAGNOSTICS v_count = ROW_COUNT;
        ELSE
            PERFORM FROM public.pg_tviews_lock_slot s WHERE s.space = p_space AND s.slot = ANY (p_slots) ORDER BY s.slot FOR KEY SHARE;
            GET DIAGNOSTICS v_count = ROW_COUNT;
        END IF;
        IF v_count = cardinality(p_slots) THEN
            RETURN '{}'::integer[];
        END IF;
        -- Busy, or the space has no rows (a space is given them when a TVIEW that locks it is
        -- created or the runtime installed; after a crash, which empties the unlogged table, by
        -- its first lock here). Creating them may wait for another transaction creating them: a
        -- late lock of a restartable flush must not wait, so it reports them busy, and the flush
        -- then waits for this lock alone, which creates them.
        IF v_attempt = 2 OR (p_try AND EXISTS (SELECT 1 FROM public.pg_tviews_lock_slot s WHERE s.space = p_space AND s.slot = public.pg_tviews__last_bucket()))
           OR coalesce(current_setting('pg_tviews.late_lock', true) = 'on', false) THEN
            RETURN ARRAY(SELECT u.slot FROM unnest(p_slots) AS u(slot) WHERE u.slot <> ALL (coalesce(v_locked, '{}')) ORDER BY 1);
        END IF;
        PERFORM public.pg_tviews__lock_space(p_space);
    END LOOP;
    RETURN p_slots;  -- not reached: the second attempt returns
END
$$;

-- Takes one key's refresh lock: the row of its bucket (pg_tviews__bucket), exclusive or shared; tries
-- without waiting when p_try (false: it was busy). With the isolation guard (p_guard), a shared
-- key's guard row is written right after its lock, so that waiting for that row comes in the
-- global lock order.
DROP FUNCTION IF EXISTS public.pg_tviews__lock_one(integer, integer, boolean, boolean, boolean, boolean);
CREATE OR REPLACE FUNCTION public.pg_tviews__lock_one(p_space integer, p_key integer, p_exclusive boolean,
                                                      p_try boolean, p_guard boolean)
RETURNS boolean
LANGUAGE plpgsql
-- No SET clause: called from pg_tviews__take_locks (whose callers pin search_path).
AS $$
BEGIN
    IF cardinality(public.pg_tviews__lock_slots(p_space, ARRAY[public.pg_tviews__bucket(p_key)], p_exclusive, p_try)) > 0 THEN
        RETURN false;
    END IF;
    IF p_guard AND NOT p_exclusive THEN
        PERFORM public.pg_tviews__guard(ARRAY[ROW(p_space, p_key, false)::public.pg_tviews_lock]);
    END IF;
    RETURN true;
END
$$;

-- The rows to lock, one per (space, bucket), in the global lock order (see pg_tviews__take_locks):
-- spaces by rank, buckets ascending within a space; a bucket wanted exclusively by one key and
-- shared by another is locked exclusively (never shared first and upgraded later, which deadlocks
-- two transactions that both hold it shared). key: one of the bucket's keys; ord: the position.
-- (It replaces pg_tviews__lock_order, which returned one row per key with shard locks.)
DROP FUNCTION IF EXISTS public.pg_tviews__lock_order(public.pg_tviews_lock[]);
CREATE OR REPLACE FUNCTION public.pg_tviews__bucket_order(p_locks public.pg_tviews_lock[])
RETURNS TABLE (space integer, slot integer, key integer, exclusive boolean, ord bigint)
LANGUAGE sql STABLE
-- No SET clause, plain SQL: inlined into pg_tviews__take_locks's statements (which pin search_path).
AS $$
    SELECT b.space, b.slot, b.key, b.exclusive, row_number() OVER (ORDER BY b.rank, b.space, b.slot)
    FROM (SELECT l.space, public.pg_tviews__bucket(l.key) AS slot, min(l.key) AS key, bool_or(l.exclusive) AS exclusive,
                 coalesce(min(r.rank), 0) AS rank
          FROM unnest(p_locks) AS l LEFT JOIN public.pg_tviews__lock_ranks() AS r ON r.space = l.space
          GROUP BY l.space, public.pg_tviews__bucket(l.key)) AS b
    ORDER BY 5
$$;

-- (pg_tviews__space_rank, the rank of one space, was folded into the flush's next-TVIEW query.)
DROP FUNCTION IF EXISTS public.pg_tviews__space_rank(integer);

-- (pg_tviews__locks_ranked, the locks of a range of ranks, was folded into the flush, which reads
-- the ranks once and splits its stashed locks by position.)
DROP FUNCTION IF EXISTS public.pg_tviews__locks_ranked(public.pg_tviews_lock[], bigint, bigint);
