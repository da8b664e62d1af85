-- The refresh queue and its flush. Source triggers only compute keys and enqueue them; the flush
-- recomputes queued keys TVIEW by TVIEW in dependency order (depth, then entity), so each row is
-- recomputed once per flush even when several paths reach it, and locks are always taken in one
-- global order. Immediate TVIEWs are flushed by a last trigger on every source table at the end
-- of each statement; deferred TVIEWs at COMMIT by a deferred constraint trigger.

-- A setting as a session set it (p_override), checked, made no weaker than the database's value.
CREATE OR REPLACE FUNCTION public.pg_tviews__session_setting(p_name text, p_override text, p_database text)
RETURNS text
LANGUAGE plpgsql STABLE
-- No SET clause: called from callers that pin search_path; a clause would cost every call.
AS $$
BEGIN
    IF NOT public.pg_tviews__valid_setting(p_name, p_override) THEN
        PERFORM public.pg_tviews__fail('TV060', format('invalid value %L for setting pg_tviews.%s', p_override, p_name),
            format('RESET pg_tviews.%s, or SET it to a valid value (see pg_tviews_settings).', p_name));
    END IF;
    RETURN CASE p_name
        WHEN 'isolation_guard' THEN CASE WHEN p_database = 'on' THEN 'on' ELSE p_override END
        WHEN 'metrics_enabled' THEN CASE WHEN p_database = 'on' THEN 'on' ELSE p_override END
        WHEN 'max_cascade_depth' THEN least(p_override::integer, p_database::integer)::text
        ELSE p_override END;
END
$$;

-- The settings the runtime knows, in the order of pg_tviews__database_setting.
CREATE OR REPLACE FUNCTION public.pg_tviews__setting_names()
RETURNS text[]
LANGUAGE sql IMMUTABLE
AS $$ SELECT ARRAY['default_refresh_mode', 'max_cascade_depth', 'metrics_enabled', 'isolation_guard'] $$;

-- Compiles a setting's database-wide value (NULL: no row) into the function pg_tviews__setting_<name>,
-- which returns it as a constant. Called by the trigger on pg_tviews_settings, in the transaction
-- that changes the row: other sessions see the new function when it commits, as they saw the row,
-- and their cached plans that inlined the old one are invalidated with it. Two transactions that
-- change one setting queue on its row first, so the function ends as the row does.
CREATE OR REPLACE FUNCTION public.pg_tviews__compile_setting(p_name text, p_value text)
RETURNS void
LANGUAGE plpgsql
-- No SET clause: called from the settings trigger, which pins search_path.
AS $$
DECLARE
    v_function text := format('public.%I()', 'pg_tviews__setting_' || p_name);
BEGIN
    IF p_name <> ALL (public.pg_tviews__setting_names()) THEN
        RETURN;  -- no code reads a setting the runtime does not know
    END IF;
    EXECUTE format('CREATE OR REPLACE FUNCTION %s RETURNS text LANGUAGE sql STABLE AS %L', v_function,
                   format('SELECT %L::text', p_value));
    -- Readable by every role, as the table is: pg_tviews__setting inlines it in the caller's rights.
    EXECUTE format('GRANT EXECUTE ON FUNCTION %s TO PUBLIC', v_function);
END
$$;

CREATE OR REPLACE FUNCTION public.pg_tviews__settings_trigger()
RETURNS trigger
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF TG_OP = 'TRUNCATE' THEN
        PERFORM public.pg_tviews__compile_setting(n, NULL) FROM unnest(public.pg_tviews__setting_names()) AS n;
        RETURN NULL;
    END IF;
    IF TG_OP IN ('UPDATE', 'DELETE') AND (TG_OP = 'DELETE' OR OLD.name <> NEW.name) THEN
        PERFORM public.pg_tviews__compile_setting(OLD.name, NULL);
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        PERFORM public.pg_tviews__compile_setting(NEW.name, NEW.value);
    END IF;
    RETURN NULL;
END
$$;

-- The compiled settings, declared here (the install's privilege check lists the runtime's objects
-- from these scripts), then each compiled as the table holds it now (an install or upgrade).
CREATE OR REPLACE FUNCTION public.pg_tviews__setting_default_refresh_mode() RETURNS text LANGUAGE sql STABLE AS $$ SELECT NULL::text $$;
CREATE OR REPLACE FUNCTION public.pg_tviews__setting_max_cascade_depth() RETURNS text LANGUAGE sql STABLE AS $$ SELECT NULL::text $$;
CREATE OR REPLACE FUNCTION public.pg_tviews__setting_metrics_enabled() RETURNS text LANGUAGE sql STABLE AS $$ SELECT NULL::text $$;
CREATE OR REPLACE FUNCTION public.pg_tviews__setting_isolation_guard() RETURNS text LANGUAGE sql STABLE AS $$ SELECT NULL::text $$;
SELECT public.pg_tviews__compile_setting(n, (SELECT s.value FROM public.pg_tviews_settings s WHERE s.name = n))
FROM unnest(public.pg_tviews__setting_names()) AS n;
DROP TRIGGER IF EXISTS pg_tviews_settings_compile ON public.pg_tviews_settings;
CREATE TRIGGER pg_tviews_settings_compile AFTER INSERT OR UPDATE OR DELETE ON public.pg_tviews_settings
    FOR EACH ROW EXECUTE FUNCTION public.pg_tviews__settings_trigger();
DROP TRIGGER IF EXISTS pg_tviews_settings_compile_truncate ON public.pg_tviews_settings;
CREATE TRIGGER pg_tviews_settings_compile_truncate AFTER TRUNCATE ON public.pg_tviews_settings
    FOR EACH STATEMENT EXECUTE FUNCTION public.pg_tviews__settings_trigger();

-- A setting's database-wide value: with a constant name (every caller's), inlined and folded into
-- the one function's constant.
CREATE OR REPLACE FUNCTION public.pg_tviews__database_setting(p_name text)
RETURNS text
LANGUAGE sql STABLE
AS $$
    SELECT CASE p_name
        WHEN 'default_refresh_mode' THEN public.pg_tviews__setting_default_refresh_mode()
        WHEN 'max_cascade_depth' THEN public.pg_tviews__setting_max_cascade_depth()
        WHEN 'metrics_enabled' THEN public.pg_tviews__setting_metrics_enabled()
        WHEN 'isolation_guard' THEN public.pg_tviews__setting_isolation_guard() END
$$;

-- A setting: the session's SET pg_tviews.<name> when present, else the pg_tviews_settings row. A
-- session may make a setting that guards the read models stricter for itself, never weaker: it
-- may switch isolation_guard and metrics_enabled on but not off, and lower max_cascade_depth but
-- not raise it (an application role must not be able to switch off what the DBA switched on).
-- Plain SQL, inlined into the caller's expression: the database-wide value is compiled into a
-- function of its own (pg_tviews__compile_setting), a constant once inlined, so that a write reads
-- no table for it; only a session that set the option pays a call (pg_tviews__session_setting).
CREATE OR REPLACE FUNCTION public.pg_tviews__setting(p_name text)
RETURNS text
LANGUAGE sql STABLE
-- No SET clause: it would stop the inlining; called from callers that pin search_path.
AS $$
    SELECT CASE WHEN nullif(pg_catalog.current_setting('pg_tviews.' || p_name, true), '') IS NULL
                THEN public.pg_tviews__database_setting(p_name)
                ELSE public.pg_tviews__session_setting(p_name, pg_catalog.current_setting('pg_tviews.' || p_name, true),
                                                       public.pg_tviews__database_setting(p_name)) END
$$;

CREATE OR REPLACE FUNCTION public.pg_tviews__valid_setting(p_name text, p_value text)
RETURNS boolean
LANGUAGE sql IMMUTABLE
-- No SET clause: called from callers that pin search_path; a clause would cost every call.
AS $$
    SELECT CASE p_name
        WHEN 'default_refresh_mode' THEN coalesce(p_value IN ('immediate', 'deferred'), false)
        WHEN 'max_cascade_depth' THEN coalesce(p_value ~ '^[0-9]{1,4}$', false)
        WHEN 'metrics_enabled' THEN coalesce(p_value IN ('on', 'off'), false)
        WHEN 'isolation_guard' THEN coalesce(p_value IN ('on', 'off'), false)
        ELSE false END
$$;

-- Changes a database-wide setting; returns the new value.
CREATE OR REPLACE FUNCTION public.pg_tviews_set(setting_name text, setting_value text)
RETURNS text
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM public.pg_tviews_settings WHERE name = setting_name) THEN
        PERFORM public.pg_tviews__fail('TV060', format('unknown setting %L', setting_name),
            'SELECT name, value, description FROM pg_tviews_settings lists the settings.');
    END IF;
    IF NOT public.pg_tviews__valid_setting(setting_name, setting_value) THEN
        PERFORM public.pg_tviews__fail('TV060', format('invalid value %L for setting %s', setting_value, setting_name),
            CASE setting_name WHEN 'default_refresh_mode' THEN 'Use immediate or deferred.'
                              WHEN 'metrics_enabled' THEN 'Use on or off.'
                              WHEN 'isolation_guard' THEN 'Use on or off.'
                              ELSE 'Use a whole number from 0 to 9999.' END);
    END IF;
    UPDATE public.pg_tviews_settings SET value = setting_value WHERE name = setting_name;
    RETURN setting_value;
END
$$;

-- Adds n to a per-transaction counter (a transaction-local custom option: gone at commit or
-- rollback, undone by ROLLBACK TO SAVEPOINT, never visible to the next transaction).
CREATE OR REPLACE FUNCTION public.pg_tviews__counter(p_counter text)
RETURNS bigint
LANGUAGE sql STABLE
-- No SET clause: called from callers that pin search_path; a clause would cost every call.
-- Plain SQL: callers' expressions inline it.
AS $$
    SELECT coalesce(nullif(pg_catalog.current_setting('pg_tviews.tx_' || p_counter, true), ''), '0')::bigint
