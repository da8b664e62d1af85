#!/usr/bin/env bash
# Runs every test of TVIEW Studio: the full build with unit, runtime (real PostgreSQL from Maven
# Central binaries), UI (headless TestFX) and documentation tests on PostgreSQL 17, then the
# runtime tests again on each other PostgreSQL version of the matrix, then the static analysis of
# the runtime's PL/pgSQL with plpgsql_check (sql/check/plpgsql-check.sh) and the lock protocol's
# isolation specs (sql/check/isolation.sh); as root they install postgresql-15 and
# postgresql-15-plpgsql-check with apt-get when they are missing.
#   ./run-tests.sh                                # PostgreSQL 17, then 16 and 15, then the checks
#   TVIEWS_PG_MATRIX="" ./run-tests.sh            # PostgreSQL 17 only
#   TVIEWS_SKIP_PLPGSQL_CHECK=1 ./run-tests.sh    # without the plpgsql_check analysis
#   TVIEWS_SKIP_ISOLATION=1 ./run-tests.sh        # without the isolation specs
# core, cli and tools run their test classes in two JVMs (tviews.test.forks in pom.xml); pass
# -Dtviews.test.forks=1 to mvn for one.
set -euo pipefail
cd "$(dirname "$0")"
source scripts/java-home.sh
echo "Using JDK at $JAVA_HOME"

mvn -B -ntp verify

for version in ${TVIEWS_PG_MATRIX-16 15}; do
    echo "=== Runtime tests on PostgreSQL $version ==="
    mvn -B -ntp -P "pg$version" -pl sql,embedded,core,tools,cli verify
done

if [ -z "${TVIEWS_SKIP_PLPGSQL_CHECK:-}" ]; then
    echo "=== Static analysis of the runtime's PL/pgSQL (plpgsql_check) ==="
    sql/check/plpgsql-check.sh
fi

if [ -z "${TVIEWS_SKIP_ISOLATION:-}" ]; then
    echo "=== Lock protocol under deterministic interleavings (isolation specs) ==="
    sql/check/isolation.sh
fi
