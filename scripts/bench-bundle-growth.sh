#!/usr/bin/env bash
# How the browser bundle grows with the number of plugins (not part of the tests). For each N
# (default: 0 10 20) it builds the release browser bundle of a copy of this checkout with N extra
# plugins, each a copy of the small RaceTime plugin (a page and a server function) under another
# name, and prints the main wasm's gzip size, the growth per added plugin, and the chunk count.
#
#   scripts/bench-bundle-growth.sh            # N = 0 10 20 (three release builds, ~30 minutes)
#   scripts/bench-bundle-growth.sh 0 5
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib.sh

counts=("$@")
[ ${#counts[@]} -gt 0 ] || counts=(0 10 20)
root=$PWD
work=$root/target/growth
mkdir -p "$work"

# One target dir for every N: each build then recompiles only what the plugins changed.
export CARGO_TARGET_DIR=$work/target CARGO_INCREMENTAL=0

results=()
for n in "${counts[@]}"; do
    stage "Release bundle with $n extra plugins"
    copy=$work/src
    copy_checkout "$copy"
    add_generated_plugins "$copy" "$n"
    (cd "$copy" && PATH="$root/end2end/node_modules/.bin:$PATH" \
        cargo leptos build --release --split --frontend-only >"$work/build-$n.log" 2>&1) \
        || die "the build with $n plugins failed; see $work/build-$n.log"
    (cd "$copy" && node scripts/drop-empty-chunks.mjs >>"$work/build-$n.log")
    # The bundle is written under the copy's target/site.
    json=$(cd "$copy" && node scripts/site-size.mjs --json)
    gzip=$(node -e "console.log(JSON.parse(process.argv[1]).main.gzip)" "$json")
    chunks=$(node -e "console.log(JSON.parse(process.argv[1]).chunks.length)" "$json")
    results+=("$n $gzip $chunks")
done

say "Main wasm (gzip -9) by number of extra plugins"
base=""
for r in "${results[@]}"; do
    read -r n gzip chunks <<<"$r"
    if [ -z "$base" ]; then
        base=$gzip; base_n=$n
        printf '    %3s extra plugins: %8s bytes gzip, %3s chunks\n' "$n" "$gzip" "$chunks"
    else
        per=$(( (gzip - base) / (n - base_n) ))
        printf '    %3s extra plugins: %8s bytes gzip, %3s chunks, %+d bytes per added plugin\n' "$n" "$gzip" "$chunks" "$per"
    fi
done
stages_report
