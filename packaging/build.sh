#!/usr/bin/env bash
# Builds the TVIEW Studio installers in plain steps: jdeps -> jlink -> jpackage.
# Maven calls it (mvn -Ppackage package, see packaging/pom.xml) after copying the application's
# runtime jars into <work>/jars:
#   packaging/build.sh --version 0.1.0-SNAPSHOT --work packaging/target [--types "app-image deb"]
# Output: <work>/image/tview-studio (app image) and <work>/installer/tview-studio_<v>_amd64.deb.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"

version="" work="" types="app-image deb"
while [ $# -gt 0 ]; do
    case "$1" in
        --version) version="$2"; shift 2 ;;
        --work) work="$2"; shift 2 ;;
        --types) types="$2"; shift 2 ;;
        *) echo "build.sh: unknown argument '$1' (expected --version, --work, --types)" >&2; exit 2 ;;
    esac
done
[ -n "$version" ] && [ -n "$work" ] || { echo "build.sh: --version and --work are required" >&2; exit 2; }
[ -d "$work/jars" ] || { echo "build.sh: $work/jars is missing: run it through Maven (mvn -Ppackage package)" >&2; exit 2; }
work="$(cd "$work" && pwd)"
for type in $types; do
    case "$type" in app-image|deb) ;; *) echo "build.sh: unsupported type '$type' (app-image, deb)" >&2; exit 2 ;; esac
done

source "$root/scripts/java-home.sh"
for tool in jdeps jlink jpackage jar; do
    [ -x "$JAVA_HOME/bin/$tool" ] || { echo "build.sh: $JAVA_HOME has no $tool: a full JDK 21+ is needed" >&2; exit 2; }
done

# jpackage wants 1 to 3 numbers: 0.1.0-SNAPSHOT -> 0.1.0 (the Maven version stays in the About box).
app_version="${version%%-*}"
[[ "$app_version" =~ ^[0-9]+(\.[0-9]+){0,2}$ ]] || { echo "build.sh: cannot make a numeric version of '$version'" >&2; exit 2; }

name=tview-studio
description="Always-fresh materialized views for every PostgreSQL: the desktop tool a DBA runs TVIEWs with."
vendor="TVIEW Studio"
cli_main_class=io.tviewstudio.cli.TviewsCli

step() { echo "[packaging] $*"; }
# Runs a verbose tool into a log file; shows the log's end when the tool fails.
logged() {
    local log="$1"
    shift
    "$@" > "$log" 2>&1 || { tail -40 "$log" >&2; echo "build.sh: $1 failed, full log: $log" >&2; exit 1; }
}

