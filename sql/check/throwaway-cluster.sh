# Shared by the checks of sql/check/ (sourced, not run): installs missing Debian packages and
# starts a throw-away PostgreSQL 15 cluster in a temp directory, listening only on a unix socket in
# that directory (no TCP port), as the current user or, when run as root, as an unprivileged
# account (PostgreSQL refuses to run as root), created if missing. The cluster is stopped and the
# directory removed when the script exits, also on failure.
#
# The sourcing script sets, before it calls these functions:
#   tool     its name, for messages ("plpgsql-check")
#   pgbin    the PostgreSQL 15 binaries (/usr/lib/postgresql/15/bin)
#   account  the account the server runs as when run as root ("tviews")
#   keep     non-empty: leave the cluster running at the end (prints how to connect and stop it)
# and may define die() (default: print "$tool: message" and exit 2).

declare -F die >/dev/null || die() { echo "$tool: $*" >&2; exit 2; }

# Installs the given packages with apt-get (root only; a user is told the command to run).
install_packages() {
    [ $# -gt 0 ] || return 0
    [ "$(id -u)" = 0 ] || die "missing $*: run as root, or: sudo apt-get install $*"
    command -v apt-get >/dev/null || die "missing $* and no apt-get to install them"
    echo "$tool: installing $*"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

# Starts the cluster; sets work (its directory), data, as_server (the command prefix that runs a
# program as the server's account, empty when not root) and exports PGHOST, PGPORT, PGUSER.
start_throwaway_cluster() {
    as_server=()
    if [ "$(id -u)" = 0 ]; then
        command -v runuser >/dev/null || die "runuser (util-linux) is needed when run as root"
        id -u "$account" >/dev/null 2>&1 ||
            useradd --system --no-create-home --shell /usr/sbin/nologin "$account"
        as_server=(runuser -u "$account" --)
    fi
    # Under /tmp when root: the server's account must be able to reach the directory.
    if [ "$(id -u)" = 0 ]; then work=$(mktemp -d "/tmp/$tool.XXXXXX"); else work=$(mktemp -d); fi
    data=$work/data
    trap stop_throwaway_cluster EXIT
    trap 'exit 2' INT TERM HUP
    [ ${#as_server[@]} -eq 0 ] || chown "$account:" "$work"

    "${as_server[@]}" "$pgbin/initdb" -D "$data" -U postgres -A trust -E UTF8 --locale=C --no-sync \
        >"$work/initdb.log" 2>&1 || { cat "$work/initdb.log" >&2; die "initdb failed"; }
    # No TCP at all (listen_addresses empty): the socket lives in the private directory, so the
    # port number cannot clash with another server.
    "${as_server[@]}" "$pgbin/pg_ctl" -D "$data" -l "$work/server.log" -w -t 60 \
        -o "-c listen_addresses='' -c unix_socket_directories='$work' -c port=5432 -c fsync=off -c full_page_writes=off" \
        start >/dev/null || { cat "$work/server.log" >&2; die "the server did not start"; }
    export PGHOST=$work PGPORT=5432 PGUSER=postgres
}

stop_throwaway_cluster() {
    local status=$?
    if [ -n "${keep:-}" ] && [ -f "$data/postmaster.pid" ]; then
        echo "$tool: cluster kept: psql -h $work -U postgres;" \
             "stop: ${as_server[*]} $pgbin/pg_ctl -D $data stop; rm -rf $work" >&2
        exit "$status"
    fi
    if [ -f "$data/postmaster.pid" ]; then
        "${as_server[@]}" "$pgbin/pg_ctl" -D "$data" -m immediate -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$work"
    exit "$status"
}
