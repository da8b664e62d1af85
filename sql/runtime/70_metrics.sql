-- Metrics: cumulative per-TVIEW counters and a refresh-latency histogram, plus cache and queue views.
--
-- Why it costs writers little and never makes them wait on each other:
--   * each refresh appends one row to pg_tviews_metrics_events (an INSERT without an index, in the
--     direct path written inline by pg_tviews__direct_end; a flush writes all its refreshes in one
--     INSERT). With the folds that is about 5 to 6 % of a single-row write, where the UPDATE of a
--     counter row it replaced cost 11 % (docs/guides/benchmarks.md). An INSERT never waits;
--   * about one writing transaction in 128 (pg_tviews__metrics_fold_due) then folds its backend's
--     events into the backend's counter rows (pg_tviews__metrics_fold), one row per (backend pid,
--     TVIEW). No two live sessions share a counter row. While a transaction is prepared (PREPARE
--     TRANSACTION), which may hold this backend's events and counter rows, the fold passes over
--     events another transaction holds and starts a new row (slot), so two-phase commit never makes
--     the backend wait on itself;
--   * every row is written in the writer's own transaction, so ROLLBACK and ROLLBACK TO SAVEPOINT
--     take the counts of the undone work away with it: only committed work is ever counted;
--   * both tables are unlogged (no WAL) and counter updates are HOT (no indexed column changes);
--   * monitoring reads sum the counter rows and the events not folded yet (pg_tviews__metrics_rows,
--     pg_tviews_metrics), a few hundred rows of each: the sums are exact at any moment.
-- The flush (35_queue.sql), the refresh functions (30_generator.sql) and pg_tviews_refresh
-- (40_api.sql) carry small hooks that hand their numbers to pg_tviews__metrics_record; the direct
-- path of a trigger (pg_tviews__direct_end) writes its event itself.
--
-- Errors are the exception: a failed refresh aborts its transaction, and its event with it.
-- They are counted in one sequence per TVIEW (pg_tviews_errors_<entity>, made by pg_tviews_create,
-- dropped by pg_tviews_drop): nextval is not undone by ROLLBACK and never waits for another
-- session. The flush's exception handler (35_queue.sql) calls pg_tviews__metrics_error before it
-- re-raises the error unchanged; the same handler counts flush restarts in pg_tviews_flush_restarts.

INSERT INTO public.pg_tviews_settings (name, value, description) VALUES
    ('metrics_enabled', 'on',
     'Record per-TVIEW refresh counters and latency (on) or nothing (off); see pg_tviews_metrics.')
ON CONFLICT (name) DO NOTHING;

-- One row per (backend, TVIEW): what that backend's committed flushes did. Rows of backends that
-- are gone stay (the totals must never go down); pg_tviews_cleanup_metrics folds them into
-- backend_pid 0.
CREATE UNLOGGED TABLE IF NOT EXISTS public.pg_tviews_metrics_counters (
    backend_pid     integer          NOT NULL,
    entity          text             NOT NULL,
    slot            bigint           NOT NULL DEFAULT 0,
    refreshes       bigint           NOT NULL DEFAULT 0,
    rows_inserted   bigint           NOT NULL DEFAULT 0,
    rows_updated    bigint           NOT NULL DEFAULT 0,
    rows_deleted    bigint           NOT NULL DEFAULT 0,
    rows_skipped    bigint           NOT NULL DEFAULT 0,
    cascades        bigint           NOT NULL DEFAULT 0,
    enqueued        bigint           NOT NULL DEFAULT 0,
    coalesced       bigint           NOT NULL DEFAULT 0,
    full_rebuilds   bigint           NOT NULL DEFAULT 0,
    latency_buckets bigint[]         NOT NULL,
    latency_sum     double precision NOT NULL DEFAULT 0,
    latency_count   bigint           NOT NULL DEFAULT 0,
    first_seen      timestamptz      NOT NULL DEFAULT now(),
    last_seen       timestamptz      NOT NULL DEFAULT now(),
    PRIMARY KEY (backend_pid, entity, slot)
) WITH (fillfactor = 50);
COMMENT ON TABLE public.pg_tviews_metrics_counters IS
    'Per-backend, per-TVIEW refresh counters and latency histogram; summed by pg_tviews_metrics.';

-- One row per refresh not folded into pg_tviews_metrics_counters yet (see above), as the refresh
-- reported it: the keys refreshed, the keys its report counts (its unchanged rows are those beyond
-- deleted, inserted and updated), the trigger calls that offered the keys, the keys it queued for
-- dependants. Raw, because every expression of the INSERT costs the write (the executor sets each
-- up again on every run): pg_tviews__metrics_counted turns a row into counts where they are
-- summed, once per poll or fold. No index: appending must stay cheap; a fold reads a few hundred
-- rows.
CREATE UNLOGGED TABLE IF NOT EXISTS public.pg_tviews_metrics_events (
    backend_pid  integer          NOT NULL,
    entity       text             NOT NULL,
    seconds      double precision,
    keys         bigint,
    reported     bigint,
    deleted      bigint,
    inserted     bigint,
    updated      bigint,
    cascades     bigint,
    offered      bigint,
    full_rebuild boolean          NOT NULL,
    at           timestamptz      NOT NULL
);
COMMENT ON TABLE public.pg_tviews_metrics_events IS
    'One row per refresh not yet folded into pg_tviews_metrics_counters; summed by pg_tviews_metrics.';

-- Flush restarts (see pg_tviews__flush in 35_queue.sql): a sequence, so that counting one never
-- waits for another session; restarts are events, counted even when the transaction later rolls back.
CREATE SEQUENCE IF NOT EXISTS public.pg_tviews_flush_restarts;
COMMENT ON SEQUENCE public.pg_tviews_flush_restarts IS
    'Times a flush rolled back its subtransaction to take a busy lock first and started again.';

