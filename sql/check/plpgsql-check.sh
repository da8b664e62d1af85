#!/usr/bin/env bash
# Static analysis of the runtime's PL/pgSQL with plpgsql_check (issue #17): every PL/pgSQL
# function the runtime installs (public.pg_tview*) and every function it generates for TVIEWs
# (refresh, parent_locks, resolve and trigger functions), with security warnings (SQL injection in
# dynamic SQL) and extra warnings (unused variables and parameters, dead code) on. Fails on any
# finding that is not in sql/check/plpgsql-check-allowlist.txt, and on any entry of that list that
# no longer matches a finding (stale).
#
#   sql/check/plpgsql-check.sh                 # about 3 s once the packages are there
#   TVIEWS_SKIP_PLPGSQL_CHECK=1 ./run-tests.sh # run-tests.sh leaves it out
#
# What it does: installs postgresql-15 and postgresql-15-plpgsql-check with apt-get when they are
# missing (needs root then; Debian/Ubuntu); starts a throw-away PostgreSQL 15 cluster in a temp
# directory, listening only on a unix socket in that directory (no TCP port), as the current user
# or, when run as root, as the unprivileged account "tviews" (created if missing, as the embedded
# server of the tests does: PostgreSQL refuses to run as root); installs the runtime with
# psql -f sql/install.sql; creates the TVIEWs of core/src/test/resources/schemas (blog, shop) and
# sql/check/plpgsql-check-fixtures.sql, which cover the generator's shapes (root, parent and
# child rules, TVIEWs reading TVIEWs, deferred mode, another schema, shortened names); runs
# sql/check/plpgsql-check.sql; compares. The cluster is stopped and the directory removed on exit,
# also on failure.
#
# plpgsql_check options: fatal_errors off (every error of a function, not only its first),
# other_warnings, extra_warnings (unused or never-read variables and parameters, a missing RETURN,
# OUT values never set), security_warnings (SQL injection: text put into dynamic SQL unquoted) and
# compatibility_warnings on; performance_warnings off: on this runtime they are implicit casts
# (integer to bigint, ...) and volatility hints for functions whose volatility was chosen on
# purpose (18 findings), none of them a defect. A planted injection and a planted unknown
# transition-table column must be reported (self-test), or the check fails.
#
# Output: one line per distinct finding, sorted, "new   KEY" or "ok    KEY" (allowlisted), then
# "stale LINE: PATTERN" for unused allowlist entries, then the details (line, statement, query)
# of the new findings. KEY is
#     function(args) | level | sqlstate | statement | message [| at NAME]
# without line numbers, so it survives edits elsewhere in a function; the same finding at several
# places of one function (or one trigger function checked on several tables) is one key. Security
# warnings ("text type variable is not sanitized") end with "at NAME", the variable or expression
# the warning points at (e.g. "at m.definition"). A "new" line without its first six characters is
# an allowlist entry waiting for its reason.
#
# Allowlist (sql/check/plpgsql-check-allowlist.txt): one entry per line, "KEY # why it is safe";
# '*' in KEY matches any text (e.g. one entry for the refresh function of every TVIEW); blank
# lines and lines starting with '#' are comments. An entry without a reason, or whose reason
# starts with TODO, is refused.
#
# Environment:
#   TVIEWS_SKIP_PLPGSQL_CHECK=1   run-tests.sh skips this check (the script itself ignores it)
#   PLPGSQL_CHECK_ALLOWLIST=FILE  another allowlist (default: the one beside this script)
#   PLPGSQL_CHECK_PGBIN=DIR       PostgreSQL 15 binaries (default /usr/lib/postgresql/15/bin)
#   PLPGSQL_CHECK_ACCOUNT=NAME    account the server runs as when run as root (default tviews)
#   PLPGSQL_CHECK_KEEP=1          keep the cluster running at the end (prints how to connect; stop
#                                 it with the printed pg_ctl command)
# Exit status: 0 clean, 1 findings not allowlisted or stale entries, 2 the check could not run.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
allowlist=${PLPGSQL_CHECK_ALLOWLIST:-$here/plpgsql-check-allowlist.txt}
pgbin=${PLPGSQL_CHECK_PGBIN:-/usr/lib/postgresql/15/bin}
account=${PLPGSQL_CHECK_ACCOUNT:-tviews}
schemas=$root/core/src/test/resources/schemas
fixtures=(
    "$schemas/blog.sql" "$schemas/blog-tviews.sql" "$schemas/blog-tv-user.sql"
    "$schemas/shop.sql" "$schemas/shop-tviews.sql"
    "$here/plpgsql-check-fixtures.sql"
)
started=$SECONDS

