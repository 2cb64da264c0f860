#!/usr/bin/env bash
# Sets up the toolchain and runs every test: formatting, lints (the server side's while the tests
# compile), unit and HTTP tests on SQLite and PostgreSQL, then the browser tests against the
# release build (what is shipped). Both site
# builds take the same path (scripts/build-site.sh, always --split); on 2 cores a second, debug
# site build and browser run would add a quarter of an hour for no test the release run lacks.
# `E2E_BUILD=debug npx playwright test` in end2end/ runs them against `scripts/build-site.sh`.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib.sh

# Incremental caches only help an edit-compile loop and would double the target dir here.
export CARGO_INCREMENTAL=0

stage "Toolchain (skipped where already installed)"
scripts/setup-toolchain.sh

stage "Formatting (cargo fmt --check)"
cargo fmt --all --check

stage "Lints: browser side (clippy, wasm32, hydrate)"
cargo clippy -p sahabot-app --lib --features hydrate --target wasm32-unknown-unknown --locked -- -D warnings

# The server side is linted as it is compiled for the tests (see lint_while_building in
# scripts/lib.sh): every target of every crate, as `cargo clippy --all-targets` would.
stage "Build, with server-side lints (clippy -D warnings, every target)"
cargo nextest --version >/dev/null 2>&1 || die "cargo-nextest is missing (scripts/setup-toolchain.sh installs it)"
lint_while_building
cargo test --workspace --all-targets --no-run --locked

stage "PostgreSQL: starting a throwaway cluster"
pg_url=$(scripts/postgres.sh start | tail -1)
trap 'scripts/postgres.sh stop; stages_report' EXIT
note "$pg_url"

stage "Unit, database and HTTP tests (SQLite and PostgreSQL)"
export SAHABOT_TEST_POSTGRES_URL="$pg_url" SAHABOT_REQUIRE_POSTGRES=1
cargo nextest run --workspace --locked --no-fail-fast
cargo test --workspace --doc --locked

stage "OpenAPI document: valid OpenAPI 3.1 (openapi-spec-validator)"
LEPTOS_HASH_FILES=false target/debug/sahabot openapi > target/openapi.json
target/pytools/bin/openapi-spec-validator target/openapi.json

stage "A new plugin from the scaffold: builds, passes its tests, satisfies the registry"
scripts/check-scaffold.sh
# The site's builds compile without the lints (they were applied above).
unset RUSTC_WORKSPACE_WRAPPER CLIPPY_ARGS

run_browser_tests() {
    local build=$1
    export E2E_BUILD=$build E2E_PORT E2E_DISCORD_PORT E2E_ALTTPR_PORT
    E2E_PORT=$(free_port)
    E2E_DISCORD_PORT=$(free_port)
    E2E_ALTTPR_PORT=$(free_port)
    (cd end2end && npx playwright test)
}

stage "Site build: release (scripts/build-site.sh --release)"
scripts/build-site.sh --release

# The first page anyone opens pays for the main wasm; plugin pages and the heavier core pages
# are chunks, each with its own data since app/src/lib.rs leaves wasm-split room to regroup the
# read-only data (without it every plugin's strings stayed in the main module: 457,842 bytes).
# Measured at 332,853 bytes gzip (2026-12-05, one hydration path per view type: see
# app/vendor/tachys/PATCHED.md); the budget leaves a small margin. If the room is ever too small, wasm-split puts all data back
# in the main module and this fails.
stage "Bundle size: the release build's main wasm within its budget"
node scripts/site-size.mjs --budget-gzip 280000
stage "Browser tests on the release build"
run_browser_tests release
stage "REST API fuzzing: schemathesis against the release build (25 examples per operation, fixed seed)"
FUZZ_SEED=20261201 scripts/fuzz-api.sh release 25

say "All tests passed"
