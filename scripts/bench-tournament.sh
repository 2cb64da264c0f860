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

matches=${MATCHES:-1000}
start_bench_server
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


say "wrk, 64 connections, ${SECONDS_PER_TARGET:-10}s each, release build, SQLite, loopback, $matches matches"
wrk_line "public schedule page (first 25 matches)" "/org/alttpr/tournament/t/$tournament"
wrk_line "schedule JSON (first 100 matches)" "/api/plugins/tournament/organizations/alttpr/tournaments/$tournament/matches"
wrk_line "iCalendar feed ($matches matches)" "/api/plugins/tournament/organizations/alttpr/tournaments/$tournament/calendar.ics"
