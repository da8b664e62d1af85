#!/usr/bin/env bash
# The packaging check: builds the app image and the .deb, starts the packaged application headless
# (Xvfb) until its first scene shows, runs the packaged tviews command when the package has one,
# installs the .deb with dpkg, checks its files and desktop entry, removes and purges it, and checks
# that nothing is left. Prints sizes and start times at the end.
#   packaging/check.sh                                       # build, then check
#   packaging/check.sh --no-build                            # check what packaging/target holds
#   packaging/check.sh -- -Dmaven.repo.local=/tmp/m2         # extra Maven arguments
# Needs root (dpkg -i, and apt-get for missing tools). Takes about 2 minutes on 2 cores, most of it
# building the .deb; .ci/run runs it after the tests (packaging/README.md).
set -Eeuo pipefail
cd "$(dirname "$0")/.."
root="$(pwd)"

build=yes
maven_args=()
while [ $# -gt 0 ]; do
    case "$1" in
        --no-build) build=no; shift ;;
        --) shift; maven_args=("$@"); break ;;
        *) echo "check.sh: unknown argument '$1' (expected --no-build, or -- followed by Maven arguments)" >&2; exit 2 ;;
    esac
done

package=tview-studio
install_dir=/opt/$package
target="$root/packaging/target"
image="$target/image/$package"

fail() { echo "check: FAILED: $*" >&2; exit 1; }
trap 'echo "check: FAILED: command at line $LINENO of packaging/check.sh exited non-zero" >&2' ERR
ok() { echo "check: ok: $*"; }
seconds_since() { printf '%.2f' "$(echo "scale=3; ($(date +%s%N) - $1) / 1000000000" | bc)"; }
[ "$(id -u)" = 0 ] || fail "run it as root: it installs the .deb with dpkg (and missing tools with apt-get)"

