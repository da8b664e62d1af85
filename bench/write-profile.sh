#!/usr/bin/env bash
# Where one single-row write spends its time inside the runtime (issue #18): the shop of
# write-cpu.sh (PRODUCTS products) with the TVIEWs of `tviews bench`, N product updates (each its
# own transaction) with pg_stat_statements tracking every statement, nested ones included; prints
# the statements by total time, per write. The server must load pg_stat_statements
# (shared_preload_libraries = 'pg_stat_statements'). RUNTIME=<another checkout>/sql profiles
# another runtime, for a before/after comparison in the same server.
#   PGHOST=/tmp PGPORT=5432 PGUSER=postgres bench/write-profile.sh
#   RUNTIME=/tmp/old/sql N=200 TOP=25 bench/write-profile.sh
#   WRITE=category-update bench/write-profile.sh   (or review-insert; default product-update)
# Creates and drops the database tviews_profile.
set -euo pipefail
cd "$(dirname "$0")/.."
PRODUCTS=${PRODUCTS:-10000}
N=${N:-200}
TOP=${TOP:-25}
RUNTIME=${RUNTIME:-sql}
WRITE=${WRITE:-product-update}
case "$WRITE" in
    product-update) statement="UPDATE tb_product SET price = price + 1 WHERE pk_product = 1 + (i * 7919) % $PRODUCTS" ;;
    category-update) statement="UPDATE tb_category SET name = name || '+' WHERE pk_category = 1 + (i * 613) % $((PRODUCTS / 10))" ;;
    review-insert) statement="INSERT INTO tb_review (fk_product, fk_user, rating, body) VALUES (1 + (i * 7919) % $PRODUCTS, 1 + i % $((PRODUCTS / 10)), 3, 'new review')" ;;
    *) echo "WRITE must be product-update, category-update or review-insert" >&2; exit 2 ;;
esac
resources=tools/src/main/resources/io/tviewstudio/tools/bench
q() { psql -X -q -v ON_ERROR_STOP=1 "$@"; }

[ "$(q -d postgres -At -c "SELECT count(*) FROM pg_settings WHERE name = 'shared_preload_libraries' AND setting ~ 'pg_stat_statements'")" = 1 ] ||
    { echo "the server does not load pg_stat_statements: set shared_preload_libraries = 'pg_stat_statements' and restart it" >&2; exit 2; }
q -d postgres -c "DROP DATABASE IF EXISTS tviews_profile" -c "CREATE DATABASE tviews_profile"
sed -e "s/\${products}/$PRODUCTS/g; s/\${categories}/$((PRODUCTS / 10))/g; s/\${users}/$((PRODUCTS / 10))/g" \
    -e "s/\${reviews}/$((PRODUCTS * 2))/g; s/\${seed}/0.5/g" "$resources/shop-schema.sql" | q -d tviews_profile >/dev/null
q -d tviews_profile -f "$RUNTIME/install.sql" >/dev/null 2>&1
q -d tviews_profile -f "$resources/tviews.sql" >/dev/null
q -d tviews_profile -c "CREATE EXTENSION IF NOT EXISTS pg_stat_statements" -c "VACUUM ANALYZE" >/dev/null
q -d tviews_profile <<SQL
CREATE PROCEDURE profile_writes(n integer) LANGUAGE plpgsql AS \$\$ BEGIN
    FOR i IN 1..n LOOP $statement; COMMIT; END LOOP;
END \$\$;
SET pg_stat_statements.track = 'all';
CALL profile_writes(50);   -- warm the caches and plans
SELECT pg_stat_statements_reset() \gset
CALL profile_writes($N);
\pset footer off
SELECT calls, round((total_exec_time / $N)::numeric, 4) AS ms_per_write,
       left(regexp_replace(query, '\s+', ' ', 'g'), 100) AS statement
FROM pg_stat_statements
WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database()) AND query !~ 'pg_stat_statements'
ORDER BY total_exec_time DESC LIMIT $TOP;
SQL
q -d postgres -c "DROP DATABASE tviews_profile"
