#!/usr/bin/env bash
# A standing callgrind lab for one question at a time: what does this statement (or this runtime
# function) cost a transaction, in machine instructions? write-instructions.sh answers it for whole
# benchmark writes in fresh clusters (a quarter of an hour); this keeps one cluster running under
# valgrind so that each answer takes about a minute, while you change the runtime.
#
#   bench/instruction-lab.sh build               # cluster in $LAB (plain postgres): the shop, databases
#                                                #   floor, trig (hand-written trigger), tview (runtime of
#                                                #   $RUNTIME, default ./sql); then stop
#   bench/instruction-lab.sh start | stop        # the cluster under callgrind (--trace-children)
#   bench/instruction-lab.sh reinstall DB        # run $RUNTIME/install.sql in DB again (re-runnable)
#   bench/instruction-lab.sh rebuild DB          # DB again from the shop: runtime and TVIEWs (new triggers)
#   bench/instruction-lab.sh measure DB 'STMT'   # instructions per transaction of STMT (PL/pgSQL, may use
#                                                #   i, the transaction's number), in a fresh copy of DB
#   bench/instruction-lab.sh total DB 'STMT'     # instructions of one whole session of N transactions (with its
#                                                #   connection and warm-up), divided by N: for work done now and
#                                                #   then (a metrics fold), which measure's difference of two
#                                                #   sessions catches in one and not the other; compare variants
#                                                #   by their difference, with N large (1280)
#   bench/instruction-lab.sh calls DB 'STMT'     # function calls per transaction (track_functions = all)
#   bench/instruction-lab.sh statements DB 'STMT'  # pg_stat_statements (track = all), share of time
#   bench/instruction-lab.sh lines DB 'STMT'     # plprofiler: each PL/pgSQL line's time per transaction
#                                                #   (its calls' time included), runs per transaction
#   VALGRIND=0 bench/instruction-lab.sh start    # the cluster without callgrind: real times for lines
#   bench/instruction-lab.sh psql DB [args]
#
# measure runs STMT in a procedure that commits after each call, in two sessions of N and 2N
# transactions after the same warm-up, and prints the difference divided by N (connection, warm-up
# and exit cancel out, and so does the postmaster's own history, which each forked backend's count
# starts with). Each measurement copies DB first (CREATE DATABASE ... TEMPLATE), so that writes of
# earlier measurements (a review insert adds reviews that a product's document then aggregates) do
# not move the next one. Compare a change with its baseline by measuring both, as two databases
# (RUNTIME=/tmp/before/sql and `psql` to install another runtime into a second one).
#
# What it taught (session 14, docs/guides/benchmarks.md): a PL/pgSQL function call costs about 8K
# instructions, its SET search_path clause 13K more; a statement on a table 20K to 50K, mostly the
# executor setting up each plan node on every run; a LATERAL join or a subplan in a catalog query
# costs more than the rows it reads. Run as root, the cluster runs as the user "tviews" (created
# when missing), as PostgreSQL refuses to run as root. Needs valgrind and PG_BIN (default
# /usr/lib/postgresql/15/bin).
set -euo pipefail
cd "$(dirname "$0")/.."
PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
LAB=${LAB:-/tmp/tviews-instruction-lab}
PORT=${PORT:-5491}
N=${N:-100}
RUNTIME=${RUNTIME:-$PWD/sql}
resources=$PWD/tools/src/main/resources/io/tviewstudio/tools/bench
settings=(-c listen_addresses= -c autovacuum=off -c shared_buffers=256MB
          -c shared_preload_libraries=pg_stat_statements -c pg_stat_statements.track=all)

as_server() { "$@"; }
if [ "$(id -u)" = 0 ]; then
    id tviews >/dev/null 2>&1 || useradd --system --no-create-home tviews
    as_server() { runuser -u tviews -- "$@"; }
fi
q() { local db=$1; shift; psql -X -q -v ON_ERROR_STOP=1 -h "$LAB" -p "$PORT" -U postgres -d "$db" "$@"; }
usage() { sed -n "7,25p" "$0" >&2; exit 2; }

# DB from the shop: the runtime and the TVIEWs for tview*, the hand-written triggers for trig.
make_database() {
    q postgres -c "DROP DATABASE IF EXISTS $1" -c "CREATE DATABASE $1 TEMPLATE shop" >/dev/null 2>&1
    case $1 in
        trig) q "$1" -f "$resources/flat-views.sql" -f "$resources/stmt-trigger.sql" >/dev/null ;;
        tview*) q "$1" -f "$RUNTIME/install.sql" >/dev/null 2>&1
                q "$1" -f "$resources/tviews.sql" >/dev/null ;;
    esac
    q "$1" -c "VACUUM ANALYZE" -c "CREATE EXTENSION IF NOT EXISTS pg_stat_statements" >/dev/null
}

# The procedure that runs STMT once per transaction, in a fresh copy c_DB of DB.
prepare() {
    q postgres -c "DROP DATABASE IF EXISTS c_$1" -c "CREATE DATABASE c_$1 TEMPLATE $1" >/dev/null 2>&1
    q "c_$1" -c "CREATE OR REPLACE PROCEDURE lab_run(n integer, o integer) LANGUAGE plpgsql AS \$\$
        BEGIN FOR j IN 1..n LOOP DECLARE i integer := j + o; BEGIN $2; END; COMMIT; END LOOP; END \$\$"
}