tool=plpgsql-check
keep=${PLPGSQL_CHECK_KEEP:-}
# shellcheck source=throwaway-cluster.sh
. "$here/throwaway-cluster.sh"

# --- packages -------------------------------------------------------------------------------
missing=()
[ -x "$pgbin/initdb" ] && [ -x "$pgbin/pg_ctl" ] && [ -x "$pgbin/psql" ] || missing+=(postgresql-15)
# The extension's files go to PostgreSQL's share directory (Debian: /usr/share/postgresql/15).
sharedir=$("$pgbin/pg_config" --sharedir 2>/dev/null || echo /usr/share/postgresql/15)
[ -f "$sharedir/extension/plpgsql_check.control" ] || missing+=(postgresql-15-plpgsql-check)
if [ ${#missing[@]} -gt 0 ]; then
    install_packages "${missing[@]}"
    sharedir=$("$pgbin/pg_config" --sharedir 2>/dev/null || echo /usr/share/postgresql/15)
    [ -f "$sharedir/extension/plpgsql_check.control" ] || die "plpgsql_check is still missing after apt-get"
fi
for f in "${fixtures[@]}" "$here/plpgsql-check.sql" "$root/sql/install.sql" "$allowlist"; do
    [ -f "$f" ] || die "missing $f"
done

# --- throw-away cluster ---------------------------------------------------------------------
start_throwaway_cluster
export PGDATABASE=tviews_check PGOPTIONS='-c client_min_messages=warning'
psql=("$pgbin/psql" -X -q -v ON_ERROR_STOP=1)
run() {  # psql with its output kept for a failure's message
    "${psql[@]}" "$@" >/dev/null 2>>"$work/psql.log" || { tail -n 40 "$work/psql.log" >&2; die "psql $* failed"; }
}
run -d postgres -c 'CREATE DATABASE tviews_check'
run -c 'CREATE SCHEMA plpgsql_check' -c 'CREATE EXTENSION plpgsql_check SCHEMA plpgsql_check'
run -f "$root/sql/install.sql"
for f in "${fixtures[@]}"; do run -f "$f"; done
run -f "$here/plpgsql-check.sql"

# --- allowlist ------------------------------------------------------------------------------
# To CSV (line, pattern, reason); the key is what stands before the last " # ".
awk '
    /^[[:space:]]*(#|$)/ { next }
    {
        i = 0; s = $0
        while ((p = index(substr(s, i + 1), " # ")) > 0) i += p
        if (i == 0) { printf "%s:%d: no \" # reason\" in: %s\n", FILENAME, NR, $0 > "/dev/stderr"; bad = 1; next }
        key = substr(s, 1, i - 1); why = substr(s, i + 3)
        sub(/[[:space:]]+$/, "", key); sub(/^[[:space:]]+/, "", why)
        if (why == "" || why ~ /^TODO/) { printf "%s:%d: give the reason why it is safe: %s\n", FILENAME, NR, $0 > "/dev/stderr"; bad = 1; next }
        gsub(/"/, "\"\"", key); gsub(/"/, "\"\"", why)
        printf "%d,\"%s\",\"%s\"\n", NR, key, why
    }
    END { exit bad }
' "$allowlist" >"$work/allow.csv" || die "invalid allowlist $allowlist"
chmod a+r "$work/allow.csv"

# --- report ---------------------------------------------------------------------------------
{
printf '%s\n' 'CREATE TEMP TABLE allow (line integer, pattern text, reason text);' \
    "\\copy allow FROM '$work/allow.csv' WITH (FORMAT csv)"
cat <<'SQL'
SET search_path = pg_catalog;
-- '*' matches any text; everything else literally.
CREATE TEMP VIEW allow_like AS
SELECT a.*, replace(replace(replace(replace(a.pattern, '\', '\\'), '%', '\%'), '_', '\_'), '*', '%') AS like_pattern
FROM allow a;
-- A security warning's message names no variable: the expression it points at (the first name
-- at its position in the query) is part of its key.
CREATE TEMP VIEW keyed AS
SELECT concat_ws(' | ', f.fn, f.level, coalesce(f.sqlstate, '-'), coalesce(f.statement, '-'),
                 regexp_replace(f.message, '\s+', ' ', 'g'),
                 CASE WHEN f.level = 'security' THEN 'at ' || coalesce(
                     substring(substr(f.query, f."position") FROM '^[A-Za-z_][A-Za-z0-9_$.]*'), '?') END) AS key, f.*
FROM plcheck.finding f;
CREATE TEMP VIEW status AS
SELECT k.key, CASE WHEN EXISTS (SELECT 1 FROM allow_like a WHERE k.key LIKE a.like_pattern) THEN 'ok' ELSE 'new' END AS status
FROM (SELECT DISTINCT key FROM keyed) k;

SELECT format('checked %s PL/pgSQL functions (%s), plpgsql_check %s on PostgreSQL %s',
              (SELECT count(DISTINCT fn) FROM plcheck.target),
              (SELECT string_agg(format('%s %s', n, kind), ', ' ORDER BY kind)
               FROM (SELECT kind, count(DISTINCT fn) AS n FROM plcheck.target GROUP BY kind) k),
              (SELECT extversion FROM pg_extension WHERE extname = 'plpgsql_check'),
              current_setting('server_version'));
-- Every shape of generated function must be there, or the fixtures stopped covering it.
SELECT format('new   (fixtures) | error | - | - | no %s function was checked: the fixtures no longer cover it', k)
FROM unnest(ARRAY['generated refresh', 'generated parent_locks', 'generated resolve', 'generated trigger', 'runtime']) AS k
WHERE NOT EXISTS (SELECT 1 FROM plcheck.target t WHERE t.kind = k);
SELECT format('new   (self-test) | error | - | - | plpgsql_check reported no %s: the check is broken', t.what)
FROM plcheck.self_test t WHERE NOT t.found;
SELECT rpad(s.status, 5) || ' ' || s.key FROM status s ORDER BY s.key;
SELECT format('stale %s: %s', a.line, a.pattern) FROM allow_like a
WHERE NOT EXISTS (SELECT 1 FROM keyed k WHERE k.key LIKE a.like_pattern) ORDER BY a.line;
SELECT format(E'\n%s', s.key) || string_agg(format(E'\n    line %s (%s)%s%s%s%s',
           coalesce(k.lineno::text, '?'), coalesce(k.statement, '-'),
           CASE WHEN k.relid IS NOT NULL THEN ', on ' || k.relid END,
           CASE WHEN k.detail IS NOT NULL THEN E'\n      detail: ' || k.detail END,
           CASE WHEN k.hint IS NOT NULL THEN E'\n      hint: ' || k.hint END,
           CASE WHEN k.query IS NOT NULL THEN E'\n      query: ' || left(regexp_replace(k.query, '\s+', ' ', 'g'), 300)
                || CASE WHEN k."position" IS NOT NULL THEN format(' (at %s: "%s")', k."position", left(substr(k.query, k."position"), 40)) ELSE '' END END),
           '' ORDER BY k.lineno, k.relid)
FROM status s JOIN (SELECT DISTINCT ON (key, lineno, statement, coalesce("position", 0)) * FROM keyed) k USING (key)
WHERE s.status = 'new'
GROUP BY s.key ORDER BY s.key;
SQL
} | "${psql[@]}" -A -t >"$work/report.txt" 2>"$work/report.err" ||
    { cat "$work/report.err" >&2; die "the report query failed"; }

summary=$(head -n 1 "$work/report.txt")
counts() { grep -c "^$1 " "$work/report.txt" || true; }
new=$(counts new); ok=$(counts ok); stale=$(counts stale)
echo "plpgsql-check: $summary"
sed -n '2,$p' "$work/report.txt"
echo "plpgsql-check: $((new + ok)) distinct findings: $ok allowlisted, $new new; $stale stale allowlist entries ($((SECONDS - started)) s)"
if [ "$new" -gt 0 ] || [ "$stale" -gt 0 ]; then
    echo "plpgsql-check: FAILED: fix the function, or add the \"new\" line to $(realpath --relative-to="$PWD" "$allowlist") with \" # why it is safe\"; remove stale entries" >&2
    exit 1
fi
echo "plpgsql-check: OK"
