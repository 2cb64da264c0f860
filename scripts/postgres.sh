#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the tests, under target/postgres, on a free port.
#   scripts/postgres.sh start   prints the connection URL on its last line
#   scripts/postgres.sh stop
#   scripts/postgres.sh crash   stops it as a crash would (immediate: no checkpoint) and starts
#                               it again on the same port, recovering from its write-ahead log
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib.sh

dir="$PWD/target/postgres"
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -n "$bin" ] || die "PostgreSQL is not installed (scripts/setup-toolchain.sh installs it)"

# The server refuses to run as root: run it as `postgres` then.
as_pg() {
    if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "${1:-}" in
start)
    as_pg "$bin/pg_ctl" -D "$dir/data" stop -m immediate >/dev/null 2>&1 || true
    rm -rf "$dir"
    mkdir -p "$dir"
    [ "$(id -u)" = 0 ] && chown postgres "$dir"
    as_pg "$bin/initdb" -D "$dir/data" -A trust -U postgres >"$dir/initdb.log" 2>&1 \
        || { cat "$dir/initdb.log"; die "initdb failed"; }
    port=$(free_port)
    as_pg "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
        -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=300" start >/dev/null \
        || { cat "$dir/server.log"; die "PostgreSQL did not start"; }
    echo "$port" >"$dir/port"
    echo "postgres://postgres@127.0.0.1:$port/postgres"
    ;;
crash)
    port=$(cat "$dir/port")
    as_pg "$bin/pg_ctl" -D "$dir/data" stop -m immediate >/dev/null
    as_pg "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
        -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=300" start >/dev/null \
        || { cat "$dir/server.log"; die "PostgreSQL did not come back"; }
    ;;
stop)
    [ -d "$dir/data" ] && as_pg "$bin/pg_ctl" -D "$dir/data" stop -m fast >/dev/null 2>&1 || true
    ;;
*)
    die "usage: scripts/postgres.sh start|stop|crash"
    ;;
esac
