#!/usr/bin/env bash
# Load benchmark of the plugin platform (not part of the test command). Builds the release
# binary, starts it on loopback with the demo data, and drives it with wrk (Debian) for a fixed
# time at 64 connections against:
#   1. a static file of the same size as the org page (the baseline),
#   2. the org home page with all plugins enabled (central enablement check + SSR + navigation),
#   3. one plugin API route (Bearer token, guard, enablement check, plugin handler);
# then the org page again with only one plugin enabled for the organization, and on a server
# built with only one plugin registered (linked).
# Prints requests/s, p50 and p99 for each, the ratio page/baseline, and all/one plugin.
#   scripts/bench-plugins.sh            # 10 s per target
#   SECONDS_PER_TARGET=30 scripts/bench-plugins.sh
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib.sh

duration=${SECONDS_PER_TARGET:-10}
if [ -z "${SKIP_BUILD:-}" ]; then
    stage "Release build (scripts/build-site.sh --release)"
    scripts/build-site.sh --release
    stage "Release build of a server that links only the Tournament plugin"
    RUSTFLAGS="--cfg sahabot_one_plugin" cargo build --release -p sahabot --no-default-features \
        --features ssr --target-dir target/one-plugin
fi
# It serves the same site files, whose hashed names the release build listed.
cp target/release/hash.txt target/one-plugin/release/hash.txt
bin=target/release/sahabot
one_bin=target/one-plugin/release/sahabot
command -v wrk >/dev/null || { note "installing wrk (Debian)"; as_root apt-get install -y -qq wrk >/dev/null; }

tmp=$(mktemp -d)
db="sqlite://$tmp/bench.db?mode=rwc"
DATABASE_URL="$db" SAHABOT_LOG=warn "$bin" demo >/dev/null
secret=$(DATABASE_URL="$db" SAHABOT_LOG=warn "$bin" tokens create --user-id 2 --name bench --days 1)
port=$(free_port)
DATABASE_URL="$db" SAHABOT_LOG=warn "$bin" serve --demo --addr "127.0.0.1:$port" --api-rate-per-minute 0 >/dev/null 2>&1 &
pid=$!
baseline=target/site/pkg/bench-baseline.html
trap 'kill "$pid" 2>/dev/null; rm -rf "$tmp" "$baseline"' EXIT
until curl -sf "http://127.0.0.1:$port/healthz" >/dev/null; do sleep 0.01; done

base="http://127.0.0.1:$port"
page_bytes=$(curl -sf "$base/org/alttpr" | wc -c)
head -c "$page_bytes" /dev/urandom | base64 -w 120 | head -c "$page_bytes" >"$baseline"

run() {
    local label=$1 path=$2; shift 2
    local out rps p50 p99 errors
    out=$(wrk -t2 -c64 -d"${duration}s" --latency "$@" "$base$path")
    read -r rps p50 p99 errors <<<"$(wrk_stats "$out")"
    printf '%-44s %10s req/s   p50 %7s ms   p99 %7s ms%s\n' "$label" "$rps" "$p50" "$p99" "${errors:+   NON-2xx: $errors}" >&2
    echo "$rps"
}

say "wrk, 64 connections, ${duration}s each, release build, SQLite, loopback (page: $page_bytes bytes)"
static_rps=$(run "static file, same size as the org page" /pkg/bench-baseline.html)
page_rps=$(run "org home page, all plugins enabled" /org/alttpr)
run "plugin API route (tournament roster)" /api/plugins/tournament/organizations/alttpr/roster \
    -H "Authorization: Bearer $secret" >/dev/null
awk -v p="$page_rps" -v s="$static_rps" 'BEGIN { printf "org page / static baseline: %.3f\n", p / s }' >&2

# The same page with one plugin enabled instead of all (the others turned off through the CLI,
# another instance on the same database: the server sees it once its cache entry expires).
for plugin in async_qualifier presets racetime; do
    DATABASE_URL="$db" SAHABOT_LOG=warn "$bin" plugins disable "$plugin" --org alttpr --as 2 >/dev/null
done
sleep 3
one_rps=$(run "org home page, 1 plugin enabled" /org/alttpr)
awk -v p="$page_rps" -v o="$one_rps" 'BEGIN { printf "all enabled / 1 enabled (org page): %.3f\n", p / o }' >&2

# And with one plugin registered at all: the server built with only Tournament linked.
if [ -x "$one_bin" ]; then
    one_db="sqlite://$tmp/one.db?mode=rwc"
    DATABASE_URL="$one_db" SAHABOT_LOG=warn "$one_bin" demo >/dev/null
    one_port=$(free_port)
    DATABASE_URL="$one_db" SAHABOT_LOG=warn "$one_bin" serve --demo --addr "127.0.0.1:$one_port" >/dev/null 2>&1 &
    one_pid=$!
    trap 'kill "$pid" "$one_pid" 2>/dev/null; rm -rf "$tmp" "$baseline"' EXIT
    until curl -sf "http://127.0.0.1:$one_port/healthz" >/dev/null; do sleep 0.01; done
    kill "$pid" 2>/dev/null || true
    base="http://127.0.0.1:$one_port"
    registered_rps=$(run "org home page, 1 plugin registered" /org/alttpr)
    awk -v p="$page_rps" -v o="$registered_rps" 'BEGIN { printf "all registered / 1 registered (org page): %.3f\n", p / o }' >&2
else
    note "no one-plugin build at $one_bin; run without SKIP_BUILD to compare"
fi