$$;

CREATE OR REPLACE FUNCTION public.pg_tviews__count(p_counter text, p_n bigint)
RETURNS void
LANGUAGE plpgsql
-- No SET clause: called from callers that pin search_path; a clause would cost every call.
AS $$
BEGIN
    PERFORM set_config('pg_tviews.tx_' || p_counter, (public.pg_tviews__counter(p_counter) + p_n)::text, true);
END
$$;

-- Chooses how the statements of the next refresh step are planned, by how many keys it handles.
-- The runtime's statements take key arrays as parameters; left to itself ("auto"), PostgreSQL
-- keeps planning them afresh on every call (a custom plan for one key always looks cheaper than
-- the generic one), and planning a statement that reads a view costs far more than running it for
-- a few keys. Few keys: the cached generic plan, made without hash and merge joins. A generic
-- plan assumes an array parameter holds 10 elements, and for 10 rows it hashes a whole parent
-- table: the product view of the benchmark hashed all 1,000 categories for every product written
-- (0.4 ms), a view joining 10,000 users all of them; index lookups cost microseconds. Many keys: a
-- plan made for those keys every time (hash joins where they pay), never cached, so that the one
-- generic plan is always the few-keys one. Set locally; the SET clauses of pg_tviews__flush,
-- pg_tviews__direct_flush, pg_tviews__refresh_keys and the generated triggers' direct path
-- (pg_tviews__direct_begin sets them for the trigger's upsert) restore the caller's values.
-- Plain SQL without a SET clause (which would undo the setting): inlined into its callers'
-- expressions, no function call; the options are left alone when they already hold the class
-- (a flush plans one TVIEW after another, mostly for few keys). Returns whether it set them.
CREATE OR REPLACE FUNCTION public.pg_tviews__plan_keys(p_keys integer)
RETURNS boolean
LANGUAGE sql VOLATILE
AS $$
    SELECT CASE WHEN current_setting('plan_cache_mode') = CASE WHEN p_keys > 64 THEN 'force_custom_plan' ELSE 'force_generic_plan' END
                     AND current_setting('enable_hashjoin') = CASE WHEN p_keys > 64 THEN 'on' ELSE 'off' END
                     AND current_setting('enable_mergejoin') = CASE WHEN p_keys > 64 THEN 'on' ELSE 'off' END THEN false
                ELSE set_config('plan_cache_mode', CASE WHEN p_keys > 64 THEN 'force_custom_plan' ELSE 'force_generic_plan' END, true)
                     || set_config('enable_hashjoin', CASE WHEN p_keys > 64 THEN 'on' ELSE 'off' END, true)
                     || set_config('enable_mergejoin', CASE WHEN p_keys > 64 THEN 'on' ELSE 'off' END, true) IS NOT NULL END
$$;
-- (It replaces pg_tviews__plan_for, a PL/pgSQL function of the same purpose.)
DROP FUNCTION IF EXISTS public.pg_tviews__plan_for(integer);

-- Queues keys of a TVIEW (p_via = '') or changed parent key values for its lineage column p_via.
-- A transaction that queues work gets its commit hook (pg_tviews_commit_hook), which flushes the
-- queue at COMMIT, unless the work is an immediate TVIEW's, queued by a trigger: the generated
-- source triggers fire with tview_zz_flush, which flushes it at the end of the statement, and a
-- refresh's writes are queued while the flush runs, which takes them too. So a single-statement
-- write pays for no hook row, no deferred trigger event and no second flush at COMMIT. Work
-- queued by a direct call (pg_tviews_cascade, a TVIEW owner's own code) still gets its hook and
-- is refreshed before the transaction commits, never left in the queue. So does work that a
-- trigger on a TVIEW table queues (p_hook: such a table has no flush trigger) when no flush or
-- direct refresh runs (pg_tviews_refresh, a statement of the table's owner), as
-- pg_tviews__in_flush tells: its token is the sequence's current value, which only the runtime
-- sets (a token a session SETs by hand before any flush ran matches none: the hook is kept).
-- p_parents (keys): false when the statement pointed none of these keys' rows at another parent
-- (the generated trigger's v_parents, as for pg_tviews__direct_begin): the flush then computes no
-- parent locks for them (pg_tviews_queue.parents; a key queued both ways keeps true). Every TVIEW
-- owner may call this for any TVIEW, but a false it passes changes nothing: committed TVIEW rows
-- agree with their views, so only a write of the same transaction can point a row at another
-- parent, and that write's own trigger queues the key with true.
DROP FUNCTION IF EXISTS public.pg_tviews__enqueue(text, bigint[], text);
DROP FUNCTION IF EXISTS public.pg_tviews__enqueue(text, bigint[], text, boolean);
CREATE OR REPLACE FUNCTION public.pg_tviews__enqueue(p_entity text, p_keys bigint[], p_via text DEFAULT '',
                                                     p_hook boolean DEFAULT false, p_parents boolean DEFAULT true)
RETURNS void
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
SET plan_cache_mode = force_generic_plan  -- see pg_tviews__plan_keys
AS $$
DECLARE
    v_xid xid8;
    v_added bigint;
    v_coalesced bigint;
    v_offered bigint;
BEGIN
    IF coalesce(cardinality(p_keys), 0) = 0 THEN
        RETURN;  -- statements that changed no row (an upsert's empty INSERT half, say) cost nothing
    END IF;
    v_xid := pg_current_xact_id();
    -- hits counts the calls that offered a key (the metrics' enqueued and coalesced): keys queued
    -- already count one more call, the others are inserted. (One UPDATE probe and an INSERT that
    -- skips conflicts cost less than an upsert returning which rows it inserted.)
    UPDATE public.pg_tviews_queue q SET hits = q.hits + 1, parents = q.parents OR coalesce(p_parents, true)
    WHERE q.xid = v_xid AND q.entity = p_entity AND q.via = p_via AND q.pk = ANY (p_keys);
    GET DIAGNOSTICS v_coalesced = ROW_COUNT;
    INSERT INTO public.pg_tviews_queue (xid, entity, via, pk, parents)
    SELECT DISTINCT v_xid, p_entity, p_via, k, coalesce(p_parents, true) FROM unnest(p_keys) AS u(k) WHERE k IS NOT NULL
    ON CONFLICT DO NOTHING;
    GET DIAGNOSTICS v_added = ROW_COUNT;
    v_offered := v_added + v_coalesced;
    -- Both counters in one statement (see pg_tviews__count).
    PERFORM set_config('pg_tviews.tx_pending', 'on', true),  -- see pg_tviews__flush_trigger
            set_config('pg_tviews.tx_enqueued', (public.pg_tviews__counter('enqueued') + v_offered)::text, true),
            set_config('pg_tviews.tx_coalesced', (public.pg_tviews__counter('coalesced') + v_coalesced)::text, true);
    -- Inside a direct refresh (pg_tviews__direct_begin) the hook is kept: pg_tviews__direct_end
    -- flushes what the refresh queued, and a caller that began one and never ended it must not
    -- leave this work unflushed.
    IF v_added > 0 AND (pg_trigger_depth() = 0 OR (public.pg_tviews__direct_nested() AND public.pg_tviews__in_direct_refresh(NULL))
            OR (p_hook AND NOT public.pg_tviews__in_flush())
            OR NOT EXISTS (SELECT 1 FROM public.pg_tview_meta m WHERE m.entity = p_entity AND m.refresh_mode = 'immediate')) THEN
        INSERT INTO public.pg_tviews_commit_hook (xid) VALUES (v_xid) ON CONFLICT DO NOTHING;
    END IF;
END
$$;

-- Forgets the current transaction's queued keys of a TVIEW that is being dropped. Only once its
-- catalog row is gone (pg_tviews_drop deletes it first): every owner of a TVIEW may call this, and
-- must not make its transaction skip the refresh of a TVIEW that stays (90_privileges.sql).
CREATE OR REPLACE FUNCTION public.pg_tviews__dequeue(p_entity text)
RETURNS void
LANGUAGE sql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
    DELETE FROM public.pg_tviews_queue q WHERE q.xid = pg_current_xact_id_if_assigned() AND q.entity = p_entity
       AND NOT EXISTS (SELECT 1 FROM public.pg_tview_meta m WHERE m.entity = p_entity)
$$;

-- The parent-key locks a refresh of these keys of a TVIEW needs (its generated parent_locks
-- function). Changed parent keys alone (lineage items, no keys yet: the common case of a cascade)
-- need only their exclusive locks, which the catalog gives without calling generated code; the
-- generated function's first branches compute exactly these.
CREATE OR REPLACE FUNCTION public.pg_tviews__parent_locks(p_entity text, p_keys bigint[], p_vias text[], p_values bigint[])
RETURNS public.pg_tviews_lock[]
LANGUAGE plpgsql STABLE
-- No SET clause: called from callers that pin search_path (hashtext of a regclass's text
-- depends on it, and must equal what the generator computed under the same pinned path).
AS $$
DECLARE
    v_locks public.pg_tviews_lock[];
    v_function text;
    v_checked boolean;
BEGIN
    IF coalesce(cardinality(p_keys), 0) = 0 THEN
        RETURN ARRAY(SELECT ROW(hashtext(s.source::text), hashint8(u.val), true)::public.pg_tviews_lock
                     FROM unnest(p_vias, p_values) AS u(via, val)
                     JOIN public.pg_tview_source s ON s.entity = p_entity AND s.rule = 'parent' AND s.tview_column = u.via);
    END IF;
    -- The generated function's name (pg_tviews__generated_function) and what
    -- pg_tviews__checked_function checks, in one query rather than two calls.
    SELECT f.name, coalesce((SELECT p.prosecdef FROM pg_proc p WHERE p.oid = to_regprocedure(f.name || '(bigint[],text[],bigint[])')), false)
      INTO v_function, v_checked
    FROM (SELECT public.pg_tviews__generated_name(m.schema_name, 'parent_locks', m.entity)
          FROM public.pg_tview_meta m WHERE m.entity = p_entity) AS f(name);
    EXECUTE format('SELECT ARRAY(SELECT l FROM %s($1, $2, $3) AS l)', CASE WHEN v_checked THEN v_function
                   ELSE public.pg_tviews__checked_function(v_function, '(bigint[],text[],bigint[])', p_entity) END)
        INTO v_locks USING p_keys, p_vias, p_values;
    RETURN v_locks;
END
$$;

-- The keys of a TVIEW's rows that point at changed parent keys (p_vias[i], p_values[i]), whose
-- parent keys the caller has locked. A row found this way may be entering the TVIEW (a post
-- published again brings its comments back), and then also reads parents that no queued change
-- named (the comments' authors): those parent keys are locked here, before the refresh reads them.
-- They come after TVIEW keys in the lock order, so a writer of such a parent that waits for this
-- transaction's TVIEW keys can deadlock with it (40P01, retried); a stale row is never committed.
CREATE OR REPLACE FUNCTION public.pg_tviews__resolve_lineage(p_entity text, p_vias text[], p_values bigint[])
RETURNS bigint[]
LANGUAGE plpgsql
-- No SET clause: called from callers that pin search_path; a clause would cost every call.
AS $$
DECLARE
    v_keys bigint[];
BEGIN
    EXECUTE format('SELECT %s($1, $2)', public.pg_tviews__checked_function(
                       public.pg_tviews__generated_function(p_entity, 'resolve'), '(text[],bigint[])', p_entity))
        INTO v_keys USING p_vias, p_values;
    IF cardinality(v_keys) > 0 THEN
        PERFORM public.pg_tviews__take_late_locks(public.pg_tviews__parent_locks(p_entity, v_keys, '{}', '{}'));
    END IF;
    RETURN v_keys;
END
$$;

-- The first step of a flush at each depth, before any TVIEW key of that depth is locked: for
-- each TVIEW of the depth with parent rules, the parent keys of queued work that the flush's
-- first phase did not see (it cascaded here since), then its lineage items resolved into queued
-- keys (pg_tviews__resolve_lineage also locks the parents of rows that enter the TVIEW through
-- them). These base-table locks come late in the global order, but before this depth's keys: a
-- writer of such a parent that waits for keys of this depth or deeper cannot deadlock with us.
-- (Refreshes at one depth only queue work for deeper TVIEWs, so nothing new arrives here later.)
-- Returns the resolved keys per TVIEW ({"entity": "{1,2}"}): the flush refreshes them with that
-- TVIEW's queued keys and drops its lineage items from the queue then (writing thousands of
-- resolved keys into the queue only to read them back cost a bulk write more than the lookup).
-- (It replaces pg_tviews__resolve_level of earlier builds, which returned void: a new name, not a
-- DROP and CREATE of the old one, which would make whoever re-runs install.sql its owner.)
DROP FUNCTION IF EXISTS public.pg_tviews__resolve_level(xid8, integer, boolean, jsonb);
CREATE OR REPLACE FUNCTION public.pg_tviews__resolve_depth(p_xid xid8, p_depth integer, p_all boolean, p_seen jsonb)
RETURNS jsonb
LANGUAGE plpgsql
-- No SET clause: called from the flush, which pins search_path.
AS $$
DECLARE
    v_entity text;
    v_keys bigint[];
    v_vias text[];
    v_values bigint[];
    v_resolved jsonb := '{}';
BEGIN
    -- One query for the TVIEWs of the depth and their queued work (not one more per TVIEW).
    FOR v_entity, v_keys, v_vias, v_values IN
        SELECT q.entity,
               coalesce(array_agg(q.pk ORDER BY q.pk) FILTER (WHERE q.via = '' AND q.parents), '{}'),
               coalesce(array_agg(q.via ORDER BY q.via, q.pk) FILTER (WHERE q.via <> ''), '{}'),
               coalesce(array_agg(q.pk ORDER BY q.via, q.pk) FILTER (WHERE q.via <> ''), '{}')
        FROM public.pg_tviews_queue q
        JOIN public.pg_tview_meta m ON m.entity = q.entity
        WHERE q.xid = p_xid AND m.depth = p_depth AND (p_all OR m.refresh_mode = 'immediate')
          AND EXISTS (SELECT 1 FROM public.pg_tview_source s WHERE s.entity = q.entity AND s.rule = 'parent')
        GROUP BY q.entity ORDER BY 1 LOOP
        PERFORM public.pg_tviews__plan_keys(cardinality(v_keys) + cardinality(v_values));
        -- The first phase locked the parents of the keys it saw (p_seen: their number; keys are only
        -- ever added): unless keys came since, only the changed parents still need their locks.
        IF (p_seen ->> v_entity)::bigint IS DISTINCT FROM cardinality(v_keys) THEN
            PERFORM public.pg_tviews__take_late_locks(public.pg_tviews__parent_locks(v_entity, v_keys, v_vias, v_values));
        ELSIF cardinality(v_vias) > 0 THEN
            PERFORM public.pg_tviews__take_late_locks(public.pg_tviews__parent_locks(v_entity, '{}', v_vias, v_values));
        END IF;
        IF cardinality(v_vias) > 0 THEN
            v_keys := public.pg_tviews__resolve_lineage(v_entity, v_vias, v_values);
            PERFORM public.pg_tviews__count('lineage_items', cardinality(v_values));
            v_resolved := v_resolved || jsonb_build_object(v_entity, v_keys::text);
        END IF;
    END LOOP;
    RETURN v_resolved;
END
$$;

-- Whether a flush is running in this transaction. The running flush sets a random token both into
-- the session option pg_tviews.flush_token and, with setval, as this session's currval of the
-- runtime-owned sequence pg_tviews_flush_token, which no other role may read: a token that any
-- role SET by hand matches no currval (and before the session's first flush there is none), so it
-- cannot make the flush believe it is already running and skip its work. Called by the flush
-- trigger and the flush (SECURITY DEFINER, as the runtime's owner); an empty option costs no lookup.
CREATE OR REPLACE FUNCTION public.pg_tviews__in_flush()
RETURNS boolean
LANGUAGE plpgsql
-- No SET clause: called from callers that pin search_path; a clause would cost every call.
AS $$
DECLARE
    v_token text := current_setting('pg_tviews.flush_token', true);
BEGIN
    IF v_token IS NULL OR v_token = '' THEN
        RETURN false;
    END IF;
    BEGIN
        RETURN v_token = currval('public.pg_tviews_flush_token'::regclass)::text;
    EXCEPTION WHEN object_not_in_prerequisite_state THEN
        RETURN false;  -- no flush ever ran in this session: the option was SET by hand
    END;
END
$$;

-- Marks the start (p_running) or the end of a flush: the token of pg_tviews__in_flush, and the
-- plain marker pg_tviews.flushing = on that refresh functions generated by earlier builds read.
-- The flush's own options (late_lock) start empty, whatever a session SET them to. Starting, it
-- clears pg_tviews.tx_pending: the flush takes every immediate key queued so far, and what its
-- refreshes queue sets the option again; so the statement triggers that its refreshes' writes fire
-- on TVIEW tables (pg_tviews__flush_trigger) do not each ask whether a flush is running. (A flush
-- that fails rolls the option back with its subtransaction or transaction.)
-- Plain SQL without a SET clause, one expression: inlined into the callers' statements, no
-- function call (callers pin search_path). The token is the value setval returns, set once.
CREATE OR REPLACE FUNCTION public.pg_tviews__flush_mark(p_running boolean)
RETURNS text
LANGUAGE sql VOLATILE
AS $$
    SELECT CASE WHEN p_running
                -- Even: a queue flush's token (a direct refresh's is odd, see pg_tviews__direct_begin).
                THEN set_config('pg_tviews.flush_token', setval('public.pg_tviews_flush_token'::regclass,
                         ('x' || substr(md5(gen_random_uuid()::text), 1, 16))::bit(64)::bigint & -2)::text, true)
                     || set_config('pg_tviews.flushing', 'on', true)
                     || set_config('pg_tviews.late_lock', '', true)
                     || set_config('pg_tviews.tx_pending', '', true)
                ELSE set_config('pg_tviews.flush_token', '', true)
                     || set_config('pg_tviews.flushing', '', true)
                     || set_config('pg_tviews.late_lock', '', true) END
$$;
-- (It replaces pg_tviews__mark_flush, a PL/pgSQL function of the same purpose.)
DROP FUNCTION IF EXISTS public.pg_tviews__mark_flush(boolean);

-- Calls a TVIEW's refresh function for keys whose locks the caller holds: what it changed, and
-- the refresh's metrics row for pg_tviews__metrics_record (entity, seconds, keys, keys it queued
-- for dependants, its refresh_rows report, calls that offered the keys). The function is checked
-- (pg_tviews__checked_function) unless the caller read, with the TVIEW, that it is SECURITY
-- DEFINER (p_checked). The refresh step of the queue flush.
CREATE OR REPLACE FUNCTION public.pg_tviews__refresh_call(p_entity text, p_function text, p_checked boolean,
                                                          p_keys bigint[], p_offered bigint,
                                                          OUT changed integer, OUT metrics text[])
LANGUAGE plpgsql
-- No SET clause: called from the flushes, which pin search_path.
AS $$
DECLARE
    v_t0 timestamptz := clock_timestamp();
    v_enqueued bigint := public.pg_tviews__counter('enqueued');
BEGIN
    EXECUTE format('SELECT %s($1, $2, $3)', CASE WHEN p_checked THEN p_function
                   ELSE public.pg_tviews__checked_function(p_function, '(bigint[],text[],bigint[])', p_entity) END)
        INTO changed USING p_keys, '{}'::text[], '{}'::bigint[];
    metrics := ARRAY[p_entity, extract(epoch FROM clock_timestamp() - v_t0)::text, cardinality(p_keys)::text,
                     (public.pg_tviews__counter('enqueued') - v_enqueued)::text,
                     current_setting('pg_tviews.refresh_rows', true), p_offered::text];
END
$$;

-- Recomputes this transaction's queued keys: all of them, or only those of immediate TVIEWs.
-- Refreshes enqueue their dependants' keys; the loop picks them up, lowest depth first.
CREATE OR REPLACE FUNCTION public.pg_tviews__flush_queue(p_all boolean, p_first_locks public.pg_tviews_lock[])
RETURNS void
LANGUAGE plpgsql
-- No SET clause: called by pg_tviews__flush, which runs as the runtime owner with a pinned search_path.
AS $$
DECLARE
    v_xid xid8;
    v_next record;
    v_keys bigint[];
    v_vias text[];
    v_values bigint[];
    v_max_depth integer;
    v_rounds integer := 0;
    v_stash public.pg_tviews_lock[];
    v_rank bigint;
    v_seen jsonb := '{}';  -- per TVIEW with parent rules, its queued keys whose parent keys were locked
    v_lineage boolean := false;  -- whether the first phase saw lineage items
    v_level integer;
    v_metrics text[] := '{}';  -- metrics: one row per refresh call (70_metrics.sql)
    v_step record;  -- one refresh: what it changed, its metrics row
    v_offered bigint;  -- metrics: calls that offered the taken queue entries
    -- Transaction counters of pg_tviews_queue_stats, added once at the end (pg_tviews__count).
    v_refreshed_keys bigint := 0;
    v_changed_rows bigint := 0;
    v_resolved jsonb := '{}';  -- lineage items of the current depth resolved into keys, per TVIEW
    -- The global lock order's TVIEW spaces, read once: a space's rank is its position (base tables
    -- rank 0); every step below compares positions instead of joining pg_tviews__lock_ranks again.
    v_spaces integer[];
    v_now public.pg_tviews_lock[];  -- locks whose turn has come
BEGIN
    v_xid := pg_current_xact_id();
    v_stash := coalesce(p_first_locks, '{}');
    v_max_depth := public.pg_tviews__setting('max_cascade_depth')::integer;
    v_spaces := ARRAY(SELECT r.space FROM public.pg_tviews__lock_ranks() AS r ORDER BY r.rank);
    PERFORM public.pg_tviews__flush_mark(true);
    -- Locks follow one global order: base-table parent keys first, then TVIEW keys TVIEW by TVIEW
    -- in (depth, entity) order. So the parent-key locks of everything queued so far are taken now;
    -- those on TVIEW parents wait (in v_stash) for that TVIEW's turn, taken with its own keys.
    FOR v_next IN SELECT q.entity,
                         coalesce(array_agg(q.pk) FILTER (WHERE q.via = '' AND q.parents), '{}') AS keys,
                         coalesce(array_agg(q.via) FILTER (WHERE q.via <> ''), '{}') AS vias,
                         coalesce(array_agg(q.pk) FILTER (WHERE q.via <> ''), '{}') AS vals
                  FROM public.pg_tviews_queue q
                  JOIN public.pg_tview_meta m ON m.entity = q.entity
                  WHERE q.xid = v_xid AND (p_all OR m.refresh_mode = 'immediate')
                    AND EXISTS (SELECT 1 FROM public.pg_tview_source s WHERE s.entity = q.entity AND s.rule = 'parent')
                  GROUP BY q.entity ORDER BY 1 LOOP
        v_keys := v_next.keys; v_vias := v_next.vias; v_values := v_next.vals;
        PERFORM public.pg_tviews__plan_keys(cardinality(v_keys) + cardinality(v_values));
        IF cardinality(v_keys) + cardinality(v_values) > 0 THEN
            v_stash := v_stash || public.pg_tviews__parent_locks(v_next.entity, v_keys, v_vias, v_values);
        END IF;
        v_seen := v_seen || jsonb_build_object(v_next.entity, cardinality(v_keys));
        v_lineage := v_lineage OR cardinality(v_values) > 0;
    END LOOP;
    IF cardinality(v_stash) > 0 THEN
        SELECT coalesce(array_agg(l) FILTER (WHERE array_position(v_spaces, l.space) IS NULL), '{}'),
               coalesce(array_agg(l) FILTER (WHERE array_position(v_spaces, l.space) IS NOT NULL), '{}')
          INTO v_now, v_stash
        FROM unnest(v_stash) AS l;
        PERFORM public.pg_tviews__take_locks(v_now);
    END IF;
    LOOP
        SELECT q.entity, m.depth, m.refresh_function, m.table_oid,
               coalesce(array_position(v_spaces, hashtext(m.table_oid::text)), 0) AS rank,
               -- What pg_tviews__checked_function checks, read here rather than by a query of its own.
               coalesce((SELECT p.prosecdef FROM pg_proc p
                         WHERE p.oid = to_regprocedure(m.refresh_function || '(bigint[],text[],bigint[])')), false) AS checked
          INTO v_next
        FROM public.pg_tviews_queue q JOIN public.pg_tview_meta m ON m.entity = q.entity
        WHERE q.xid = v_xid AND (p_all OR m.refresh_mode = 'immediate')
        ORDER BY m.depth, q.entity
        LIMIT 1;
        EXIT WHEN NOT FOUND;
        v_rounds := v_rounds + 1;
        IF v_next.depth > v_max_depth THEN
            PERFORM public.pg_tviews__fail('TV032',
                format('cascade to TVIEW %s (depth %s) exceeds max_cascade_depth %s', v_next.table_oid,
                       v_next.depth, v_max_depth),
                'Raise the limit with SELECT pg_tviews_set(''max_cascade_depth'', ''<n>''), or flatten the TVIEW chain.');
        END IF;
        IF v_next.depth IS DISTINCT FROM v_level THEN
            v_level := v_next.depth;
            -- Before the first refresh nothing was queued since the first phase: only lineage items
            -- need resolving (each call is a query over the queue, 6 % of a queued single-row write).
            -- After it, the queue is asked: no session option may tell the flush that nothing was
            -- queued since, because code of a TVIEW owner runs inside the flush (its view's
            -- functions, a trigger on its TVIEW table after the generated ones) and could SET the
            -- option back, and the lineage items it hid would leave the queue unresolved.
            v_resolved := CASE WHEN v_rounds > 1 OR v_lineage THEN public.pg_tviews__resolve_depth(v_xid, v_level, p_all, v_seen)
                               ELSE '{}' END;
        END IF;
        -- The TVIEW's queued keys and the keys its lineage items resolved into (the items
        -- themselves leave the queue here too).
        WITH taken AS (
            DELETE FROM public.pg_tviews_queue q WHERE q.xid = v_xid AND q.entity = v_next.entity
            RETURNING q.via, q.pk, q.hits
        )
        SELECT coalesce((SELECT array_agg(k ORDER BY k)
                         FROM (SELECT t.pk AS k FROM taken t WHERE t.via = ''
                               UNION
                               SELECT u.k FROM unnest(coalesce((v_resolved ->> v_next.entity)::bigint[], '{}')) AS u(k)
                               WHERE u.k IS NOT NULL) AS x), '{}'),
               coalesce((SELECT sum(t.hits) FROM taken t), 0)
          INTO v_keys, v_offered;
        v_refreshed_keys := v_refreshed_keys + cardinality(v_keys);  -- keys, lineage resolved
        v_rank := v_next.rank;
        -- This TVIEW's keys, with the stashed locks of TVIEWs up to its turn, in one sorted batch.
        v_now := ARRAY(SELECT ROW(hashtext(v_next.table_oid::text), hashint8(k), true)::public.pg_tviews_lock
                       FROM unnest(v_keys) AS u(k));
        IF cardinality(v_stash) > 0 THEN
            SELECT v_now || coalesce(array_agg(l) FILTER (WHERE coalesce(array_position(v_spaces, l.space), 0) <= v_rank), '{}'),
                   coalesce(array_agg(l) FILTER (WHERE coalesce(array_position(v_spaces, l.space), 0) > v_rank), '{}')
              INTO v_now, v_stash
            FROM unnest(v_stash) AS l;
        END IF;
        PERFORM public.pg_tviews__take_locks(v_now);
        PERFORM public.pg_tviews__plan_keys(cardinality(v_keys));
        v_step := public.pg_tviews__refresh_call(v_next.entity, v_next.refresh_function, v_next.checked, v_keys, v_offered);
        v_metrics := v_metrics || ARRAY[v_step.metrics];
        v_changed_rows := v_changed_rows + v_step.changed;
    END LOOP;
    IF v_rounds > 0 THEN
        -- The transaction's counters (pg_tviews__count), in one statement rather than four calls.
        PERFORM set_config('pg_tviews.tx_flushes', (public.pg_tviews__counter('flushes') + 1)::text, true),  -- flushes that refreshed something
                set_config('pg_tviews.tx_refreshed_keys', (public.pg_tviews__counter('refreshed_keys') + v_refreshed_keys)::text, true),
                set_config('pg_tviews.tx_refresh_calls', (public.pg_tviews__counter('refresh_calls') + v_rounds)::text, true),
                set_config('pg_tviews.tx_changed_rows', (public.pg_tviews__counter('changed_rows') + v_changed_rows)::text, true);
    END IF;
    PERFORM public.pg_tviews__metrics_record(v_metrics);
    PERFORM public.pg_tviews__flush_mark(false);
END
$$;

-- Recomputes this transaction's queued keys: all of them (at COMMIT), or only those of immediate
-- TVIEWs (at the end of a statement). A flush that finds its work needs a parent key only after it
-- holds TVIEW keys (a row entering a TVIEW through a cascade reads a parent no queued change named)
-- must not wait for it there: a writer of that parent may be waiting for those TVIEW keys. Under
-- READ COMMITTED the flush therefore runs in a subtransaction and only tries such a
-- lock; when it is busy, the subtransaction rolls back (releasing every lock the flush took), the
-- flush waits for that lock alone and starts again with it taken first. The same holds for the
-- per-statement flushes of immediate mode, for the first 32 statements of a transaction.
CREATE OR REPLACE FUNCTION public.pg_tviews__flush(p_all boolean)
RETURNS void
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
SET plan_cache_mode = force_generic_plan  -- see pg_tviews__plan_keys; these three also end its SET LOCALs
SET enable_hashjoin = on
SET enable_mergejoin = on
AS $$
DECLARE
    v_xid xid8;
    v_first public.pg_tviews_lock[] := '{}';
    v_busy text[];
    v_detail text;
    v_restarts integer := 0;
BEGIN
    -- Triggers fired by the refreshes find the flush already running and leave it the work.
    IF public.pg_tviews__in_flush() THEN
        RETURN;
    END IF;
    v_xid := pg_current_xact_id_if_assigned();
    -- Nothing to do for this flush (at the end of a statement: nothing queued for an immediate
    -- TVIEW, deferred ones wait for COMMIT) costs no subtransaction.
    IF v_xid IS NULL OR NOT EXISTS (SELECT 1 FROM public.pg_tviews_queue q JOIN public.pg_tview_meta m ON m.entity = q.entity
                                    WHERE q.xid = v_xid AND (p_all OR m.refresh_mode = 'immediate')) THEN
        PERFORM set_config('pg_tviews.tx_pending', '', true);  -- no immediate work left (pg_tviews__flush_trigger)
        RETURN;
    END IF;
    -- Each restartable flush uses one subtransaction (and its xid): a transaction's first 32
    -- statement flushes may, then they wait, so that the 64 subtransaction xids PostgreSQL caches
    -- per backend are never used up by the runtime (beyond that, every snapshot gets slower).
    IF current_setting('transaction_isolation') <> 'read committed'
       OR (NOT p_all AND public.pg_tviews__counter('restartable_flushes') >= 32) THEN
        PERFORM set_config('pg_tviews.restartable', '', true);
        PERFORM public.pg_tviews__flush_queue(p_all, v_first);
        PERFORM set_config('pg_tviews.tx_pending', '', true);
        RETURN;
    END IF;
    PERFORM public.pg_tviews__count('restartable_flushes', 1);
    LOOP
        BEGIN
            PERFORM set_config('pg_tviews.restartable', CASE WHEN v_restarts < 20 THEN 'on' ELSE '' END, true);
            PERFORM public.pg_tviews__flush_queue(p_all, v_first);
            PERFORM set_config('pg_tviews.restartable', '', true), set_config('pg_tviews.tx_pending', '', true);
            RETURN;
        EXCEPTION
            WHEN SQLSTATE 'TVR01' THEN
                GET STACKED DIAGNOSTICS v_detail = PG_EXCEPTION_DETAIL;
                PERFORM public.pg_tviews__metrics_restart();  -- metrics (70_metrics.sql)
            WHEN OTHERS THEN
                -- metrics (70_metrics.sql): counted past the ROLLBACK; the error goes on unchanged
                GET STACKED DIAGNOSTICS v_detail = PG_EXCEPTION_CONTEXT;
                PERFORM public.pg_tviews__metrics_error(v_detail);
                RAISE;
        END;
        v_restarts := v_restarts + 1;
        v_busy := string_to_array(v_detail, ',');
        v_first := v_first || ROW(v_busy[1]::integer, v_busy[2]::integer, v_busy[3]::boolean)::public.pg_tviews_lock;
        PERFORM public.pg_tviews__take_locks(ARRAY[v_first[cardinality(v_first)]]);
    END LOOP;
END
$$;

-- The direct path as triggers generated by earlier builds call it, with the keys their statement
-- changed: pg_tviews__direct_begin, the TVIEW's refresh function (checked, through EXECUTE: these
-- triggers run no upsert of their own), pg_tviews__direct_end, in one subtransaction. Returns false
-- when it did not refresh (the caller then queues the keys, and the statement's tview_zz_flush
-- takes them), including when a late lock of the dependants' flush was busy (TVR01): the
-- subtransaction rolls back every lock and write of the attempt.
CREATE OR REPLACE FUNCTION public.pg_tviews__direct_flush(p_entity text, p_source oid, p_keys bigint[])
RETURNS boolean
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
SET plan_cache_mode = force_generic_plan  -- see pg_tviews__plan_keys; these three also end its SET LOCALs
SET enable_hashjoin = on
SET enable_mergejoin = on
AS $$
DECLARE
    v_keys bigint[];
    v_function text;
    v_t0 timestamptz;
    v_report bigint[];
BEGIN
    IF coalesce(cardinality(p_keys), 0) = 0 THEN
        RETURN true;  -- nothing changed that the TVIEW reads
    END IF;
    BEGIN
        v_keys := public.pg_tviews__direct_begin(p_entity, p_source, p_keys, true);
        IF v_keys IS NULL THEN
            RETURN false;
        END IF;
        SELECT public.pg_tviews__checked_function(m.refresh_function, '(bigint[],text[],bigint[])', p_entity)
          INTO v_function FROM public.pg_tview_meta m WHERE m.entity = p_entity;
        v_t0 := clock_timestamp();
        EXECUTE format('SELECT %s($1)', v_function) USING v_keys;
        -- The refresh function's report: keys, deleted, inserted, updated.
        v_report := coalesce(string_to_array(nullif(current_setting('pg_tviews.refresh_rows', true), ''), ',')::bigint[],
                             '{0,0,0,0}'::bigint[]);
        PERFORM public.pg_tviews__direct_end(p_entity, cardinality(v_keys), extract(epoch FROM clock_timestamp() - v_t0),
                                             public.pg_tviews__metrics_clamp(v_report[2])::integer,
                                             public.pg_tviews__metrics_clamp(v_report[3])::integer,
                                             public.pg_tviews__metrics_clamp(v_report[4])::integer);
        RETURN true;
    EXCEPTION
        WHEN SQLSTATE 'TVR01' THEN
            RETURN false;  -- counted by pg_tviews__direct_end
        WHEN OTHERS THEN
            PERFORM public.pg_tviews__direct_failed(p_entity);  -- counted, then raised unchanged
            RAISE;
    END;
END
$$;

-- The direct path of a source trigger (issue #18): when a statement on a table that only one TVIEW
-- reads may be refreshed at once (READ COMMITTED, no flush running, one of the transaction's first
-- 32 restartable flushes, the TVIEW immediate and within max_cascade_depth), the TVIEW's generated
-- trigger refreshes the keys itself, as the TVIEW's owner, between these two calls:
--   pg_tviews__direct_begin locks the keys and the parent keys they read in one sorted batch (for
--   one TVIEW that is the global lock order), marks the refresh as running, and returns the keys
--   sorted and distinct; NULL when the statement must go through the queue instead;
--   pg_tviews__direct_end counts and records the refresh and flushes what it queued for dependants.
-- The trigger runs them in a subtransaction: a busy late lock in the dependants' flush (TVR01)
-- rolls back every lock and write of the attempt, and the keys are queued for tview_zz_flush, which
-- starts again with that lock first (pg_tviews__flush). Compared with pg_tviews__direct_flush
-- (which triggers generated by earlier builds still call) the refresh runs without an EXECUTE, a
-- second SECURITY DEFINER call and the refresh function's own checks.
--
-- A direct refresh's flush token is odd, and its upper 32 bits are the hash of the TVIEW's entity:
-- pg_tviews__in_direct_refresh tells it from a queue flush's (even) without trusting any option a
-- session can SET. Every TVIEW owner may call these functions: one that calls
-- pg_tviews__direct_begin and never pg_tviews__direct_end leaves the refresh marked as running,
-- which would make later statements of its transaction skip their flush; so work queued while a
-- direct refresh runs gets the commit hook (pg_tviews__enqueue), and pg_tviews__direct_end and
-- pg_tviews__direct_failed do nothing for a TVIEW whose direct refresh is not running.
CREATE OR REPLACE FUNCTION public.pg_tviews__in_direct_refresh(p_entity text)
RETURNS boolean
LANGUAGE plpgsql
-- No SET clause: called from callers that pin search_path; a clause would cost every call.
AS $$
DECLARE
    v_token bigint;
BEGIN
    -- An even token (a queue flush's, the common case inside a flush) is told at a glance, before
    -- pg_tviews__in_flush checks the token against the sequence.
    IF NOT public.pg_tviews__direct_nested() OR NOT public.pg_tviews__in_flush() THEN
        RETURN false;
    END IF;
    v_token := currval('public.pg_tviews_flush_token'::regclass);  -- defined: pg_tviews__in_flush read it
    RETURN v_token & 1 = 1 AND (p_entity IS NULL OR v_token >> 32 = hashtext(p_entity));
END
$$;

-- p_keys: the TVIEW keys a statement on a root or child source changed; p_vias, p_values (a
-- statement on a parent source, p_keys NULL): the changed parent keys per lineage column, which
-- are locked first, then resolved into the keys of the TVIEW rows that read them (the generated
-- resolve function) and those keys locked, as the queue flush does (pg_tviews__resolve_depth).
-- p_parents: false when the caller knows the statement pointed no row at another parent (see
-- pg_tviews__trigger_sql); the parent-lock set is then not computed. Only the caller's own refresh
-- can be affected: no other role can write the TVIEW's table.
--
-- A table that several TVIEWs read is refreshed through the queue: their triggers fire one after
-- the other, and if each locked its own keys, one that found a lock busy after an earlier one had
-- locked would wait for it out of the global order (the parent locks of a TVIEW often rank before
-- another's keys), which deadlocked READ COMMITTED writers in MixedIsolationConcurrencyTest; the
-- queue flush takes all their locks in one ordered pass.
--
-- Nested: a direct refresh's upsert fires the triggers of the TVIEWs that read its table, and each
-- of them is refreshed directly inside it (a cascade without the queue), the one after the other
-- when several read it: a nested refresh never waits, so their order does not matter, and a busy
-- lock rolls back the whole refresh at the top, which holds no other lock of its statement. Its
-- keys rank after its parent's in the global lock order (it is deeper), but the
-- base-table parents of its rows do not, nor do keys of a TVIEW that an earlier nested refresh of
-- the same statement passed: so a nested refresh never waits, it only tries every lock
-- (pg_tviews.late_lock on). A busy one raises TVR01, which every nested trigger passes on
-- (pg_tviews__direct_nested) to the direct refresh at the top: that one rolls back every lock and
-- write of the attempt and queues its work, and the statement's queue flush waits for that lock
-- first. The running refresh's token and cascade count are kept in pg_tviews.direct_outer and
-- handed back by the dependant's pg_tviews__direct_end.
--
-- p_resolve false (the triggers of parent sources that this build generates): with lineage items
-- it returns an empty array once it holds the changed parent keys; the trigger then resolves them
-- into keys with its own query (no EXECUTE of the resolve function) and passes those to
-- pg_tviews__direct_lock. Triggers of earlier builds leave it true: resolved here.
DROP FUNCTION IF EXISTS public.pg_tviews__direct_begin(text, oid, bigint[]);  -- a build of session 10 only
DROP FUNCTION IF EXISTS public.pg_tviews__direct_begin(text, oid, bigint[], boolean, text[], bigint[]);  -- before p_resolve
CREATE OR REPLACE FUNCTION public.pg_tviews__direct_begin(p_entity text, p_source oid, p_keys bigint[], p_parents boolean,
                                                          p_vias text[], p_values bigint[], p_resolve boolean DEFAULT true)
RETURNS bigint[]
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    m record;
    v_keys bigint[];
    v_locks public.pg_tviews_lock[] := '{}'::public.pg_tviews_lock[];
    v_enqueued bigint;
    v_offered integer;  -- keys, or parent keys, the trigger hands over
    v_lineage boolean := coalesce(cardinality(p_values), 0) > 0;
    v_outer text := '';  -- nested: 'token:cascade base' of the running refresh, then those it nests in
    v_resolve text;  -- lineage: the generated resolve function,
    v_resolve_checked boolean;  -- whether it is SECURITY DEFINER,
    v_parents_held boolean;  -- whether the changed parent keys are locked already
    v_one_lock boolean;  -- one key, locked here rather than by pg_tviews__take_locks
    v_top boolean;  -- no flush token: certainly not nested (an option SET by hand is checked below)
BEGIN
    IF current_setting('transaction_isolation') <> 'read committed' THEN
        RETURN NULL;
    END IF;
    v_top := coalesce(current_setting('pg_tviews.flush_token', true), '') = '';
    IF NOT v_top AND public.pg_tviews__in_flush() THEN
        -- Only inside another TVIEW's direct refresh (a queue flush takes its dependants in order).
        IF NOT public.pg_tviews__in_direct_refresh(NULL)
           OR currval('public.pg_tviews_flush_token'::regclass) >> 32 = hashtext(p_entity) THEN
            RETURN NULL;
        END IF;
        v_outer := concat_ws(',', currval('public.pg_tviews_flush_token'::regclass)::text || ':'
                                  || public.pg_tviews__counter('direct_enqueued'),
                             nullif(current_setting('pg_tviews.direct_outer', true), ''));
    ELSIF public.pg_tviews__counter('restartable_flushes') >= 32 THEN
        RETURN NULL;
    END IF;
    -- The TVIEW reads p_source, and at the top is its only reader: several readers' triggers would
    -- each lock, and one that found a lock busy would wait while it holds an earlier one's locks
    -- (see above). Both asked of the table's catalog rows in one aggregate, in the query of the
    -- TVIEW's own row: no statement of its own for the single-reader write (the common one, whose
    -- refresh this function starts), and one subquery for the table that several TVIEWs read.
    -- (Whether the TVIEW has parent sources is asked below, only when parent keys may need locks.)
    SELECT t.depth, t.table_oid
      INTO m
    FROM public.pg_tview_meta t
    WHERE t.entity = p_entity AND t.refresh_mode = 'immediate'
      AND (SELECT bool_or(s.entity = p_entity) AND (v_outer <> '' OR bool_and(s.entity = p_entity))
           FROM public.pg_tview_source s WHERE s.source = p_source);
    IF NOT FOUND THEN
        RETURN NULL;
    END IF;
    -- Depth 0 is within any limit: the setting is read (and a session's invalid value refused with
    -- TV060, as every flush does) only for a deeper TVIEW or when the session set it.
    IF (m.depth > 0 OR nullif(current_setting('pg_tviews.max_cascade_depth', true), '') IS NOT NULL)
       AND m.depth > public.pg_tviews__setting('max_cascade_depth')::integer THEN
        RETURN NULL;  -- the queue flush raises TV032
    END IF;
    IF NOT v_lineage THEN
        -- One key (a single-row write) is distinct and sorted already: a plain expression, no query.
        IF cardinality(p_keys) = 1 AND p_keys[1] IS NOT NULL THEN
            v_keys := p_keys;
        ELSE
            v_keys := ARRAY(SELECT DISTINCT k FROM unnest(p_keys) AS u(k) WHERE k IS NOT NULL ORDER BY k);
        END IF;
    END IF;
    -- Counted as pg_tviews__enqueue counts the keys (or parent keys) a trigger offers;
    -- direct_enqueued: the counter's value before the refresh, so that pg_tviews__direct_end knows
    -- what it cascaded.
    v_offered := CASE WHEN v_lineage THEN cardinality(p_values) ELSE cardinality(v_keys) END;
    v_enqueued := public.pg_tviews__counter('enqueued') + v_offered;
    -- Nested, every lock is a late one (pg_tviews__take_late_locks): tried, TVR01 when busy.
    PERFORM set_config('pg_tviews.flushing', 'on', true),  -- the isolation guard of pg_tviews__take_locks
            set_config('pg_tviews.late_lock', CASE WHEN v_outer = '' THEN '' ELSE 'on' END, true),
            set_config('pg_tviews.restartable', 'on', true),
            set_config('pg_tviews.tx_restartable_flushes',
                       (public.pg_tviews__counter('restartable_flushes') + CASE WHEN v_outer = '' THEN 1 ELSE 0 END)::text, true),
            set_config('pg_tviews.tx_enqueued', v_enqueued::text, true),
            set_config('pg_tviews.tx_direct_enqueued', v_enqueued::text, true),
            public.pg_tviews__plan_keys(v_offered);
    IF v_lineage THEN
        -- Whether, nested, this trigger was fired by the running refresh's own writes to its table,
        -- whose changed rows are keys it holds exclusively: when the lineage items are those rows'
        -- keys, their locks are held already.
        v_parents_held := v_outer <> '' AND EXISTS (
            SELECT 1 FROM public.pg_tview_meta o
            WHERE o.table_oid = p_source AND hashtext(o.entity) = currval('public.pg_tviews_flush_token'::regclass) >> 32
              AND NOT EXISTS (SELECT 1 FROM public.pg_tview_source s WHERE s.entity = p_entity AND s.source = p_source
                              AND s.rule = 'parent' AND s.source_column <> o.pk_column));
        -- The changed parent keys, exclusive: the first locks at the top (waiting for them is in
        -- order), held already by the running refresh when nested. Then the rows that read them,
        -- found only now (a row pointed at one of them concurrently is not missed), and the
        -- parents of rows entering the TVIEW through them (late: tried, pg_tviews__resolve_lineage).
        IF NOT v_parents_held THEN
            PERFORM public.pg_tviews__take_locks(public.pg_tviews__parent_locks(p_entity, '{}', p_vias, p_values));
        END IF;
        -- (One statement: the option is what pg_tviews__direct_lock reads of the running refresh
        -- this one nests in, when the trigger resolves; pg_tviews__direct_running sets it again.)
        PERFORM public.pg_tviews__count('lineage_items', cardinality(p_values)),
                set_config('pg_tviews.direct_outer', v_outer, true);
        IF NOT p_resolve THEN
            RETURN '{}'::bigint[];  -- the trigger resolves; pg_tviews__direct_lock goes on from here
        END IF;
        -- (pg_tviews__resolve_lineage's second step: the generated resolve function, checked as
        -- pg_tviews__checked_function does.)
        SELECT r.name, coalesce((SELECT p.prosecdef FROM pg_proc p WHERE p.oid = to_regprocedure(r.name || '(text[],bigint[])')),
                                false)
          INTO v_resolve, v_resolve_checked
        FROM (SELECT public.pg_tviews__generated_name(t.schema_name, 'resolve', t.entity)
              FROM public.pg_tview_meta t WHERE t.entity = p_entity) AS r(name);
        EXECUTE format('SELECT %s($1, $2)', CASE WHEN v_resolve_checked THEN v_resolve
                       ELSE public.pg_tviews__checked_function(v_resolve, '(text[],bigint[])', p_entity) END)
            INTO v_keys USING p_vias, p_values;
        v_keys := ARRAY(SELECT DISTINCT k FROM unnest(v_keys) AS u(k) WHERE k IS NOT NULL ORDER BY k);
        PERFORM public.pg_tviews__plan_keys(cardinality(v_keys));
    END IF;
    -- The parent keys the rows of these keys read (the generated parent-lock function), only
    -- when the statement may have pointed a row at another parent.
    -- (Two steps: in one condition the query's plan would be set up on every call all the same.)
    IF p_parents AND cardinality(v_keys) > 0 THEN
        IF EXISTS (SELECT 1 FROM public.pg_tview_source s WHERE s.entity = p_entity AND s.rule = 'parent') THEN
            v_locks := public.pg_tviews__parent_locks(p_entity, v_keys, '{}', '{}');
            IF v_lineage THEN
                -- After the changed parent keys: tried.
                PERFORM public.pg_tviews__take_late_locks(v_locks);
                v_locks := '{}';
            END IF;
        END IF;
    END IF;
    -- The one key of a single-row write at the top, no parent key to lock, no guard rows: its
    -- bucket row, waiting, in one statement (what pg_tviews__take_locks does for it, without its
    -- dozen steps); a space without rows (after a crash) goes the general way, which creates them.
    v_one_lock := v_outer = '' AND cardinality(v_keys) = 1 AND cardinality(v_locks) = 0
                  AND public.pg_tviews__setting('isolation_guard') = 'off';
    IF v_one_lock THEN
        PERFORM FROM public.pg_tviews_lock_slot s
        WHERE s.space = hashtext(m.table_oid::text) AND s.slot = public.pg_tviews__bucket(hashint8(v_keys[1])) FOR UPDATE;
        v_one_lock := FOUND;
    END IF;
    IF NOT v_one_lock THEN
        -- (Nested: tried, pg_tviews.late_lock is on.)
        PERFORM public.pg_tviews__take_locks(v_locks || ARRAY(
            SELECT ROW(hashtext(m.table_oid::text), hashint8(k), true)::public.pg_tviews_lock FROM unnest(v_keys) AS u(k)));
    END IF;
    PERFORM public.pg_tviews__direct_running(p_entity, v_outer);
    RETURN v_keys;
END
$$;

-- A parent source's trigger on the direct path, after pg_tviews__direct_begin (p_resolve false)
-- locked the changed parent keys and the trigger resolved them into p_keys: locks the parents of
-- rows entering the TVIEW through them (late: tried, after the changed parents), then the keys (at
-- the top waiting, in order: they rank after those parents; nested tried), and starts the refresh.
-- Returns the keys, distinct and sorted. Like pg_tviews__direct_begin, any TVIEW owner may call it
-- for any TVIEW: it locks keys of that TVIEW, which direct_begin does for any keys it is given.
-- And like direct_begin, it starts no direct refresh inside a queue flush (code of a TVIEW owner
-- that the flush's writes run, a trigger on a TVIEW table, could call it there): 55000. The
-- trigger calls it only after direct_begin, which refused there already.
CREATE OR REPLACE FUNCTION public.pg_tviews__direct_lock(p_entity text, p_keys bigint[], p_parents boolean)
RETURNS bigint[]
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    m record;
    v_keys bigint[] := ARRAY(SELECT DISTINCT k FROM unnest(p_keys) AS u(k) WHERE k IS NOT NULL ORDER BY k);
BEGIN
    -- (No token at the top, an odd one nested: decided without a call. An even one is a queue
    -- flush's only when it is the sequence's current value.)
    IF coalesce(current_setting('pg_tviews.flush_token', true), '') <> '' AND NOT public.pg_tviews__direct_nested() THEN
        IF public.pg_tviews__in_flush() THEN
            RAISE EXCEPTION USING ERRCODE = '55000',
                MESSAGE = format('no direct refresh of TVIEW %s can start inside a queue flush', p_entity),
                HINT = 'Only the generated trigger of a parent source calls this, after pg_tviews__direct_begin; inside a flush its work is queued.';
        END IF;
    END IF;
    SELECT t.table_oid INTO STRICT m FROM public.pg_tview_meta t WHERE t.entity = p_entity;
    PERFORM public.pg_tviews__plan_keys(cardinality(v_keys));
    -- (Whether the TVIEW has parent sources only when the trigger says rows may need parent locks,
    -- in a step of its own: in one condition its query would be set up on every call.)
    IF p_parents AND cardinality(v_keys) > 0 THEN
        IF EXISTS (SELECT 1 FROM public.pg_tview_source s WHERE s.entity = p_entity AND s.rule = 'parent') THEN
            PERFORM public.pg_tviews__take_late_locks(public.pg_tviews__parent_locks(p_entity, v_keys, '{}', '{}'));
        END IF;
    END IF;
    PERFORM public.pg_tviews__take_locks(ARRAY(
        SELECT ROW(hashtext(m.table_oid::text), hashint8(k), true)::public.pg_tviews_lock FROM unnest(v_keys) AS u(k)));
    PERFORM public.pg_tviews__direct_running(p_entity, coalesce(current_setting('pg_tviews.direct_outer', true), ''));
    RETURN v_keys;
END
$$;

-- A direct refresh of p_entity runs from here on, once its locks are held (a lock wait that fails
-- names no refresh and counts no error): the token is odd, the entity's hash above 31 random bits;
-- p_outer: the running refreshes it nests in. Plain SQL without a SET clause, one expression:
-- inlined into the callers' statements (pg_tviews__direct_begin, pg_tviews__direct_lock).
CREATE OR REPLACE FUNCTION public.pg_tviews__direct_running(p_entity text, p_outer text)
RETURNS text
LANGUAGE sql VOLATILE
AS $$
    SELECT set_config('pg_tviews.flush_token', setval('public.pg_tviews_flush_token'::regclass,
               (hashtext(p_entity)::bigint << 32)
               | (('x' || left(gen_random_uuid()::text, 8))::bit(32)::bigint & 4294967294) | 1)::text, true)
           || set_config('pg_tviews.direct_outer', p_outer, true)
           || set_config('pg_tviews.late_lock', '', true)
$$;

-- The form that triggers generated by the previous build call (keys only), and
-- pg_tviews__direct_flush: never nested, because their TVR01 handlers queue the work instead of
-- passing the error on (see pg_tviews__direct_nested).
CREATE OR REPLACE FUNCTION public.pg_tviews__direct_begin(p_entity text, p_source oid, p_keys bigint[], p_parents boolean)
RETURNS bigint[]
LANGUAGE sql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT CASE WHEN NOT public.pg_tviews__in_flush()
                THEN public.pg_tviews__direct_begin(p_entity, p_source, p_keys, p_parents, NULL::text[], NULL::bigint[]) END
$$;

-- Whether the trigger that asks runs nested in another TVIEW's direct refresh, as the session's
-- options stood when its subtransaction began (they are back there in its exception handler): a
-- nested refresh never waits for a lock (pg_tviews__direct_begin only tries them), and its trigger
-- passes TVR01 on, so that the direct refresh at the top rolls back every lock the nested ones took
-- and queues its work; the queue flush then takes the busy lock first, in the global order. (A
-- session that SETs the option by hand only makes its own busy refresh fail instead of queueing.)
-- Its test, an odd flush token (a direct refresh's), is also the first question of
-- pg_tviews__in_direct_refresh and pg_tviews__direct_end.
CREATE OR REPLACE FUNCTION public.pg_tviews__direct_nested()
RETURNS boolean
LANGUAGE sql STABLE
-- No SET clause: plain SQL, reads one option.
AS $$
    SELECT right(coalesce(current_setting('pg_tviews.flush_token', true), ''), 1) IN ('1', '3', '5', '7', '9')
$$;

CREATE OR REPLACE FUNCTION public.pg_tviews__direct_end(p_entity text, p_keys integer, p_seconds double precision,
                                                        p_removed integer, p_inserted integer, p_updated integer)
RETURNS void
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_context text;
    v_outer text;
    v_entry text;
    v_token bigint;
    v_option text := current_setting('pg_tviews.flush_token', true);
    v_queued boolean;  -- work for immediate TVIEWs waits in the queue
BEGIN
    -- Nothing to record unless this TVIEW's direct refresh runs: pg_tviews__in_direct_refresh's
    -- test, without its function call and its subtransaction. The direct_begin that the trigger
    -- called has set the sequence in this session, so currval is defined; a session that SETs an
    -- odd token by hand and calls this before any flush ran gets currval's error (55000).
    IF NOT public.pg_tviews__direct_nested() THEN
        RETURN;  -- no odd token: no direct refresh runs
    END IF;
    v_token := currval('public.pg_tviews_flush_token'::regclass);
    IF v_option <> v_token::text OR v_token >> 32 <> hashtext(p_entity) THEN
        RETURN;
    END IF;
    PERFORM set_config('pg_tviews.tx_refreshed_keys', (public.pg_tviews__counter('refreshed_keys') + p_keys)::text, true),
            set_config('pg_tviews.tx_refresh_calls', (public.pg_tviews__counter('refresh_calls') + 1)::text, true),
            set_config('pg_tviews.tx_changed_rows',
                       (public.pg_tviews__counter('changed_rows') + p_removed + p_inserted + p_updated)::text, true);
    -- Metrics (70_metrics.sql): the refresh's event, appended here, raw, rather than by a function
    -- of its own, whose call cost a fifth of it; about one transaction in 128 folds its backend's
    -- events into its counter rows.
    IF public.pg_tviews__metrics_on() THEN
        INSERT INTO public.pg_tviews_metrics_events
        VALUES (pg_backend_pid(), p_entity, p_seconds, p_keys, p_keys, p_removed, p_inserted, p_updated,
                public.pg_tviews__counter('enqueued') - public.pg_tviews__counter('direct_enqueued'), p_keys, false, now());
        IF public.pg_tviews__metrics_fold_due() THEN
            PERFORM public.pg_tviews__metrics_fold(pg_backend_pid());
        END IF;
    END IF;
    -- Nested (see pg_tviews__direct_begin): the refresh whose upsert fired this one runs on; what
    -- this one queued is flushed when that one ends. Only a direct refresh's (odd) token is handed
    -- back: whatever a session SET there, a direct refresh stays running (its queued work keeps
    -- the commit hook) or ends as one at the top does.
    v_outer := current_setting('pg_tviews.direct_outer', true);
    IF v_outer <> '' THEN
        v_entry := split_part(v_outer, ',', 1);  -- 'token:cascade base' of the running refresh
        v_token := split_part(v_entry, ':', 1)::bigint;
        IF v_token & 1 = 1 THEN
            PERFORM setval('public.pg_tviews_flush_token'::regclass, v_token),
                    set_config('pg_tviews.flush_token', v_token::text, true),
                    -- The running refresh's cascades: what it queued, not what this one did.
                    set_config('pg_tviews.tx_direct_enqueued',
                               (split_part(v_entry, ':', 2)::bigint + public.pg_tviews__counter('enqueued')
                                - public.pg_tviews__counter('direct_enqueued'))::text, true),
                    set_config('pg_tviews.direct_outer', substr(v_outer, length(v_entry) + 2), true);
            RETURN;
        END IF;
    END IF;
    -- Only when something was queued (pg_tviews.tx_pending, as tview_zz_flush asks: a refresh whose
    -- dependants filtered the change out, the common case, saves the query). Code that runs inside
    -- the refresh (a dependant's trigger) and clears the option only delays that work to COMMIT:
    -- pg_tviews__enqueue gave it the commit hook, a direct refresh being under way.
    -- (Two steps: in one condition the query's plan would be set up on every call all the same.)
    v_queued := coalesce(current_setting('pg_tviews.tx_pending', true) = 'on', false);
    IF v_queued THEN
        v_queued := EXISTS (SELECT 1 FROM public.pg_tviews_queue q JOIN public.pg_tview_meta t ON t.entity = q.entity
                            WHERE q.xid = pg_current_xact_id() AND t.refresh_mode = 'immediate');
    END IF;
    IF v_queued THEN
        -- The dependants' keys: one queue flush, which counts itself among the flushes. Its
        -- errors and restarts are counted here, past the rollback of the trigger's subtransaction.
        BEGIN
            PERFORM public.pg_tviews__flush_queue(false, '{}');
        EXCEPTION
            WHEN SQLSTATE 'TVR01' THEN
                PERFORM public.pg_tviews__metrics_restart();  -- metrics (70_metrics.sql)
                RAISE;
            WHEN OTHERS THEN
                GET STACKED DIAGNOSTICS v_context = PG_EXCEPTION_CONTEXT;
                PERFORM public.pg_tviews__metrics_error(v_context);
                RAISE;
        END;
        PERFORM set_config('pg_tviews.restartable', '', true);
    ELSE
        -- The token made even: pg_tviews__direct_failed counts nothing once the refresh is over.
        PERFORM set_config('pg_tviews.tx_flushes', (public.pg_tviews__counter('flushes') + 1)::text, true),
                public.pg_tviews__flush_mark(false),
                setval('public.pg_tviews_flush_token'::regclass, currval('public.pg_tviews_flush_token'::regclass) & -2),
                set_config('pg_tviews.restartable', '', true);
    END IF;
END
$$;

-- Counts the failure of a direct refresh (metrics, 70_metrics.sql) after its subtransaction rolled
-- back, before the trigger re-raises the error: an error of the TVIEW's own refresh when its
-- direct refresh was running (the sequence keeps its odd token through the rollback, unlike the
-- session options); an error of the dependants' flush has been counted by pg_tviews__direct_end,
-- whose queue flush made the token even. Counts once. Never raises: it must not replace the error.
CREATE OR REPLACE FUNCTION public.pg_tviews__direct_failed(p_entity text)
RETURNS void
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_token bigint;
BEGIN
    v_token := currval('public.pg_tviews_flush_token'::regclass);
    IF v_token & 1 = 1 AND v_token >> 32 = hashtext(p_entity) THEN
        PERFORM setval('public.pg_tviews_flush_token'::regclass, v_token & -2);
        IF public.pg_tviews__metrics_on() THEN
            PERFORM public.pg_tviews__metrics_count_error(p_entity);
        END IF;
    END IF;
EXCEPTION WHEN OTHERS THEN
    RETURN;  -- no direct refresh ran in this session, or metrics failed: never hide the error
END
$$;

-- Takes locks that the flush finds it needs after it holds TVIEW keys (see pg_tviews__flush).
CREATE OR REPLACE FUNCTION public.pg_tviews__take_late_locks(p_locks public.pg_tviews_lock[])
RETURNS void
LANGUAGE plpgsql
-- No SET clause: called from callers that pin search_path.
AS $$
DECLARE
    v_late text;
BEGIN
    IF coalesce(cardinality(p_locks), 0) = 0 THEN
        RETURN;
    END IF;
    v_late := current_setting('pg_tviews.late_lock', true);
    PERFORM set_config('pg_tviews.late_lock', current_setting('pg_tviews.restartable', true), true);
    PERFORM public.pg_tviews__take_locks(p_locks);
    PERFORM set_config('pg_tviews.late_lock', coalesce(v_late, ''), true);  -- a nested direct refresh's stays on
END
$$;

-- Last statement trigger on every source table ("tview_zz_flush" sorts after the generated
-- "tview_NN_*" triggers): makes immediate TVIEWs current before the statement returns.
-- A statement that queued nothing since the last flush (pg_tviews.tx_pending, set by
-- pg_tviews__enqueue, the only writer of the queue, and cleared by a flush that left no immediate
-- work) costs no flush call: a direct refresh, an UPDATE of columns no TVIEW reads. The option is
-- transaction-local and follows the queue through ROLLBACK TO SAVEPOINT; a session that clears it
-- by hand between statements changes nothing, because its next enqueue sets it again before this
-- trigger runs (only code running inside the statement, between the two triggers, could: a
-- trigger on the source table, which only its owner or a role it granted TRIGGER may create).
CREATE OR REPLACE FUNCTION public.pg_tviews__flush_trigger()
RETURNS trigger
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    -- A write of the flush's own refreshes (to a TVIEW that others read) leaves the work to the
    -- running flush; checked here too, because this trigger fires for every such statement.
    -- (coalesce: an option never set in the session reads NULL, and NULL AND x evaluates x.)
    IF coalesce(current_setting('pg_tviews.tx_pending', true) = 'on', false) AND NOT public.pg_tviews__in_flush() THEN
        PERFORM public.pg_tviews__flush(false);
    END IF;
    RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION public.pg_tviews__commit_hook_trigger()
RETURNS trigger
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    DELETE FROM public.pg_tviews_commit_hook h WHERE h.xid = NEW.xid;
    -- No flush runs at COMMIT: whatever a session SET, this one recomputes everything queued.
    PERFORM public.pg_tviews__flush_mark(false);
    PERFORM public.pg_tviews__flush(true);
    RETURN NULL;
END
$$;

DROP TRIGGER IF EXISTS pg_tviews_flush_at_commit ON public.pg_tviews_commit_hook;
CREATE CONSTRAINT TRIGGER pg_tviews_flush_at_commit
    AFTER INSERT ON public.pg_tviews_commit_hook
    DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW EXECUTE FUNCTION public.pg_tviews__commit_hook_trigger();

-- Introspection of the current transaction's queue (names of the original extension).
CREATE OR REPLACE VIEW public.pg_tviews_queue_realtime AS
    SELECT q.entity, m.table_oid AS tview, q.via, q.pk, m.refresh_mode, m.depth
    FROM public.pg_tviews_queue q JOIN public.pg_tview_meta m ON m.entity = q.entity
    WHERE q.xid = pg_current_xact_id_if_assigned();
COMMENT ON VIEW public.pg_tviews_queue_realtime IS 'Keys the current transaction has queued and not yet refreshed.';

CREATE OR REPLACE FUNCTION public.pg_tviews_debug_queue()
RETURNS jsonb
LANGUAGE sql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT coalesce(jsonb_agg(CASE WHEN q.via = '' THEN jsonb_build_object('entity', q.entity, 'pk', q.pk)
                                   ELSE jsonb_build_object('entity', q.entity, 'via', q.via, 'value', q.pk) END
                              ORDER BY q.entity, q.via, q.pk), '[]')
    FROM public.pg_tviews_queue q WHERE q.xid = pg_current_xact_id_if_assigned()
$$;

CREATE OR REPLACE FUNCTION public.pg_tviews_queue_stats()
RETURNS jsonb
LANGUAGE sql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT jsonb_build_object(
        'queue_size', (SELECT count(*) FROM public.pg_tviews_queue q WHERE q.xid = pg_current_xact_id_if_assigned()),
        'enqueued', public.pg_tviews__counter('enqueued'),
        'coalesced', public.pg_tviews__counter('coalesced'),
        'flushes', public.pg_tviews__counter('flushes'),
        'total_refreshes', public.pg_tviews__counter('refresh_calls'),
        'refreshed_keys', public.pg_tviews__counter('refreshed_keys'),
        'lineage_items', public.pg_tviews__counter('lineage_items'),
        'changed_rows', public.pg_tviews__counter('changed_rows'))
$$;
