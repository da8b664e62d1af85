-- The catalog is readable by every role, as PostgreSQL's own catalogs are (view definitions are
-- public in pg_views too), so monitoring roles need no further grant. Only the runtime's owner
-- writes it, through pg_tviews_create and pg_tviews_drop.
GRANT SELECT ON public.pg_tviews_runtime, public.pg_tview_meta, public.pg_tview_source TO PUBLIC;
GRANT SELECT ON public.pg_tviews_settings TO PUBLIC;

-- Any role that may create objects may create TVIEWs, not only the runtime's owner: it writes
-- catalog rows only for TVIEWs whose table it owns (row-level security; the owner is exempt).
GRANT INSERT, UPDATE, DELETE ON public.pg_tview_meta, public.pg_tview_source TO PUBLIC;
ALTER TABLE public.pg_tview_meta ENABLE ROW LEVEL SECURITY;
ALTER TABLE public.pg_tview_source ENABLE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS pg_tview_meta_read ON public.pg_tview_meta;
DROP POLICY IF EXISTS pg_tview_meta_write ON public.pg_tview_meta;
DROP POLICY IF EXISTS pg_tview_source_read ON public.pg_tview_source;
DROP POLICY IF EXISTS pg_tview_source_write ON public.pg_tview_source;
CREATE POLICY pg_tview_meta_read ON public.pg_tview_meta FOR SELECT USING (true);
-- The function names in a row are SQL that runtime code executes: a row written by any role but the
-- runtime's owner must name exactly the functions pg_tviews_create generates (quoted identifiers),
-- never an arbitrary expression. The names are computed as pg_tviews__short_name does, inline: a
-- policy must not depend on runtime functions, which uninstall and upgrades drop.
CREATE POLICY pg_tview_meta_write ON public.pg_tview_meta FOR ALL
    USING (pg_catalog.pg_has_role((SELECT c.relowner FROM pg_catalog.pg_class c WHERE c.oid = table_oid), 'USAGE'))
    WITH CHECK (pg_catalog.pg_has_role((SELECT c.relowner FROM pg_catalog.pg_class c WHERE c.oid = table_oid), 'USAGE')
                AND refresh_function = (SELECT pg_catalog.format('%I.%I', schema_name, CASE WHEN pg_catalog.octet_length(f.name) <= 63
                                            THEN f.name ELSE pg_catalog.left(f.name, 50) || '_' || pg_catalog.left(pg_catalog.md5(f.name), 12) END)
                                        FROM (SELECT 'pg_tviews_refresh_' || entity AS name) AS f));
CREATE POLICY pg_tview_source_read ON public.pg_tview_source FOR SELECT USING (true);
CREATE POLICY pg_tview_source_write ON public.pg_tview_source FOR ALL
    USING (EXISTS (SELECT 1 FROM public.pg_tview_meta m WHERE m.entity = pg_tview_source.entity))
    WITH CHECK (EXISTS (SELECT 1 FROM public.pg_tview_meta m WHERE m.entity = pg_tview_source.entity
                        AND pg_catalog.pg_has_role((SELECT c.relowner FROM pg_catalog.pg_class c WHERE c.oid = m.table_oid), 'USAGE')
                        AND pg_tview_source.trigger_function = (
                            SELECT pg_catalog.format('%I.%I', m.schema_name, CASE WHEN pg_catalog.octet_length(f.name) <= 63
                                   THEN f.name ELSE pg_catalog.left(f.name, 50) || '_' || pg_catalog.left(pg_catalog.md5(f.name), 12) END)
                            FROM (SELECT pg_catalog.format('pg_tviews_trg_%s__%s', m.entity, c.relname) AS name
                                  FROM pg_catalog.pg_class c WHERE c.oid = pg_tview_source.source) AS f)));

-- The audit log: readable like the rest of the catalog, written only by its owner (the runtime's
-- SECURITY DEFINER pg_tviews__audit). Row-level security with a read-only policy keeps it so even
-- if someone grants write rights on it by mistake.
REVOKE ALL ON public.pg_tview_audit_log FROM PUBLIC;
GRANT SELECT ON public.pg_tview_audit_log, public.pg_tview_helpers TO PUBLIC;
ALTER TABLE public.pg_tview_audit_log ENABLE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS pg_tview_audit_log_read ON public.pg_tview_audit_log;
CREATE POLICY pg_tview_audit_log_read ON public.pg_tview_audit_log FOR SELECT USING (true);
