#!/usr/bin/env bash
# The README's first command: install, build, index sample_corpus/ and search it.
# Every command is printed as it can be pasted into a shell at the repository
# root (arguments quoted for the shell), then run from there.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
# NEWSDEX_DEMO_NO_SETUP=1: the build in $BUILD_DIR is already there (the e2e test of this script).
[ -n "${NEWSDEX_DEMO_NO_SETUP:-}" ] || scripts/setup.sh
BUILD_DIR=${BUILD_DIR:-build}
DB="$BUILD_DIR/sample.db"
rm -rf "$DB"

# One argument as a shell reads it back: as it is when it holds only
# characters no shell treats specially, else in single quotes.
shell_quote() {
    if [[ -n "$1" && "$1" =~ ^[A-Za-z0-9_./:=,+-]+$ ]]; then
        printf '%s' "$1"
    else
        printf "'%s'" "${1//\'/\'\\\'\'}"
    fi
}
run() {  # show the command, then run it
    local line="\$" arg
    for arg in "$@"; do line+=" $(shell_quote "$arg")"; done
    echo
    echo "$line"
    "$@"
}
INDEX="$BUILD_DIR/indexer/newsdex-index"
SEARCH="$BUILD_DIR/searcher/newsdex-search"
echo
echo "The tools are built in $BUILD_DIR/: $INDEX and $SEARCH."
echo "To call them by name in this shell: export PATH=\"\$PWD/$BUILD_DIR/indexer:\$PWD/$BUILD_DIR/searcher:\$PATH\""
# sample_corpus/bad/ holds the broken records of the tests: not indexed here.
run "$INDEX" --db "$DB" sample_corpus/jsonl sample_corpus/text sample_corpus/html sample_corpus/reuters
run "$SEARCH" --db "$DB" -n 3 apple
run "$SEARCH" --db "$DB" -n 2 --facets person,date 'person:"jack ma"'
run "$SEARCH" --db "$DB" --values person --prefix ma
