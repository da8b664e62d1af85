-- TVIEW runtime (pg_tviews), the version in pg_tviews.control: installs into the current database in one transaction.
--   psql -v ON_ERROR_STOP=1 -d mydb -f sql/install.sql
-- Idempotent: running it again re-creates the runtime's functions and keeps every TVIEW.
-- The same pieces, in the same order, make the extension script and the Java installer's list.
\set ON_ERROR_STOP 1
BEGIN;
\ir runtime/00_catalog.sql
\ir runtime/10_errors.sql
\ir runtime/20_analysis.sql
\ir runtime/30_generator.sql
\ir runtime/35_queue.sql
\ir runtime/40_api.sql
\ir runtime/45_compat.sql
\ir runtime/50_verify.sql
\ir runtime/60_health.sql
\ir runtime/70_metrics.sql
\ir runtime/90_privileges.sql
COMMIT;
