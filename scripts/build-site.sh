#!/usr/bin/env bash
# Builds the site (server binary and browser bundle) the one way it works: with `--split`, which
# puts each plugin's pages in a wasm chunk of their own (a bundle built without it names chunks
# that do not exist and never hydrates). `--release` also optimises with wasm-opt (from the npm
# package binaryen) and precompresses every file with brotli and gzip. Afterwards the chunks
# that came out empty are dropped (scripts/drop-empty-chunks.mjs).
#
# The server and the browser bundle are built side by side (two cargo-leptos runs, one each):
# the bundle's long single-threaded steps (link-time optimisation of one codegen unit, wasm-opt,
# compression) leave a core the server's build can use. cargo-leptos itself builds them one
# after the other when file names are hashed. The server reads the site's files at run time,
# so neither build needs the other's output.
#
#   scripts/build-site.sh             debug build  (target/debug/sahabot, target/site)
#   scripts/build-site.sh --release   release build (target/release/sahabot, target/site)
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib.sh

flags=(--split)
if [ "${1:-}" = "--release" ]; then
    flags+=(--release --precompress)
    export PATH="$PWD/end2end/node_modules/.bin:$PATH"
fi

server_log=$(mktemp)
cargo leptos build "${flags[@]}" --server-only >"$server_log" 2>&1 &
server=$!
front_status=0
cargo leptos build "${flags[@]}" --frontend-only || front_status=$?
server_status=0
wait "$server" || server_status=$?
say "The server's build"
cat "$server_log"
rm -f "$server_log"
[ "$front_status" = 0 ] || die "the browser bundle did not build"
[ "$server_status" = 0 ] || die "the server did not build"
node scripts/drop-empty-chunks.mjs
