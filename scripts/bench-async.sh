#!/usr/bin/env bash
# Benchmark of an async qualifier at scale (not part of the test command): a release server on
# loopback with the demo data and one qualifier of 3 pools × 2 permalinks, run twice per pool
# by 1,000 racers (6,000 finished runs, written straight into SQLite). Prints how long a
# rescoring of the whole qualifier takes (through the REST API: every score written, and
# nothing to change), then requests/s, p50 and p99 at 64 connections (wrk) for the qualifier's
# page with its leaderboard and for the leaderboard's JSON.
#   scripts/bench-async.sh                      # builds the release site first
#   SKIP_BUILD=1 RACERS=1000 SECONDS_PER_TARGET=10 scripts/bench-async.sh
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib.sh

racers=${RACERS:-1000}
start_bench_server
api="$base/api/plugins/async_qualifier/organizations/alttpr"
call() {
    curl -sf -X "$1" "$api$2" -H "Authorization: Bearer $secret" -H "content-type: application/json" ${3:+-d "$3"}
}
id_of() { python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])'; }

stage "A qualifier of 3 pools × 2 permalinks, $racers racers × 6 finished runs"
q=$(call POST /qualifiers '{"name": "Benchmark Qualifier", "runs_per_pool": 2}' | id_of)
for pool in A B C; do
    p=$(call POST "/qualifiers/$q/pools" "{\"name\": \"Pool $pool\"}" | id_of)
    for i in 1 2; do
        call POST "/qualifiers/$q/pools/$p/permalinks" "{\"url\": \"https://alttpr.com/h/$pool$i\"}" >/dev/null
    done
done
python3 - "$file" "$q" "$racers" <<'PY'
import random, sqlite3, sys, time
path, q, racers = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
random.seed(7)
db = sqlite3.connect(path, timeout=30)
now = int(time.time() * 1000)
org = db.execute("SELECT id FROM organizations WHERE slug = 'alttpr'").fetchone()[0]
links = db.execute(
    "SELECT l.id, l.pool_id FROM async_permalinks l JOIN async_pools p ON p.id = l.pool_id "
    "WHERE p.qualifier_id = ?", (q,)).fetchall()
with db:
    for n in range(racers):
        cur = db.execute(
            "INSERT INTO users (display_name, discord_id, permission, created_at, updated_at) "
            "VALUES (?, ?, 0, ?, ?)", (f"Racer {n:04}", 300_000_000_000_000_000 + n, now, now))
        user = cur.lastrowid
        db.execute("INSERT INTO organization_members (organization_id, user_id, joined_at) "
                   "VALUES (?, ?, ?)", (org, user, now))
        for link, pool in links:
            elapsed = int(random.gauss(95, 12) * 60_000)
            start = now - 86_400_000 - elapsed
            db.execute(
                "INSERT INTO async_runs (qualifier_id, pool_id, permalink_id, user_id, status, "
                "revealed_at, started_at, finished_at) VALUES (?, ?, ?, ?, 'finished', ?, ?, ?)",
                (q, pool, link, user, start - 60_000, start, start + elapsed))
PY

rescore() {
    curl -sf -o /dev/null -w '%{time_total}' -X POST "$api/qualifiers/$q/rescore" -H "Authorization: Bearer $secret"
}
forget_scores() {
    python3 - "$file" "$q" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1], timeout=30)
with db:
    db.execute("UPDATE async_runs SET score_milli = NULL WHERE qualifier_id = ?", (int(sys.argv[2]),))
    db.execute("UPDATE async_permalinks SET par_ms = NULL WHERE pool_id IN "
               "(SELECT id FROM async_pools WHERE qualifier_id = ?)", (int(sys.argv[2]),))
PY
}
say "Rescoring the qualifier ($((racers * 6)) runs), POST …/rescore, 5 times each"
full=""
same=""
for _ in 1 2 3 4 5; do
    forget_scores
    full="$full $(rescore)"
    same="$same $(rescore)"
done
summary() { python3 -c 'import sys; t=sorted(float(x)*1000 for x in sys.argv[1:]); print(f"median {t[len(t)//2]:.0f} ms (min {t[0]:.0f}, max {t[-1]:.0f})")' $1; }
printf '%-52s %s\n' "every score and par written" "$(summary "$full")"
printf '%-52s %s\n' "nothing changed" "$(summary "$same")"


say "wrk, 64 connections, ${SECONDS_PER_TARGET:-10}s each, release build, SQLite, loopback, $racers racers"
wrk_line "qualifier page with its leaderboard" "/org/alttpr/async_qualifier/q/$q"
wrk_line "leaderboard JSON ($racers lines)" "/api/plugins/async_qualifier/organizations/alttpr/qualifiers/$q/leaderboard"
