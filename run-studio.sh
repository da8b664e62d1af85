#!/usr/bin/env bash
# Starts the TVIEW Studio desktop application, building it first when its sources changed.
#   ./run-studio.sh                  # the demo database unless TVIEWS_JDBC_URL names a server
#   ./run-studio.sh --rebuild        # build even when nothing changed
# Arguments after the options go to the application (e.g. --smoke-test).
#
# The build (mvn package of app and the modules it uses, 15-35 s) runs only when a file under
# pom.xml, sql/, embedded/, core/, tools/ (the demo), app/ or docs/ (the Help pages are bundled) is
# newer than app/target/run-studio.classpath,
# the classpath the last build wrote; the application then starts straight from that classpath
# with java (about 2 s to the window), not through Maven.
set -euo pipefail
cd "$(dirname "$0")"

rebuild=no
if [ "${1:-}" = --rebuild ]; then
    rebuild=yes
    shift
fi

fail() { echo "run-studio: $*" >&2; exit 1; }

# What JavaFX needs to open a window, said in one line each instead of a Java stack trace.
# JavaFX draws through X11 (on Wayland through XWayland, which sets DISPLAY).
if [ -z "${DISPLAY:-}" ]; then
    if [ -n "${WAYLAND_DISPLAY:-}" ]; then
        fail "no X display: DISPLAY is unset in this Wayland session, and JavaFX needs XWayland (Debian: sudo apt-get install xwayland)"
    fi
    fail "no display: DISPLAY and WAYLAND_DISPLAY are unset (run it in a desktop session, over ssh -X, or under xvfb-run)"
fi
ldconfig="$(command -v ldconfig || echo /sbin/ldconfig)"
# Only a working ldconfig can tell; without one, java reports what is missing itself.
if libraries="$("$ldconfig" -p 2>/dev/null)" && ! grep -q 'libgtk-3\.so\.0' <<<"$libraries"; then
    fail "GTK 3 is missing (libgtk-3.so.0, JavaFX's window toolkit): install it with 'sudo apt-get install libgtk-3-0' (Debian, Ubuntu; Fedora: gtk3)"
fi

source scripts/java-home.sh
java_major="$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$JAVA_HOME/release" 2>/dev/null || true)"

classpath_file=app/target/run-studio.classpath
reason=""
if [ $rebuild = yes ]; then
    reason="--rebuild"
elif [ ! -s "$classpath_file" ]; then
    reason="no build yet"
else
    # Tests do not change the application: their files need no rebuild.
    changed="$(find pom.xml sql embedded core tools app docs \( -type d \( -name target -o -path '*/src/test' \) -prune \) \
                    -o \( -type f -newer "$classpath_file" -print -quit \))"
    [ -z "$changed" ] || reason="$changed changed"
    if [ -z "$reason" ]; then
        IFS=: read -r -a entries < "$classpath_file" || true
        for entry in "${entries[@]}"; do
            [ -e "$entry" ] || { reason="$entry is gone"; break; }
        done
    fi
fi

if [ -n "$reason" ]; then
    echo "run-studio: building ($reason)"
    started=$(date +%s)
    # The classpath file gets the time the build started: a file saved during the build is newer.
    touch "$classpath_file.started" 2>/dev/null || { mkdir -p app/target && touch "$classpath_file.started"; }
    # The reactor resolves the app's modules (sql, embedded, core, tools) to their jars in */target;
    # nothing goes to ~/.m2.
    maven_opts="${MAVEN_OPTS:-}"
    [ "${java_major:-0}" -lt 23 ] || maven_opts="$maven_opts --sun-misc-unsafe-memory-access=allow"
    MAVEN_OPTS="$maven_opts" mvn -B -q -ntp -Dstyle.color=never -pl app -am package -DskipTests -Djacoco.skip=true \
        dependency:build-classpath -Dmdep.outputFile=target/dependencies.classpath -DincludeScope=runtime 2>&1 \
        | sed 's/\x1b\[0m//g'  # Maven's quiet mode still prints colour resets, even with -B
    app_jar="$(ls app/target/tview-studio-app-*.jar | grep -v -- '-tests\.jar$' | head -1)"
    # Written last and renamed into place: an interrupted build leaves no classpath, so the next
    # start builds again.
    printf '%s:%s\n' "$(pwd)/$app_jar" "$(cat app/target/dependencies.classpath)" > "$classpath_file.tmp"
    touch -r "$classpath_file.started" "$classpath_file.tmp"
    mv "$classpath_file.tmp" "$classpath_file"
    rm -f "$classpath_file.started"
    rm -f app/target/run-studio.jsa
    echo "run-studio: built in $(( $(date +%s) - started )) s"
fi

# A class data sharing archive of the application's classes, written when the JVM exits and
# checked against the classpath and JDK at every start: later starts load classes from it (about
# a third faster to the window). -Xlog:cds=off: the JDK's base archive was made without
# --enable-native-access, which CDS reports as an error although it only disables an optimisation.
java_options=(--enable-native-access=ALL-UNNAMED -XX:+AutoCreateSharedArchive
              -XX:SharedArchiveFile=app/target/run-studio.jsa -Xlog:cds=off)
# JavaFX 21 (like Maven's Guava) uses sun.misc.Unsafe, which JDK 23 and later warn about.
[ "${java_major:-0}" -lt 23 ] || java_options+=(--sun-misc-unsafe-memory-access=allow)
exec java "${java_options[@]}" -classpath "$(cat "$classpath_file")" io.tviewstudio.app.Launcher "$@"
