#!/usr/bin/env bash
# Entity analytics latency (issue 13): related + trend vs facets only, on the
# 207-query peer set, in one run on the same database and machine.
#   bench/analytics_bench.sh BUILD_DIR DB [QUERIES] [PASSES]
# DB: a newsdex database (e.g. Reuters-21578 indexed by bench/query_bench.sh,
# or its 8x copy).  Prints both summary lines and the p95 ratio (target: ≤ 3).
set -euo pipefail
build=$1 db=$2
queries=${3:-$(dirname "$0")/../../shared/peers/queries.txt}
passes=${4:-3}
bench="$build/bench/newsdex-query-bench"
facets=$("$bench" --db "$db" "$queries" --facets --passes "$passes" --date-granularity auto)
analytics=$("$bench" --db "$db" "$queries" --analytics --passes "$passes" --date-granularity auto)
echo "$facets"
echo "$analytics"
p95() { sed -E 's/.* p95_us=([0-9.]+).*/\1/' <<<"$1"; }
awk -v f="$(p95 "$facets")" -v a="$(p95 "$analytics")" \
    'BEGIN { printf "related+trend p95 / facets p95 = %.2f (target <= 3)\n", a / f }'
