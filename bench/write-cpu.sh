#!/usr/bin/env bash
# What TVIEW maintenance costs a writer, in server CPU: the shop of `tviews bench` (categories,
# products, reviews, users; a two-level cascade), the same writes with no read model (the floor)
# with TVIEWs (immediate, deferred, metrics off; tview-isolation-guard: immediate with the setting
# isolation_guard on, not in the default list; tview-old: immediate TVIEWs of the runtime in
# OLD_RUNTIME, another checkout's sql/, not in the default list), with materialized views refreshed after each write
# (refresh: REFRESH MATERIALIZED VIEW of the three documents), with the hand-written trigger of
# issue #18 (stmt-trigger: plain tv_ tables kept fresh by AFTER ... FOR EACH STATEMENT triggers with
# transition tables, one upsert per document; the baseline every TVIEW figure is compared with) and
# with the hand-written refresh function (manual: plain tables and a refresh function for the
# written keys, called after each write; the original extension's "manual" comparison), each
# variant in a database of its own.
#
# It measures the CPU time the writing backend spends per transaction (from /proc/<pid>/schedstat),
# not the wall time: a machine busy with other work stretches wall times, hardly CPU times. So
# it needs the server on this host and /proc of its processes readable (run it as root or as the
# server's user). The variants alternate ROUNDS times; the script prints the median of each, its
# ratio to the floor and to stmt-trigger, and at the end compares the documents of stmt-trigger
# with those of every TVIEW variant (they ran the same writes, so they must be equal row for row).
#   PGHOST=/tmp PGPORT=5432 PGUSER=postgres bench/write-cpu.sh
#   PRODUCTS=100000 TX=300 ROUNDS=3 bench/write-cpu.sh
# Creates and drops databases named tviews_cpu_*.
set -euo pipefail
cd "$(dirname "$0")/.."
PRODUCTS=${PRODUCTS:-10000}
TX=${TX:-300}
ROUNDS=${ROUNDS:-3}
VARIANTS=${VARIANTS:-"floor stmt-trigger manual tview-immediate tview-deferred tview-metrics-off refresh"}
SCENARIOS=${SCENARIOS:-"product-update category-update user-rename review-insert update-100-products bulk-update-1pct bulk-update-10pct"}
CATEGORIES=$((PRODUCTS / 10)); USERS=$((PRODUCTS / 10)); REVIEWS=$((PRODUCTS * 2))
resources=tools/src/main/resources/io/tviewstudio/tools/bench
q() { psql -X -q -v ON_ERROR_STOP=1 "$@"; }
db() { echo "tviews_cpu_${1//-/_}"; }
# shellcheck source=backend-cpu.sh
. bench/backend-cpu.sh

# The shop once, as a template; every variant copies it.
q -d postgres -c "DROP DATABASE IF EXISTS tviews_cpu_template" -c "CREATE DATABASE tviews_cpu_template"
sed -e "s/\${products}/$PRODUCTS/g; s/\${categories}/$CATEGORIES/g; s/\${users}/$USERS/g" \
    -e "s/\${reviews}/$REVIEWS/g; s/\${seed}/0.5/g" "$resources/shop-schema.sql" | q -d tviews_cpu_template >/dev/null
q -d tviews_cpu_template >/dev/null <<SQL
-- Inserted reviews get the same id in every variant's database (instead of gen_random_uuid()), so
-- that the documents of two variants can be compared row for row at the end.
CREATE SEQUENCE cpu_review_id;
ALTER TABLE tb_review ALTER COLUMN id SET DEFAULT md5('cpu review ' || nextval('cpu_review_id'))::uuid;
-- What a variant does after the i-th write of a scenario, before COMMIT (refresh: its REFRESH
-- MATERIALIZED VIEWs; manual: its refresh functions for the keys the write changed).
CREATE PROCEDURE cpu_after_write(p_scenario text, i integer) LANGUAGE plpgsql AS \$\$ BEGIN END \$\$;
-- One scenario, p_n transactions (COMMIT after each write), keys spread over the shop.
CREATE PROCEDURE cpu_run(p_scenario text, p_n integer) LANGUAGE plpgsql AS \$\$
BEGIN
    FOR i IN 1..p_n LOOP
        CASE p_scenario
        WHEN 'product-update' THEN
            UPDATE tb_product SET price = price + 1 WHERE pk_product = 1 + (i * 7919) % $PRODUCTS;
        WHEN 'category-update' THEN
            UPDATE tb_category SET name = name || '+' WHERE pk_category = 1 + (i * 613) % $CATEGORIES;
        WHEN 'user-rename' THEN
            UPDATE tb_user SET name = name || '+' WHERE pk_user = 1 + (i * 37) % $USERS;
        WHEN 'review-insert' THEN
            INSERT INTO tb_review (fk_product, fk_user, rating, body)
            VALUES (1 + (i * 7919) % $PRODUCTS, 1 + i % $USERS, 3, 'new review');
        WHEN 'update-100-products' THEN
            UPDATE tb_product SET price = price + 1 WHERE pk_product % $((PRODUCTS / 100)) = i % $((PRODUCTS / 100));
        WHEN 'bulk-update-1pct' THEN
            UPDATE tb_product SET price = price + 1 WHERE pk_product % 100 = i % 100;
        WHEN 'bulk-update-10pct' THEN
            UPDATE tb_product SET price = price + 1 WHERE pk_product % 10 = i % 10;
        END CASE;
        CALL cpu_after_write(p_scenario, i);
        COMMIT;
    END LOOP;