# Instructions of one session of $2 transactions in database $1 (written when the backend exits).
session() {
    local pid f
    pid=$(q "$1" -At -c "SELECT pg_backend_pid()" -c "CALL lab_run(30, 0)" -c "CALL lab_run($2, 100)" | head -1)
    f=$LAB/cg.$pid
    for _ in $(seq 100); do [ -s "$f" ] && grep -q '^totals:' "$f" && break; sleep 0.3; done
    grep -m1 '^totals:' "$f" | awk '{ print $2 }'
    rm -f "$f"
}

[ $# -ge 1 ] || usage
case $1 in
    build)
        [ -x "$PG_BIN/postgres" ] || { echo "no PostgreSQL server binaries in $PG_BIN (set PG_BIN)" >&2; exit 2; }
        rm -rf "$LAB"; mkdir -p "$LAB"; chown "$(as_server id -un)" "$LAB" 2>/dev/null || true
        as_server "$PG_BIN/initdb" -D "$LAB/data" -U postgres -A trust >/dev/null
        as_server "$PG_BIN/pg_ctl" -D "$LAB/data" -l "$LAB/build.log" -o "-p $PORT -k $LAB ${settings[*]}" start >/dev/null
        q postgres -c "CREATE DATABASE shop"
        sed -e 's/${products}/2000/g; s/${categories}/200/g; s/${users}/200/g; s/${reviews}/4000/g; s/${seed}/0.5/g' \
            "$resources/shop-schema.sql" | q shop >/dev/null
        for db in floor trig tview; do make_database "$db"; done
        as_server "$PG_BIN/pg_ctl" -D "$LAB/data" stop -m fast >/dev/null ;;
    start)
        if [ "${VALGRIND:-1}" = 0 ]; then
            as_server "$PG_BIN/pg_ctl" -D "$LAB/data" -l "$LAB/plain.log" -o "-p $PORT -k $LAB ${settings[*]}" start >/dev/null
            exit 0
        fi
        command -v valgrind >/dev/null || { echo "needs valgrind (apt-get install valgrind)" >&2; exit 2; }
        as_server bash -c "cd '$LAB' && exec valgrind --tool=callgrind --trace-children=yes \
            --callgrind-out-file='$LAB/cg.%p' '$PG_BIN/postgres' -D '$LAB/data' -p $PORT -k '$LAB' ${settings[*]}" \
            >"$LAB/server.log" 2>&1 &
        for _ in $(seq 120); do q postgres -c "SELECT 1" >/dev/null 2>&1 && exit 0; sleep 1; done
        echo "the server did not start: $LAB/server.log" >&2; exit 1 ;;
    stop) as_server "$PG_BIN/pg_ctl" -D "$LAB/data" stop -m fast >/dev/null ;;
    reinstall) [ $# -eq 2 ] || usage; q "$2" -f "$RUNTIME/install.sql" >/dev/null ;;
    rebuild) [ $# -eq 2 ] || usage; make_database "$2" ;;
    measure)
        [ $# -eq 3 ] || usage
        prepare "$2" "$3"
        once=$(session "c_$2" "$N"); twice=$(session "c_$2" $((2 * N)))
        printf '%-12s %12d instructions per transaction  %s\n' "$2" $(( (twice - once) / N )) "$3" ;;
    total)
        [ $# -eq 3 ] || usage
        prepare "$2" "$3"
        all=$(session "c_$2" "$N")
        printf '%-12s %12d instructions per transaction, whole session of %d  %s\n' "$2" $(( all / N )) "$N" "$3" ;;
    calls)
        [ $# -eq 3 ] || usage
        prepare "$2" "$3"
        q "c_$2" -At -c "SET track_functions = 'all'" -c "CALL lab_run(10, 0)" -c "SELECT pg_stat_reset()" \
            -c "CALL lab_run(10, 100)" -c "SELECT pg_stat_force_next_flush()" >/dev/null
        q "c_$2" -At -F ' ' -c "SELECT to_char(calls / 10.0, 'FM990.0'), funcname FROM pg_stat_user_functions
                               WHERE funcname <> 'lab_run' ORDER BY calls DESC, funcname" ;;
    statements)
        [ $# -eq 3 ] || usage
        prepare "$2" "$3"
        q "c_$2" -c "CALL lab_run(20, 0)" -c "SELECT pg_stat_statements_reset()" -c "CALL lab_run($N, 100)" >/dev/null
        q "c_$2" -At -F ' | ' -v proc=lab_run -v n="$N" -v width=150 -v lines="${LINES:-40}" \
            -f bench/statement-shares.sql | grep -v '^$' ;;
    lines)
        [ $# -eq 3 ] || usage
        if [ ! -e "$("$PG_BIN/pg_config" --sharedir 2>/dev/null || echo /usr/share/postgresql/15)/extension/plprofiler.control" ]; then
            [ "$(id -u)" = 0 ] || { echo "needs plprofiler (apt-get install postgresql-15-plprofiler)" >&2; exit 2; }
            DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql-15-plprofiler >/dev/null
        fi
        prepare "$2" "$3"
        q "c_$2" -c "CREATE EXTENSION IF NOT EXISTS plprofiler" >/dev/null
        q "c_$2" -At -F ' | ' -v n="$N" -v width=110 -v lines="${LINES:-40}" -f bench/line-shares.sql | grep -v '^$' ;;
    psql) [ $# -ge 2 ] || usage; db=$2; shift 2; q "$db" "$@" ;;
    *) usage ;;
esac
