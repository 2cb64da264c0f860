#!/usr/bin/env bash
# Property-based tests of the REST API generated from its OpenAPI document (schemathesis, from
# PyPI): every operation gets schema-valid and invalid requests, and each answer is checked
# against the document (status codes, error shape, schema-valid requests accepted, no 5xx).
# Not part of the test command: it needs a built server and takes a minute or more.
#
#   scripts/fuzz-api.sh                 against target/release/sahabot (scripts/build-site.sh --release)
#   scripts/fuzz-api.sh debug [N]       against target/debug/sahabot, N examples per operation (default 100)
#   FUZZ_SEED=1 scripts/fuzz-api.sh …   the same requests every time (the test command uses this)
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib.sh

build=${1:-release}
examples=${2:-100}
binary=target/$build/sahabot
[ -x "$binary" ] || die "$binary is missing; build it first (scripts/build-site.sh)"
if [ ! -x target/pytools/bin/schemathesis ]; then
    say "Installing schemathesis (PyPI) into target/pytools"
    [ -x target/pytools/bin/pip ] || python3 -m venv target/pytools
    target/pytools/bin/pip install --quiet --disable-pip-version-check "schemathesis==4.32.5"
fi

work=$(mktemp -d)
port=$(free_port)
export DATABASE_URL="sqlite://$work/fuzz.db?mode=rwc" SAHABOT_LEPTOS_CONFIG=Leptos.toml
[ "$build" = release ] || export LEPTOS_HASH_FILES=false
# The rate limits would answer most generated requests with 429: they are off here.
"$binary" serve --demo --api-rate-per-minute 0 --addr "127.0.0.1:$port" >"$work/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 50); do
    curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break
    sleep 0.2
done
# A SUPERADMIN's token (the demo's first user), so that every operation can be reached.
token=$("$binary" tokens create --user-id 1 --name fuzz --days 1 | tail -1)

say "schemathesis: $examples examples per operation against the $build build"
seed=()
[ -n "${FUZZ_SEED:-}" ] && seed=(--seed "$FUZZ_SEED")
target/pytools/bin/schemathesis run "http://127.0.0.1:$port/api/openapi.json" \
    -H "Authorization: Bearer $token" --checks all --max-examples "$examples" --workers 2 "${seed[@]}"