END
\$\$;
SQL

for variant in $VARIANTS; do
    q -d postgres -c "DROP DATABASE IF EXISTS $(db "$variant")" -c "CREATE DATABASE $(db "$variant") TEMPLATE tviews_cpu_template"
    if [ "$variant" = refresh ]; then
        q -d "$(db "$variant")" -f "$resources/flat-views.sql" -f "$resources/matviews.sql" >/dev/null
        q -d "$(db "$variant")" -c "CREATE OR REPLACE PROCEDURE cpu_after_write(p_scenario text, i integer) LANGUAGE plpgsql AS \$\$ BEGIN
            REFRESH MATERIALIZED VIEW mv_category; REFRESH MATERIALIZED VIEW mv_product; REFRESH MATERIALIZED VIEW mv_review;
        END \$\$" >/dev/null
    elif [ "$variant" = stmt-trigger ]; then
        q -d "$(db "$variant")" -f "$resources/flat-views.sql" -f "$resources/stmt-trigger.sql" >/dev/null
    elif [ "$variant" = manual ]; then
        q -d "$(db "$variant")" -f "$resources/flat-views.sql" -f "$resources/manual.sql" >/dev/null
        q -d "$(db "$variant")" >/dev/null <<SQL
CREATE OR REPLACE PROCEDURE cpu_after_write(p_scenario text, i integer) LANGUAGE plpgsql AS \$\$
BEGIN
    CASE p_scenario
    WHEN 'product-update' THEN PERFORM bench_refresh_products(ARRAY[1 + (i * 7919) % $PRODUCTS]);
    WHEN 'category-update' THEN PERFORM bench_refresh_category(1 + (i * 613) % $CATEGORIES);
    WHEN 'user-rename' THEN PERFORM bench_refresh_reviews_by(ARRAY[1 + (i * 37) % $USERS]);
    WHEN 'review-insert' THEN PERFORM bench_refresh_review(lastval()::integer, 1 + (i * 7919) % $PRODUCTS);
    WHEN 'update-100-products' THEN
        PERFORM bench_refresh_products(ARRAY(SELECT pk_product FROM tb_product
                                             WHERE pk_product % $((PRODUCTS / 100)) = i % $((PRODUCTS / 100))));
    WHEN 'bulk-update-1pct' THEN
        PERFORM bench_refresh_products(ARRAY(SELECT pk_product FROM tb_product WHERE pk_product % 100 = i % 100));
    WHEN 'bulk-update-10pct' THEN
        PERFORM bench_refresh_products(ARRAY(SELECT pk_product FROM tb_product WHERE pk_product % 10 = i % 10));
    END CASE;
END
\$\$;
SQL
    elif [ "$variant" != floor ]; then
        # tview-old: the runtime of another checkout (OLD_RUNTIME=<its sql/ directory>), measured in
        # the same run as this one's, to see what a change of the runtime costs or saves.
        if [ "$variant" = tview-old ]; then
            q -d "$(db "$variant")" -f "${OLD_RUNTIME:?tview-old needs OLD_RUNTIME=<another checkout>/sql}/install.sql" >/dev/null 2>&1
        else
            q -d "$(db "$variant")" -f sql/install.sql >/dev/null 2>&1
        fi
        case $variant in
            tview-deferred) q -d "$(db "$variant")" -c "SELECT pg_tviews_set('default_refresh_mode', 'deferred')" >/dev/null ;;
            tview-metrics-off) q -d "$(db "$variant")" -c "SELECT pg_tviews_set('metrics_enabled', 'off')" >/dev/null ;;
            tview-isolation-guard) q -d "$(db "$variant")" -c "SELECT pg_tviews_set('isolation_guard', 'on')" >/dev/null ;;
        esac
        q -d "$(db "$variant")" -f "$resources/tviews.sql" >/dev/null
    fi
    q -d "$(db "$variant")" -c "VACUUM ANALYZE"
