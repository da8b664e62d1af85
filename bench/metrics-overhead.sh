#!/usr/bin/env bash
# Write overhead of the runtime's metrics, side by side in one run against one server, on one
# database with the blog TVIEWs (tv_post, tv_category, tv_comment, immediate mode):
#   off - pg_tviews_set('metrics_enabled', 'off'): nothing recorded
#   on  - metrics_enabled on (the default)
# The variants alternate ROUNDS times (off, on, off, on, ...) so drift of the machine hits both;
# the script prints the median TPS of each and the ratio on/off, and the same for the server CPU time
# per write of one session (robust on a busy machine). Then it times one sampler poll
# (the query MetricsReader runs, read from its resource file) with TVIEWS_FOR_POLL TVIEWs installed.
#   PGHOST=127.0.0.1 PGPORT=5432 PGUSER=postgres bench/metrics-overhead.sh
# Needs psql and pgbench and a server you may create databases on; creates and drops
# databases named tviews_bench_metrics*.
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${DURATION:-10}
CLIENTS=${CLIENTS:-4}
ROUNDS=${ROUNDS:-3}
POSTS=${POSTS:-20000}
TVIEWS_FOR_POLL=${TVIEWS_FOR_POLL:-50}
WRITES_FOR_CPU=${WRITES_FOR_CPU:-1000}
POLLS=${POLLS:-1000}
PGBENCH=${PGBENCH:-$(command -v pgbench || ls /usr/lib/postgresql/*/bin/pgbench | tail -1)}
db=tviews_bench_metrics
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
q() { psql -X -q -v ON_ERROR_STOP=1 "$@"; }

cat > "$work/txn.sql" <<SQL
\set post random(1, $POSTS)
UPDATE tb_post SET title = 'post ' || :post || ' ' || random() WHERE pk_post = :post;
SQL

q -d postgres -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db"
q -d "$db" -f sql/install.sql >/dev/null
q -d "$db" >/dev/null <<SQL
CREATE TABLE tb_user (pk_user serial PRIMARY KEY, id uuid NOT NULL DEFAULT gen_random_uuid(), name text NOT NULL);
CREATE TABLE tb_category (pk_category serial PRIMARY KEY, id uuid NOT NULL DEFAULT gen_random_uuid(), title text NOT NULL);
CREATE TABLE tb_post (pk_post serial PRIMARY KEY, id uuid NOT NULL DEFAULT gen_random_uuid(),
    fk_user integer NOT NULL REFERENCES tb_user, fk_category integer REFERENCES tb_category, title text NOT NULL,
    published boolean NOT NULL DEFAULT true);
CREATE INDEX ON tb_post (fk_user);
CREATE INDEX ON tb_post (fk_category);
CREATE TABLE tb_comment (pk_comment serial PRIMARY KEY, id uuid NOT NULL DEFAULT gen_random_uuid(),
    fk_post integer NOT NULL REFERENCES tb_post, fk_user integer NOT NULL REFERENCES tb_user, body text NOT NULL);
CREATE INDEX ON tb_comment (fk_post);
CREATE INDEX ON tb_comment (fk_user);
INSERT INTO tb_user (name) SELECT 'user ' || g FROM generate_series(1, 200) g;
-- Many small categories, so that concurrent writers rarely refresh the same category row and
-- the run measures the metrics, not the category lock.
INSERT INTO tb_category (title) SELECT 'category ' || g FROM generate_series(1, $POSTS / 20) g;
INSERT INTO tb_post (fk_user, fk_category, title) SELECT 1 + g % 200, 1 + g % ($POSTS / 20), 'post ' || g FROM generate_series(1, $POSTS) g;
INSERT INTO tb_comment (fk_post, fk_user, body) SELECT 1 + g % $POSTS, 1 + g % 200, 'comment ' || g FROM generate_series(1, 2 * $POSTS) g;
SQL
q -d "$db" -f core/src/test/resources/schemas/blog-tviews.sql >/dev/null
q -d "$db" -c "VACUUM ANALYZE"

declare -A runs=([off]="" [on]="")
for round in $(seq 1 "$ROUNDS"); do
    for mode in off on; do
        q -d "$db" -c "SELECT pg_tviews_set('metrics_enabled', '$mode')" >/dev/null
        tps=$("$PGBENCH" -n -c "$CLIENTS" -j 2 -T "$DURATION" -f "$work/txn.sql" "$db" 2>/dev/null \
            | sed -n 's/^tps = \([0-9.]*\).*/\1/p')
        echo "round $round metrics $mode: $tps tps"
        runs[$mode]+="$tps "
    done
done
# shellcheck source=backend-cpu.sh
. bench/backend-cpu.sh
off=$(median <<<"${runs[off]}")
on=$(median <<<"${runs[on]}")

# The same write, one session, WRITES_FOR_CPU statements per block, metrics off and on alternating:
# the CPU time the backend spent per statement (from /proc, so only when the server runs on this
# host). Unlike TPS, CPU time hardly moves when other processes load the machine.
ticks() { awk '{print $14 + $15}' "$1"; }  # utime + stime, in clock ticks
local_server=false
case "${PGHOST:-localhost}" in  # a remote server's pid means nothing in this host's /proc
    localhost|127.0.0.1|::1|/*) local_server=true ;;
esac
declare -A cpu_runs=([off]="" [on]="")
if $local_server; then
    {
        echo 'SELECT pg_backend_pid() AS pid \gset'
        echo '\setenv BPID :pid'
        for round in $(seq 1 "$ROUNDS"); do
            for mode in off on; do
                echo "SET pg_tviews.metrics_enabled = $mode;"
                echo "\\! cat /proc/\$BPID/stat > $work/cpu.$mode.$round.before"
                for _ in $(seq "$WRITES_FOR_CPU"); do
                    post=$(( (RANDOM * 32768 + RANDOM) % POSTS + 1 ))
                    echo "UPDATE tb_post SET title = 'post $post $RANDOM' WHERE pk_post = $post;"
                done
                echo "\\! cat /proc/\$BPID/stat > $work/cpu.$mode.$round.after"
            done
        done
    } > "$work/writes-cpu.sql"
    q -d "$db" -f "$work/writes-cpu.sql" >/dev/null
    for round in $(seq 1 "$ROUNDS"); do
        for mode in off on; do
            us=$(echo "($(ticks "$work/cpu.$mode.$round.after") - $(ticks "$work/cpu.$mode.$round.before")) * 1000000 / $(getconf CLK_TCK) / $WRITES_FOR_CPU" | bc -l)
            printf 'round %s metrics %s: %.0f us server CPU per write\n' "$round" "$mode" "$us"
            cpu_runs[$mode]+="$us "
        done
    done
fi
stale=$(psql -X -At -d "$db" -c "SELECT count(*) FROM pg_tviews_verify()")
counted=$(psql -X -At -d "$db" -c "SELECT sum(refreshes) FROM pg_tviews_metrics")

# One sampler poll with TVIEWS_FOR_POLL TVIEWs, each with counter rows from several backends.
q -d "$db" >/dev/null <<SQL
DO \$\$ BEGIN
    FOR i IN 1 .. $TVIEWS_FOR_POLL - 3 LOOP
        EXECUTE format('SELECT pg_tviews_create(%L, %L)', 'tv_extra' || i,
            'SELECT u.pk_user AS pk_extra' || i || ', u.id, u.pk_user AS fk_user, jsonb_build_object(''name'', u.name) AS data FROM tb_user u');
    END LOOP;
END \$\$;
INSERT INTO pg_tviews_metrics_counters (backend_pid, entity, latency_buckets)
SELECT b, m.entity, array_fill(1::bigint, ARRAY[17]) FROM pg_tview_meta m, generate_series(100000, 100009) b
ON CONFLICT DO NOTHING;
SQL
# The very query MetricsReader runs: it reads it from this resource file too.
{ cat core/src/main/resources/io/tviewstudio/core/metrics/poll.sql; echo ';'; } > "$work/poll.sql"
tviews=$(psql -X -At -d "$db" -c "SELECT count(*) FROM pg_tview_meta")
# -M prepared: the sampler's PgJDBC connection runs it as a server-side prepared statement.
poll_ms=$("$PGBENCH" -n -M prepared -c 1 -t 200 -f "$work/poll.sql" "$db" 2>/dev/null | sed -n 's/^latency average = \([0-9.]*\) ms/\1/p')
# Wall time above includes waiting for a CPU on a busy machine; the backend's own CPU time per poll
# is the database's cost. Read from /proc, so only when the server runs on this host.
cpu_ms="n/a (server not on this host)"
{
    echo 'SELECT pg_backend_pid() AS pid \gset'
    echo '\setenv BPID :pid'
    echo '\o /dev/null'
    echo 'PREPARE poll AS'
    cat "$work/poll.sql"
    echo 'EXECUTE poll;'
    echo '\! cat /proc/$BPID/stat > '"$work/cpu.before"' 2>/dev/null || true'
    for _ in $(seq "$POLLS"); do echo 'EXECUTE poll;'; done
    echo '\! cat /proc/$BPID/stat > '"$work/cpu.after"' 2>/dev/null || true'
} > "$work/poll-cpu.sql"
if $local_server; then
    q -d "$db" -f "$work/poll-cpu.sql"
fi
if [ -s "$work/cpu.before" ] && [ -s "$work/cpu.after" ]; then
    cpu_ms=$(echo "($(ticks "$work/cpu.after") - $(ticks "$work/cpu.before")) * 1000 / $(getconf CLK_TCK) / $POLLS" | bc -l)
    cpu_ms=$(printf '%.2f ms' "$cpu_ms")
fi
q -d postgres -c "DROP DATABASE $db"

printf '\n%s clients, %s s per run, %s rounds, %s posts; pg_tviews_verify() differences: %s; refreshes counted: %s\n' \
    "$CLIENTS" "$DURATION" "$ROUNDS" "$POSTS" "$stale" "$counted"
printf '%-12s %10s %14s %18s %14s\n' metrics "median tps" "ratio to off" "CPU us per write" "ratio to off"
cpu_off=$(median <<<"${cpu_runs[off]}")
cpu_on=$(median <<<"${cpu_runs[on]}")
if [ -n "$cpu_off" ]; then
    printf '%-12s %10.1f %14.3f %18.0f %14.3f\n' off "$off" 1 "$cpu_off" 1
    printf '%-12s %10.1f %14.3f %18.0f %14.3f\n' on "$on" "$(echo "$on / $off" | bc -l)" "$cpu_on" "$(echo "$cpu_on / $cpu_off" | bc -l)"
else
    printf '%-12s %10.1f %14.3f %18s %14s\n' off "$off" 1 n/a n/a
    printf '%-12s %10.1f %14.3f %18s %14s\n' on "$on" "$(echo "$on / $off" | bc -l)" n/a n/a
fi
printf 'one sampler poll with %s TVIEWs: %s ms wall (prepared, mean of 200, incl. round trip); server CPU per poll: %s (mean of %s)\n' \
    "$tviews" "$poll_ms" "$cpu_ms" "$POLLS"
printf 'load average at the end: %s\n' "$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo n/a)"