-- Name of the sequence that counts a TVIEW's refresh errors (in the runtime's schema).
CREATE OR REPLACE FUNCTION public.pg_tviews__metrics_error_sequence(p_entity text)
RETURNS name
LANGUAGE sql IMMUTABLE
-- No SET clause: called from callers that pin search_path; a clause would cost every call.
AS $$ SELECT public.pg_tviews__short_name('pg_tviews_errors_' || p_entity) $$;

-- Creates the error sequence of an existing TVIEW (pg_tviews_create, and the install for TVIEWs
-- made before it existed). SECURITY DEFINER: the sequence belongs to the runtime's owner, whose
-- flush counts into it, whoever creates the TVIEW; only names of TVIEWs in the catalog are accepted.
CREATE OR REPLACE FUNCTION public.pg_tviews__metrics_register(p_entity text)
RETURNS void
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_name name := public.pg_tviews__metrics_error_sequence(p_entity);
BEGIN
    IF NOT EXISTS (SELECT 1 FROM public.pg_tview_meta m WHERE m.entity = p_entity) THEN
        RETURN;
    END IF;
    IF to_regclass(format('public.%I', v_name)) IS NULL THEN
        EXECUTE format('CREATE SEQUENCE public.%I', v_name);
        EXECUTE format('COMMENT ON SEQUENCE public.%I IS %L', v_name,
                       format('Refresh errors of TVIEW tv_%s (see pg_tviews_metrics.errors).', p_entity));
    END IF;
    EXECUTE format('REVOKE ALL ON SEQUENCE public.%I FROM PUBLIC', v_name);
    EXECUTE format('GRANT SELECT ON SEQUENCE public.%I TO pg_monitor', v_name);
END
$$;

-- Drops the error sequence of a TVIEW that pg_tviews_drop has taken out of the catalog.
CREATE OR REPLACE FUNCTION public.pg_tviews__metrics_unregister(p_entity text)
RETURNS void
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM public.pg_tview_meta m WHERE m.entity = p_entity) THEN
        EXECUTE format('DROP SEQUENCE IF EXISTS public.%I', public.pg_tviews__metrics_error_sequence(p_entity));
    END IF;
END
$$;

-- Adds one to a TVIEW's error sequence, when it has one (TVIEWs made before it existed may not).
-- The callers (pg_tviews__metrics_error, pg_tviews__direct_failed) check pg_tviews__metrics_on().
CREATE OR REPLACE FUNCTION public.pg_tviews__metrics_count_error(p_entity text)
RETURNS void
LANGUAGE plpgsql
-- No SET clause: called from callers that pin search_path.
AS $$
DECLARE
    v_sequence regclass := to_regclass(format('public.%I', public.pg_tviews__metrics_error_sequence(p_entity)));
BEGIN
    IF v_sequence IS NOT NULL THEN
        PERFORM nextval(v_sequence);
    END IF;
END
$$;

-- Counts one refresh error. Called by the flush's exception handler (35_queue.sql), after its
-- subtransaction has rolled back and before it re-raises the error, with the error's context: the
-- flush's variables went with the subtransaction, so the failed TVIEW is the one whose generated
-- function (refresh, lineage resolution, parent locks) the context names, innermost first. An
-- error raised outside any TVIEW's code (a lock wait that times out before a refresh) names none
-- and is not counted. Never raises: it must not replace the error it counts.
CREATE OR REPLACE FUNCTION public.pg_tviews__metrics_error(p_context text)
RETURNS void
LANGUAGE plpgsql
-- No SET clause: called from the flush, which pins search_path.
AS $$
DECLARE
    v_entity text;
BEGIN
    IF NOT public.pg_tviews__metrics_on() THEN
        RETURN;
    END IF;
    -- Unqualified names: a frame may print them without schema when the innermost function's
    -- search_path shows it.
    SELECT m.entity INTO v_entity
    FROM public.pg_tview_meta m,
         LATERAL (VALUES (public.pg_tviews__refresh_function_name(m.entity)),
                         (public.pg_tviews__short_name('pg_tviews_parent_locks_' || m.entity)),
                         (public.pg_tviews__short_name('pg_tviews_resolve_' || m.entity))) AS f(fn)
    WHERE strpos(p_context, quote_ident(f.fn) || '(') > 0
    ORDER BY strpos(p_context, quote_ident(f.fn) || '(')
    LIMIT 1;
    IF v_entity IS NOT NULL THEN
        PERFORM public.pg_tviews__metrics_count_error(v_entity);
    END IF;
EXCEPTION WHEN OTHERS THEN
    RETURN;  -- a metrics failure must never hide the refresh error
END
$$;

-- Counts one flush restart (35_queue.sql). Never raises: the flush goes on either way.
CREATE OR REPLACE FUNCTION public.pg_tviews__metrics_restart()
RETURNS void
LANGUAGE plpgsql
-- No SET clause: called from the flush, which pins search_path.
AS $$
BEGIN
    IF public.pg_tviews__metrics_on() THEN
        PERFORM nextval('public.pg_tviews_flush_restarts'::regclass);
    END IF;
END
$$;

-- Upper bounds (seconds) of the refresh-latency histogram buckets; the last bucket is +Inf.
-- Changing them makes the stored histograms meaningless: only ever append (and then widen the
-- 17 bucket columns of pg_tviews_metrics, the bounds slice of pg_tviews__metrics_counted and the
-- 17 buckets of pg_tviews__metrics_rows and pg_tviews__metrics_fold).
CREATE OR REPLACE FUNCTION public.pg_tviews_metrics_buckets()
RETURNS double precision[]
LANGUAGE sql IMMUTABLE
-- No SET clause: a constant of a built-in type, whatever the search_path; without one, PostgreSQL
-- inlines it (pg_tviews__metrics_counted reads it for every event).
AS $$
    SELECT '{0.0001,0.00025,0.0005,0.001,0.0025,0.005,0.01,0.025,0.05,0.1,0.25,0.5,1,2.5,5,10,Infinity}'::double precision[]
