#!/usr/bin/env bash
# The first-window check: starts the real application (GTK, not Monocle) from ./run-studio.sh on
# the demo database under Xvfb, twice, and prints the time to the first window of each start:
#   cold  the build's classpath removed, so ./run-studio.sh builds first (Maven compiles what
#         changed, packages the jars and writes the classpath);
#   warm  nothing changed: ./run-studio.sh must start without building.
# Each time it waits for the window "TVIEW Studio" (xdotool), for the demo database to open, then
# presses Ctrl+Q (File › Quit) and checks that the application exited with status 0 and that the
# demo server is stopped: no process runs from its directory, and the directory is gone.
# Before that it checks the one-line messages of ./run-studio.sh without a display and without
# GTK 3.
#   app/check/first-window.sh
# As root it installs what is missing with apt-get (xvfb, xdotool, libgtk-3-0 and what GTK pulls
# in); .ci/run runs it after the tests (TVIEWS_SKIP_FIRST_WINDOW=1 leaves it out).
# Environment: TVIEWS_CHECK_DISPLAY (default :87) is the Xvfb display number.
set -Eeuo pipefail
cd "$(dirname "$0")/../.."
root="$(pwd)"

fail() { echo "first-window: FAILED: $*" >&2; exit 1; }
ok() { echo "first-window: ok: $*"; }
trap 'echo "first-window: FAILED: command at line $LINENO of app/check/first-window.sh exited non-zero" >&2' ERR
millis() { echo $(( $(date +%s%N) / 1000000 )); }
seconds() { printf '%d.%03d' $(( $1 / 1000 )) $(( $1 % 1000 )); }

