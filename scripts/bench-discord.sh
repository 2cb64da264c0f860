#!/usr/bin/env bash
# Load benchmark of the Discord interactions endpoint (not part of the test command). Builds
# the release server, starts it on loopback with the demo data and a guild linked to alttpr,
# and drives POST /discord/interactions with wrk at 64 connections with signed requests:
#   1. PING (signature check + PONG),
#   2. /score in the linked guild (signature check, guild → org, caller → user, central
#      access check with plugin enablement, the plugin's handler, the JSON response),
#   3. the same command with a tampered body (refused 401).
# Prints requests/s, p50 and p99 for each.
#   scripts/bench-discord.sh
#   SECONDS_PER_TARGET=30 SKIP_BUILD=1 scripts/bench-discord.sh
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib.sh

duration=${SECONDS_PER_TARGET:-10}
if [ -z "${SKIP_BUILD:-}" ]; then
    stage "Release build of the server and the signing tool"
    cargo build --release -p sahabot --bin sahabot
    cargo build --release -p sahabot-discord --example sign_interaction
fi
bin=target/release/sahabot
sign=target/release/examples/sign_interaction
command -v wrk >/dev/null || { note "installing wrk (Debian)"; as_root apt-get install -y -qq wrk >/dev/null; }
command -v sqlite3 >/dev/null || { note "installing sqlite3 (Debian)"; as_root apt-get install -y -qq sqlite3 >/dev/null; }

tmp=$(mktemp -d)
db="sqlite://$tmp/bench.db?mode=rwc"
DATABASE_URL="$db" SAHABOT_LOG=warn "$bin" demo >/dev/null
sqlite3 "$tmp/bench.db" "UPDATE organizations SET discord_guild_id = 700000000000000001 WHERE slug = 'alttpr'"

seed=0707070707070707070707070707070707070707070707070707070707070707
timestamp=1764115200
member='"member": {"user": {"id": "100000000000000001", "username": "zspeed", "discriminator": "0", "global_name": null, "avatar": null}, "roles": [], "joined_at": "2026-01-01T00:00:00.000000+00:00", "deaf": false, "mute": false, "flags": 0, "permissions": "2248473465835073"}'
common='"id": "800000000000000001", "application_id": "4242", "channel_id": "900000000000000001", "token": "bench-token", "version": 1, "locale": "en-US", "entitlements": [], "app_permissions": "0", "attachment_size_limit": 8388608'
printf '{%s, "type": 1}' "$common" >"$tmp/ping.json"
printf '{%s, "type": 2, "guild_id": "700000000000000001", %s, "data": {"id": "810000000000000001", "name": "score", "type": 1, "options": [{"name": "finish", "type": 3, "value": "1:35:00"}, {"name": "par", "type": 3, "value": "1:30:00"}]}}' "$common" "$member" >"$tmp/score.json"
public_key=$("$sign" "$seed" "$timestamp" "$tmp/ping.json" | head -1)

port=$(free_port)
DATABASE_URL="$db" SAHABOT_LOG=warn DISCORD_PUBLIC_KEY="$public_key" DISCORD_APPLICATION_ID=4242 \
    "$bin" serve --addr "127.0.0.1:$port" >/dev/null 2>&1 &
pid=$!
trap 'kill "$pid" 2>/dev/null; rm -rf "$tmp"' EXIT
until curl -sf "http://127.0.0.1:$port/healthz" >/dev/null; do sleep 0.01; done
url="http://127.0.0.1:$port/discord/interactions"

# A wrk script that posts one body with its signature (a tampered copy when asked).
script() {
    local body=$1 tamper=${2:-}
    local signature
    signature=$("$sign" "$seed" "$timestamp" "$body" | tail -1)
    # Tampered after signing: the signature no longer matches the body.
    [ -n "$tamper" ] && sed -i 's/1:35:00/1:05:00/' "$body"
    local text
    text=$(cat "$body")
    cat >"$body.lua" <<LUA
wrk.method = "POST"
wrk.body = [[$text]]
wrk.headers["Content-Type"] = "application/json"
wrk.headers["X-Signature-Ed25519"] = "$signature"
wrk.headers["X-Signature-Timestamp"] = "$timestamp"
LUA
    echo "$body.lua"
}

run() {
    local label=$1 lua=$2 expect=$3
    local answer
    answer=$(curl -s -o /dev/null -w '%{http_code}' -X POST "$url" -H 'Content-Type: application/json' \
        -H "X-Signature-Ed25519: $(awk -F'"' '/Ed25519/ {print $4}' "$lua")" \
        -H "X-Signature-Timestamp: $timestamp" --data-binary @"${lua%.lua}")
    local out rps p50 p99 errors
    out=$(wrk -t2 -c64 -d"${duration}s" --latency -s "$lua" "$url")
    read -r rps p50 p99 errors <<<"$(wrk_stats "$out")"
    printf '%-40s %10s req/s   p50 %7s ms   p99 %7s ms   (status %s%s)\n' "$label" "$rps" "$p50" "$p99" "$answer" \
        "${errors:+, non-2xx under load: $errors}"
    [ "$answer" = "$expect" ] || { echo "expected status $expect" >&2; exit 1; }
}

say "wrk, 64 connections, ${duration}s each, release build, SQLite, loopback"
run "PING (signature check, PONG)" "$(script "$tmp/ping.json")" 200
curl -s -X POST "$url" -H 'Content-Type: application/json' \
    -H "X-Signature-Ed25519: $("$sign" "$seed" "$timestamp" "$tmp/score.json" | tail -1)" \
    -H "X-Signature-Timestamp: $timestamp" --data-binary @"$tmp/score.json" | grep -q 'scores 94.44' \
    || { echo "the /score reply is not the expected one" >&2; exit 1; }
run "/score in a linked guild" "$(script "$tmp/score.json")" 200
cp "$tmp/score.json" "$tmp/tampered.json"
run "tampered body (refused)" "$(script "$tmp/tampered.json" tamper)" 401