# --- The machine: what the check and a desktop needs (a desktop machine has all but Xvfb). ---
need=()
command -v xvfb-run >/dev/null || need+=(xvfb)
command -v xauth >/dev/null || need+=(xauth)
command -v fakeroot >/dev/null || need+=(fakeroot)
command -v bc >/dev/null || need+=(bc)
command -v unzip >/dev/null || need+=(unzip)
command -v xdg-desktop-menu >/dev/null || need+=(xdg-utils)
ldconfig -p | grep -q 'libgtk-3\.so\.0' || need+=(libgtk-3-0)
if [ ${#need[@]} -gt 0 ]; then
    echo "check: installing ${need[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
dpkg -s "$package" >/dev/null 2>&1 && fail "$package is installed already: remove it first (dpkg -P $package)"

# --- Build. ---
if [ $build = yes ]; then
    source scripts/java-home.sh
    started=$(date +%s%N)
    mvn -B -ntp -q -Ppackage -DskipTests -pl packaging -am package "${maven_args[@]}"
    build_time=$(seconds_since "$started")
    ok "built app image and .deb in ${build_time} s"
fi
deb="$(ls "$target"/installer/${package}_*_amd64.deb 2>/dev/null | head -1)"
[ -x "$image/bin/$package" ] || fail "no app image at $image: build it (mvn -Ppackage -DskipTests package)"
[ -n "$deb" ] || fail "no .deb in $target/installer"

# --- The app image. ---
for file in lib/docs/README.md lib/docs/getting-started/install.md lib/sql/install.sql lib/sql/runtime \
            lib/$package.png lib/runtime/release lib/runtime/lib/libglassgtk3.so lib/app/$package.cfg; do
    [ -e "$image/$file" ] || fail "app image lacks $file"
done
sql_jar="$(ls "$image"/lib/app/tview-studio-sql-*.jar)"
unzip -Z1 "$sql_jar" io/tviewstudio/sql/install.sql >/dev/null 2>&1 || fail "$sql_jar lacks the runtime SQL"
# The Help window reads the documentation bundled in the application's jar (app/pom.xml).
app_jar="$(ls "$image"/lib/app/tview-studio-app-*.jar)"
for file in io/tviewstudio/app/help/docs/README.md io/tviewstudio/app/help/docs/reference/errors.md \
            io/tviewstudio/app/help/docs/images/dependency-graph.png; do
    unzip -Z1 "$app_jar" "$file" >/dev/null 2>&1 || fail "$app_jar lacks the bundled documentation ($file)"
done
modules="$(sed -n 's/^MODULES="\(.*\)"/\1/p' "$image/lib/runtime/release")"
for module in javafx.controls java.sql; do
    [[ " $modules " == *" $module "* ]] || fail "runtime image lacks $module (has: $modules)"
done
for module in jdk.compiler jdk.jpackage jdk.jshell; do
    [[ " $modules " != *" $module "* ]] || fail "runtime image is not trimmed: it has $module"
done
ok "app image holds docs (files and jar), runtime SQL (files and jar), icon and a runtime of $(wc -w <<<"$modules") modules"

# Starts a launcher under a fresh Xvfb display; prints its output, then "elapsed <seconds>".
run_headless() {
    xvfb-run -a -s "-screen 0 1280x1024x24" bash -c \
        'started=$(date +%s%N); "$@"; status=$?; printf "elapsed %.2f\n" "$(echo "scale=3; ($(date +%s%N) - $started) / 1000000000" | bc)"; exit $status' \
        launcher "$@"
}

# Checks a smoke-test run of the desktop launcher $1 whose runtime must be $2; sets app_time.
smoke_test() {
    local output
    output="$(run_headless "$1" --smoke-test 2>&1)" || { echo "$output" >&2; fail "$1 --smoke-test exited non-zero"; }
    grep -q "first scene shown (window \"TVIEW Studio\"" <<<"$output" || { echo "$output" >&2; fail "$1 did not show its first scene"; }
    grep -q "at $2)" <<<"$output" || { echo "$output" >&2; fail "$1 did not run on its bundled runtime $2"; }
    ! grep -Eq 'Exception|WARNING' <<<"$output" || { echo "$output" >&2; fail "$1 printed exceptions or warnings"; }
    app_time="$(sed -n 's/^elapsed //p' <<<"$output")"
    ok "$1 showed its first scene in ${app_time} s: $(grep 'first scene shown' <<<"$output")"
}

# Checks $1 --version of the tviews launcher; sets cli_time.
cli_version() {
    local output started
    started=$(date +%s%N)
    output="$("$1" --version 2>&1)" || { echo "$output" >&2; fail "$1 --version exited non-zero"; }
    cli_time=$(seconds_since "$started")
    grep -q '0\.1\|[0-9]\.[0-9]' <<<"$output" || fail "$1 --version printed no version: $output"
    ok "$1 --version in ${cli_time} s: $output"
}

# Checks that $1 check analyses a sample offline: a valid definition passes (exit 0), a misnamed
# one is refused with its TV code (exit 1).
cli_check() {
    local samples output status
    samples="$(mktemp -d)"
    printf "CREATE TVIEW tv_post AS\nSELECT p.pk_post, p.id, jsonb_build_object('title', p.title) AS data\nFROM tb_post p;\n" \
        > "$samples/post.tview.sql"
    sed 's/tv_post/tv_Post/' "$samples/post.tview.sql" > "$samples/misnamed.tview.sql"
    output="$("$1" check "$samples/post.tview.sql" 2>&1)" || { echo "$output" >&2; fail "$1 check of a valid sample failed"; }
    status=0
    output="$("$1" check "$samples/misnamed.tview.sql" 2>&1)" || status=$?
    rm -rf "$samples"
    [ "$status" = 1 ] && grep -q 'error TV001' <<<"$output" || fail "$1 check of a misnamed sample: exit $status, $output"
    ok "$1 check: a valid sample passes, a misnamed one fails with TV001"
}

smoke_test "$image/bin/$package" "$image/lib/runtime"
image_app_time=$app_time
image_cli_time="n/a (no tviews launcher: the CLI is not in the application's jars)"
if [ -x "$image/bin/tviews" ]; then
    cli_version "$image/bin/tviews"
    image_cli_time="$cli_time s"
    cli_check "$image/bin/tviews"
else
    echo "check: skipped: tviews --version (the package has no tviews launcher: io.tviewstudio.cli.TviewsCli is not in the application's jars)"
fi

# --- Install, use, remove and purge the .deb; nothing may be left. ---
# Twice: as on a server (no desktop menu directories: the package must install all the same, for
# the command line) and as on a desktop (the menu directories exist: the desktop entry appears).
watched=(/opt /usr/bin /usr/local /usr/share/applications /usr/share/icons /usr/share/pixmaps
         /usr/share/mime /usr/share/desktop-directories /etc/xdg /etc/alternatives /var/lib/dpkg/alternatives)
menu_dirs=(/etc/xdg/menus /usr/share/desktop-directories)
# Some watched directories may not exist: find's complaint about them is no failure.
snapshot() { { find "${watched[@]}" -xdev 2>/dev/null || true; } | sort; }
before="$(mktemp)" after="$(mktemp)" files="$(mktemp)"
created_menu_dirs=()
cleanup() {
    rm -f "$before" "$after" "$files"
    if dpkg -s $package >/dev/null 2>&1; then dpkg -P $package >/dev/null 2>&1 || true; fi
    if [ ${#created_menu_dirs[@]} -gt 0 ]; then rm -rf "${created_menu_dirs[@]}"; fi
}
trap cleanup EXIT

# Installs the .deb, checks it, removes and purges it; $1 is "server" or "desktop".
install_and_remove() {
    local kind="$1" desktop
    if [ "$kind" = desktop ]; then
        for dir in "${menu_dirs[@]}"; do
            [ -d "$dir" ] || { mkdir -p "$dir"; created_menu_dirs+=("$dir"); }
        done
    else
        for dir in "${menu_dirs[@]}"; do
            [ ! -d "$dir" ] || { echo "check: skipped: the server install ($dir exists on this machine)"; return 0; }
        done
    fi
    snapshot > "$before"

    dpkg -i "$deb" >/dev/null
    dpkg -L "$package" > "$files"
    for file in bin/$package lib/docs/README.md lib/sql/install.sql lib/$package.png lib/runtime/release; do
        [ -e "$install_dir/$file" ] || fail "the installed package lacks $install_dir/$file"
    done
    depends="$(dpkg-query -W -f '${Depends}' "$package")"
    for dependency in libgtk-3-0 xz-utils; do
        [[ "$depends" == *"$dependency"* ]] || fail "the package does not depend on $dependency"
    done
    desktop="$(grep -l "Exec=$install_dir/bin/$package" /usr/share/applications/*.desktop 2>/dev/null | head -1 || true)"
    if [ "$kind" = desktop ]; then
        [ -n "$desktop" ] || fail "no desktop entry in /usr/share/applications runs $install_dir/bin/$package"
        grep -qx 'Name=TVIEW Studio' "$desktop" || fail "$desktop is not named TVIEW Studio"
        grep -qx "Icon=$install_dir/lib/$package.png" "$desktop" || fail "$desktop has not the application icon"
        ! ls /usr/share/applications | grep -qi tviews || fail "the command line got a desktop entry"
        ok "dpkg -i ($kind) installed $(wc -l < "$files") paths and the desktop entry $desktop"
        smoke_test "$install_dir/bin/$package" "$install_dir/lib/runtime"
        installed_app_time=$app_time
    else
        [ -z "$desktop" ] || fail "a desktop entry appeared without menu directories: $desktop"
        ok "dpkg -i ($kind) installed $(wc -l < "$files") paths, no desktop entry"
    fi
    if [ -x "$install_dir/bin/tviews" ]; then
        [ "$(readlink -f /usr/bin/tviews)" = "$install_dir/bin/tviews" ] || fail "/usr/bin/tviews does not lead to $install_dir/bin/tviews"
        cli_version tviews
        cli_check tviews
    fi

    dpkg -r "$package" >/dev/null
    [ ! -e "$install_dir/bin/$package" ] || fail "dpkg -r left $install_dir/bin/$package"
    dpkg -P "$package" >/dev/null
    ! dpkg -s "$package" >/dev/null 2>&1 || fail "dpkg still knows $package after dpkg -P"
    while read -r path; do
        # Shared directories such as /opt stay; everything else the package listed must be gone.
        if [ -d "$path" ] && [[ "$path" != "$install_dir" && "$path" != "$install_dir"/* ]]; then
            continue
        fi
        [ ! -e "$path" ] || fail "dpkg -P left $path"
    done < "$files"
    snapshot > "$after"
    if ! diff "$before" "$after" > /dev/null; then
        diff "$before" "$after" >&2 || true
        fail "install and purge ($kind) changed the file system (diff above: < removed, > left behind)"
    fi
    ok "dpkg -r and dpkg -P ($kind) removed everything (no difference under ${watched[*]})"
}

installed_app_time="n/a"
install_and_remove server
install_and_remove desktop

# --- Sizes and times. ---
build_report="not measured (--no-build)"
[ -z "${build_time:-}" ] || build_report="$build_time s"
echo
echo "TVIEW Studio packaging check passed"
printf '  %-34s %s\n' \
    ".deb ($(basename "$deb"))" "$(du -h "$deb" | cut -f1) ($(stat -c %s "$deb") bytes)" \
    "app image ($image)" "$(du -sh "$image" | cut -f1) ($(du -sb "$image" | cut -f1) bytes)" \
    "app to first scene, app image" "$image_app_time s (Xvfb, JVM cold, files in page cache)" \
    "app to first scene, installed" "$installed_app_time s" \
    "tviews --version" "$image_cli_time" \
    "build (mvn -Ppackage package)" "$build_report"
