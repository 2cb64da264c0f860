#!/usr/bin/env bash
# Load benchmark of a tournament's public pages (not part of the test command): a release
# server on loopback with the demo data and one tournament of 1,000 matches (made through the
# REST API), driven by wrk at 64 connections. Prints requests/s, p50 and p99 for the public
# schedule page, its JSON (the first 100 matches) and the tournament's iCalendar feed.
#   scripts/bench-tournament.sh                  # builds the release site first
#   SKIP_BUILD=1 SECONDS_PER_TARGET=30 scripts/bench-tournament.sh
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib.sh

duration=${SECONDS_PER_TARGET:-10}
matches=${MATCHES:-1000}
if [ -z "${SKIP_BUILD:-}" ]; then
    stage "Release build (scripts/build-site.sh --release)"
    scripts/build-site.sh --release
fi
bin=target/release/sahabot
command -v wrk >/dev/null || { note "installing wrk (Debian)"; as_root apt-get install -y -qq wrk >/dev/null; }

tmp=$(mktemp -d)
db="sqlite://$tmp/bench.db?mode=rwc"
DATABASE_URL="$db" SAHABOT_LOG=warn "$bin" demo >/dev/null
# User 2 is the demo's Zelda Speedster, who administers the ALTTPR community.
secret=$(DATABASE_URL="$db" SAHABOT_LOG=warn "$bin" tokens create --user-id 2 --name bench --days 1)
port=$(free_port)
DATABASE_URL="$db" SAHABOT_LOG=warn "$bin" serve --demo --addr "127.0.0.1:$port" --api-rate-per-minute 0 >/dev/null 2>&1 &
pid=$!
trap 'kill "$pid" 2>/dev/null; rm -rf "$tmp"' EXIT
until curl -sf "http://127.0.0.1:$port/healthz" >/dev/null; do sleep 0.01; done
base="http://127.0.0.1:$port"
api="$base/api/plugins/tournament/organizations/alttpr"
call() {
    curl -sf -X "$1" "$api$2" -H "Authorization: Bearer $secret" -H "content-type: application/json" ${3:+-d "$3"}
}

stage "A tournament of $matches matches (REST API)"
tournament=$(call POST /tournaments '{"name": "Benchmark Cup"}' | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
players=$(curl -sf "$base/api/v1/organizations/alttpr/members" -H "Authorization: Bearer $secret" |
    python3 -c 'import json,sys; print(" ".join(str(m["user_id"]) for m in json.load(sys.stdin)))')
for user in $players; do
    call POST "/tournaments/$tournament/players" "{\"user_id\": $user}" >/dev/null
done
set -- $players
start=$(( ($(date +%s) + 86400) * 1000 ))
# Scheduled in bulk, 200 matches a request.
python3 - "$start" "$matches" "$1" "$2" >"$tmp/batches" <<'PY'
import json, sys
start, total, a, b = (int(x) for x in sys.argv[1:])
rows = [{"players": [a, b], "title": f"Round {i}", "scheduled_at": start + i * 1800000} for i in range(1, total + 1)]
for k in range(0, total, 200):
    print(json.dumps({"matches": rows[k:k + 200]}))
PY
while read -r batch; do
    call POST "/tournaments/$tournament/matches/bulk" "$batch" >/dev/null
done <"$tmp/batches"

run() {
    local label=$1 path=$2
    local out rps p50 p99 errors
    out=$(wrk -t2 -c64 -d"${duration}s" --latency "$base$path")
    read -r rps p50 p99 errors <<<"$(wrk_stats "$out")"
    printf '%-52s %10s req/s   p50 %7s ms   p99 %7s ms%s\n' "$label" "$rps" "$p50" "$p99" "${errors:+   NON-2xx: $errors}"
}

say "wrk, 64 connections, ${duration}s each, release build, SQLite, loopback, $matches matches"
run "public schedule page (first 25 matches)" "/org/alttpr/tournament/t/$tournament"
run "schedule JSON (first 100 matches)" "/api/plugins/tournament/organizations/alttpr/tournaments/$tournament/matches"
run "iCalendar feed ($matches matches)" "/api/plugins/tournament/organizations/alttpr/tournaments/$tournament/calendar.ics"
