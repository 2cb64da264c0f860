#!/usr/bin/env bash
# Measures the release build: wasm size (raw and gzip), the server's start-up time (exec until
# /healthz answers 200, on a fresh SQLite database) and its idle memory. Build first with
#   PATH="$PWD/end2end/node_modules/.bin:$PATH" cargo leptos build --release
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib.sh

bin=target/release/sahabot
wasm=target/site/pkg/sahabot.wasm
[ -x "$bin" ] && [ -f "$wasm" ] || die "build the release site first (see the top of this script)"

raw=$(stat -c %s "$wasm")
gz=$(gzip -9 -c "$wasm" | wc -c)
say "Release wasm: $((raw / 1024)) KiB raw, $((gz / 1024)) KiB gzip"

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
