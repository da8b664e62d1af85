#!/usr/bin/env bash
# Runs every test of TVIEW Studio: the full build with unit, runtime (real PostgreSQL from Maven
# Central binaries), UI (headless TestFX) and documentation tests on PostgreSQL 17, then the
# runtime tests again on each other PostgreSQL version of the matrix.
#   ./run-tests.sh                      # PostgreSQL 17, then 16 and 15
#   TVIEWS_PG_MATRIX="" ./run-tests.sh  # PostgreSQL 17 only
set -euo pipefail
cd "$(dirname "$0")"
source scripts/java-home.sh
echo "Using JDK at $JAVA_HOME"

mvn -B -ntp verify

for version in ${TVIEWS_PG_MATRIX-16 15}; do
    echo "=== Runtime tests on PostgreSQL $version ==="
    mvn -B -ntp -P "pg$version" -pl sql,core verify
done
