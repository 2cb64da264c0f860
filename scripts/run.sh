#!/usr/bin/env bash
# Sets up the toolchain, builds the app and runs it on the embedded SQLite database
# (data/sahabot.db) with demo data. Stop it with Ctrl-C.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib.sh

scripts/setup-toolchain.sh --app
say "Building the site (scripts/build-site.sh)"
scripts/build-site.sh
say "Starting SahaBot with demo data"
exec target/debug/sahabot serve --demo "$@"
