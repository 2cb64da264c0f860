#!/usr/bin/env bash
# Load benchmark of the pages and of the plugin platform (not part of the test command). Starts
# the release binary on loopback with the demo data and drives it with wrk (Debian) for a fixed
# time at 64 connections against:
#   1. a static file of the same size as the org page (the baseline),
#   2. as a visitor without a session (pages served from the page cache but for the first of
#      each second): the org home page, the home page, four plugin pages (RaceTime's reads
#      nothing from the database: what a plugin page itself costs; the others' own queries come
#      on top) and one plugin API route,
#   3. the same pages signed in (as the demo's Zelda Speedster: a session and a user lookup per
#      request, every page rendered),
#   4. the same pages as a visitor without a session, on a server started with the page cache
#      off (`--page-cache-ms 0`): what rendering them costs,
#   5. the org page (page cache off) with one plugin enabled for the organization instead of all,
#   6. the org page (page cache off) on servers built with 1 plugin linked and with
#      EXTRA_PLUGINS (default 20) generated plugins linked besides the product's (release builds
#      of copies of this checkout, under target/bench-plugins; skipped with SKIP_VARIANTS=1).
# Prints requests/s, p50 and p99 for each, each page's ratio to the baseline, each plugin page's
# to the org page, and each build's org page to the 1-plugin build's.
#   scripts/bench-plugins.sh                     # 10 s per target
#   SECONDS_PER_TARGET=20 SKIP_BUILD=1 scripts/bench-plugins.sh
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib.sh

extra=${EXTRA_PLUGINS:-20}
work=$PWD/target/bench-plugins

# A release server of a copy of this checkout changed by "$@" (given the copy's path), copied
# to $work/$1/sahabot (it serves the main build's site files: see `start_variant`).
build_variant() {
    local name=$1; shift
    stage "Release server: $name"
    copy_checkout "$work/src"
    "$@" "$work/src"
    (cd "$work/src" && CARGO_TARGET_DIR=$work/target CARGO_INCREMENTAL=0 \
        cargo build --release -p sahabot --no-default-features --features ssr >"$work/build-$name.log" 2>&1) \
        || die "the $name build failed; see $work/build-$name.log"
    mkdir -p "$work/$name"
    cp "$work/target/release/sahabot" "$work/$name/sahabot"
}

# Turns off every plugin but Tournament for the demo's organization (through the CLI, another
# instance on the same database: the server sees it once its cache entry expires).
only_tournament() {
    local plugin
    for plugin in $(DATABASE_URL="$db" SAHABOT_LOG=warn "$bin" plugins list \
            | awk '$NF ~ /(^|,)alttpr(,|$)/ && $1 != "tournament" {print $1}'); do
        DATABASE_URL="$db" SAHABOT_LOG=warn "$bin" plugins disable "$plugin" --org alttpr --as 2 >/dev/null 2>&1 || true
    done
    sleep 3
}

# Starts the server $1 (a variant's name, or the main build) with the main build's site files
# (their names, in the hash file) and only Tournament enabled: the same page on every build,
# so that only what the plugins linked cost is measured.
start_with_tournament_only() {
    local server=target/release/sahabot
    if [ "$1" != main ]; then
        cp target/release/hash.txt "$work/$1/hash.txt"
        server=$work/$1/sahabot
    fi
    start_bench_server "$server"
    only_tournament
}

one_plugin() { link_only "$1" tournament; }
generated() { add_generated_plugins "$1" "$extra"; }

if [ -z "${SKIP_VARIANTS:-}" ]; then
    if [ -z "${SKIP_BUILD:-}" ] || [ ! -x "$work/one/sahabot" ] || [ ! -x "$work/extra/sahabot" ]; then
        mkdir -p "$work"
        build_variant one one_plugin
        build_variant extra generated
    fi
fi
start_bench_server

page_bytes=$(curl -sf "$base/org/alttpr" | wc -c)
baseline=target/site/pkg/bench-baseline.html
head -c "$page_bytes" /dev/urandom | base64 -w 120 | head -c "$page_bytes" >"$baseline"
trap 'kill "$pid" 2>/dev/null; rm -rf "${BENCH_TMPS[@]}" "$baseline"' EXIT
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", a / b }'; }

say "wrk, 64 connections, ${SECONDS_PER_TARGET:-10}s each, release build, SQLite, loopback (org page: $page_bytes bytes)"
wrk_line "static file, same size as the org page" /pkg/bench-baseline.html
static_rps=$last_rps
rm -f "$baseline"

# The org page, the home page and the plugin pages, then their ratios: $1 names the series,
# the rest goes to wrk (a cookie).
pages() {
    local series=$1 org_rps home_rps page lines=()
    shift
    say "$series"
    wrk_line "org home page" /org/alttpr "$@"
    org_rps=$last_rps
    wrk_line "home page" / "$@"
    home_rps=$last_rps
    for page in racetime tournament async_qualifier presets; do
        wrk_line "plugin page /org/alttpr/$page" "/org/alttpr/$page" "$@"
        lines+=("$(printf '%-24s %s' "$page" "$(ratio "$last_rps" "$org_rps")")")
    done
    series_org_rps=$org_rps
    note "org page / static file: $(ratio "$org_rps" "$static_rps")"
    note "home page / static file: $(ratio "$home_rps" "$static_rps")"
    for line in "${lines[@]}"; do note "plugin page / org page: $line"; done
}

pages "As a visitor without a session (the page cache on)"
wrk_line "plugin API route (tournament roster)" /api/plugins/tournament/organizations/alttpr/roster \
    -H "Authorization: Bearer $secret"

cookie=$(curl -s -o /dev/null -D - -X POST -H "Sec-Fetch-Site: same-origin" \
    --data "user_id=2&next=/" "$base/auth/dev-login" | awk 'tolower($1) == "set-cookie:" {split($2, c, ";"); print c[1]}')
[ -n "$cookie" ] || die "the demo sign-in gave no session cookie"
pages "Signed in as Zelda Speedster (every page rendered)" -H "Cookie: $cookie"

BENCH_SERVE_ARGS="--page-cache-ms 0"
export BENCH_SERVE_ARGS
start_bench_server "$bin"
pages "As a visitor without a session, the page cache off (every page rendered)"

# The same page with one plugin enabled instead of all.
only_tournament
wrk_line "org home page, only Tournament enabled" /org/alttpr
note "all enabled / 1 enabled (org page): $(ratio "$series_org_rps" "$last_rps")"

if [ -x "$work/one/sahabot" ] && [ -z "${SKIP_VARIANTS:-}" ]; then
    say "The org page (only Tournament enabled) by number of plugins linked"
    start_with_tournament_only one
    wrk_line "1 plugin linked" /org/alttpr
    one_rps=$last_rps
    start_with_tournament_only main
    wrk_line "the product's plugins linked" /org/alttpr
    note "/ 1 plugin linked: $(ratio "$last_rps" "$one_rps")"
    start_with_tournament_only extra
    wrk_line "the product's and $extra generated plugins linked" /org/alttpr
    note "/ 1 plugin linked: $(ratio "$last_rps" "$one_rps")"
fi
stages_report
