#!/usr/bin/env bash
# What each further read model over one table costs a writer (issue #18: "each further TVIEW over
# a table adding no more than 1.3 x what one more hand-written trigger adds"). One schema, users and
# their posts; K read models over tb_post, each a post with its author (the same join, a distinct
# document: the reader's number is in it), for K in READERS, kept either by TVIEWs (tview, immediate
# mode) or by hand-written statement triggers (trigger: for each read model a plain table, and
# AFTER ... FOR EACH STATEMENT triggers with transition tables, one upsert per read model, as the
# issue's baseline writes them), plus the floor (no read model). Each (variant, K) is a database of
# its own, copied from one template.
#
# Writes: post-update (one post's title: every read model rewrites one row), user-rename (one user:
# every read model rewrites that user's POSTS_PER_USER posts). Measured as write-cpu.sh measures:
# the CPU time of the writing backend per transaction (/proc/<pid>/schedstat), TX transactions,
# the variants alternating ROUNDS times; prints the median per (write, variant, K), then what one
# more read model adds on average from K = 1 to the largest K (the slope), for TVIEWs and
# triggers, and their ratio (the issue's target: at most 1.3). Also checks that every read model
# equals its view afterwards.
#   PGHOST=/tmp PGPORT=5432 PGUSER=postgres bench/readers-scaling.sh
#   USERS=10000 POSTS_PER_USER=10 READERS="1 2 4 8" TX=200 ROUNDS=3 bench/readers-scaling.sh
# Needs the server on this host and its processes' /proc readable (root or the server's user),
# psql and the runtime in RUNTIME (default ./sql). Creates and drops databases named tviews_readers_*.
set -euo pipefail
cd "$(dirname "$0")/.."
USERS=${USERS:-10000}
POSTS_PER_USER=${POSTS_PER_USER:-10}
READERS=${READERS:-"1 2 4 8"}
TX=${TX:-200}
ROUNDS=${ROUNDS:-3}
WRITES=${WRITES:-"post-update user-rename"}
RUNTIME=${RUNTIME:-sql}
POSTS=$((USERS * POSTS_PER_USER))
MAX_READERS=$(echo "$READERS" | tr ' ' '\n' | sort -n | tail -1)
q() { psql -X -q -v ON_ERROR_STOP=1 "$@"; }
db() { echo "tviews_readers_${1}_$2"; }
# shellcheck source=backend-cpu.sh
. bench/backend-cpu.sh

q -d postgres -c "DROP DATABASE IF EXISTS tviews_readers_template" -c "CREATE DATABASE tviews_readers_template"
q -d tviews_readers_template >/dev/null <<SQL
CREATE TABLE tb_user (pk_user integer PRIMARY KEY, id uuid NOT NULL DEFAULT gen_random_uuid(), name text NOT NULL);
CREATE TABLE tb_post (pk_post integer PRIMARY KEY, id uuid NOT NULL DEFAULT gen_random_uuid(),
                      fk_user integer NOT NULL REFERENCES tb_user, title text NOT NULL);
CREATE INDEX ON tb_post (fk_user);
INSERT INTO tb_user (pk_user, name) SELECT g, 'user ' || g FROM generate_series(1, $USERS) g;
INSERT INTO tb_post (pk_post, fk_user, title) SELECT g, 1 + (g - 1) % $USERS, 'post ' || g FROM generate_series(1, $POSTS) g;
-- A TVIEW tv_<entity> reads its root table's pk_<entity>: read model k (tv_r<k>) reads pk_r<k>, a
-- copy of pk_post, in every database (the floor and the triggers pay for the copies too).
$(for k in $(seq 1 "$MAX_READERS"); do echo "ALTER TABLE tb_post ADD COLUMN pk_r$k integer GENERATED ALWAYS AS (pk_post) STORED UNIQUE;"; done)
-- One write, p_n transactions (COMMIT after each), keys spread over the tables.
CREATE PROCEDURE readers_run(p_write text, p_n integer) LANGUAGE plpgsql AS \$\$
BEGIN
    FOR i IN 1..p_n LOOP
        IF p_write = 'post-update' THEN
            UPDATE tb_post SET title = title || '+' WHERE pk_post = 1 + (i * 7919) % $POSTS;
        ELSE
            UPDATE tb_user SET name = name || '+' WHERE pk_user = 1 + (i * 37) % $USERS;
        END IF;
        COMMIT;
    END LOOP;
END \$\$;
SQL

# The definition of read model k, over tb_post and its author.
# (Read model k is tv_r<k>, keyed pk_r<k>, in both variants.)
definition() { echo "SELECT p.pk_r$1, p.id, p.fk_user, jsonb_build_object('reader', $1, 'title', p.title, 'author', u.name) AS data FROM tb_post p JOIN tb_user u ON u.pk_user = p.fk_user"; }

# Read models 1..K of a variant in its database.
make_database() {
    local variant=$1 readers=$2 name
    name=$(db "$variant" "$readers")
    q -d postgres -c "DROP DATABASE IF EXISTS $name" -c "CREATE DATABASE $name TEMPLATE tviews_readers_template" >/dev/null
    case $variant in
        tview)
            q -d "$name" -f "$RUNTIME/install.sql" >/dev/null 2>&1
            for k in $(seq 1 "$readers"); do
                q -d "$name" -c "SELECT pg_tviews_create('tv_r$k', \$d\$$(definition "$k")\$d\$)" >/dev/null
            done ;;
        trigger)
            for k in $(seq 1 "$readers"); do
                q -d "$name" >/dev/null <<SQL
