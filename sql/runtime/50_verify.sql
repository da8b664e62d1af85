-- Verification: compares each tv_ table with a fresh evaluation of its view. An empty result
-- means every TVIEW is exactly right; with repair => true, only the differing rows are recomputed
-- (by the TVIEW's owner, or a member of its role: others get TV050).
CREATE OR REPLACE FUNCTION public.pg_tviews_verify(tview_name text DEFAULT NULL, repair boolean DEFAULT false)
RETURNS TABLE (tview text, pk bigint, issue text, repaired boolean)
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    m public.pg_tview_meta;
    v_keys bigint[];
    v_filter text := CASE WHEN tview_name IS NULL THEN NULL ELSE (public.pg_tviews__meta(tview_name)).entity END;
BEGIN
    FOR m IN SELECT * FROM public.pg_tview_meta
             WHERE v_filter IS NULL OR entity = v_filter ORDER BY depth, entity LOOP
        tview := m.table_oid::text;
        v_keys := '{}';
        -- Rows are compared as jsonb so that every column type, json included, has an equality.
        FOR pk, issue IN EXECUTE format($q$
            SELECT coalesce(v.k, t.k),
                   CASE WHEN t.k IS NULL THEN 'missing' WHEN v.k IS NULL THEN 'extra' ELSE 'stale' END
            FROM (SELECT x.%1$I::bigint AS k, to_jsonb(x) AS r FROM %2$s AS x) AS v
            FULL JOIN (SELECT x.%1$I::bigint AS k, to_jsonb(x) AS r FROM %3$s AS x) AS t ON t.k = v.k
            WHERE v.k IS NULL OR t.k IS NULL OR v.r IS DISTINCT FROM t.r
            ORDER BY 1$q$, m.pk_column, m.view_oid, m.table_oid)
        LOOP
            repaired := repair;
            v_keys := v_keys || pk;
            RETURN NEXT;
        END LOOP;
        IF repair AND cardinality(v_keys) > 0 THEN
            PERFORM public.pg_tviews__prove_owner(m.table_oid, format('repair TVIEW %s', m.table_oid));
            PERFORM public.pg_tviews__refresh_keys(m.entity, v_keys, false);
        END IF;
    END LOOP;
END
$$;