$$;
COMMENT ON FUNCTION public.pg_tviews_metrics_buckets() IS
    'Upper bounds in seconds (le) of the refresh-latency histogram buckets; the last is +Inf.';

-- A count of a refresh report, kept between 0 and 2^31 - 1 (NULL counts 0), for
-- pg_tviews__direct_flush; pg_tviews__metrics_counted writes the same clamp out, since monitors,
-- in whose rights it runs, may not execute this. Plain SQL without a SET clause: inlined.
CREATE OR REPLACE FUNCTION public.pg_tviews__metrics_clamp(p_count bigint)
RETURNS bigint
LANGUAGE sql IMMUTABLE
AS $$ SELECT least(greatest(p_count, 0), 2147483647) $$;

CREATE OR REPLACE FUNCTION public.pg_tviews__metrics_on()
RETURNS boolean
LANGUAGE sql STABLE
-- No SET clause: called from callers that pin search_path; a clause would cost every call.
AS $$ SELECT public.pg_tviews__setting('metrics_enabled') = 'on' $$;

-- (pg_tviews__metrics_refresh, which recorded one refresh with an UPDATE of the counter row, and
-- pg_tviews__metrics_refresh_clamped before it, gave way to pg_tviews_metrics_events.)
DROP FUNCTION IF EXISTS public.pg_tviews__metrics_refresh(text, double precision, bigint, bigint, bigint, bigint, bigint,
                                                          bigint, bigint, boolean);
DROP FUNCTION IF EXISTS public.pg_tviews__metrics_refresh_clamped(text, double precision, bigint, bigint, bigint, bigint,
                                                                  bigint, bigint, bigint, boolean);

-- (pg_tviews__metrics_negated_bounds went with it: pg_tviews__metrics_counted finds the bucket.)
DROP FUNCTION IF EXISTS public.pg_tviews__metrics_negated_bounds();

-- One event in the counters' terms (a SETOF function of one SELECT: inlined where it is used).
-- Every count is kept between 0 and 2^31 - 1 (missing: 0, as greatest ignores NULL) and a latency
-- that is no duration (negative, infinite, NaN, missing) counts as 0: a report, which the owner of
-- a TVIEW can shape through its refresh function, must never overflow the sums of
-- pg_tviews_metrics, make them go down or poison them. Prometheus buckets are "less than or equal": an event's bucket is that of
-- the first bound not below its latency, one more than the count of finite bounds below it
-- (width_bucket counts the bounds not above it: one too many when it equals a bound). Executable
-- by every role (pure computation): pg_tviews_metrics, which monitors read, calls it with their
-- rights.
-- (Columns, not the row: a whole-row value is built and taken apart again for every event.)
CREATE OR REPLACE FUNCTION public.pg_tviews__metrics_counted(p_seconds double precision, p_keys bigint, p_reported bigint,
                                                             p_deleted bigint, p_inserted bigint, p_updated bigint,
                                                             p_cascades bigint, p_offered bigint, p_full_rebuild boolean)
RETURNS TABLE (rows_inserted bigint, rows_updated bigint, rows_deleted bigint, rows_skipped bigint, cascades bigint,
               enqueued bigint, coalesced bigint, full_rebuilds bigint, bucket integer, seconds double precision)
LANGUAGE sql IMMUTABLE
AS $$
    SELECT n.inserted, n.updated, n.deleted, greatest(n.reported - n.deleted - n.inserted - n.updated, 0), n.cascades,
           n.offered, greatest(n.offered - n.keys, 0), coalesce(p_full_rebuild, false)::integer::bigint,
           w.not_above + 1 - coalesce(t.seconds = (public.pg_tviews_metrics_buckets())[w.not_above], false)::integer,
           t.seconds
    FROM (SELECT CASE WHEN p_seconds >= 0 AND p_seconds < 'Infinity' THEN p_seconds ELSE 0 END AS seconds) AS t,
         LATERAL (SELECT width_bucket(t.seconds, (public.pg_tviews_metrics_buckets())[1:16]) AS not_above) AS w,
         (SELECT least(greatest(p_keys, 0), 2147483647) AS keys,
                 least(greatest(p_reported, 0), 2147483647) AS reported,
                 least(greatest(p_deleted, 0), 2147483647) AS deleted,
                 least(greatest(p_inserted, 0), 2147483647) AS inserted,
                 least(greatest(p_updated, 0), 2147483647) AS updated,
                 least(greatest(p_cascades, 0), 2147483647) AS cascades,
                 least(greatest(p_offered, 0), 2147483647) AS offered) AS n
$$;

-- Whether this transaction folds its backend's events (pg_tviews__metrics_fold): one in 128, by
-- a hash of its id, which a session cannot choose (hashed: subtransactions take ids too, so the
-- ids of top-level transactions can step by 2 or 3); without state to keep and without drawing
-- from random(), whose sequence a session may have seeded for its own use. Inlined.
CREATE OR REPLACE FUNCTION public.pg_tviews__metrics_fold_due()
RETURNS boolean
LANGUAGE sql VOLATILE
AS $$ SELECT hashint8(txid_current()) & 127 = 0 $$;

