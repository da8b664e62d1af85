-- Runs plpgsql_check over every PL/pgSQL function of the database that sql/check/plpgsql-check.sh
-- prepared (runtime installed, fixture TVIEWs created) and stores what it reports in
-- plcheck.finding. Run by that script; see its header.
\set ON_ERROR_STOP 1
SET search_path = pg_catalog;   -- function names print schema-qualified, as the keys need them
SET client_min_messages = warning;

CREATE SCHEMA plcheck;

-- What to check: every PL/pgSQL function outside the system schemas, with its kind.
--   generated: named by the TVIEW catalog (refresh, parent_locks, resolve, trigger functions);
--   runtime:   the rest (the runtime's own functions, public.pg_tview*).
-- A trigger function is checked once per table that one of its triggers is on, with that
-- table's transition-table names (plpgsql_check needs them to resolve the trigger's queries).
CREATE TABLE plcheck.target (
    fn       regprocedure NOT NULL,
    kind     text NOT NULL,
    relid    regclass,
    oldtable name,
    newtable name
);

CREATE TEMP TABLE generated (fn oid, kind text);
INSERT INTO generated
SELECT to_regprocedure(m.refresh_function || '(bigint[], text[], bigint[])'), 'generated refresh'
FROM public.pg_tview_meta m
UNION ALL
SELECT to_regprocedure(public.pg_tviews__generated_function(m.entity, 'parent_locks') || '(bigint[], text[], bigint[])'),
       'generated parent_locks'
FROM public.pg_tview_meta m
UNION ALL
SELECT to_regprocedure(public.pg_tviews__generated_function(m.entity, 'resolve') || '(text[], bigint[])'),
       'generated resolve'
FROM public.pg_tview_meta m
UNION ALL
SELECT DISTINCT to_regprocedure(s.trigger_function || '()'), 'generated trigger'
FROM public.pg_tview_source s;
DELETE FROM generated WHERE fn IS NULL;  -- parent_locks/resolve exist only for TVIEWs with parent rules

INSERT INTO plcheck.target (fn, kind, relid, oldtable, newtable)
SELECT p.oid, coalesce(g.kind, 'runtime'), t.relid, t.oldtable, t.newtable
FROM pg_proc p
JOIN pg_namespace n ON n.oid = p.pronamespace
JOIN pg_language l ON l.oid = p.prolang
LEFT JOIN generated g ON g.fn = p.oid
LEFT JOIN LATERAL (
    SELECT tg.tgrelid::regclass AS relid, max(tg.tgoldtable) AS oldtable, max(tg.tgnewtable) AS newtable
    FROM pg_trigger tg WHERE tg.tgfoid = p.oid GROUP BY tg.tgrelid
) t ON p.prorettype = 'trigger'::regtype
WHERE l.lanname = 'plpgsql'
  AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'plpgsql_check', 'plcheck')
  AND n.nspname NOT LIKE 'pg\_toast%' AND n.nspname NOT LIKE 'pg\_temp%';

CREATE TABLE plcheck.finding (
    fn        text NOT NULL,
    kind      text NOT NULL,
    relid     text,
    lineno    integer,
    statement text,
    sqlstate  text,
    message   text,
    detail    text,
    hint      text,
    level     text,
    "position" integer,
    query     text,
    context   text
);

-- Each function on its own: a check that fails outright (plpgsql_check raising rather than
-- reporting) is a finding too, never a reason to skip the others.
DO $check$
DECLARE
    t record;
BEGIN
    FOR t IN SELECT * FROM plcheck.target ORDER BY fn::text, relid::text LOOP
        BEGIN
            IF (SELECT p.prorettype = 'trigger'::regtype FROM pg_proc p WHERE p.oid = t.fn) AND t.relid IS NULL THEN
                INSERT INTO plcheck.finding (fn, kind, level, sqlstate, message)
                VALUES (t.fn::text, t.kind, 'error', 'P0001', 'not checked: no trigger uses this trigger function');
                CONTINUE;
            END IF;
            INSERT INTO plcheck.finding
            SELECT t.fn::text, t.kind, t.relid::text, r.lineno, r.statement, r.sqlstate, r.message, r.detail,
                   r.hint, r.level, r."position", r.query, r.context
            FROM plpgsql_check.plpgsql_check_function_tb(
                     t.fn,
                     relid => coalesce(t.relid, 0),
                     fatal_errors => false,
                     other_warnings => true,
                     performance_warnings => false,
                     extra_warnings => true,
                     security_warnings => true,
                     compatibility_warnings => true,
                     oldtable => t.oldtable,
                     newtable => t.newtable) AS r;
        EXCEPTION WHEN OTHERS THEN
            INSERT INTO plcheck.finding (fn, kind, relid, level, sqlstate, message)
            VALUES (t.fn::text, t.kind, t.relid::text, 'error', SQLSTATE, 'check failed: ' || SQLERRM);
        END;
    END LOOP;
END
$check$;

-- Self-test: a planted injection and a planted unknown column in a trigger's transition table
-- must both be reported, or the check proves nothing (plpgsql_check changed, or options dropped).
CREATE FUNCTION plcheck.canary(p_table text) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE 'TRUNCATE ' || p_table;
END
$$;
CREATE TABLE plcheck.canary_table (k integer);
CREATE FUNCTION plcheck.canary_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM count(n.no_such_column) FROM canary_new AS n;
    RETURN NULL;
END
$$;
CREATE TRIGGER canary AFTER INSERT ON plcheck.canary_table REFERENCING NEW TABLE AS canary_new
    FOR EACH STATEMENT EXECUTE FUNCTION plcheck.canary_trigger();
CREATE TABLE plcheck.self_test AS
SELECT 'security warning on a planted injection' AS what,
       EXISTS (SELECT 1 FROM plpgsql_check.plpgsql_check_function_tb('plcheck.canary(text)',
                   fatal_errors => false, performance_warnings => false, extra_warnings => true,
                   security_warnings => true) AS r WHERE r.level = 'security') AS found
UNION ALL
SELECT 'error on a planted unknown column of a transition table',
       EXISTS (SELECT 1 FROM plpgsql_check.plpgsql_check_function_tb('plcheck.canary_trigger()', 'plcheck.canary_table',
                   fatal_errors => false, performance_warnings => false, extra_warnings => true,
                   security_warnings => true, newtable => 'canary_new') AS r WHERE r.sqlstate = '42703');
