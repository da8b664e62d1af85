#!/usr/bin/env bash
# The runtime's lock protocol under deterministic interleavings of concurrent writers (issue #18):
# PostgreSQL's isolation tester (pg_isolation_regress, which Debian ships in postgresql-client-15)
# runs each spec of sql/check/isolation/specs/ step by step in the order
# its permutations give, detects a step that waits for a lock, and compares the output with
# sql/check/isolation/expected/. Each spec sets up its tables and TVIEWs and ends every permutation
# with a check step that prints the rows a TVIEW holds that its view does not (stale, must be 0).
#
#   sql/check/isolation.sh                  # about 10 s once the packages are there
#   sql/check/isolation.sh child_move_vs_parent_rename   # one spec
#   TVIEWS_SKIP_ISOLATION=1 ./run-tests.sh  # run-tests.sh leaves it out
#
# What it does: installs postgresql-15 with apt-get when missing (needs root then); starts a throw-away PostgreSQL 15 cluster (sql/check/throwaway-cluster.sh);
# installs the runtime into a template database; runs every spec in a fresh copy of it.
# After an intended change of the output, review the diff printed and copy the new output from
# the results directory it names (ISOLATION_KEEP=1 keeps it) over the expected file.
#
# Environment:
#   ISOLATION_PGBIN=DIR    PostgreSQL 15 binaries (default /usr/lib/postgresql/15/bin)
#   ISOLATION_ACCOUNT=NAME account the server runs as when run as root (default tviews)
#   ISOLATION_KEEP=1       keep the cluster and the results at the end
# Exit status: 0 every spec matched, 1 a spec's output differed, 2 the check could not run.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
suite=$here/isolation
tool=isolation
pgbin=${ISOLATION_PGBIN:-/usr/lib/postgresql/15/bin}
account=${ISOLATION_ACCOUNT:-tviews}
keep=${ISOLATION_KEEP:-}
started=$SECONDS
# shellcheck source=throwaway-cluster.sh
. "$here/throwaway-cluster.sh"

# pg_isolation_regress and isolationtester come with postgresql-client-15, which postgresql-15 installs.
regress=$("$pgbin/pg_config" --pgxs 2>/dev/null | xargs -r dirname | xargs -r dirname)/test/isolation/pg_isolation_regress
[ -x "$pgbin/initdb" ] && [ -x "$pgbin/pg_ctl" ] && [ -x "$pgbin/psql" ] && [ -x "$regress" ] ||
    install_packages postgresql-15 postgresql-client-15
regress=$("$pgbin/pg_config" --pgxs | xargs dirname | xargs dirname)/test/isolation/pg_isolation_regress
[ -x "$regress" ] || die "no $regress after apt-get (Debian ships it in postgresql-client-15)"

if [ $# -gt 0 ]; then specs=("$@"); else
    specs=(); for f in "$suite"/specs/*.spec; do specs+=("$(basename "$f" .spec)"); done
fi

start_throwaway_cluster
results=$work/results
mkdir -p "$results"
[ ${#as_server[@]} -eq 0 ] || chown "$account:" "$results"
psql=("$pgbin/psql" -X -q -v ON_ERROR_STOP=1)
"${psql[@]}" -d postgres -c 'CREATE DATABASE tviews_isolation_template' >/dev/null
"${psql[@]}" -d tviews_isolation_template -f "$root/sql/install.sql" >"$work/install.log" 2>&1 ||
    { tail -n 20 "$work/install.log" >&2; die "installing the runtime failed"; }

failed=()
for spec in "${specs[@]}"; do
    [ -f "$suite/specs/$spec.spec" ] || die "no spec $suite/specs/$spec.spec"
    "${psql[@]}" -d postgres -c "CREATE DATABASE \"iso_$spec\" TEMPLATE tviews_isolation_template" >/dev/null
    if "$regress" --use-existing --host="$PGHOST" --port="$PGPORT" --user=postgres --dbname="iso_$spec" \
           --inputdir="$suite" --outputdir="$results" "$spec" >"$results/$spec.log" 2>&1; then
        echo "isolation: ok      $spec"
    else
        echo "isolation: FAILED  $spec"
        cat "$results/regression.diffs" 2>/dev/null || cat "$results/$spec.log"
        failed+=("$spec")
    fi
done
echo "isolation: ${#specs[@]} spec(s), ${#failed[@]} failed ($((SECONDS - started)) s); outputs in $results"
[ ${#failed[@]} -eq 0 ] || exit 1
