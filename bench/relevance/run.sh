#!/bin/sh
# Relevance benchmark (docs/ranking.md): newsdex, Xapian BM25 and SQLite FTS5 on
# Reuters-21578 with the TOPICS/PEOPLE labels stripped from what is indexed and
# used as judgements.  Prints a markdown table (P@10, nDCG@10, MAP per engine,
# query set and split) on stdout; progress on stderr.
#
#   NEWSDEX_BIN=build OUT=/tmp/relevance bench/relevance/run.sh
#
# NEWSDEX_BIN  build directory holding indexer/newsdex-index and searcher/newsdex-search (default: build)
# OUT          work directory (default: ./relevance-out); the converted corpus and the indexes are
#              reused when present: delete OUT/newsdex.db after changing the indexer
# SHARED       ../shared (default: beside the repository)
# VARIANTS     extra newsdex runs as label=ARG pairs, e.g. "collapse=--collapse"
#              (default: that one: the defaults before collapse went off)
# HYPOTHESES   1: also newsdex with titles indexed as body text (newsdex-notitle, its own index)
#              and Xapian with title wdf 5 (xapian-title5), see docs/ranking.md (default: 0)
# Needs python3 (sqlite3 with FTS5), scriptindex and quest (Debian xapian-omega, xapian-tools).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
bin=${NEWSDEX_BIN:-build}
case $bin in /*) ;; *) bin=$root/$bin ;; esac
out=${OUT:-relevance-out}
shared=${SHARED:-$root/../shared}
variants=${VARIANTS-collapse=--collapse}
hypotheses=${HYPOTHESES:-0}
py="python3 $here/relevance.py"

for tool in scriptindex quest; do
    command -v $tool >/dev/null || { echo "run.sh: $tool not found (apt-get install xapian-omega xapian-tools)" >&2; exit 2; }
done
for exe in "$bin/indexer/newsdex-index" "$bin/searcher/newsdex-search"; do
    [ -x "$exe" ] || { echo "run.sh: $exe not found (set NEWSDEX_BIN to the build directory)" >&2; exit 2; }
done

index() {  # index DB JSONL: newsdex-index once per work directory
    if [ ! -f "$1/XAPIANDB" ]; then
        echo "indexing $2 with newsdex-index ..." >&2
        "$bin/indexer/newsdex-index" --db "$1" --format jsonl "$2" >/dev/null
    fi
}
prepare_flags=
[ "$hypotheses" = 1 ] && prepare_flags=--title-into-body
$py prepare "$shared/corpora/reuters21578" "$out" --converter "$shared/peers/reuters_to_jsonl.py" $prepare_flags
index "$out/newsdex.db" "$out/docs.jsonl"
search=$bin/searcher/newsdex-search
$py run --work "$out" --engine newsdex --search "$search" --db "$out/newsdex.db"
labels="newsdex"
for v in $variants; do
    $py run --work "$out" --engine newsdex --search "$search" --db "$out/newsdex.db" \
        --label "newsdex-${v%%=*}" --extra="${v#*=}"
    labels="$labels newsdex-${v%%=*}"
done
$py run --work "$out" --engine xapian
labels="$labels xapian"
if [ "$hypotheses" = 1 ]; then
    index "$out/newsdex-notitle.db" "$out/docs_notitle.jsonl"
    # Labels as before collapse went off by default: notitle folds copies.
    for v in "notitle=--collapse" "notitle-nocollapse="; do
        extra=${v#*=}
        if [ -n "$extra" ]; then set -- --extra="$extra"; else set --; fi
        $py run --work "$out" --engine newsdex --search "$search" --db "$out/newsdex-notitle.db" \
            --label "newsdex-${v%%=*}" "$@"
        labels="$labels newsdex-${v%%=*}"
    done
    $py run --work "$out" --engine xapian --xapian-script "$here/xapian-title5.script" --label xapian-title5
    labels="$labels xapian-title5"
fi
$py run --work "$out" --engine fts5
labels="$labels fts5"
$py score --work "$out" --per-query $labels > "$out/per_query.tsv"
$py score --work "$out" $labels
