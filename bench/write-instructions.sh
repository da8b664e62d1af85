#!/usr/bin/env bash
# Instructions per write: the shop of write-cpu.sh (2,000 products) in a scratch PostgreSQL cluster
# that runs under valgrind (callgrind), one database per variant (floor, stmt-trigger, tview, and
# tview-old with OLD_RUNTIME=<another checkout>/sql). A write's cost is counted in executed
# machine instructions of the writing backend, not in time: the count does not move with the
# machine's load (runs repeat within about 2 %), so a change of a few percent shows on a machine
# that a build or a test run keeps busy, where CPU times scatter by 50 % and more. The variant
# tview-metrics-off (metrics_enabled = off) shows what the metrics cost.
#
# Each figure is the difference between two sessions that ran N and 2N writes after the same
# warm-up, divided by N: connection, warm-up and exit cancel out. PROFILE=1 also prints the
# statements one write of the tview variant runs (pg_stat_statements, track = all), with calls and
# time under valgrind (proportions, not milliseconds); PROFILE_LINES=<n> shows more than 25.
#   bench/write-instructions.sh
#   SCENARIOS="product-update category-update" VARIANTS="stmt-trigger tview tview-old" \
#     OLD_RUNTIME=/tmp/old/sql PROFILE=1 bench/write-instructions.sh
# unread-update changes a column that no TVIEW reads (note, in databases of its own, <variant>_note):
# compare it with the floor (x floor).
# SCENARIOS=post-rename measures the blog of the runtime's tests instead (2,000 posts; tv_post is
# read by two TVIEWs, tv_category and tv_comment), for the TVIEW variants only:
#   SCENARIOS=post-rename VARIANTS="tview-old tview" OLD_RUNTIME=/tmp/old/sql bench/write-instructions.sh
# Needs valgrind and the PostgreSQL server binaries (PG_BIN, default /usr/lib/postgresql/15/bin).
# Run as root it runs the cluster as the user "tviews" (created when missing), as PostgreSQL
# refuses to run as root.
set -euo pipefail
cd "$(dirname "$0")/.."
PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
N=${N:-100}
PORT=${PORT:-5498}
VARIANTS=${VARIANTS:-"floor stmt-trigger tview"}
SCENARIOS=${SCENARIOS:-"product-update product-rename category-update user-rename review-insert unread-update"}
resources=tools/src/main/resources/io/tviewstudio/tools/bench
work=$(mktemp -d /tmp/tviews-instructions.XXXXXX)
products=2000 categories=200 users=200 reviews=4000

for tool in valgrind callgrind_annotate; do
    command -v "$tool" >/dev/null || { echo "needs $tool (apt-get install valgrind)" >&2; exit 2; }
done
[ -x "$PG_BIN/postgres" ] || { echo "no PostgreSQL server binaries in $PG_BIN (set PG_BIN)" >&2; exit 2; }
as_server() { "$@"; }
if [ "$(id -u)" = 0 ]; then
    id tviews >/dev/null 2>&1 || useradd --system --no-create-home tviews
    as_server() { runuser -u tviews -- "$@"; }
fi
chown -R "$(as_server id -un)" "$work" 2>/dev/null || true
as_server "$PG_BIN/initdb" -D "$work/data" -U postgres -A trust >/dev/null
stop() {
    as_server "$PG_BIN/pg_ctl" -D "$work/data" stop -m fast >/dev/null 2>&1 || true
    sleep 3  # the postmaster's own count, written by valgrind as it exits
    rm -rf "$work"
}
trap stop EXIT
# --trace-children: the backends are forked children of the postmaster; each writes its own
# count when it exits (cg.<pid>).
as_server bash -c "cd '$work' && exec valgrind --tool=callgrind --trace-children=yes \
    --callgrind-out-file='$work/cg.%p' '$PG_BIN/postgres' -D '$work/data' -p $PORT -k '$work' \
    -c listen_addresses= -c autovacuum=off -c shared_buffers=256MB \
    -c shared_preload_libraries=pg_stat_statements -c pg_stat_statements.track=all" >"$work/server.log" 2>&1 &
