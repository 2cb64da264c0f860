#!/usr/bin/env bash
# What `sahabot plugin new` writes compiles (server and browser), passes its own tests and the
# lints, and satisfies the registry's rules and the access matrix. The plugin is created in
# this workspace and built with the same commands and features as the test stage, so only what
# the new plugin changes is compiled again (a copy elsewhere would recompile every workspace
# crate, and building one package alone would resolve its dependencies' features differently
# and recompile them too). Afterwards the workspace is put back as it was, whatever happened.
# Needs target/debug/sahabot (the test stage builds it).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib.sh

probe=scaffold_probe
linked=(Cargo.toml Cargo.lock app/Cargo.toml app/src/plugins.rs)
[ ! -e "plugins/builtin/$probe" ] || die "plugins/builtin/$probe exists already"
backup=$(mktemp -d)
for file in "${linked[@]}"; do cp -p --parents "$file" "$backup"; done
restore() {
    rm -rf "plugins/builtin/$probe"
    for file in "${linked[@]}"; do cp -p "$backup/$file" "$file"; done
    rm -rf "$backup"
}
trap restore EXIT

say "sahabot plugin new $probe"
target/debug/sahabot plugin new "$probe"
# clippy's driver records the root Cargo.toml as an input of every crate it lints (it reads its
# lint settings there), so the new member listed in it would make every crate stale. The list
# of members changes no crate's lints: keep the file's time.
touch -r "$backup/Cargo.toml" Cargo.toml

# As in the test stage: clippy lints (-D warnings) while the server side compiles.
lint_while_building
say "its own tests and lints, the registry's rules and the access matrix, with the new plugin linked"
cargo nextest run --workspace --lib --test registry --test plugin_matrix --test contract \
    -E "package($probe) | binary_id(sahabot::registry) | binary_id(sahabot::plugin_matrix) | binary_id(sahabot::contract)"
say "browser-side lints"
cargo clippy -p sahabot-app --lib --features hydrate --target wasm32-unknown-unknown -- -D warnings
