# Shared by the benchmark scripts that measure a writer's server CPU (write-cpu.sh,
# readers-scaling.sh) or take medians of repeated runs (metrics-overhead.sh). Sourced, not run.

# The median of the whitespace-separated numbers on standard input.
median() { tr ' ' '\n' | { grep -v '^$' || true; } | sort -g | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }

# backend_cpu_ms DB WARM_UP MEASURED N: the CPU milliseconds per transaction that the SQL MEASURED
# (N transactions) costs the backend of one session in DB, after the SQL WARM_UP in the same
# session: from /proc/<pid>/schedstat, so the server must run on this host and its processes'
# /proc be readable (root or the server's user). Wall time would move with the machine's load.
backend_cpu_ms() {
    psql -X -q -v ON_ERROR_STOP=1 -d "$1" -At <<SQL
$2
SELECT pg_backend_pid() AS pid \gset
\setenv PID :pid
\setenv N $4
\! awk '{ print \$1 }' /proc/\$PID/schedstat > /tmp/tviews_cpu_before.\$PID
$3
\! awk -v n="\$N" 'NR == FNR { t0 = \$1; next } { printf "%.3f\n", (\$1 - t0) / 1e6 / n }' /tmp/tviews_cpu_before.\$PID /proc/\$PID/schedstat; rm -f /tmp/tviews_cpu_before.\$PID
SQL
}