# --- The machine: what a desktop has, plus Xvfb and xdotool. ---
need=()
command -v Xvfb >/dev/null || need+=(xvfb)
command -v xdotool >/dev/null || need+=(xdotool)
ldconfig -p 2>/dev/null | grep -q 'libgtk-3\.so\.0' || need+=(libgtk-3-0)
# JavaFX's GTK glue links libXtst besides GTK.
ldconfig -p 2>/dev/null | grep -q 'libXtst\.so\.6' || need+=(libxtst6)
# Fonts: without any, JavaFX draws no text (and logs it); a desktop always has some.
[ -n "$(ls /usr/share/fonts 2>/dev/null)" ] || need+=(fonts-dejavu-core)
if [ ${#need[@]} -gt 0 ]; then
    [ "$(id -u)" = 0 ] || fail "missing ${need[*]}: install them (sudo apt-get install ${need[*]}) or run this check as root"
    echo "first-window: installing ${need[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

work="$(mktemp -d)"
xvfb_pid=""
app_pid=""
cleanup() {
    if [ -n "$app_pid" ] && kill -0 "$app_pid" 2>/dev/null; then
        kill "$app_pid" 2>/dev/null || true
        sleep 2
        kill -9 "$app_pid" 2>/dev/null || true
    fi
    if [ -n "$xvfb_pid" ]; then
        kill "$xvfb_pid" 2>/dev/null || true
        wait "$xvfb_pid" 2>/dev/null || true
    fi
    rm -rf "$work"
}
trap cleanup EXIT

# --- The one-line messages, before anything starts. ---
expect_message() { # $1: what, $2: expected text; the command follows
    local what="$1" expected="$2" output status=0
    shift 2
    output="$("$@" 2>&1)" || status=$?
    [ "$status" = 1 ] || fail "./run-studio.sh $what: exit status $status, expected 1: $output"
    [ "$(wc -l <<<"$output")" = 1 ] && grep -qF "$expected" <<<"$output" \
        || fail "./run-studio.sh $what: expected one line naming '$expected', got: $output"
    ok "./run-studio.sh $what says: $output"
}
expect_message "without a display" "DISPLAY and WAYLAND_DISPLAY are unset" \
    env -u DISPLAY -u WAYLAND_DISPLAY ./run-studio.sh
mkdir "$work/no-gtk"
printf '#!/bin/sh\necho "0 libs found in cache"\n' > "$work/no-gtk/ldconfig"
chmod +x "$work/no-gtk/ldconfig"
expect_message "without GTK 3" "sudo apt-get install libgtk-3-0" \
    env DISPLAY=:0 PATH="$work/no-gtk:$PATH" ./run-studio.sh

# --- The display. ---
display="${TVIEWS_CHECK_DISPLAY:-:87}"
Xvfb "$display" -screen 0 1280x1024x24 -nolisten tcp >"$work/xvfb.log" 2>&1 &
xvfb_pid=$!
for _ in $(seq 1 100); do
    DISPLAY="$display" xdotool getmouselocation >/dev/null 2>&1 && break
    kill -0 "$xvfb_pid" 2>/dev/null || fail "Xvfb $display did not start: $(cat "$work/xvfb.log")"
    sleep 0.1
done
export DISPLAY="$display"
unset TVIEWS_JDBC_URL

# Starts ./run-studio.sh, waits for the window and the demo, quits with Ctrl+Q, checks the exit;
# $1 is cold or warm; sets window_millis and build_line.
start_and_quit() {
    local kind="$1" log="$work/$1.log" started window server_dir status=0
    started=$(millis)
    ./run-studio.sh >"$log" 2>&1 &
    app_pid=$!
    # A cold start builds first (up to a few minutes on a slow machine); the window follows.
    window="$(timeout 300 xdotool search --sync --onlyvisible --name '^TVIEW Studio' 2>/dev/null | head -1)" \
        || { cat "$log" >&2; fail "$kind start: no window 'TVIEW Studio' within 300 s"; }
    window_millis=$(( $(millis) - started ))
    kill -0 "$app_pid" 2>/dev/null || { cat "$log" >&2; fail "$kind start: the application ended with its window"; }
    ok "$kind start: window $window after $(seconds $window_millis) s"

    for _ in $(seq 1 1200); do
        grep -q '^TVIEW Studio: demo database open' "$log" && break
        kill -0 "$app_pid" 2>/dev/null || { cat "$log" >&2; fail "$kind start: the application ended before the demo opened"; }
        sleep 0.1
    done
    grep -q '^TVIEW Studio: demo database open' "$log" || { cat "$log" >&2; fail "$kind start: the demo database did not open within 120 s"; }
    server_dir="$(sed -n 's/^TVIEW Studio: demo database open.*PGPASSFILE=\(\/[^ ]*\)\/pgpass .*/\1/p' "$log" | head -1)"
    [ -n "$server_dir" ] && [ -d "$server_dir" ] || { cat "$log" >&2; fail "$kind start: no demo server directory in the output"; }
    pgrep -f -- "$server_dir/data" >/dev/null || fail "$kind start: no server process runs from $server_dir"
    ok "$kind start: demo database open, server in $server_dir"

    # Keys go to the focused window (XTEST); there is no window manager to raise it.
    timeout 30 xdotool windowfocus --sync "$window" || fail "$kind start: the window did not take the focus"
    xdotool key --clearmodifiers ctrl+q
    for _ in $(seq 1 600); do
        kill -0 "$app_pid" 2>/dev/null || break
        sleep 0.1
    done
    kill -0 "$app_pid" 2>/dev/null && { cat "$log" >&2; fail "$kind start: still running 60 s after Ctrl+Q"; }
    wait "$app_pid" || status=$?
    app_pid=""
    [ "$status" = 0 ] || { cat "$log" >&2; fail "$kind start: exit status $status after Ctrl+Q"; }
    ! pgrep -f -- "$server_dir/data" >/dev/null || fail "$kind start: a server process still runs from $server_dir"
    [ ! -e "$server_dir" ] || fail "$kind start: $server_dir is left behind"
    ! grep -Eq 'Exception|^\[.*error' "$log" || { cat "$log" >&2; fail "$kind start: the output shows an exception or an error"; }
    ok "$kind start: Ctrl+Q ended it with status 0; the demo server stopped and its directory is gone"
    build_line="$(grep '^run-studio: built' "$log" || true)"
}

rm -f app/target/run-studio.classpath
start_and_quit cold
[ -n "$build_line" ] || fail "cold start: ./run-studio.sh did not build"
cold="$(seconds $window_millis) s ($build_line)"

start_and_quit warm
! grep -q '^run-studio: building' "$work/warm.log" || fail "warm start: ./run-studio.sh built again: $(grep '^run-studio: building' "$work/warm.log")"
warm="$(seconds $window_millis) s (no build)"

echo
echo "TVIEW Studio first-window check passed ($root, Xvfb $display)"
printf '  %-30s %s\n' "cold start to first window" "$cold" "warm start to first window" "$warm"