-- Records what one flush did, one event per refresh call. p_rows: one row per refresh call, text
-- columns
--   [1] entity  [2] seconds  [3] queue entries taken  [4] dependant keys enqueued during the call
--   [5] the refresh function's report 'keys,deleted,inserted,updated' (pg_tviews.refresh_rows)
--   [6] how many trigger calls offered the taken queue entries (pg_tviews_queue.hits)
CREATE OR REPLACE FUNCTION public.pg_tviews__metrics_record(p_rows text[], p_full_rebuild boolean DEFAULT false)
RETURNS void
LANGUAGE plpgsql
-- Neither SECURITY DEFINER nor a SET clause: only the runtime's owner may execute it
-- (90_privileges.sql), from the flush and pg_tviews__refresh_keys, which run as that owner with a
-- pinned search_path; a definer's SET clause cost every flush a save and restore of the settings.
AS $$
BEGIN
    IF coalesce(array_length(p_rows, 1), 0) = 0 OR NOT public.pg_tviews__metrics_on() THEN
        RETURN;
    END IF;
    INSERT INTO public.pg_tviews_metrics_events
    SELECT pg_backend_pid(), p_rows[i][1], p_rows[i][2]::double precision, p_rows[i][3]::bigint, r.report[1], r.report[2],
           r.report[3], r.report[4], p_rows[i][4]::bigint, p_rows[i][6]::bigint, coalesce(p_full_rebuild, false), now()
    FROM generate_subscripts(p_rows, 1) AS i,
         LATERAL (SELECT string_to_array(nullif(p_rows[i][5], ''), ',')::bigint[] AS report) AS r;
    IF public.pg_tviews__metrics_fold_due() THEN
        PERFORM public.pg_tviews__metrics_fold(pg_backend_pid());
    END IF;
END
$$;

-- (pg_tviews__metrics_add, the element-wise sum of two histograms, is written out where it is used:
-- as a function of its own it was planned again on every call.)
DROP FUNCTION IF EXISTS public.pg_tviews__metrics_add(bigint[], bigint[]);

-- Every counted refresh as counter rows: the counter rows, then each event not folded yet as the
-- counter row of one refresh. Summed by pg_tviews_metrics and pg_tviews_queue_metrics. Internal:
-- monitors read it through those views.
CREATE OR REPLACE VIEW public.pg_tviews__metrics_rows AS
    SELECT c.backend_pid, c.entity, c.refreshes, c.rows_inserted, c.rows_updated, c.rows_deleted, c.rows_skipped,
           c.cascades, c.enqueued, c.coalesced, c.full_rebuilds, c.latency_buckets, c.latency_sum, c.latency_count,
           c.last_seen
    FROM public.pg_tviews_metrics_counters c
    UNION ALL
    SELECT e.backend_pid, e.entity, 1, c.rows_inserted, c.rows_updated, c.rows_deleted, c.rows_skipped, c.cascades,
           c.enqueued, c.coalesced, c.full_rebuilds,
           array_fill(0::bigint, ARRAY[c.bucket - 1]) || 1::bigint || array_fill(0::bigint, ARRAY[17 - c.bucket]),
           c.seconds, 1, e.at
    FROM public.pg_tviews_metrics_events e,
         LATERAL public.pg_tviews__metrics_counted(e.seconds, e.keys, e.reported, e.deleted, e.inserted, e.updated,
                                                   e.cascades, e.offered, e.full_rebuild) AS c;
COMMENT ON VIEW public.pg_tviews__metrics_rows IS
    'Internal: the counter rows and the events not folded yet, as counter rows; summed by pg_tviews_metrics.';

-- Adds counts to the counter rows of the same (backend, TVIEW, slot), or starts those rows: what
-- pg_tviews__metrics_fold moves out of the events and pg_tviews_cleanup_metrics out of the rows of
-- backends that are gone.
CREATE OR REPLACE FUNCTION public.pg_tviews__metrics_add_rows(p_rows public.pg_tviews_metrics_counters[])
RETURNS void
LANGUAGE plpgsql
-- No SET clause: called from callers that pin search_path. PL/pgSQL, not SQL: its statement's
-- plan is kept (an SQL function's body is planned again on every call).
AS $$
BEGIN
    INSERT INTO public.pg_tviews_metrics_counters AS c
    SELECT * FROM unnest(p_rows)
    ON CONFLICT (backend_pid, entity, slot) DO UPDATE SET
        refreshes = c.refreshes + EXCLUDED.refreshes,
        rows_inserted = c.rows_inserted + EXCLUDED.rows_inserted,
        rows_updated = c.rows_updated + EXCLUDED.rows_updated,
        rows_deleted = c.rows_deleted + EXCLUDED.rows_deleted,
        rows_skipped = c.rows_skipped + EXCLUDED.rows_skipped,
        cascades = c.cascades + EXCLUDED.cascades,
        enqueued = c.enqueued + EXCLUDED.enqueued,
        coalesced = c.coalesced + EXCLUDED.coalesced,
        full_rebuilds = c.full_rebuilds + EXCLUDED.full_rebuilds,
        -- element by element (a shorter histogram counts as zeros where it ends)
        latency_buckets = ARRAY(SELECT coalesce(u.a, 0) + coalesce(u.b, 0)
                                FROM unnest(c.latency_buckets, EXCLUDED.latency_buckets) WITH ORDINALITY AS u(a, b, n)
                                ORDER BY u.n),
        latency_sum = c.latency_sum + EXCLUDED.latency_sum,
        latency_count = c.latency_count + EXCLUDED.latency_count,
        first_seen = least(c.first_seen, EXCLUDED.first_seen),
        last_seen = greatest(c.last_seen, EXCLUDED.last_seen);
END
$$;

-- Moves a backend's events into its counter rows, one row per TVIEW (about one writing transaction
-- in 128, pg_tviews__metrics_fold_due; pg_tviews_cleanup_metrics for backends that are gone), in
-- one statement whose work grows with the events, not with their square (a generic plan over a
-- list of row addresses compared every row with every address). Totals do not change: the events
-- leave as their counts arrive, in one transaction. It never waits for itself: a prepared
-- transaction (PREPARE TRANSACTION) of this backend that folded holds some of its events and
-- counter rows, so while any transaction of the server is prepared, events locked by another
-- transaction are left for a later fold and the counts go to a new row (slot), unique to this
-- transaction; otherwise no other transaction touches this backend's rows, and they go to slot 0.
CREATE OR REPLACE FUNCTION public.pg_tviews__metrics_fold(p_backend integer)
RETURNS void
LANGUAGE plpgsql
-- Not SECURITY DEFINER: only the runtime's owner may execute it (90_privileges.sql), from callers
-- that run as that owner with a pinned search_path. A generic plan from the first fold on: a
-- session folds too seldom to reach PostgreSQL's own switch to one (after five custom plans), and
-- planning the statement cost as much as folding 128 events.
SET plan_cache_mode = force_generic_plan
AS $$
DECLARE
    v_prepared boolean := EXISTS (SELECT 1 FROM pg_prepared_xact());  -- in any database: rare enough
    v_rows public.pg_tviews_metrics_counters[];  -- one per TVIEW: the folded counts