# 1. Sort the jars: JavaFX's platform jars are modules for jlink (they carry the native libraries);
#    the platform-less JavaFX jars are empty placeholders; everything else runs on the class path.
fx="$work/javafx" input="$work/input"
rm -rf "$fx" "$input" "$work/runtime" "$work/image" "$work/installer" "$work/jpackage"
mkdir -p "$fx" "$input" "$work/jpackage"
for jar in "$work"/jars/*.jar; do
    case "$(basename "$jar")" in
        javafx-*-linux.jar) cp "$jar" "$fx/" ;;
        javafx-*.jar) ;;
        *) cp "$jar" "$input/" ;;
    esac
done
[ -n "$(ls "$fx")" ] || { echo "build.sh: no javafx-*-linux.jar in $work/jars" >&2; exit 2; }
main_jar="$(cd "$input" && ls tview-studio-app-*.jar)"

# 2. jdeps: the JDK modules the application needs (JavaFX modules resolve their own requirements).
step "jdeps: finding the modules the application needs"
modules="$(jdeps --multi-release 21 \
    --ignore-missing-deps --print-module-deps --module-path "$fx" \
    --class-path "$(ls "$input"/*.jar | paste -sd:)" "$input"/tview-studio-*.jar "$input"/postgresql-*.jar 2>/dev/null)"
step "modules: $modules"

# 3. jlink: a trimmed runtime with JavaFX linked in; its native libraries go next to the JDK's, so
#    JavaFX loads them from there instead of unpacking them into ~/.openjfx on first start.
step "jlink: runtime image"
jlink --module-path "$fx" --add-modules "$modules" \
    --strip-debug --no-header-files --no-man-pages --compress zip-6 --generate-cds-archive \
    --output "$work/runtime"
for jar in "$fx"/*.jar; do
    libraries=($(jar tf "$jar" | grep '^[^/]*\.so$' || true))
    # Only with a list: "jar xf" without one would unpack the whole jar.
    if [ ${#libraries[@]} -gt 0 ]; then
        (cd "$work/runtime/lib" && jar xf "$jar" "${libraries[@]}")
    fi
done
# The class-data archive makes the first start about 0.4 s faster; the variant for heaps over 32 GB
# (no compressed oops) would add another 15 MB for a desktop tool that never runs with such a heap.
rm -f "$work/runtime/lib/server/classes_nocoops.jsa"

# 4. Icon (drawn by a small program, see packaging/icon/) and the files shipped beside the jars:
#    the documentation for offline help and the runtime SQL for psql users.
step "icon and application content"
java "$here/icon/IconGenerator.java" "$work/jpackage/$name.png" 256
content="$work/content"
rm -rf "$content" && mkdir -p "$content/docs" "$content/sql"
cp -r "$root/docs/." "$content/docs/"
cp "$root/sql/install.sql" "$root/sql/uninstall.sql" "$content/sql/"
cp -r "$root/sql/runtime" "$content/sql/"

# 5. The command line launcher, only when the application's jars hold the CLI's main class (the cli module).
has_class() {
    local jar
    for jar in "$input"/*.jar; do
        jar tf "$jar" | grep -qx "${1//.//}.class" && return 0
    done
    return 1
}
cli_args=()
if has_class "$cli_main_class"; then
    step "tviews launcher: $cli_main_class found"
    {
        echo "main-class=$cli_main_class"
        echo "description=TVIEW Studio command line"
        echo "linux-shortcut=false"
        # A short-lived command: serial GC and no C2 warm-up keep its start fast.
        echo "java-options=-XX:+UseSerialGC -XX:TieredStopAtLevel=1"
    } > "$work/jpackage/tviews.properties"
    cli_args=(--add-launcher "tviews=$work/jpackage/tviews.properties")
else
    step "tviews launcher: skipped, $cli_main_class is not in the application's jars yet"
fi

# JavaFX 21's Marlin renderer allocates with sun.misc.Unsafe, which JDK 23+ warns about on every
# start; the runtime image comes from this JDK, so allow it there when the JDK knows the option.
app_java_options=(--java-options '--enable-native-access=javafx.graphics')
if "$JAVA_HOME/bin/java" --sun-misc-unsafe-memory-access=allow -version >/dev/null 2>&1; then
    app_java_options+=(--java-options '--sun-misc-unsafe-memory-access=allow')
fi

common=(--name "$name" --app-version "$app_version" --vendor "$vendor" --description "$description"
        --icon "$work/jpackage/$name.png"
        --runtime-image "$work/runtime" --input "$input"
        --main-jar "$main_jar" --main-class io.tviewstudio.app.Launcher
        "${app_java_options[@]}"
        --app-content "$content/docs,$content/sql"
        "${cli_args[@]}" --verbose)

# 6. jpackage: the app image, then the .deb from the same parts. (A .deb made from the app image
#    would give the tviews launcher a desktop entry: jpackage forgets its linux-shortcut=false.)
step "jpackage: app image"
logged "$work/jpackage/app-image.log" jpackage --type app-image --dest "$work/image" "${common[@]}"

if [[ " $types " == *" deb "* ]]; then
    for tool in dpkg-deb fakeroot; do
        command -v "$tool" >/dev/null || { echo "build.sh: the .deb needs $tool (apt-get install $tool), or use --types app-image" >&2; exit 2; }
    done
    step "jpackage: .deb (dpkg-deb compresses for a minute or two)"
    # The resource directory overrides jpackage's desktop entry and maintainer scripts.
    cp "$here/linux/$name.desktop" "$here/linux/postinst" "$here/linux/prerm" "$work/jpackage/"
    license=()
    [ -f "$root/LICENSE" ] && license=(--license-file "$root/LICENSE")
    logged "$work/jpackage/deb.log" jpackage --type deb --dest "$work/installer" "${common[@]}" \
        --resource-dir "$work/jpackage" "${license[@]}" \
        --linux-package-name "$name" \
        --linux-menu-group "Development" --linux-app-category devel --linux-shortcut \
        --linux-package-deps "libgtk-3-0, xz-utils"
fi

step "done:"
du -sh "$work/image/$name" $(ls "$work"/installer/*.deb 2>/dev/null) | sed 's/^/[packaging]   /'
