#!/usr/bin/env bash
# Builds the site (server binary and browser bundle) the one way it works: with `--split`, which
# puts each plugin's pages in a wasm chunk of their own (a bundle built without it names chunks
# that do not exist and never hydrates). `--release` also optimises with wasm-opt (from the npm
# package binaryen) and precompresses every file with brotli and gzip. Afterwards the chunks
# that came out empty are dropped (scripts/drop-empty-chunks.mjs).
#
#   scripts/build-site.sh             debug build  (target/debug/sahabot, target/site)
#   scripts/build-site.sh --release   release build (target/release/sahabot, target/site)
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "${1:-}" = "--release" ]; then
    PATH="$PWD/end2end/node_modules/.bin:$PATH" cargo leptos build --split --release --precompress
else
    cargo leptos build --split
fi
node scripts/drop-empty-chunks.mjs