BEGIN
    WITH gone AS (
        DELETE FROM public.pg_tviews_metrics_events e
        WHERE e.backend_pid = p_backend
          AND (NOT v_prepared OR e.ctid IN (SELECT x.ctid FROM public.pg_tviews_metrics_events x
                                            WHERE x.backend_pid = p_backend FOR UPDATE SKIP LOCKED))
        RETURNING e.*
    )
    SELECT array_agg(f.r) INTO v_rows
    FROM (SELECT ROW(p_backend, g.entity, CASE WHEN v_prepared THEN pg_current_xact_id()::text::bigint ELSE 0 END,
                     count(*), sum(c.rows_inserted)::bigint, sum(c.rows_updated)::bigint, sum(c.rows_deleted)::bigint,
                     sum(c.rows_skipped)::bigint, sum(c.cascades)::bigint, sum(c.enqueued)::bigint,
                     sum(c.coalesced)::bigint, sum(c.full_rebuilds)::bigint,
                     ARRAY(SELECT count(b.b) FROM generate_series(1, 17) AS k(k)
                           LEFT JOIN unnest(array_agg(c.bucket)) AS b(b) ON b.b = k.k GROUP BY k.k ORDER BY k.k),
                     sum(c.seconds), count(*), min(g.at), max(g.at))::public.pg_tviews_metrics_counters AS r
          FROM gone g,
               LATERAL public.pg_tviews__metrics_counted(g.seconds, g.keys, g.reported, g.deleted, g.inserted, g.updated,
                                                         g.cascades, g.offered, g.full_rebuild) AS c
          GROUP BY g.entity) AS f;
    PERFORM public.pg_tviews__metrics_add_rows(v_rows);
END
$$;

-- The q-quantile (0 < q < 1) of a cumulative histogram, interpolated linearly inside its bucket as
-- Prometheus' histogram_quantile does; NULL when it is empty. In seconds.
CREATE OR REPLACE FUNCTION public.pg_tviews_metrics_quantile(q double precision, cumulative_buckets bigint[])
RETURNS double precision
LANGUAGE sql IMMUTABLE
SET search_path = pg_catalog, pg_temp
AS $$
    WITH b AS (
        SELECT n, le, c, lag(le, 1, 0::double precision) OVER (ORDER BY n) AS lower,
               lag(c, 1, 0::bigint) OVER (ORDER BY n) AS below
        FROM unnest(public.pg_tviews_metrics_buckets(), cumulative_buckets) WITH ORDINALITY AS u(le, c, n)
    ), total AS (SELECT max(c) AS n FROM b)
    SELECT CASE WHEN b.le = 'Infinity' THEN b.lower  -- beyond the last finite bound: report that bound
                ELSE b.lower + (b.le - b.lower) * (q * total.n - b.below) / nullif(b.c - b.below, 0) END
    FROM b, total
    WHERE total.n > 0 AND b.c >= q * total.n
    ORDER BY b.n LIMIT 1
$$;
COMMENT ON FUNCTION public.pg_tviews_metrics_quantile(double precision, bigint[]) IS
    'Estimated q-quantile in seconds of a cumulative latency histogram (as pg_tviews_metrics.latency_buckets).';

