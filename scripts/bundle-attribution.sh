#!/usr/bin/env bash
# What the main wasm chunk holds, by crate and by function, measured on the release build: the
# release build's linked module is split, bound and optimised again the way cargo-leptos does it
# (wasm-split, wasm-bindgen, wasm-opt -Oz), but keeping the function names, then twiggy sizes
# each function. The shares are the shipped main module's (the sizes match it to within the
# names' section, which twiggy leaves out). Not part of the tests.
#
# Build first with scripts/build-site.sh --release. Installs twiggy and wasm-split-cli (from
# crates.io) under target/tools on first use.
#
#   scripts/bundle-attribution.sh [TOP]     TOP functions listed (default 40)
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib.sh

top=${1:-40}
linked=target/front/wasm32-unknown-unknown/wasm-release/sahabot_app.wasm
[ -f "$linked" ] || die "build the release site first: scripts/build-site.sh --release"
tools=target/tools
export PATH="$PWD/$tools/bin:$PWD/end2end/node_modules/.bin:$PATH"
if ! command -v twiggy >/dev/null; then
    say "Installing twiggy (crates.io) into $tools"
    cargo install --locked --root "$tools" twiggy
fi
if ! command -v wasm-split-cli >/dev/null; then
    say "Installing wasm-split-cli (crates.io: wasm_split_cli_support, the splitter cargo-leptos uses) into $tools"
    cargo install --locked --root "$tools" wasm_split_cli_support --version 0.2.3 --features build-binary
fi

work=target/bundle-attribution
rm -rf "$work"
mkdir -p "$work/split" "$work/bound"
wasm-split-cli "$linked" "$work/split" --out-name sahabot >/dev/null
wasm-bindgen --target=web --keep-lld-exports --no-demangle --out-name=sahabot \
    --out-dir="$work/bound" "$work/split/sahabot.wasm"
named="$work/main-named.wasm"
wasm-opt -Oz -g --enable-bulk-memory --enable-nontrapping-float-to-int \
    "$work/bound/sahabot_bg.wasm" -o "$named"
say "Main module: this rebuild $(stat -c %s "$named") bytes with names"
shipped=$(find target/site/pkg -maxdepth 1 -name 'sahabot.*.wasm' 2>/dev/null | head -1)
[ -n "$shipped" ] && note "shipped (target/site): $(stat -c %s "$shipped") bytes, $shipped (the same build only if the site was last built in release)"

twiggy top -n 100000 --format csv "$named" > "$work/top.csv"
python3 scripts/bundle-attribution.py "$work/top.csv" "$top"
