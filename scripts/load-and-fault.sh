#!/usr/bin/env bash
# Load and faults, against a built server on loopback (not part of the test command):
#   1. wrk at 64 connections for 60 s each on the organization page and on an authenticated API
#      route: requests per second, p50/p99, how many answers were not 2xx, and the server's
#      resident memory before and after;
#   2. 16 writers create invites through the API while the server is killed with SIGKILL
#      (and, on PostgreSQL, the database is crashed and recovered too); after a restart, every
#      invite the server acknowledged must be there.
# Both on SQLite and on PostgreSQL (a throwaway cluster).
#   scripts/load-and-fault.sh [release|debug]    (builds the site first if it is missing)
#   SECONDS_PER_TARGET=10 ROUNDS=3 scripts/load-and-fault.sh release
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib.sh

build=${1:-release}
duration=${SECONDS_PER_TARGET:-60}
rounds=${ROUNDS:-2}
bin=target/$build/sahabot
if [ ! -x "$bin" ] || [ ! -f "target/$build/hash.txt" ]; then
    if [ "$build" = release ]; then scripts/build-site.sh --release; else scripts/build-site.sh; fi
fi
command -v wrk >/dev/null || { note "installing wrk (Debian)"; as_root apt-get install -y -qq wrk >/dev/null; }

work=$(mktemp -d)
pid=""
cleanup() {
    [ -n "$pid" ] && kill -9 "$pid" 2>/dev/null || true
    scripts/postgres.sh stop
    rm -rf "$work"
}
trap cleanup EXIT

start_server() { # database url, port
    DATABASE_URL="$1" SAHABOT_LOG=warn "$bin" serve --demo --addr "127.0.0.1:$2" \
        --api-rate-per-minute 0 >>"$work/server.log" 2>&1 &
    pid=$!
    disown "$pid" # killed on purpose: no job notice
    until curl -sf "http://127.0.0.1:$2/healthz" >/dev/null; do
        kill -0 "$pid" 2>/dev/null || { tail -20 "$work/server.log"; die "the server did not start"; }
        sleep 0.05
    done
}

load() { # label, url, [token]
    local header=()
    [ -n "${3:-}" ] && header=(-H "Authorization: Bearer $3")
    local out
    out=$(wrk -t2 -c64 -d"${duration}s" --latency "${header[@]}" "$2")
    local rps p50 p99 bad
    rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
    p50=$(to_ms "$(awk '$1 == "50%" {print $2}' <<<"$out")")
    p99=$(to_ms "$(awk '$1 == "99%" {print $2}' <<<"$out")")
    bad=$(awk '/Non-2xx/ {print $NF}' <<<"$out")
    printf '    %-34s %9s req/s   p50 %7s ms   p99 %7s ms   non-2xx %s\n' "$1" "$rps" "$p50" "$p99" "${bad:-0}"
}

rss() { # the server's resident memory, MiB
    awk '/VmRSS/ {printf "%.1f MiB", $2 / 1024}' "/proc/$pid/status"
}

invites() { # port, token → ids, one per line
    curl -sf -H "Authorization: Bearer $2" "http://127.0.0.1:$1/api/v1/organizations/alttpr/invites" |
        python3 -c 'import json,sys; print("\n".join(str(i["id"]) for i in json.load(sys.stdin)))'
}

engine() { # label, database url, crash-the-database?
    local label=$1 url=$2 crash_db=$3
    say "$label"
    DATABASE_URL="$url" SAHABOT_LOG=warn "$bin" demo >/dev/null
    local token port
    token=$(DATABASE_URL="$url" SAHABOT_LOG=warn "$bin" tokens create --user-id 1 --name fault --days 1 | tail -1)
    port=$(free_port)
    start_server "$url" "$port"
    note "server memory before the load: $(rss)"
    load "organization page" "http://127.0.0.1:$port/org/alttpr"
    load "API: the organization's members" "http://127.0.0.1:$port/api/v1/organizations/alttpr/members" "$token"
    note "server memory after the load: $(rss)"
    local lost_total=0 acked_total=0
    for round in $(seq "$rounds"); do
        python3 scripts/fault_writers.py "http://127.0.0.1:$port" "$token" alttpr 16 "$work/acked" >"$work/writers" &
        local writers=$!
        sleep 3
        kill -9 "$pid"
        while kill -0 "$pid" 2>/dev/null; do sleep 0.01; done
        wait "$writers"
        if [ "$crash_db" = yes ]; then scripts/postgres.sh crash; fi
        start_server "$url" "$port"
        invites "$port" "$token" | sort >"$work/kept"
        local acked lost
        acked=$(wc -l <"$work/acked")
        lost=$(sort "$work/acked" | comm -23 - "$work/kept" | wc -l)
        printf '    kill -9 round %s: %s\n' "$round" "$(cat "$work/writers")"
        printf '        after the restart: %s of %s acknowledged writes kept, %s lost\n' \
            "$((acked - lost))" "$acked" "$lost"
        lost_total=$((lost_total + lost))
        acked_total=$((acked_total + acked))
    done
    kill -9 "$pid"
    while kill -0 "$pid" 2>/dev/null; do sleep 0.01; done
    pid=""
    [ "$lost_total" = 0 ] || die "$label: $lost_total of $acked_total acknowledged writes were lost"
    note "$label: 0 of $acked_total acknowledged writes lost"
}

engine "SQLite ($build build)" "sqlite://$work/fault.db?mode=rwc" no
pg=$(scripts/postgres.sh start | tail -1)
engine "PostgreSQL ($build build; the database is crashed and recovered too)" "$pg" yes