-- Per TVIEW: the sum over all backends. Counters only grow (until the tables are dropped), so a
-- monitor turns two readings into rates.
CREATE OR REPLACE VIEW public.pg_tviews_metrics AS
    -- A poll must stay cheap with many TVIEWs and backends (the sampler reads this view): one pass
    -- over the counter rows with plain aggregates, the histogram summed bucket by bucket (17
    -- columns, no unnest of rows x buckets), made cumulative ("le") per TVIEW after the grouping.
    WITH totals AS (
        SELECT c.entity, sum(c.refreshes) AS refreshes, sum(c.rows_inserted) AS rows_inserted,
               sum(c.rows_updated) AS rows_updated, sum(c.rows_deleted) AS rows_deleted,
               sum(c.rows_skipped) AS rows_skipped, sum(c.cascades) AS cascades, sum(c.enqueued) AS enqueued,
               sum(c.coalesced) AS coalesced, sum(c.full_rebuilds) AS full_rebuilds,
               sum(c.latency_sum) AS latency_sum, sum(c.latency_count) AS latency_count,
               count(DISTINCT c.backend_pid) FILTER (WHERE c.backend_pid <> 0) AS backends,
               max(c.last_seen) AS last_seen,
               sum(c.latency_buckets[1])::bigint AS b1,
               sum(c.latency_buckets[2])::bigint AS b2,
               sum(c.latency_buckets[3])::bigint AS b3,
               sum(c.latency_buckets[4])::bigint AS b4,
               sum(c.latency_buckets[5])::bigint AS b5,
               sum(c.latency_buckets[6])::bigint AS b6,
               sum(c.latency_buckets[7])::bigint AS b7,
               sum(c.latency_buckets[8])::bigint AS b8,
               sum(c.latency_buckets[9])::bigint AS b9,
               sum(c.latency_buckets[10])::bigint AS b10,
               sum(c.latency_buckets[11])::bigint AS b11,
               sum(c.latency_buckets[12])::bigint AS b12,
               sum(c.latency_buckets[13])::bigint AS b13,
               sum(c.latency_buckets[14])::bigint AS b14,
               sum(c.latency_buckets[15])::bigint AS b15,
               sum(c.latency_buckets[16])::bigint AS b16,
               sum(c.latency_buckets[17])::bigint AS b17
        FROM public.pg_tviews__metrics_rows c GROUP BY c.entity
    )
    SELECT m.entity, m.table_oid AS tview, m.refresh_mode,
           coalesce(t.refreshes, 0)::bigint AS refreshes,
           coalesce(t.rows_inserted, 0)::bigint AS rows_inserted,
           coalesce(t.rows_updated, 0)::bigint AS rows_updated,
           coalesce(t.rows_deleted, 0)::bigint AS rows_deleted,
           coalesce(t.rows_skipped, 0)::bigint AS rows_skipped,
           coalesce(t.cascades, 0)::bigint AS cascades,
           coalesce(t.enqueued, 0)::bigint AS enqueued,
           coalesce(t.coalesced, 0)::bigint AS coalesced,
           coalesce(t.full_rebuilds, 0)::bigint AS full_rebuilds,
           public.pg_tviews_metrics_buckets() AS latency_le,
           CASE WHEN t.entity IS NULL THEN array_fill(0::bigint, ARRAY[17])
                ELSE ARRAY[
                 t.b1,
                 t.b1 + t.b2,
                 t.b1 + t.b2 + t.b3,
                 t.b1 + t.b2 + t.b3 + t.b4,
                 t.b1 + t.b2 + t.b3 + t.b4 + t.b5,
                 t.b1 + t.b2 + t.b3 + t.b4 + t.b5 + t.b6,
                 t.b1 + t.b2 + t.b3 + t.b4 + t.b5 + t.b6 + t.b7,
                 t.b1 + t.b2 + t.b3 + t.b4 + t.b5 + t.b6 + t.b7 + t.b8,
                 t.b1 + t.b2 + t.b3 + t.b4 + t.b5 + t.b6 + t.b7 + t.b8 + t.b9,
                 t.b1 + t.b2 + t.b3 + t.b4 + t.b5 + t.b6 + t.b7 + t.b8 + t.b9 + t.b10,
                 t.b1 + t.b2 + t.b3 + t.b4 + t.b5 + t.b6 + t.b7 + t.b8 + t.b9 + t.b10 + t.b11,
                 t.b1 + t.b2 + t.b3 + t.b4 + t.b5 + t.b6 + t.b7 + t.b8 + t.b9 + t.b10 + t.b11 + t.b12,
                 t.b1 + t.b2 + t.b3 + t.b4 + t.b5 + t.b6 + t.b7 + t.b8 + t.b9 + t.b10 + t.b11 + t.b12 + t.b13,
                 t.b1 + t.b2 + t.b3 + t.b4 + t.b5 + t.b6 + t.b7 + t.b8 + t.b9 + t.b10 + t.b11 + t.b12 + t.b13 + t.b14,
                 t.b1 + t.b2 + t.b3 + t.b4 + t.b5 + t.b6 + t.b7 + t.b8 + t.b9 + t.b10 + t.b11 + t.b12 + t.b13 + t.b14 + t.b15,
                 t.b1 + t.b2 + t.b3 + t.b4 + t.b5 + t.b6 + t.b7 + t.b8 + t.b9 + t.b10 + t.b11 + t.b12 + t.b13 + t.b14 + t.b15 + t.b16,
                 t.b1 + t.b2 + t.b3 + t.b4 + t.b5 + t.b6 + t.b7 + t.b8 + t.b9 + t.b10 + t.b11 + t.b12 + t.b13 + t.b14 + t.b15 + t.b16 + t.b17
                ]::bigint[] END AS latency_buckets,
           coalesce(t.latency_sum, 0)::double precision AS latency_sum,
           coalesce(t.latency_count, 0)::bigint AS latency_count,
           coalesce(t.backends, 0)::integer AS backends,
           t.last_seen AS last_refresh,
           -- Not undone by ROLLBACK (see pg_tviews__metrics_error); NULL for a role that may not read
           -- the sequence (pg_monitor may). A name lookup per TVIEW, only when the column is read.
           -- The name is computed inline, as pg_tviews__metrics_error_sequence does: functions in a
           -- view run with the reader's EXECUTE rights, and monitors get none on internal functions.
           (SELECT CASE WHEN e.seq IS NULL THEN 0
                        WHEN has_sequence_privilege(e.seq, 'SELECT') THEN coalesce(pg_sequence_last_value(e.seq), 0) END
            FROM (SELECT to_regclass(format('public.%I', CASE WHEN octet_length(n.name) <= 63 THEN n.name
                                            ELSE left(n.name, 50) || '_' || left(md5(n.name), 12) END)) AS seq
                  FROM (SELECT 'pg_tviews_errors_' || m.entity AS name) AS n) AS e)::bigint AS errors
    FROM public.pg_tview_meta m
    LEFT JOIN totals t ON t.entity = m.entity;
COMMENT ON VIEW public.pg_tviews_metrics IS
    'Cumulative refresh counters and latency histogram of every TVIEW, summed over all backends.';

