#!/usr/bin/env bash
# Measures the release build: the browser bundle (main wasm, JS, CSS and every chunk; raw, gzip,
# brotli), the org page's first load in Chromium over a throttled link, the server's start-up time (exec until
# /healthz answers 200, on a fresh SQLite database), its idle memory, the demo login round trip
# and the REST API's throughput with token authentication (wrk, installed from Debian if
# missing). The authorization benchmark is separate: cargo bench -p sahabot --bench authz.
# Build first with scripts/build-site.sh --release
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib.sh

bin=target/release/sahabot
[ -x "$bin" ] && [ -f target/release/hash.txt ] || die "build the release site first (see the top of this script)"

say "Browser bundle (target/site/pkg)"
node scripts/site-size.mjs

runs=${RUNS:-10}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
total=0
for i in $(seq "$runs"); do
    port=$(free_port)
    start=$(date +%s%N)
    DATABASE_URL="sqlite://$tmp/$i.db?mode=rwc" "$bin" serve --addr "127.0.0.1:$port" >/dev/null 2>&1 &
    pid=$!
    until curl -sf "http://127.0.0.1:$port/healthz" >/dev/null; do sleep 0.005; done
    elapsed=$(( ($(date +%s%N) - start) / 1000000 ))
    total=$((total + elapsed))
    if [ "$i" = "$runs" ]; then
        sleep 2
        rss=$(awk '/VmRSS/ {print $2}' "/proc/$pid/status")
    fi
    kill "$pid"; wait "$pid" 2>/dev/null || true
done
say "Start-up (exec to first healthy answer, fresh database, migrations included): $((total / runs)) ms mean of $runs"
say "Idle memory after start: $((rss / 1024)) MiB RSS"

say "Login round trip and API throughput (demo data, SQLite, loopback)"
command -v wrk >/dev/null || { note "installing wrk (Debian)"; as_root apt-get install -y -qq wrk >/dev/null; }
db="sqlite://$tmp/api.db?mode=rwc"
DATABASE_URL="$db" SAHABOT_LOG=warn "$bin" demo >/dev/null
secret=$(DATABASE_URL="$db" SAHABOT_LOG=warn "$bin" tokens create --user-id 2 --name measure --days 1)
port=$(free_port)
DATABASE_URL="$db" SAHABOT_LOG=warn "$bin" serve --demo --addr "127.0.0.1:$port" --api-rate-per-minute 100000000 >/dev/null 2>&1 &
pid=$!
trap 'kill "$pid" 2>/dev/null; rm -rf "$tmp"' EXIT
until curl -sf "http://127.0.0.1:$port/healthz" >/dev/null; do sleep 0.01; done

say "First load of the org page in Chromium (DevTools network emulation)"
node end2end/measure-first-load.mjs "http://127.0.0.1:$port/org/alttpr" --kbps 1600 --latency 150

# Login: POST the demo login, follow the redirect to the signed-in home page.
logins=${LOGINS:-50}
start=$(date +%s%N)
for i in $(seq "$logins"); do
    curl -sf -o /dev/null -c "$tmp/jar" -b "$tmp/jar" -L -H "Sec-Fetch-Site: same-origin" \
        --data "user_id=2" "http://127.0.0.1:$port/auth/dev-login"
    rm -f "$tmp/jar"
done
say "Login round trip (POST /auth/dev-login, new session, redirect, signed-in page render): $(( ($(date +%s%N) - start) / logins / 1000 )) µs mean of $logins"

for path in /api/v1/me /api/v1/organizations/alttpr/members; do
    out=$(wrk -t2 -c32 -d${WRK_SECONDS:-10}s -H "Authorization: Bearer $secret" "http://127.0.0.1:$port$path")
    rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
    lat=$(awk '/Latency/ {print $2}' <<<"$out")
    non2xx=$(awk '/Non-2xx/ {print $5}' <<<"$out")
    say "GET $path with a Bearer token: $rps requests/s, mean latency $lat${non2xx:+, NON-2xx: $non2xx}"
done
