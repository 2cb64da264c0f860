#!/usr/bin/env bash
# What `sahabot plugin new` writes compiles (server and browser), passes its own tests and
# clippy, and satisfies the registry's rules and the access matrix. It is created in a scratch
# copy of this workspace (target/scaffold-check), built with the shared target folder; the
# workspace itself is not touched. Needs target/debug/sahabot (the test stage builds it).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib.sh

root=$PWD
scratch=$root/target/scaffold-check
rm -rf "$scratch"
mkdir -p "$scratch"
git ls-files -z --cached --others --exclude-standard | while IFS= read -r -d '' file; do
    [ -e "$file" ] && printf '%s\0' "$file"
done | xargs -0 cp --parents -t "$scratch"

say "sahabot plugin new scaffold_probe"
(cd "$scratch" && "$root/target/debug/sahabot" plugin new scaffold_probe)

export CARGO_TARGET_DIR=$root/target
cd "$scratch"
say "its own tests, and clippy (server and browser)"
cargo test -p scaffold_probe
cargo clippy -p scaffold_probe --all-targets --features ssr -- -D warnings
cargo clippy -p sahabot-app --lib --features hydrate --target wasm32-unknown-unknown -- -D warnings
say "the registry's rules and the access matrix, with the new plugin linked"
cargo nextest run -p sahabot --test registry --test plugin_matrix --test contract
cd "$root"
rm -rf "$scratch"
