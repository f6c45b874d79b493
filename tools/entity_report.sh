#!/bin/sh
# Reuters-21578 sanity check of entity extraction: runs newsdex-entities --json
# over the 22 reut2-*.sgm files and prints the 200 most frequent persons and
# companies, with their types, by document frequency (tools/entity_report.py; extra options such
# as --top N, --types person,company,organization, --with-metadata are passed on).
# Usage: tools/entity_report.sh [BUILD_DIR] [CORPUS_DIR] [entity_report.py options]
set -e
here=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$here/build}
corpus=${2:-$here/../shared/corpora/reuters21578}
[ $# -ge 1 ] && shift
[ $# -ge 1 ] && shift
bin=$build/indexer/newsdex-entities
[ -x "$bin" ] || cmake --build "$build" --target newsdex-entities >/dev/null
"$bin" --json "$corpus"/reut2-*.sgm | python3 "$here/tools/entity_report.py" "$@"
