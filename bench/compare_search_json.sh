#!/usr/bin/env bash
# Compare the JSON of two newsdex-search binaries (e.g. main's and a change's) on every query
# of a query file (class<TAB>query lines, as ../shared/peers/queries.txt), three pages each:
# --offset 0 -n 10 with facets, --offset 10 -n 10 and --offset 40 -n 20 without.  elapsed_ms
# is removed.  Each differing output pair goes to OUTDIR/diff_N.txt.  Run from anywhere:
#
#   bench/compare_search_json.sh OLD_SEARCH NEW_SEARCH DB QUERIES OUTDIR [extra newsdex-search flags]
#
# Prints "compared N outputs, D differ"; exit status 1 when D > 0.
set -u
[ $# -ge 5 ] || { sed -n '2,/^set -u/p' "$0" | sed '$d'; exit 2; }
OLD=$1 NEW=$2 DB=$3 QUERIES=$4 OUT=$5
shift 5
mkdir -p "$OUT"
diffs=0 n=0
while IFS=$'\t' read -r _ q; do
    for page in "--offset 0 -n 10" "--facets none --offset 10 -n 10" "--facets none --offset 40 -n 20"; do
        n=$((n + 1))
        # shellcheck disable=SC2086  # $page is several flags
        a=$("$OLD" --db "$DB" --json $page "$@" -- "$q" 2>&1 | sed 's/"elapsed_ms":[0-9.e+-]*,//')
        # shellcheck disable=SC2086
        b=$("$NEW" --db "$DB" --json $page "$@" -- "$q" 2>&1 | sed 's/"elapsed_ms":[0-9.e+-]*,//')
        if [ "$a" != "$b" ]; then
            diffs=$((diffs + 1))
            printf '%s\n%s\n' "$a" "$b" >"$OUT/diff_$n.txt"
            printf 'DIFF: [%s] %s\n' "$page" "$q"
        fi
    done
done <"$QUERIES"
echo "compared $n outputs, $diffs differ"
[ "$diffs" -eq 0 ]
