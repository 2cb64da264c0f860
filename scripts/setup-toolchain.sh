#!/usr/bin/env bash
# Installs what building and testing SahaBot needs. Idempotent: each step is skipped when
# its tool is already there. A first run takes about 10 minutes (cargo-leptos is the longest).
#
#   scripts/setup-toolchain.sh          everything (build, browser tests, PostgreSQL)
#   scripts/setup-toolchain.sh --app    only what building and running the app needs
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib.sh

CARGO_LEPTOS_VERSION=0.3.10
WASM_BINDGEN_VERSION=$(locked_version wasm-bindgen)
[ -n "$WASM_BINDGEN_VERSION" ] || die "wasm-bindgen is missing from Cargo.lock"
app_only=0
[ "${1:-}" = "--app" ] && app_only=1

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    say "Adding the wasm32-unknown-unknown Rust target"
    rustup target add wasm32-unknown-unknown
fi

missing_components=()
for component in clippy rustfmt; do
    rustup component list --installed | grep -q "^$component" || missing_components+=("$component")
done
if [ ${#missing_components[@]} -gt 0 ]; then
    say "Adding the Rust components: ${missing_components[*]}"
    rustup component add "${missing_components[@]}"
fi

if ! cargo leptos --version 2>/dev/null | grep -q "$CARGO_LEPTOS_VERSION"; then
    say "Installing cargo-leptos $CARGO_LEPTOS_VERSION (about 6 minutes)"
    # --debug builds the tool itself in a third of the time and works the same.
    cargo install cargo-leptos --locked --debug --force --version "$CARGO_LEPTOS_VERSION"
fi

if ! wasm-bindgen --version 2>/dev/null | grep -q "$WASM_BINDGEN_VERSION"; then
    say "Installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (the version in Cargo.lock; about 2 minutes)"
    # Not --locked: one of its locked dependencies is no longer on the registry. --force: cargo
    # may remember an install whose binary is gone or of another version.
    cargo install wasm-bindgen-cli --force --version "$WASM_BINDGEN_VERSION"
fi

[ "$app_only" = 1 ] && exit 0

if ! cargo nextest --version >/dev/null 2>&1; then
    say "Installing cargo-nextest (the test runner: each test in its own process; about 4 minutes)"
    cargo install cargo-nextest --locked
fi

missing=()
command -v chromium >/dev/null || missing+=(chromium)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
if [ ${#missing[@]} -gt 0 ]; then
    say "Installing Debian packages: ${missing[*]} (about 3 minutes)"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
    # The packaged cluster is not used: tests start their own under target/.
    if [[ " ${missing[*]} " == *" postgresql "* ]]; then
        as_root pg_ctlcluster --force "$(ls /usr/lib/postgresql | sort -V | tail -1)" main stop 2>/dev/null || true
    fi
fi

# openapi-spec-validator (PyPI), which checks the API's OpenAPI document, in a virtualenv of
# the project's own.
if [ ! -x target/pytools/bin/openapi-spec-validator ]; then
    say "Installing openapi-spec-validator (PyPI) into target/pytools"
    if ! python3 -m venv target/pytools 2>/dev/null; then
        as_root apt-get update -qq
        as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv >/dev/null
        python3 -m venv target/pytools
    fi
    target/pytools/bin/pip install --quiet --disable-pip-version-check "openapi-spec-validator==0.9.0"
fi

# npm packages of the browser tests, reinstalled only when package-lock.json changes.
stamp=end2end/node_modules/.lock-stamp
if [ ! -f "$stamp" ] || ! cmp -s end2end/package-lock.json "$stamp"; then
    say "Installing the end-to-end test packages (npm ci; no browser download)"
    (cd end2end && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error)
    cp end2end/package-lock.json "$stamp"
fi