-- Buffer cache hits of every tv_ table (heap, TOAST, each index) and of the runtime's own tables.
CREATE OR REPLACE VIEW public.pg_tviews_cache_stats AS
    WITH rels AS (
        SELECT m.entity, m.table_oid::oid AS relid FROM public.pg_tview_meta m
        UNION ALL
        SELECT NULL, c.oid FROM pg_catalog.pg_class c
        WHERE c.relnamespace = 'public'::regnamespace AND c.relkind = 'r'
          AND c.relname IN ('pg_tviews_queue', 'pg_tviews_commit_hook', 'pg_tview_meta', 'pg_tview_source',
                            'pg_tviews_metrics_counters', 'pg_tviews_metrics_events')
    ), parts AS (  -- the statistics functions behind pg_statio_all_*, for these relations only
        SELECT r.entity, r.relid AS oid, 'table' AS kind FROM rels r
        UNION ALL
        SELECT r.entity, c.reltoastrelid, 'toast' FROM rels r JOIN pg_catalog.pg_class c ON c.oid = r.relid
        WHERE c.reltoastrelid <> 0
        UNION ALL
        SELECT r.entity, i.indexrelid, 'index' FROM rels r JOIN pg_catalog.pg_index i ON i.indrelid = r.relid
    ), counted AS (
        SELECT p.entity, p.oid::regclass AS relation, p.kind,
               pg_catalog.pg_stat_get_blocks_fetched(p.oid) - pg_catalog.pg_stat_get_blocks_hit(p.oid) AS blks_read,
               pg_catalog.pg_stat_get_blocks_hit(p.oid) AS blks_hit
        FROM parts p
    )
    SELECT p.entity, p.relation, p.kind, p.blks_read, p.blks_hit,
           round(p.blks_hit::numeric / nullif(p.blks_hit + p.blks_read, 0), 4) AS hit_ratio
    FROM counted p;
COMMENT ON VIEW public.pg_tviews_cache_stats IS
    'Buffer cache reads and hits of every tv_ table, its TOAST table and indexes, and of the runtime''s tables.';

-- The queue as other sessions can see it: queued rows are private to their transaction (MVCC),
-- so the depth that matters is how many open transactions hold TVIEW work, from pg_locks.
CREATE OR REPLACE VIEW public.pg_tviews_queue_metrics AS
    WITH holders AS (  -- one pass over the lock table (pg_locks gathers every lock of the server)
        SELECT count(DISTINCT l.virtualtransaction) FILTER (WHERE l.relation = 'public.pg_tviews_queue'::regclass) AS queue,
               count(DISTINCT l.virtualtransaction) FILTER (WHERE l.relation = 'public.pg_tviews_commit_hook'::regclass) AS hook
        FROM pg_catalog.pg_locks l
        WHERE l.locktype = 'relation' AND l.mode = 'RowExclusiveLock'
          AND l.database = (SELECT oid FROM pg_catalog.pg_database WHERE datname = current_database())
          AND l.relation IN ('public.pg_tviews_queue'::regclass, 'public.pg_tviews_commit_hook'::regclass)
    ), counted AS (
        SELECT coalesce(sum(c.enqueued), 0)::bigint AS enqueued, coalesce(sum(c.coalesced), 0)::bigint AS coalesced
        FROM public.pg_tviews__metrics_rows c
    )
    SELECT h.queue::integer AS open_transactions, h.hook::integer AS deferred_transactions,
           n.enqueued, n.coalesced,
           s.n_tup_ins AS queue_inserts, s.n_tup_del AS queue_deletes, s.n_dead_tup AS queue_dead_rows,
           pg_catalog.pg_total_relation_size('public.pg_tviews_queue'::regclass) AS queue_bytes,
           -- Not undone by ROLLBACK; NULL for a role that may not read the sequence (pg_monitor may).
           CASE WHEN has_sequence_privilege('public.pg_tviews_flush_restarts', 'SELECT')
                THEN coalesce(pg_sequence_last_value('public.pg_tviews_flush_restarts'), 0) END AS flush_restarts
    FROM holders h, counted n, pg_catalog.pg_stat_all_tables s WHERE s.relid = 'public.pg_tviews_queue'::regclass;
COMMENT ON VIEW public.pg_tviews_queue_metrics IS
    'Open transactions with queued TVIEW work, cumulative enqueue/coalesce counts and the queue table''s size.';

-- One row per TVIEW for a quick look: totals, mean and estimated percentiles, size, cache hits.
CREATE OR REPLACE VIEW public.pg_tviews_performance_summary AS
    SELECT x.entity, x.tview, x.refresh_mode, x.refreshes,
           x.rows_inserted + x.rows_updated + x.rows_deleted AS rows_changed, x.rows_skipped, x.cascades,
           x.full_rebuilds,
           round((1000 * x.latency_sum / nullif(x.latency_count, 0))::numeric, 3) AS avg_refresh_ms,
           round((1000 * public.pg_tviews_metrics_quantile(0.50, x.latency_buckets))::numeric, 3) AS p50_refresh_ms,
           round((1000 * public.pg_tviews_metrics_quantile(0.95, x.latency_buckets))::numeric, 3) AS p95_refresh_ms,
           round((1000 * public.pg_tviews_metrics_quantile(0.99, x.latency_buckets))::numeric, 3) AS p99_refresh_ms,
           s.n_live_tup AS live_rows, s.n_dead_tup AS dead_rows,
           pg_catalog.pg_total_relation_size(x.tview) AS total_bytes,
           (SELECT round(sum(cs.blks_hit)::numeric / nullif(sum(cs.blks_hit + cs.blks_read), 0), 4)
            FROM public.pg_tviews_cache_stats cs WHERE cs.entity = x.entity) AS cache_hit_ratio,
           x.last_refresh
    FROM public.pg_tviews_metrics x
    LEFT JOIN pg_catalog.pg_stat_all_tables s ON s.relid = x.tview;
COMMENT ON VIEW public.pg_tviews_performance_summary IS
    'Per TVIEW: refresh totals, mean and p50/p95/p99 latency, size, dead rows and cache hit ratio.';

