-- The catalog is readable by every role, as PostgreSQL's own catalogs are (view definitions are
-- public in pg_views too), so monitoring roles need no further grant. Only the runtime's owner
-- writes it, through pg_tviews_create and pg_tviews_drop.
GRANT SELECT ON public.pg_tviews_runtime, public.pg_tview_meta, public.pg_tview_source TO PUBLIC;
