#!/usr/bin/env bash
# Whether a TVIEW write costs more because of what the same session wrote before (issue #18: "a
# write path whose cost climbs with use"). The posts x users model of the issue (POSTS posts,
# USERS users; tv_post embeds its author), TVIEWs immediate. Each round runs, in ONE session,
# 1000 user renames (each fans out to POSTS/USERS posts), 1000 single-post updates and one UPDATE
# of 10 % of the posts, each write its own transaction, and prints the wall time of each step.
# PostgreSQL plans a statement over transition tables once per session, for the size of the first
# statement's tables: a plan made for one row and reused for 10,000 is what this catches (before
# the fix: 26 s for the bulk step, against 0.5 s when it runs first).
#   PGHOST=/tmp PGPORT=5432 PGUSER=postgres bench/session-history.sh
#   RUNTIME=<another checkout>/sql ROUNDS=3 bench/session-history.sh
# Creates and drops the database tviews_history.
set -euo pipefail
cd "$(dirname "$0")/.."
POSTS=${POSTS:-100000}
USERS=${USERS:-10000}
ROUNDS=${ROUNDS:-2}
RUNTIME=${RUNTIME:-sql}
q() { psql -X -q -v ON_ERROR_STOP=1 "$@"; }

q -d postgres -c "DROP DATABASE IF EXISTS tviews_history" -c "CREATE DATABASE tviews_history"
q -d tviews_history <<SQL
CREATE TABLE tb_user (pk_user integer PRIMARY KEY, id uuid NOT NULL DEFAULT gen_random_uuid(), name text NOT NULL);
CREATE TABLE tb_post (pk_post integer PRIMARY KEY, id uuid NOT NULL DEFAULT gen_random_uuid(),
                      fk_user integer NOT NULL REFERENCES tb_user, title text NOT NULL, body text NOT NULL);
CREATE INDEX ON tb_post (fk_user);
INSERT INTO tb_user (pk_user, name) SELECT g, 'user ' || g FROM generate_series(1, $USERS) g;
INSERT INTO tb_post (pk_post, fk_user, title, body)
SELECT g, 1 + g % $USERS, 'title ' || g, 'body ' || g FROM generate_series(1, $POSTS) g;
SQL
q -d tviews_history -f "$RUNTIME/install.sql" >/dev/null 2>&1
q -d tviews_history >/dev/null <<SQL
SELECT pg_tviews_create('tv_post', \$\$
    SELECT p.pk_post, p.id, p.fk_user,
           jsonb_build_object('id', p.id, 'title', p.title, 'author', jsonb_build_object('id', u.id, 'name', u.name)) AS data
    FROM tb_post p JOIN tb_user u ON u.pk_user = p.fk_user
\$\$);
CREATE PROCEDURE history_renames(n integer, o integer) LANGUAGE plpgsql AS \$\$ BEGIN
    FOR i IN 1..n LOOP UPDATE tb_user SET name = name || '+' WHERE pk_user = 1 + ((i + o) * 613) % $USERS; COMMIT; END LOOP;
END \$\$;
CREATE PROCEDURE history_posts(n integer, o integer) LANGUAGE plpgsql AS \$\$ BEGIN
    FOR i IN 1..n LOOP UPDATE tb_post SET title = title || '+' WHERE pk_post = 1 + ((i + o) * 7919) % $POSTS; COMMIT; END LOOP;
END \$\$;
CREATE PROCEDURE history_bulk(o integer) LANGUAGE plpgsql AS \$\$ BEGIN
    UPDATE tb_post SET title = title || '+' WHERE pk_post % 10 = o % 10; COMMIT;
END \$\$;
SQL
q -d tviews_history -c "VACUUM ANALYZE"

printf '%-6s %22s %22s %22s\n' round "1000 renames (ms)" "1000 post updates (ms)" "10 % bulk update (ms)"
{
    for r in $(seq 1 "$ROUNDS"); do
        echo "\\echo round $r"
        echo '\timing on'
        echo "CALL history_renames(1000, $r * 1000);"
        echo "CALL history_posts(1000, $r * 1000);"
        echo "CALL history_bulk($r);"
        echo '\timing off'
    done
} | q -d tviews_history 2>&1 | awk '/^round/ { r = $2; n = 0; next } /^Time:/ { t[++n] = $2; if (n == 3) printf "%-6s %22.0f %22.0f %22.0f\n", r, t[1], t[2], t[3] }'
q -d tviews_history -At -c "SELECT 'rows differing from v_post: ' || count(*) FROM (SELECT * FROM tv_post EXCEPT SELECT * FROM v_post) d"
q -d postgres -c "DROP DATABASE tviews_history"