CREATE VIEW v_r$k AS $(definition "$k");
CREATE TABLE tv_r$k AS SELECT * FROM v_r$k;
ALTER TABLE tv_r$k ADD PRIMARY KEY (pk_r$k);
CREATE FUNCTION refresh_post_$k(keys integer[]) RETURNS void LANGUAGE sql AS \$f\$
  INSERT INTO tv_r$k SELECT v.* FROM v_r$k v WHERE v.pk_r$k = ANY (keys)
  ON CONFLICT (pk_r$k) DO UPDATE SET fk_user = excluded.fk_user, data = excluded.data
  WHERE (tv_r$k.fk_user, tv_r$k.data) IS DISTINCT FROM (excluded.fk_user, excluded.data);
\$f\$;
CREATE FUNCTION post_written_$k() RETURNS trigger LANGUAGE plpgsql AS \$f\$ BEGIN
  PERFORM refresh_post_$k(ARRAY(SELECT pk_post FROM new_rows));
  RETURN NULL;
END \$f\$;
CREATE FUNCTION user_written_$k() RETURNS trigger LANGUAGE plpgsql AS \$f\$ BEGIN
  PERFORM refresh_post_$k(ARRAY(SELECT p.pk_post FROM tb_post p WHERE p.fk_user IN (SELECT pk_user FROM new_rows)));
  RETURN NULL;
END \$f\$;
CREATE TRIGGER post_upd_$k AFTER UPDATE ON tb_post REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION post_written_$k();
CREATE TRIGGER user_upd_$k AFTER UPDATE ON tb_user REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION user_written_$k();
SQL
            done ;;
    esac
    q -d "$name" -c "VACUUM ANALYZE" >/dev/null
}

# Backend CPU ms per transaction of one write in one database.
cpu_per_tx() {
    backend_cpu_ms "$1" "CALL readers_run('$2', 20);" "CALL readers_run('$2', $TX);" "$TX"
}

runs=("floor 0")
for k in $READERS; do runs+=("tview $k" "trigger $k"); done
for run in "${runs[@]}"; do
    read -r variant readers <<<"$run"
    if [ "$variant" = floor ]; then
        q -d postgres -c "DROP DATABASE IF EXISTS $(db floor 0)" -c "CREATE DATABASE $(db floor 0) TEMPLATE tviews_readers_template" >/dev/null
        q -d "$(db floor 0)" -c "VACUUM ANALYZE" >/dev/null
    else
        make_database "$variant" "$readers"
    fi
done

declare -A samples
for round in $(seq 1 "$ROUNDS"); do
    for write in $WRITES; do
        for run in "${runs[@]}"; do
            read -r variant readers <<<"$run"
            ms=$(cpu_per_tx "$(db "$variant" "$readers")" "$write")
            samples[$write/$variant/$readers]+="$ms "
            echo "round $round $write $variant K=$readers: $ms ms CPU per transaction" >&2
        done
    done
done

first=$(echo "$READERS" | awk '{ print $1 }'); last=$(echo "$READERS" | awk '{ print $NF }')
echo
echo "Backend CPU per transaction, median of $ROUNDS rounds ($USERS users, $POSTS posts; $(nproc) CPUs; $(psql -X -At -d postgres -c 'SHOW server_version'))"
printf '%-12s %-8s %4s %12s %10s\n' write variant K "CPU ms/tx" "x trigger"
for write in $WRITES; do
    printf '%-12s %-8s %4s %12s %10s\n' "$write" floor 0 "$(echo "${samples[$write/floor/0]}" | median)" -
    for k in $READERS; do
        t=$(echo "${samples[$write/tview/$k]}" | median); h=$(echo "${samples[$write/trigger/$k]}" | median)
        printf '%-12s %-8s %4s %12s %10s\n' "$write" tview "$k" "$t" "$(awk -v a="$t" -v b="$h" 'BEGIN { printf "%.2f", a / b }')"
        printf '%-12s %-8s %4s %12s %10s\n' "$write" trigger "$k" "$h" 1.00
    done
done
echo
echo "What one more read model adds (from K = $first to K = $last, ms per transaction per read model):"
printf '%-12s %12s %12s %18s\n' write tview trigger "tview / trigger"
for write in $WRITES; do
    slope() { awk -v a="$(echo "${samples[$write/$1/$first]}" | median)" -v b="$(echo "${samples[$write/$1/$last]}" | median)" \
                  -v d="$((last - first))" 'BEGIN { printf "%.4f", (b - a) / d }'; }
    st=$(slope tview); sh=$(slope trigger)
    printf '%-12s %12s %12s %18s\n' "$write" "$st" "$sh" "$(awk -v a="$st" -v b="$sh" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "-" }')"
done

echo
stale=0
for k in $READERS; do
    for variant in tview trigger; do
        for i in $(seq 1 "$k"); do
            n=$(q -d "$(db "$variant" "$k")" -At -c "SELECT count(*) FROM ((SELECT * FROM tv_r$i EXCEPT SELECT * FROM ($(definition "$i")) v)
                                                   UNION ALL (SELECT * FROM ($(definition "$i")) v EXCEPT SELECT * FROM tv_r$i)) d")
            stale=$((stale + n))
        done
    done
done
echo "rows that differ from their view, all read models: $stale"
for run in "${runs[@]}"; do
    read -r variant readers <<<"$run"
    q -d postgres -c "DROP DATABASE IF EXISTS $(db "$variant" "$readers")" >/dev/null
done
q -d postgres -c "DROP DATABASE tviews_readers_template" >/dev/null