-- Statements of pg_stat_statements that touch TVIEWs: a function, not a view, because a view
-- could not even be created where the extension is missing; without it this returns no rows.
CREATE OR REPLACE FUNCTION public.pg_tviews_statement_stats(max_rows integer DEFAULT 20)
RETURNS TABLE (queryid bigint, calls bigint, total_ms double precision, mean_ms double precision,
               rows bigint, shared_blks_hit bigint, shared_blks_read bigint, query text)
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_schema name;
BEGIN
    SELECT n.nspname INTO v_schema FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
    WHERE e.extname = 'pg_stat_statements';
    IF v_schema IS NULL THEN
        RETURN;
    END IF;
    RETURN QUERY EXECUTE format($q$
        SELECT s.queryid, s.calls, s.total_exec_time, s.mean_exec_time, s.rows, s.shared_blks_hit, s.shared_blks_read, s.query
        FROM %I.pg_stat_statements AS s
        WHERE s.dbid = (SELECT d.oid FROM pg_database d WHERE d.datname = current_database())
          AND (s.query ~ '\mtv_' OR s.query ~ '\mpg_tviews_')
        ORDER BY s.total_exec_time DESC LIMIT $1$q$, v_schema) USING max_rows;
END
$$;
COMMENT ON FUNCTION public.pg_tviews_statement_stats(integer) IS
    'The statements of pg_stat_statements that read or maintain TVIEWs, costliest first; none without the extension.';

-- Folds the rows of backends that are gone and were idle for p_days into backend_pid 0 (totals
-- stay the same), their events first, and deletes the rows and events of TVIEWs that no longer
-- exist. Returns counter rows removed and events of dropped TVIEWs deleted.
CREATE OR REPLACE FUNCTION public.pg_tviews_cleanup_metrics(days integer DEFAULT 7)
RETURNS bigint
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_removed bigint;
    v_dropped bigint;
    v_events bigint;
    v_rows public.pg_tviews_metrics_counters[];  -- one per TVIEW: the rows folded into backend 0
BEGIN
    IF days IS NULL OR days < 0 THEN
        PERFORM public.pg_tviews__fail('TV061', format('invalid number of days %s', coalesce(days::text, 'NULL')),
            'Use 0 or a positive number of days.');
    END IF;
    DELETE FROM public.pg_tviews_metrics_counters c
    WHERE NOT EXISTS (SELECT 1 FROM public.pg_tview_meta m WHERE m.entity = c.entity);
    GET DIAGNOSTICS v_dropped = ROW_COUNT;
    DELETE FROM public.pg_tviews_metrics_events e
    WHERE NOT EXISTS (SELECT 1 FROM public.pg_tview_meta m WHERE m.entity = e.entity);
    GET DIAGNOSTICS v_events = ROW_COUNT;
    v_dropped := v_dropped + v_events;
    -- The events of backends that are gone, into their counter rows: folded below with them.
    PERFORM public.pg_tviews__metrics_fold(g.backend_pid)
    FROM (SELECT DISTINCT e.backend_pid FROM public.pg_tviews_metrics_events e
          WHERE NOT EXISTS (SELECT 1 FROM pg_stat_activity a WHERE a.pid = e.backend_pid)) AS g;
    WITH gone AS (
        DELETE FROM public.pg_tviews_metrics_counters c
        WHERE c.backend_pid <> 0 AND c.last_seen < now() - make_interval(days => days)
          AND NOT EXISTS (SELECT 1 FROM pg_stat_activity a WHERE a.pid = c.backend_pid)
        RETURNING c.*
    )
    SELECT array_agg(f.r), coalesce(sum(f.n), 0) INTO v_rows, v_removed
    FROM (SELECT ROW(0, g.entity, 0, sum(g.refreshes)::bigint, sum(g.rows_inserted)::bigint, sum(g.rows_updated)::bigint,
                     sum(g.rows_deleted)::bigint, sum(g.rows_skipped)::bigint, sum(g.cascades)::bigint,
                     sum(g.enqueued)::bigint, sum(g.coalesced)::bigint, sum(g.full_rebuilds)::bigint,
                     (SELECT array_agg(s ORDER BY n) FROM (SELECT u.n, sum(u.b)::bigint AS s
                          FROM gone g2, unnest(g2.latency_buckets) WITH ORDINALITY AS u(b, n)
                          WHERE g2.entity = g.entity GROUP BY u.n) AS x),
                     sum(g.latency_sum), sum(g.latency_count)::bigint, min(g.first_seen),
                     max(g.last_seen))::public.pg_tviews_metrics_counters AS r,
                 count(*) AS n
          FROM gone g GROUP BY g.entity) AS f;
    PERFORM public.pg_tviews__metrics_add_rows(v_rows);
    RETURN v_removed + v_dropped;
END
$$;
COMMENT ON FUNCTION public.pg_tviews_cleanup_metrics(integer) IS
    'Folds counter rows of backends gone for days into one row (totals unchanged) and drops rows of dropped TVIEWs.';

-- Monitoring needs only pg_monitor (or a grant of these views to a role of your choice); events
-- and counter rows are written by the runtime's own functions (pg_tviews__direct_end, the flush,
-- the fold), which run as the runtime's owner.
REVOKE ALL ON public.pg_tviews_metrics_counters, public.pg_tviews_metrics_events, public.pg_tviews__metrics_rows
    FROM PUBLIC;
GRANT SELECT ON public.pg_tviews_metrics_counters, public.pg_tviews_metrics_events, public.pg_tviews_metrics, public.pg_tviews_cache_stats,
    public.pg_tviews_queue_metrics, public.pg_tviews_performance_summary TO pg_monitor;
REVOKE ALL ON SEQUENCE public.pg_tviews_flush_restarts FROM PUBLIC;
GRANT SELECT ON SEQUENCE public.pg_tviews_flush_restarts TO pg_monitor;
REVOKE ALL ON FUNCTION public.pg_tviews__metrics_error(text), public.pg_tviews__metrics_restart() FROM PUBLIC;
-- Error sequences of TVIEWs created before this runtime counted errors.
DO $register$ BEGIN
    PERFORM public.pg_tviews__metrics_register(m.entity) FROM public.pg_tview_meta m;
END $register$;
REVOKE ALL ON FUNCTION public.pg_tviews_cleanup_metrics(integer) FROM PUBLIC;