done

# CPU milliseconds per transaction of one scenario in one variant's database.
cpu_per_tx() {
    local n=$TX
    case $2 in update-100-products) n=$((TX / 5)) ;; bulk-update-1pct) n=$((TX / 10)) ;; bulk-update-10pct) n=$((TX / 30)) ;; esac
    [ "$1" = refresh ] && n=3
    [ "$n" -lt 3 ] && n=3
    backend_cpu_ms "$(db "$1")" "CALL cpu_run('$2', 3);" "CALL cpu_run('$2', $n);" "$n"
}

declare -A samples
for round in $(seq 1 "$ROUNDS"); do
    for scenario in $SCENARIOS; do
        for variant in $VARIANTS; do
            ms=$(cpu_per_tx "$variant" "$scenario")
            samples[$scenario/$variant]+="$ms "
            echo "round $round $scenario $variant: $ms ms CPU per transaction" >&2
        done
    done
done

echo
echo "Backend CPU per transaction, median of $ROUNDS rounds ($PRODUCTS products; $(nproc) CPUs; $(psql -X -At -d postgres -c 'SHOW server_version'))"
printf '%-20s %-20s %12s %10s %10s %10s %12s\n' scenario variant "CPU ms/tx" "x floor" "x trigger" "x manual" "REFRESH / x"
ratio() { awk -v a="$1" -v b="${2:-0}" 'BEGIN { if (a > 0 && b > 0) printf "%.1f", a / b; else print "-" }'; }
for scenario in $SCENARIOS; do
    floor=$(echo "${samples[$scenario/floor]:-}" | median)
    trigger=$(echo "${samples[$scenario/stmt-trigger]:-}" | median)
    manual=$(echo "${samples[$scenario/manual]:-}" | median)
    refresh=$(echo "${samples[$scenario/refresh]:-}" | median)
    for variant in $VARIANTS; do
        m=$(echo "${samples[$scenario/$variant]}" | median)
        printf '%-20s %-20s %12s %10s %10s %10s %12s\n' "$scenario" "$variant" "$m" "$(ratio "$m" "$floor")" \
            "$(ratio "$m" "$trigger")" "$(ratio "$m" "$manual")" "$(ratio "$refresh" "$m")"
    done
done

# Checks: each read model against its definition, then the hand-written trigger's documents against
# every TVIEW variant's (the same writes ran in each database; refresh ran fewer).
failed=0
fingerprint() {
    psql -X -At -d "$(db "$1")" -c "SELECT md5(string_agg(t::text, E'\n' ORDER BY t.pk_$2)) || ' ' || count(*) FROM $3_$2 t"
}
for variant in $VARIANTS; do
    case $variant in
        floor | refresh) continue ;;
        manual | stmt-trigger)
            prefix=m; [ "$variant" = stmt-trigger ] && prefix=tv
            differ=0
            for document in category product review; do
                d=$(psql -X -At -d "$(db "$variant")" -c "SELECT count(*) FROM ((TABLE ${prefix}_$document EXCEPT TABLE doc_$document)
                    UNION ALL (TABLE doc_$document EXCEPT TABLE ${prefix}_$document)) d")
                differ=$((differ + d))
            done
            echo "$variant: rows differing from their doc_ views: $differ"
            [ "$differ" = 0 ] || failed=1 ;;
        *)
            stale=$(psql -X -At -d "$(db "$variant")" -c 'SELECT count(*) FROM pg_tviews_verify()')
            echo "$variant: pg_tviews_verify() rows: $stale"
            [ "$stale" = 0 ] || failed=1
            if [[ " $VARIANTS " == *" stmt-trigger "* ]]; then
                for document in category product review; do
                    a=$(fingerprint stmt-trigger "$document" tv); b=$(fingerprint "$variant" "$document" tv)
                    if [ "$a" = "$b" ]; then
                        echo "$variant: tv_$document equals stmt-trigger's (${b#* } rows, md5 ${b%% *})"
                    else
                        echo "$variant: tv_$document DIFFERS from stmt-trigger's ($b against $a)"; failed=1
                    fi
                done
            fi ;;
    esac
done
for variant in $VARIANTS template; do q -d postgres -c "DROP DATABASE $(db "$variant")"; done
[ "$failed" = 0 ] || { echo "a read model differs: see the checks above" >&2; exit 1; }
