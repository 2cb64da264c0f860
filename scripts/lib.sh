# Shared helpers for the project's scripts. Source it; do not run it.

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }
note() { printf '    %s\n' "$*"; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

# Runs a command as root: directly when we are root, through sudo otherwise.
as_root() {
    if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

# A free TCP port on loopback.
free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

# wrk's latency distribution prints percentiles in its own units; convert to milliseconds.
to_ms() {
    awk -v v="$1" 'BEGIN {
        n = v + 0; u = v; sub(/^[0-9.]+/, "", u);
        if (u == "us") n /= 1000; else if (u == "s") n *= 1000; else if (u == "m") n *= 60000;
        printf "%.2f", n }'
}

# wrk's output (with --latency) as "requests/s p50_ms p99_ms [non-2xx count]".
wrk_stats() {
    local out=$1
    printf '%s %s %s %s\n' "$(awk '/Requests\/sec/ {print $2}' <<<"$out")" \
        "$(to_ms "$(awk '$1 == "50%" {print $2}' <<<"$out")")" \
        "$(to_ms "$(awk '$1 == "99%" {print $2}' <<<"$out")")" \
        "$(awk '/Non-2xx/ {print $5}' <<<"$out")"
}

# The version of a crate as locked in Cargo.lock.
locked_version() {
    awk -v name="$1" '$0 == "name = \"" name "\"" { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock
}

# Makes the following cargo builds lint the workspace's own crates with clippy (-D warnings) as
# they compile them: clippy's driver as the workspace's compiler wrapper, which is how
# `cargo clippy` itself runs it, but in a build rather than a check, so the dependencies are
# compiled once for both instead of checked first and compiled again (14 minutes on 2 cores).
lint_while_building() {
    local driver
    driver=$(rustup which clippy-driver 2>/dev/null || command -v clippy-driver) \
        || die "clippy-driver is missing: rustup component add clippy"
    export RUSTC_WORKSPACE_WRAPPER=$driver
    export CLIPPY_ARGS="-D__CLIPPY_HACKERY__warnings__CLIPPY_HACKERY__"
}

# Stage timing: `stage "name"` starts a stage; `stages_report` prints all durations.
STAGE_NAMES=()
STAGE_SECS=()
STAGE_DISK=()
_stage_name=""
_stage_start=0
stage() {
    stage_end
    _stage_name="$1"
    _stage_start=$SECONDS
    say "$1"
}
stage_end() {
    if [ -n "$_stage_name" ]; then
        STAGE_NAMES+=("$_stage_name")
        STAGE_SECS+=($((SECONDS - _stage_start)))
        STAGE_DISK+=("$(df -BG --output=avail . | tail -1 | tr -d ' ')")
        _stage_name=""
    fi
}
stages_report() {
    stage_end
    say "Time per stage (and disk space left after it)"
    local i
    for i in "${!STAGE_NAMES[@]}"; do
        printf '    %5ss  %5s free  %s\n' "${STAGE_SECS[$i]}" "${STAGE_DISK[$i]}" "${STAGE_NAMES[$i]}"
    done
}

# Builds the release site unless SKIP_BUILD is set (or a binary is given), then starts the
# binary $1 (default target/release/sahabot) on a fresh SQLite database with the demo data, on
# a free loopback port, for a load benchmark; a server started before by this function stops.
# Sets: bin, tmp (removed on exit), file and db (the database), secret (an API token of the
# demo's Zelda Speedster, user 2, who administers the ALTTPR community), base, pid.
# BENCH_SERVE_ARGS: more options for `sahabot serve` (e.g. `--page-cache-ms 0`).
BENCH_TMPS=()
start_bench_server() {
    if [ -z "${SKIP_BUILD:-}" ] && [ -z "${1:-}" ]; then
        stage "Release build (scripts/build-site.sh --release)"
        scripts/build-site.sh --release
    fi
    if [ -n "${pid:-}" ]; then kill "$pid" 2>/dev/null || true; fi
    bin=${1:-target/release/sahabot}
    command -v wrk >/dev/null || { note "installing wrk (Debian)"; as_root apt-get install -y -qq wrk >/dev/null; }
    tmp=$(mktemp -d)
    BENCH_TMPS+=("$tmp")
    file="$tmp/bench.db"
    db="sqlite://$file?mode=rwc"
    DATABASE_URL="$db" SAHABOT_LOG=warn "$bin" demo >/dev/null
    secret=$(DATABASE_URL="$db" SAHABOT_LOG=warn "$bin" tokens create --user-id 2 --name bench --days 1)
    local port
    port=$(free_port)
    # shellcheck disable=SC2086 # BENCH_SERVE_ARGS: more options of `serve`, split on spaces
    DATABASE_URL="$db" SAHABOT_LOG=warn "$bin" serve --demo --addr "127.0.0.1:$port" --api-rate-per-minute 0 ${BENCH_SERVE_ARGS:-} >/dev/null 2>&1 &
    pid=$!
    trap 'kill "$pid" 2>/dev/null; rm -rf "${BENCH_TMPS[@]}"' EXIT
    base="http://127.0.0.1:$port"
    until curl -sf "$base/healthz" >/dev/null; do sleep 0.01; done
}

# One wrk run at 64 connections of SECONDS_PER_TARGET (default 10) against $base$2, as a line:
# label, requests/s, p50, p99 (and non-2xx answers, if any); sets last_rps. Extra arguments go
# to wrk.
wrk_line() {
    local label=$1 path=$2; shift 2
    local out rps p50 p99 errors
    out=$(wrk -t2 -c64 -d"${SECONDS_PER_TARGET:-10}s" --latency "$@" "$base$path")
    read -r rps p50 p99 errors <<<"$(wrk_stats "$out")"
    last_rps=$rps
    printf '%-52s %10s req/s   p50 %7s ms   p99 %7s ms%s\n' "$label" "$rps" "$p50" "$p99" "${errors:+   NON-2xx: $errors}"
}

# Copies this checkout's tracked files to $1 (emptied first), for a benchmark build of a
# variant: with `add_generated_plugins` or `link_only` applied to the copy.
copy_checkout() {
    local dest=$1
    rm -rf "$dest"
    mkdir -p "$dest"
    git ls-files -z | xargs -0 tar -cf - | tar -xf - -C "$dest"
    ln -s "$PWD/end2end/node_modules" "$dest/end2end/node_modules"
}

# Adds $2 generated plugins to the checkout copy at $1: each a copy of the small RaceTime
# plugin (a page and a server function) under the id gen_p<i>, linked like the others.
add_generated_plugins() {
    local copy=$1 n=$2 i id dir links=""
    for i in $(seq 1 "$n"); do
        id="gen_p$i"
        dir=$copy/plugins/builtin/$id
        cp -r "$copy/plugins/builtin/racetime" "$dir"
        grep -rl racetime "$dir" | xargs sed -i "s/racetime/$id/g; s/RaceTime.gg/Generated $i/g"
        sed -i "s|^    \"plugins/external/links\",|    \"plugins/external/links\",\n    \"plugins/builtin/$id\",|" "$copy/Cargo.toml"
        sed -i "s|^links = { path|$id = { path = \"plugins/builtin/$id\", default-features = false }\nlinks = { path|" "$copy/Cargo.toml"
        sed -i "s|^links.workspace = true|links.workspace = true\n$id.workspace = true|; s|^    \"links/hydrate\",|    \"links/hydrate\",\n    \"$id/hydrate\",|; s|^    \"links/ssr\",|    \"links/ssr\",\n    \"$id/ssr\",|" "$copy/app/Cargo.toml"
        links="$links    $id,\n"
    done
    if [ "$n" -gt 0 ]; then
        sed -i "0,/^    async_qualifier,/s//    async_qualifier,\n$links/" "$copy/app/src/plugins.rs"
    fi
}

# Makes the checkout copy at $1 link only the plugin $2: a crate nothing refers to is not
# linked, so only that plugin's registrations exist.
link_only() {
    local copy=$1 plugin=$2
    printf 'sahabot_sdk::link_plugins!(%s);\n' "$plugin" >"$copy/app/src/plugins.rs"
}