q() { psql -X -q -v ON_ERROR_STOP=1 -h "$work" -p "$PORT" -U postgres "$@"; }
for _ in $(seq 120); do q -d postgres -c "SELECT 1" >/dev/null 2>&1 && break; sleep 1; done

statement() {
    case $1 in
        product-update) echo "UPDATE tb_product SET price = price + 1 WHERE pk_product = 1 + (i * 7919) % $products" ;;
        # The reviews embed the product's name: a rename cascades to them, a price change does not.
        product-rename) echo "UPDATE tb_product SET name = name || '+' WHERE pk_product = 1 + (i * 7919) % $products" ;;
        category-update) echo "UPDATE tb_category SET name = name || '+' WHERE pk_category = 1 + (i * 613) % $categories" ;;
        # A parent table that only tv_review reads (the author): 20 reviews per user.
        user-rename) echo "UPDATE tb_user SET name = name || '+' WHERE pk_user = 1 + (i * 37) % $users" ;;
        # A column no TVIEW reads (note, added to tb_product before the TVIEWs): no refresh at all.
        unread-update) echo "UPDATE tb_product SET note = 'n' || i WHERE pk_product = 1 + (i * 7919) % $products" ;;
        review-insert) echo "INSERT INTO tb_review (fk_product, fk_user, rating, body) VALUES (1 + (i * 7919) % $products, 1 + i % $users, 3, 'new review')" ;;
        # The blog: a post's title is embedded by tv_category (its posts) and tv_comment (its comments).
        post-rename) echo "UPDATE tb_post SET title = title || '+' WHERE pk_post = 1 + (i * 7919) % 2000" ;;
        *) echo "unknown scenario $1" >&2; exit 2 ;;
    esac
}

echo "building the databases (the server runs under valgrind: a few minutes)" >&2
q -d postgres -c "CREATE DATABASE shop"
if [ "$SCENARIOS" = post-rename ]; then
    # The blog of the runtime's tests, grown to 200 users, 50 categories, 2,000 posts and 4,000
    # comments; its TVIEWs come with the variant (blog-tviews.sql instead of tviews.sql).
    schemas=core/src/test/resources/schemas
    q -d shop -f "$schemas/blog.sql" >/dev/null
    q -d shop -c "INSERT INTO tb_user (name) SELECT 'user ' || g FROM generate_series(4, 200) g;
        INSERT INTO tb_category (title) SELECT 'category ' || g FROM generate_series(4, 50) g;
        INSERT INTO tb_post (fk_user, fk_category, title) SELECT 1 + g % 200, 1 + g % 50, 'post ' || g FROM generate_series(5, 2000) g;
        INSERT INTO tb_comment (fk_post, fk_user, body) SELECT 1 + g % 2000, 1 + g % 200, 'comment ' || g FROM generate_series(1, 4000) g"
    tviews_sql=$schemas/blog-tviews.sql
else
    sed -e "s/\${products}/$products/g; s/\${categories}/$categories/g; s/\${users}/$users/g" \
        -e "s/\${reviews}/$reviews/g; s/\${seed}/0.5/g" "$resources/shop-schema.sql" | q -d shop >/dev/null
    tviews_sql=$resources/tviews.sql
