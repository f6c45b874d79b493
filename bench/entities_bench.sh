#!/bin/sh
# Entity tagging throughput (MB/s of title+body text, one core) on Reuters-21578.
# Usage: bench/entities_bench.sh [BUILD_DIR] [PATH] [--repeat N] [--extract-only] [--limit N]
set -e
here=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$here/build}
corpus=${2:-$here/../shared/corpora/reuters21578}
cmake --build "$build" --target newsdex-entities-bench >/dev/null
[ $# -ge 1 ] && shift
[ $# -ge 1 ] && shift
exec "$build/tools/newsdex-entities-bench" "$corpus" "$@"
