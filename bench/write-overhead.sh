#!/usr/bin/env bash
# Write overhead of TVIEW maintenance, side by side in one run against one server:
#   baseline  - the blog schema with no TVIEW at all
#   immediate - tv_post, tv_category, tv_comment in immediate mode
#   deferred  - the same TVIEWs in deferred mode
# Each variant runs the same pgbench transaction (one single-row UPDATE of a post, then of a user)
# for DURATION seconds with CLIENTS clients; the script prints TPS and the ratio to the baseline.
#   PGHOST=127.0.0.1 PGPORT=5432 PGUSER=postgres bench/write-overhead.sh
# TVIEWS=post measures one TVIEW (tv_post: a post with its author); TVIEWS=blog (default) the
# cascading trio of the test suite, where a post is also embedded in its category's document
# (400 posts a category) and in every comment's document.
# Needs psql and pgbench (Debian: postgresql-client / postgresql) and a server you may create
# databases on; it creates and drops databases named tviews_bench_*.
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${DURATION:-15}
CLIENTS=${CLIENTS:-4}
POSTS=${POSTS:-20000}
TVIEWS=${TVIEWS:-blog}
# WRITES=post: each transaction updates one post; WRITES=mixed also renames a user (author of
# about POSTS/200 posts, so one rename recomputes that many documents).
WRITES=${WRITES:-mixed}
PGBENCH=${PGBENCH:-$(command -v pgbench || ls /usr/lib/postgresql/*/bin/pgbench | tail -1)}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cat > "$work/txn.sql" <<SQL
\set post random(1, $POSTS)
\set user random(1, 200)
UPDATE tb_post SET title = 'post ' || :post || ' ' || random() WHERE pk_post = :post;
SQL
if [ "$WRITES" = mixed ]; then
    echo "UPDATE tb_user SET name = 'user ' || :user || ' ' || random() WHERE pk_user = :user;" >> "$work/txn.sql"
fi

setup() {  # $1 database, $2 mode (none|immediate|deferred)
    psql -X -q -v ON_ERROR_STOP=1 -d postgres -c "DROP DATABASE IF EXISTS $1" -c "CREATE DATABASE $1"
    psql -X -q -v ON_ERROR_STOP=1 -d "$1" -f sql/install.sql >/dev/null
    psql -X -q -v ON_ERROR_STOP=1 -d "$1" <<SQL
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
INSERT INTO tb_category (title) SELECT 'category ' || g FROM generate_series(1, 50) g;
INSERT INTO tb_post (fk_user, fk_category, title) SELECT 1 + g % 200, 1 + g % 50, 'post ' || g FROM generate_series(1, $POSTS) g;
INSERT INTO tb_comment (fk_post, fk_user, body) SELECT 1 + g % $POSTS, 1 + g % 200, 'comment ' || g FROM generate_series(1, 2 * $POSTS) g;
SQL
    if [ "$2" != none ]; then
        psql -X -q -v ON_ERROR_STOP=1 -d "$1" -c "SELECT pg_tviews_set('default_refresh_mode', '$2')" >/dev/null
        if [ "$TVIEWS" = post ]; then
            psql -X -q -v ON_ERROR_STOP=1 -d "$1" >/dev/null <<'SQL'
SELECT pg_tviews_create('tv_post', $$
    SELECT p.pk_post, p.id, p.fk_user, p.fk_category,
           jsonb_build_object('id', p.id, 'title', p.title, 'author', jsonb_build_object('id', u.id, 'name', u.name)) AS data
    FROM tb_post p JOIN tb_user u ON u.pk_user = p.fk_user
$$);
SQL
        else
            psql -X -q -v ON_ERROR_STOP=1 -d "$1" -f core/src/test/resources/schemas/blog-tviews.sql >/dev/null
        fi
    fi
    psql -X -q -d "$1" -c "VACUUM ANALYZE"
}

declare -A tps
for mode in none immediate deferred; do
    db="tviews_bench_$mode"
    setup "$db" "$mode"
    tps[$mode]=$("$PGBENCH" -n -c "$CLIENTS" -j 2 -T "$DURATION" -f "$work/txn.sql" "$db" 2>/dev/null \
        | sed -n 's/^tps = \([0-9.]*\).*/\1/p')
    if [ "$mode" != none ]; then
        stale=$(psql -X -At -d "$db" -c "SELECT count(*) FROM pg_tviews_verify()")
        echo "$mode: pg_tviews_verify() differences after the run: $stale"
    fi
    psql -X -q -d postgres -c "DROP DATABASE $db"
done

printf '\nTVIEWS=%s WRITES=%s, %s clients, %s s each, %s posts\n' "$TVIEWS" "$WRITES" "$CLIENTS" "$DURATION" "$POSTS"
printf '%-10s %10s %18s\n' variant tps "ratio to baseline"
for mode in none immediate deferred; do
    printf '%-10s %10.1f %18.2f\n' "$mode" "${tps[$mode]}" "$(echo "${tps[$mode]} / ${tps[none]}" | bc -l)"
done