fi
# One database per variant, from template $1, named <variant>$2.
build() {
    local variant db runtime
    for variant in $VARIANTS; do
        db=${variant//-/_}$2
        q -d postgres -c "CREATE DATABASE $db TEMPLATE $1"
        case $variant in
            floor) ;;
            stmt-trigger)
                [ "$SCENARIOS" = post-rename ] && { echo "post-rename: no hand-written trigger for the blog" >&2; exit 2; }
                q -d "$db" -f "$resources/flat-views.sql" -f "$resources/stmt-trigger.sql" >/dev/null ;;
            tview|tview-old|tview-metrics-off)
                runtime=sql
                [ "$variant" = tview-old ] && runtime=${OLD_RUNTIME:?tview-old needs OLD_RUNTIME=<another checkout>/sql}
                q -d "$db" -f "$runtime/install.sql" >/dev/null 2>&1
                [ "$variant" = tview-metrics-off ] && q -d "$db" -c "SELECT pg_tviews_set('metrics_enabled', 'off')" >/dev/null
                q -d "$db" -f "$tviews_sql" >/dev/null ;;
            *) echo "unknown variant $variant" >&2; exit 2 ;;
        esac
        q -d "$db" -c "VACUUM ANALYZE" -c "CREATE EXTENSION IF NOT EXISTS pg_stat_statements"
    done
}
build shop ""
if [[ " $SCENARIOS " == *" unread-update "* ]]; then
    # unread-update: the shop with a column no definition reads, added before the TVIEWs (a
    # column added later counts as read), in databases of their own (<variant>_note), so that the
    # other scenarios measure the shop as it is.
    q -d postgres -c "CREATE DATABASE shop_note TEMPLATE shop"
    q -d shop_note -c "ALTER TABLE tb_product ADD COLUMN note text"
    build shop_note _note
fi

# Instructions of one session: warm-up, then $3 writes from offset 100; the backend's count is
# written when it exits.
session() {
    local pid f
    pid=$(q -d "$1" -At -c "SELECT pg_backend_pid()" -c "CALL ir_run(30, 0)" -c "CALL ir_run($2, 100)" | head -1)
    f=$work/cg.$pid
    for _ in $(seq 100); do [ -s "$f" ] && grep -q '^totals:' "$f" && break; sleep 0.3; done
    grep -m1 '^totals:' "$f" | awk '{ print $2 }'
    rm -f "$f"
}

for scenario in $SCENARIOS; do
    declare -A per_write=()
    suffix=""
    [ "$scenario" = unread-update ] && suffix=_note
    for variant in $VARIANTS; do
        db=${variant//-/_}$suffix
        q -d "$db" -c "CREATE OR REPLACE PROCEDURE ir_run(n integer, o integer) LANGUAGE plpgsql AS \$\$
            BEGIN FOR j IN 1..n LOOP DECLARE i integer := j + o; BEGIN $(statement "$scenario"); END; COMMIT; END LOOP; END \$\$"
        once=$(session "$db" "$N"); twice=$(session "$db" $((2 * N)))
        per_write[$variant]=$(( (twice - once) / N ))
    done
    for variant in $VARIANTS; do
        line=$(printf '%-16s %-14s %12d instructions per write' "$scenario" "$variant" "${per_write[$variant]}")
        if [ -n "${per_write[stmt-trigger]:-}" ] && [ "$variant" != stmt-trigger ]; then
            line+=$(awk -v a="${per_write[$variant]}" -v b="${per_write[stmt-trigger]}" 'BEGIN { printf "  %.2f x trigger", a / b }')
        fi
        if [ "$scenario" = unread-update ] && [ -n "${per_write[floor]:-}" ] && [ "$variant" != floor ]; then
            line+=$(awk -v a="${per_write[$variant]}" -v b="${per_write[floor]}" 'BEGIN { printf "  %.2f x floor", a / b }')
        fi
        echo "$line"
    done
    if [ "${PROFILE:-}" = 1 ] && [[ " $VARIANTS " == *" tview "* ]]; then
        q -d "tview$suffix" -c "SELECT pg_stat_statements_reset()" -c "CALL ir_run($N, 1000)" >/dev/null
        echo "  statements of one $scenario (tview): calls per write, share of the write (a statement's share includes the statements it calls)"
        q -d "tview$suffix" -At -F ' | ' -v proc=ir_run -v n="$N" -v width=110 -v lines="${PROFILE_LINES:-25}" \
            -f bench/statement-shares.sql | sed 's/^/    /'
    fi
done
