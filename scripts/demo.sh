#!/usr/bin/env bash
# The README's first command: install, build, index sample_corpus/ and search it.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
scripts/setup.sh
BUILD_DIR=${BUILD_DIR:-build}
DB="$BUILD_DIR/sample.db"
rm -rf "$DB"
echo
echo "\$ newsdex-index --db $DB sample_corpus"
"$BUILD_DIR/indexer/newsdex-index" --db "$DB" --format auto sample_corpus/jsonl sample_corpus/text \
    sample_corpus/html sample_corpus/reuters
echo
echo "\$ newsdex-search --db $DB 'trade talks'"
"$BUILD_DIR/searcher/newsdex-search" --db "$DB" -n 3 trade talks
