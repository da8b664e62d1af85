-- One sampler poll (io.tviewstudio.core.metrics.MetricsReader runs it, prepared; bench/metrics-overhead.sh
-- times this very file). It must cost the database well under 5 ms with 50 TVIEWs: it reads only the
-- columns of pg_tviews_metrics it needs (the planner then skips the others, e.g. the backends count),
-- and computes the cache hit ratio and the queue holders itself with one pass each instead of the
-- all-purpose views pg_tviews_cache_stats and pg_tviews_queue_metrics. Always one row at least: without
-- TVIEWs, one with a NULL entity that still carries the queue, the restarts and the clock.
WITH parts AS (  -- every tv_ table, its TOAST table and its indexes
    SELECT m.entity, c.oid AS relid, c.reltoastrelid
    FROM public.pg_tview_meta m JOIN pg_catalog.pg_class c ON c.oid = m.table_oid
), rels AS (
    SELECT p.entity, p.relid FROM parts p
    UNION ALL SELECT p.entity, p.reltoastrelid FROM parts p WHERE p.reltoastrelid <> 0
    UNION ALL SELECT p.entity, i.indexrelid FROM parts p JOIN pg_catalog.pg_index i ON i.indrelid = p.relid
), cache AS (
    SELECT r.entity, sum(pg_catalog.pg_stat_get_blocks_hit(r.relid))::float8
                     / nullif(sum(pg_catalog.pg_stat_get_blocks_fetched(r.relid)), 0) AS ratio
    FROM rels r GROUP BY r.entity
), queue AS (  -- one pass over pg_locks, which gathers every lock of the server
    SELECT count(DISTINCT l.virtualtransaction) FILTER (WHERE l.relation = 'public.pg_tviews_queue'::regclass) AS open,
           count(DISTINCT l.virtualtransaction) FILTER (WHERE l.relation = 'public.pg_tviews_commit_hook'::regclass) AS deferred
    FROM pg_catalog.pg_locks l
    WHERE l.locktype = 'relation' AND l.mode = 'RowExclusiveLock'
      AND l.database = (SELECT d.oid FROM pg_catalog.pg_database d WHERE d.datname = pg_catalog.current_database())
      AND l.relation IN ('public.pg_tviews_queue'::regclass, 'public.pg_tviews_commit_hook'::regclass)
)
SELECT m.entity, format('%I.%I', t.schema_name, 'tv_' || t.entity) AS tview, m.refreshes, m.rows_inserted, m.rows_updated,
       m.rows_deleted, m.rows_skipped, m.cascades, m.enqueued, m.coalesced, m.full_rebuilds, m.errors,
       public.pg_tviews_metrics_buckets() AS latency_le, m.latency_buckets, m.latency_sum, m.latency_count, cache.ratio AS cache_hit_ratio,
       q.open::integer AS open_transactions, q.deferred::integer AS deferred_transactions,
       CASE WHEN pg_catalog.has_sequence_privilege('public.pg_tviews_flush_restarts', 'SELECT')
            THEN coalesce(pg_catalog.pg_sequence_last_value('public.pg_tviews_flush_restarts'), 0) END AS flush_restarts,
       pg_catalog.clock_timestamp() AS read_at
FROM queue q
LEFT JOIN public.pg_tviews_metrics m ON true
LEFT JOIN public.pg_tview_meta t ON t.entity = m.entity
LEFT JOIN cache ON cache.entity = m.entity
ORDER BY m.entity
