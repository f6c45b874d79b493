#!/usr/bin/env bash
# The README's first command: install, build, index sample_corpus/ and search it.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
scripts/setup.sh
BUILD_DIR=${BUILD_DIR:-build}
BIN=$(cd "$BUILD_DIR" && pwd)
DB="$BIN/sample.db"
rm -rf "$DB"
run() {  # show the command, then run it
    echo
    echo "\$ $*" | sed "s|$BIN/[a-z]*/||g; s|$BIN/|build/|g"
    "$@"
}
# From inside sample_corpus/ (its bad/ folder holds the broken records of the tests).
cd sample_corpus
run "$BIN/indexer/newsdex-index" --db "$DB" jsonl text html reuters
run "$BIN/searcher/newsdex-search" --db "$DB" -n 3 apple
run "$BIN/searcher/newsdex-search" --db "$DB" -n 2 --facets person,date 'person:"jack ma"'
