#!/usr/bin/env bash
# Scale benchmark: builds an N-article archive with ../shared/peers/synth_corpus.py (real
# Reuters paragraphs recombined into new articles), indexes it with newsdex-index (entities
# on), compacts a copy with `newsdex-index --compact`, and runs the fixed 207-query set on
# the multi-shard and on the compacted database; indexes the same N articles with Lucene++
# (../shared/peers/lucene/lucene_bench.cpp) and runs the same query set on it; then the
# same query set at Reuters 1x and 8x through bench/query_bench.sh (reused as is).  Table
# (markdown) on stdout and in $BENCH_OUT/scale.md; progress on stderr.  Run from the
# repository root:
#
#   bench/scale_bench.sh                                  # N = 1,000,000 (hours, ~15 GB disk)
#   SCALE_N=20000 SMALL_SCALES=1 SMALL_PEERS=none bench/scale_bench.sh    # quick check
#   SCALE_CORPUS=old/scale/synth_1000000_s1987.jsonl SCALE_DB=old/scale/nx_multi \
#     SMALL_SCALES=none BENCH_OUT=/tmp/b bench/scale_bench.sh   # Lucene++ beside an existing index
#
# Settings (environment variables):
#   SCALE_N       articles in the synthetic archive                 default: 1000000
#   SEED          synth_corpus.py seed (same N + seed = same bytes)  default: 1987
#   SHARDS        --shards of the new database                       default: 2
#   PASSES        timed query passes after 1 warm-up                 default: 3
#   SMALL_SCALES  Reuters scales for bench/query_bench.sh, or none   default: "1 8"
#   SMALL_PEERS   PEERS for bench/query_bench.sh (none: newsdex only) default: "lucene++"
#   SCALE_PEERS   peers run on the N-article archive: lucene++ or     default: "lucene++"
#                 none
#   SCALE_CORPUS  use this synth_corpus.py JSONL instead of making     default: (generate)
#                 one (SCALE_N is then its line count); read only
#   SCALE_DB      an existing newsdex database of SCALE_CORPUS: not    default: (index)
#                 rebuilt, compacted or removed, only searched (the
#                 newsdex index rows are then "not measured")
#   COLD          1: drop the page cache (root only) before each       default: 0
#                 fresh-process first query, so it reads from disk
#   KEEP          0: remove the N-article databases at the end        default: 1
#   BENCH_OUT     output folder (scale/, reuters/, scale.md)         default: ./bench-out
#   NEWSDEX_BIN   build folder with indexer/newsdex-index and        default: build/ (falls
#                 searcher/newsdex-search                            back to ../build)
#   BENCH_BIN     build folder with bench/newsdex-query-bench        default: $NEWSDEX_BIN;
#                 (built there with cmake --build if missing)
#   SHARED        the shared folder (peers/, corpora/)               default: ../shared
#
# Measured: indexing as one process under GNU time -v (wall, user+sys CPU, peak RSS); the
# database size (du -sb) as written and after --compact on a copy (the compaction is timed
# too); the text size (UTF-8 bytes of title + body); per database the open time inside the
# query bench (warm) and the wall time of a fresh newsdex-search process answering one query
# (open + first query + exit); query p50/p95/p99 over the 207 queries (per-query median of
# PASSES passes) for top-10 and top-10 + company/person/date facets.
#
# Lucene++ at N (SCALE_PEERS=lucene++): the peers' lucene_bench, compiled the way
# ../shared/peers/run.sh compiles it (g++ -O2 -std=c++17, into $BENCH_OUT/scale/), indexes the
# same JSONL written as the peers' .usv by bench/synth_to_usv.py (untimed), one process under
# GNU time -v (wall, CPU, peak RSS; index size du -sb), then runs the 207 queries in top10 and
# facets mode with the same PASSES.  synth_corpus.py writes no tags, so the .usv people/orgs/
# companies fields are the entities newsdex extracted from the same articles
# (bench/peer_entities.cpp, newsdex-peer-entities, read from the newsdex database): both
# engines count the same facet values, and each query filter people:X / orgs:X value is added
# to the articles newsdex's person:X / org:X selects (alias and surname resolution), so both
# filters select the same articles.  entities.tsv and the Lucene++ index are reused while
# newer than what they are made from (the newsdex database, the JSONL, lucene_bench), with
# the indexing figures of the run that built them (the table says so).  Lucene++ rows at
# 1x/8x come from query_bench.sh when SMALL_PEERS includes lucene++.
set -euo pipefail

case ${1:-} in
-h | --help) sed -n '2,/^set -euo/p' "$0" | sed '$d'; exit 0 ;;
?*) printf 'scale_bench.sh takes no arguments; use the environment variables (see --help)\n' >&2; exit 2 ;;
esac

HERE=$(cd -P "$(dirname "${BASH_SOURCE[0]}")" && pwd)
SCALE_N=${SCALE_N:-1000000}
SEED=${SEED:-1987}
SHARDS=${SHARDS:-2}
PASSES=${PASSES:-3}
SMALL_SCALES=${SMALL_SCALES:-"1 8"}
SMALL_PEERS=${SMALL_PEERS:-"lucene++"}
SCALE_PEERS=${SCALE_PEERS:-"lucene++"}
SCALE_CORPUS=${SCALE_CORPUS:-}
SCALE_DB=${SCALE_DB:-}
COLD=${COLD:-0}
KEEP=${KEEP:-1}
BENCH_OUT=${BENCH_OUT:-./bench-out}
NEWSDEX_BIN=${NEWSDEX_BIN:-build}
SHARED=${SHARED:-../shared}

log() { printf '== %s\n' "$*" >&2; }
die() { printf 'scale_bench.sh: error: %s\n' "$*" >&2; exit 1; }
stale() {  # stale TARGET DEP...: true if TARGET is missing or older than any DEP
    local t=$1 d
    shift
    [ -e "$t" ] || return 0
    for d; do [ "$d" -nt "$t" ] && return 0; done
    return 1
}

# ---------------------------------------------------------------- settings, tools
for v in SCALE_N SEED SHARDS PASSES; do
    [[ ${!v} =~ ^[0-9]+$ ]] && [ "${!v}" -ge 1 ] || die "$v must be a positive integer (got '${!v}')"
done
case $SCALE_PEERS in lucene++ | none) ;; *) die "SCALE_PEERS must be lucene++ or none (got '$SCALE_PEERS')" ;; esac
if [ -n "$SCALE_CORPUS" ]; then
    SCALE_CORPUS=$(realpath -- "$SCALE_CORPUS") && [ -f "$SCALE_CORPUS" ] || die "SCALE_CORPUS=$SCALE_CORPUS not found"
    SCALE_N=$(wc -l < "$SCALE_CORPUS")
fi
if [ -n "$SCALE_DB" ]; then
    [ -n "$SCALE_CORPUS" ] || die "SCALE_DB needs SCALE_CORPUS (the JSONL the database was built from)"
    SCALE_DB=$(realpath -- "$SCALE_DB") && [ -d "$SCALE_DB" ] || die "SCALE_DB=$SCALE_DB not found"
fi
[ "$SMALL_SCALES" = none ] || for sc in $SMALL_SCALES; do
    [[ $sc =~ ^[1-9][0-9]*$ ]] || die "SMALL_SCALES must be positive integers such as \"1 8\", or none (got '$SMALL_SCALES')"
done
if [ ! -x "$NEWSDEX_BIN/indexer/newsdex-index" ] && [ "$NEWSDEX_BIN" = build ] &&
    [ -x ../build/indexer/newsdex-index ]; then
    NEWSDEX_BIN=../build
fi
NEWSDEX_BIN=$(realpath -- "$NEWSDEX_BIN") || die "NEWSDEX_BIN=$NEWSDEX_BIN not found"
INDEX=$NEWSDEX_BIN/indexer/newsdex-index
SEARCH=$NEWSDEX_BIN/searcher/newsdex-search
[ -x "$INDEX" ] || die "newsdex-index not found in $NEWSDEX_BIN/indexer (build it, or set NEWSDEX_BIN)"
[ -x "$SEARCH" ] || die "newsdex-search not found in $NEWSDEX_BIN/searcher (build it, or set NEWSDEX_BIN)"
BENCH_BIN=$(realpath -m -- "${BENCH_BIN:-$NEWSDEX_BIN}")
QB=$BENCH_BIN/bench/newsdex-query-bench
if [ ! -x "$QB" ] || [ "$HERE/query_bench.cpp" -nt "$QB" ]; then
    log "building newsdex-query-bench in $BENCH_BIN"
    [ -f "$BENCH_BIN/CMakeCache.txt" ] || cmake -S "$HERE/.." -B "$BENCH_BIN" -DCMAKE_BUILD_TYPE=Release >&2
    cmake --build "$BENCH_BIN" -j2 --target newsdex-query-bench >&2
fi
SHARED=$(realpath -- "$SHARED") || die "SHARED=$SHARED not found"
SYNTH=$SHARED/peers/synth_corpus.py
QUERIES=$SHARED/peers/queries.txt
[ -f "$SYNTH" ] || die "$SYNTH not found (set SHARED)"
[ -f "$QUERIES" ] || die "$QUERIES not found (set SHARED)"
GTIME=/usr/bin/time
if ! "$GTIME" -v true 2>/dev/null; then
    if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
        log "installing GNU time (apt-get install time)"
        apt-get update >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends time >&2
    fi
    "$GTIME" -v true 2>/dev/null || die "GNU time not found at $GTIME; as root: apt-get install time"
fi
[ "$COLD" = 0 ] || [ "$(id -u)" -eq 0 ] || die "COLD=1 needs root (it writes /proc/sys/vm/drop_caches)"

mkdir -p "$BENCH_OUT"
BENCH_OUT=$(realpath -- "$BENCH_OUT")
W=$BENCH_OUT/scale
R=$W/results
mkdir -p "$W" "$R"
rm -f "$R"/*
RES=$R/scale.txt  # key=value lines read by the report
put() { printf '%s=%s\n' "$1" "$2" >> "$RES"; }
put n "$SCALE_N"
put seed "$SEED"
put shards "$SHARDS"
put passes "$PASSES"
put cold "$COLD"
put started "$(date -u '+%Y-%m-%d %H:%M UTC')"
put cpus "$(nproc)"
put load_start "$(cut -d' ' -f1-3 /proc/loadavg)"
put commit "$(git -C "$HERE/.." rev-parse --short HEAD 2>/dev/null || echo -)"

# GNU time -v report -> wall_s cpu_s rss_kb
time_v() {
    awk -F': ' '
        /Elapsed \(wall clock\)/ { n = split($2, p, ":"); w = 0; for (i = 1; i <= n; i++) w = w * 60 + p[i] }
        /User time \(seconds\)/ { u = $2 } /System time \(seconds\)/ { s = $2 }
        /Maximum resident set size/ { m = $2 }
        END { printf "%.2f %.2f %d\n", w, u + s, m }' "$1"
}

# ---------------------------------------------------------------- corpus
CORPUS=${SCALE_CORPUS:-$W/synth_${SCALE_N}_s$SEED.jsonl}
TEXTBYTES=$W/$(basename "$CORPUS").textbytes
if [ -n "$SCALE_CORPUS" ]; then
    log "corpus given: $CORPUS ($SCALE_N lines; SEED not used)"
    put seed "- ($(basename "$CORPUS"))"
elif stale "$CORPUS" "$SYNTH"; then
    log "generate $SCALE_N articles (synth_corpus.py, seed $SEED) -> $CORPUS"
    python3 "$SYNTH" "$SCALE_N" "$CORPUS.tmp" --seed "$SEED" 2> "$W/synth_err.txt" ||
        { cat "$W/synth_err.txt" >&2; die "synth_corpus.py failed"; }
    mv -f "$CORPUS.tmp" "$CORPUS"
    rm -f "$TEXTBYTES"
else
    log "corpus up to date ($CORPUS)"
fi
if stale "$TEXTBYTES" "$CORPUS"; then
    python3 -c '
import json, sys
t = 0
for line in open(sys.argv[1], encoding="utf-8"):
    d = json.loads(line)
    t += len(d.get("title", "").encode()) + len(d.get("body", "").encode())
print(t)' "$CORPUS" > "$TEXTBYTES"
fi
put text_bytes "$(cat "$TEXTBYTES")"
put corpus_bytes "$(stat -c %s "$CORPUS")"

# ---------------------------------------------------------------- index, compact
DB=$W/nx_multi
DBC=$W/nx_compact
if [ -n "$SCALE_DB" ]; then
    DB=$SCALE_DB DBC=
    log "newsdex database given: $DB (not indexed, compacted or removed here)"
    put db_given "$DB"
    [ -f "$DB/XAPIANDB" ] && put shards "$(grep -c '^auto ' "$DB/XAPIANDB")"
    put db_bytes "$(du -sb "$DB" | cut -f1)"
else
    rm -rf "$DB" "$DBC"
    sync
    log "index $SCALE_N articles, $SHARDS shards, entities on (timed: GNU time -v)"
    rc=0
    "$GTIME" -v -o "$R/index_time.txt" "$INDEX" --db "$DB" --shards "$SHARDS" "$CORPUS" \
        > "$R/index_summary.txt" 2> "$R/index_err.txt" || rc=$?
    [ $rc -le 1 ] || { tail -20 "$R/index_err.txt" >&2; die "newsdex-index failed (exit $rc)"; }
    [ -s "$R/index_err.txt" ] && log "indexer reported $(wc -l < "$R/index_err.txt") line(s) on stderr: $R/index_err.txt"
    read -r wall cpu rss < <(time_v "$R/index_time.txt")
    put index_wall_s "$wall"
    put index_cpu_s "$cpu"
    put index_rss_kb "$rss"
    put index_summary "$(tail -1 "$R/index_summary.txt")"
    put db_bytes "$(du -sb "$DB" | cut -f1)"
    log "indexed: $(tail -1 "$R/index_summary.txt") (wall ${wall} s, CPU ${cpu} s, peak RSS ${rss} kB)"

    log "copy the database and compact the copy (newsdex-index --compact, timed)"
    cp -a "$DB" "$DBC"
    sync
    "$GTIME" -v -o "$R/compact_time.txt" "$INDEX" --db "$DBC" --compact > "$R/compact_summary.txt" 2>&1 ||
        { cat "$R/compact_summary.txt" >&2; die "newsdex-index --compact failed"; }
    read -r wall cpu rss < <(time_v "$R/compact_time.txt")
    put compact_wall_s "$wall"
    put compact_rss_kb "$rss"
    put compact_bytes "$(du -sb "$DBC" | cut -f1)"
    log "compacted: $(tail -1 "$R/compact_summary.txt")"
fi

# ---------------------------------------------------------------- queries at N
# The first query of the set's single-verycommon class: many matches, so the first query
# pays for reading postings and the facet cache, not just for opening.
FIRST_Q=$(awk -F'\t' '$1 == "single-verycommon" { print $2; exit }' "$QUERIES")
[ -n "$FIRST_Q" ] || die "no single-verycommon query in $QUERIES"
put first_query "$FIRST_Q"
first_query() {  # first_query LABEL DB: fresh newsdex-search processes, top-10 and facets
    local label=$1 db=$2 mode t0 t1 args
    for mode in top10 facets-auto; do
        args=(--db "$db" -n 10)
        [ "$mode" = top10 ] && args+=(--facets none)
        [ "$COLD" = 1 ] && { sync; echo 3 > /proc/sys/vm/drop_caches; }
        t0=$(date +%s%N)
        "$SEARCH" "${args[@]}" "$FIRST_Q" > /dev/null 2> "$W/search_err.txt" ||
            { cat "$W/search_err.txt" >&2; die "newsdex-search on $db failed"; }
        t1=$(date +%s%N)
        put "first_ms_${label}_$mode" "$(awk -v d=$((t1 - t0)) 'BEGIN { printf "%.1f", d / 1e6 }')"
    done
}
rss_cpu() {  # rss_cpu FILE: GNU time's "%M %U %S" line -> rss_kb= and proc_cpu_s= (user + sys, whole run)
    awk 'END { printf "rss_kb=%d proc_cpu_s=%.2f", $1, $2 + $3 }' "$1"
}
qrun() {  # qrun LABEL MODE DB: the query bench, its summary line into query_summary.txt
    local label=$1 mode=$2 db=$3 flag=() line rc=0
    case $mode in
    facets) flag=(--facets) ;;  # the query bench's day-granularity date facet, as in query_bench.sh
    facets-auto) flag=(--facets --date-granularity auto) ;;  # what newsdex-search does by default
    esac
    log "query $label $mode ($PASSES passes)"
    line=$("$GTIME" -f "%M %U %S" -o "$W/t.txt" "$QB" --db "$db" "$QUERIES" --passes "$PASSES" \
        --label "$label" ${flag[@]+"${flag[@]}"} --out "$R/q_${label}_$mode.tsv" 2> "$W/qerr.txt") || rc=$?
    [ -s "$W/qerr.txt" ] && { head -20 "$W/qerr.txt" >&2; cp "$W/qerr.txt" "$R/errors_${label}_$mode.txt"; }
    [ -n "$line" ] || die "newsdex-query-bench failed (exit $rc)"
    echo "$line $(rss_cpu "$W/t.txt") bench_mode=$mode" | tee -a "$R/query_summary.txt" >&2
}
for label in multi compact; do
    [ $label = multi ] && db=$DB || db=$DBC
    [ -n "$db" ] || continue
    first_query "$label" "$db"
    for mode in top10 facets facets-auto; do qrun "$label" "$mode" "$db"; done
done

# ---------------------------------------------------------------- Lucene++ at N
if [ "$SCALE_PEERS" = lucene++ ]; then
    LSRC=$SHARED/peers/lucene/lucene_bench.cpp
    LB=$W/lucene_bench
    [ -f "$LSRC" ] || die "$LSRC not found (set SHARED, or SCALE_PEERS=none)"
    if ! pkg-config --exists liblucene++ liblucene++-contrib 2>/dev/null; then
        if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
            log "installing Lucene++ (apt-get install liblucene++-dev libboost-dev)"
            apt-get update >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
                liblucene++-dev libboost-dev >&2
        fi
        pkg-config --exists liblucene++ liblucene++-contrib ||
            die "Lucene++ not found; as root: apt-get install liblucene++-dev libboost-dev (or SCALE_PEERS=none)"
    fi
    if stale "$LB" "$LSRC" "$SHARED/peers/common/bench_common.h"; then
        log "build $LB (as ../shared/peers/run.sh builds it)"
        # shellcheck disable=SC2046  # pkg-config prints several words
        g++ -O2 -std=c++17 -o "$LB.tmp" "$LSRC" $(pkg-config --cflags --libs liblucene++ liblucene++-contrib) >&2
        mv -f "$LB.tmp" "$LB"
    fi
    PE=$BENCH_BIN/bench/newsdex-peer-entities
    if [ ! -x "$PE" ] || [ "$HERE/peer_entities.cpp" -nt "$PE" ]; then
        log "building newsdex-peer-entities in $BENCH_BIN"
        cmake --build "$BENCH_BIN" -j2 --target newsdex-peer-entities >&2
    fi
    # Reused while newer than what they are made from (a rebuilt newsdex database is newer
    # than entities.tsv): the entities, then the Lucene++ index with its GNU time report.
    ENTS=$W/entities.tsv
    if stale "$ENTS" "$PE" "$QUERIES" || [ -n "$(find "$DB" -type f -newer "$ENTS" -print -quit)" ]; then
        log "entities per article from $DB for the .usv (newsdex-peer-entities, untimed)"
        "$GTIME" -f "%e %M" -o "$W/t.txt" "$PE" --db "$DB" --queries "$QUERIES" > "$ENTS.tmp" \
            2> "$W/peer_entities.txt" || { cat "$W/peer_entities.txt" >&2; die "newsdex-peer-entities failed"; }
        cut -d' ' -f1 "$W/t.txt" > "$W/entities_s.txt"
        mv -f "$ENTS.tmp" "$ENTS"
    else
        log "entities up to date ($ENTS)"
    fi
    cat "$W/peer_entities.txt" >&2
    cp "$W/peer_entities.txt" "$R/"
    put entities_s "$(cat "$W/entities_s.txt")"
    awk -F'\t' '{ for (i = 2; i <= 4; i++) if ($i != "") n[i] += split($i, a, "|") }
        END { printf "%d %d %d\n", n[2], n[3], n[4] }' "$ENTS" > "$W/values.txt"
    read -r vp vo vc < "$W/values.txt"
    put usv_values "$vp $vo $vc"
    LIDX=$W/lucene
    LOK=$W/lucene.ok  # written when the index is complete; the index is reused while it is newer
    if stale "$LOK" "$ENTS" "$CORPUS" "$LB" "$HERE/synth_to_usv.py"; then
        log "write the .usv for Lucene++ (bench/synth_to_usv.py, untimed)"
        USV=$W/synth.usv
        python3 "$HERE/synth_to_usv.py" "$CORPUS" "$ENTS" "$USV" 2> "$W/synth_to_usv.txt" ||
            { cat "$W/synth_to_usv.txt" >&2; die "synth_to_usv.py failed"; }
        cat "$W/synth_to_usv.txt" >&2
        rm -rf "$LIDX" "$LOK"
        sync
        log "index $SCALE_N articles with Lucene++ (timed: GNU time -v)"
        "$GTIME" -v -o "$W/lucene_index_time.txt" "$LB" index "$USV" "$LIDX" > /dev/null \
            2> "$W/lucene_index_err.txt" || { tail -20 "$W/lucene_index_err.txt" >&2; die "lucene_bench index failed"; }
        rm -f "$USV"  # about the corpus's size; remade from the JSONL and entities.tsv when needed
        date -u '+%Y-%m-%d %H:%M UTC' > "$LOK"
    else
        log "Lucene++ index up to date ($LIDX, built $(cat "$LOK")): its indexing figures are from then"
        put lucene_index_reused "$(cat "$LOK")"
    fi
    cp "$W/lucene_index_time.txt" "$W/lucene_index_err.txt" "$R/"
    read -r wall cpu rss < <(time_v "$R/lucene_index_time.txt")
    put lucene_index_wall_s "$wall"
    put lucene_index_cpu_s "$cpu"
    put lucene_index_rss_kb "$rss"
    put lucene_bytes "$(du -sb "$LIDX" | cut -f1)"
    log "Lucene++: $(tail -1 "$R/lucene_index_err.txt") (wall ${wall} s, CPU ${cpu} s, peak RSS ${rss} kB)"
    for mode in top10 facets; do
        log "query lucene++ $mode ($PASSES passes)"
        flag=()
        [ "$mode" = facets ] && flag=(--facets)
        line=$("$GTIME" -f "%M %U %S" -o "$W/t.txt" "$LB" search "$LIDX" "$QUERIES" --passes "$PASSES" \
            ${flag[@]+"${flag[@]}"} --out "$R/q_lucene_$mode.tsv" 2> "$W/qerr.txt") ||
            { head -20 "$W/qerr.txt" >&2; die "lucene_bench search failed"; }
        mh=$(awk -F'\t' 'NR > 1 && $5 != "" && $5 != "-1" { s += $5; n++ } END { printf "%.1f", n ? s / n : 0 }' \
            "$R/q_lucene_$mode.tsv")
        echo "$line mean_hits=$mh docs=$SCALE_N $(rss_cpu "$W/t.txt") bench_mode=$mode" |
            tee -a "$R/query_summary.txt" >&2
    done
    [ "$KEEP" = 1 ] || rm -rf "$LIDX" "$LOK"
fi
put load_end "$(cut -d' ' -f1-3 /proc/loadavg)"

# ---------------------------------------------------------------- Reuters 1x / 8x
if [ "$SMALL_SCALES" != none ]; then
    log "Reuters $SMALL_SCALES through bench/query_bench.sh (PEERS=$SMALL_PEERS, no remote row)"
    BENCH_OUT=$BENCH_OUT/reuters QSCALES="$SMALL_SCALES" PASSES=$PASSES PEERS="$SMALL_PEERS" REMOTE=0 \
        NEWSDEX_BIN=$NEWSDEX_BIN BENCH_BIN=$BENCH_BIN SHARED=$SHARED \
        "$HERE/query_bench.sh" > "$BENCH_OUT/reuters_query.md"
fi
[ "$KEEP" = 1 ] || [ -n "$SCALE_DB" ] || rm -rf "$DB" "$DBC"

# ---------------------------------------------------------------- report
python3 - "$RES" "$R/query_summary.txt" "$BENCH_OUT/reuters" "$SMALL_SCALES" <<'PY' | tee "$BENCH_OUT/scale.md"
import os, re, sys
res_path, qsum, reuters, small = sys.argv[1:5]
kv = lambda l: dict(re.findall(r"([\w+]+)=(\S+)", l))
res = {}
for l in open(res_path, encoding="utf-8"):
    k, _, v = l.rstrip("\n").partition("=")
    res[k] = v
n, text = int(res["n"]), int(res["text_bytes"])
MB = 1e6
given = "db_given" in res  # SCALE_DB: an existing database, not indexed in this run
iw, ic, irss = (float(res.get("index_wall_s", 0)), float(res.get("index_cpu_s", 0)), int(res.get("index_rss_kb", 0)))
db, dbc = int(res["db_bytes"]), int(res.get("compact_bytes", 0))
luc = "lucene_index_wall_s" in res
print("### Scale: %s articles (synth_corpus.py, seed %s), %s shards, entities on; %s, commit %s, "
      "%s CPUs, load %s at start, %s at the end\n"
      % (format(n, ","), res["seed"], res["shards"], res["started"], res["commit"], res["cpus"],
         res["load_start"], res["load_end"]))
def index_rows(wall, cpu, rss, size, size_label):
    if not wall:
        return [("index wall time", "not measured (database given: %s)" % res.get("db_given", "?"))] + \
               [(a, "–") for a in ("index CPU time (user + sys)", "index peak RSS", "articles/s (wall)",
                                   "text MB/s (wall)")] + [(size_label, "%.1f MB = %.2f× text" % (size / MB, size / text))]
    return [("index wall time", "%.1f s" % wall),
            ("index CPU time (user + sys)", "%.1f s (%.2f cores busy)" % (cpu, cpu / wall)),
            ("index peak RSS", "%.0f MB" % (rss / 1024)),
            ("articles/s (wall)", "%.0f" % (n / wall)),
            ("text MB/s (wall)", "%.2f" % (text / MB / wall)),
            (size_label, "%.1f MB = %.2f× text" % (size / MB, size / text))]
rows = [("text (title + body, UTF-8)", "%.1f MB" % (text / MB), "same")]
nrows = index_rows(iw, ic, irss, db, "database as written")
lrows = index_rows(float(res["lucene_index_wall_s"]), float(res["lucene_index_cpu_s"]), int(res["lucene_index_rss_kb"]),
                   int(res["lucene_bytes"]), "database as written") if luc else [(a, "–") for a, _ in nrows]
rows += [(a, b, c) for (a, b), (_, c) in zip(nrows, lrows)]
if dbc:
    rows += [("`--compact` wall time, peak RSS", "%.1f s, %.0f MB" % (float(res["compact_wall_s"]),
                                                                      int(res["compact_rss_kb"]) / 1024), "–"),
             ("database after `--compact`", "%.1f MB = %.2f× text" % (dbc / MB, dbc / text), "–")]
if luc:
    print("| measure | newsdex (%s shards, entities on) | Lucene++ 3.0 (lucene_bench, 1 index) |\n|---|---:|---:|"
          % res["shards"])
    for r in rows:
        print("| %s | %s | %s |" % r)
else:
    print("| measure | value |\n|---|---:|")
    for a, b, _ in rows:
        print("| %s | %s |" % (a, b))
if "index_summary" in res:
    print("\nindexer summary: `%s`" % res["index_summary"])
if luc and "lucene_index_reused" in res:
    print("\nLucene++ index reused: its indexing figures are from the run that built it (%s), not from this run."
          % res["lucene_index_reused"])
if luc:
    vp, vo, vc = res["usv_values"].split()
    print("\nLucene++ input: the same articles as the peers' .usv, people/orgs/companies = the entities newsdex "
          "extracted (newsdex-peer-entities: %s person, %s organisation, %s company values, %.1f per article, with "
          "the query filters' values added where newsdex's filter resolves them; extraction %s s, untimed)."
          % (format(int(vp), ","), format(int(vo), ","), format(int(vc), ","),
             (int(vp) + int(vo) + int(vc)) / n, res.get("entities_s", "?")))
print()

summ = []  # (database label, articles, kv)
for l in open(qsum, encoding="utf-8"):
    summ.append(("%s (N)" % kv(l)["peer"], kv(l)))
rsum = os.path.join(reuters, "qresults", "query_summary.txt")
psum = os.path.join(reuters, "peers_query_results", "query_summary.txt")
for p, tag in ((rsum, ""), (psum, "")):
    if small != "none" and os.path.exists(p):
        for l in open(p, encoding="utf-8"):
            k = kv(l)
            if "p50_us" in k and k.get("peer") != "newsdex-remote":
                summ.append(("%s, Reuters %s (2 shards)" % (k["peer"], k.get("scale", "?")), k))
order = {"top10": 0, "top10+facets": 1}
print("### Queries: 207 fixed queries, per-query median of %s timed passes; p50 / p95 / p99 over queries, ms\n"
      % res["passes"])
print("| database | articles | mode | p50 | p95 | p99 | × Lucene++ p50 / p95 | mean hits | open ms (warm, in process) | "
      "first query, fresh process, ms | RSS MB |")
print("|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|")
def lucene_at_n(mode):  # facets-auto is compared with Lucene++'s facets (its day facet)
    m = "facets" if mode.startswith("facets") else mode
    for lab, k in summ:
        if lab == "lucene++ (N)" and k.get("bench_mode") == m:
            return k
for label, k in summ:
    m = k.get("bench_mode") or ("facets" if "facets" in k["mode"] else "top10")
    first, rat = "–", "–"
    if label.endswith("(N)"):
        base = label.split()[0]
        first = res.get("first_ms_%s_%s" % (base, m), "–")
        lk = lucene_at_n(m)
        if lk and base != "lucene++":
            rat = "%.2f× / %.2f×" % (float(k["p50_us"]) / float(lk["p50_us"]), float(k["p95_us"]) / float(lk["p95_us"]))
        label = {"multi": "newsdex, %s shards%s" % (res["shards"], " (given)" if given else " as written"),
                 "compact": "newsdex, compacted (--compact: each shard kept)",
                 "lucene++": "Lucene++ 3.0, 1 index"}.get(base, base)
    docs = k.get("docs", "–")
    docs = format(int(docs), ",") if docs.isdigit() else docs
    ms = lambda f: "%.2f" % (float(k[f]) / 1e3) if f in k else "–"
    mh = k.get("mean_hits", "–")
    print("| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |"
          % (label, docs, m, ms("p50_us"), ms("p95_us"), ms("p99_us"), rat,
             "%.0f" % float(mh) if mh != "–" else mh, k.get("open_ms", "–"), first,
             "%.0f" % (int(k["rss_kb"]) / 1024) if "rss_kb" in k else "–"))
print("\nModes: top10 = limit 10, no facets, total may be an estimate; facets = top10 + company, person and "
      "date facets with day buckets and exact totals (the query bench's mode, as in the issue's figures); "
      "facets-auto = the same with `--date-granularity auto` (newsdex-search's default: year buckets when the "
      "matches span more than 36 months). N rows: this archive; Reuters rows: bench/query_bench.sh (replicated "
      "Reuters, 2 shards).")
cpu = [(label, k) for label, k in summ if label.endswith("(N)") and "proc_cpu_s" in k]
if cpu:
    # whole-process CPU over the warm-up and the timed passes: on a shared machine this is what
    # each engine spent, whatever the other processes took; newsdex's includes its worker threads
    per_q = lambda k: float(k["proc_cpu_s"]) * 1e3 / (int(k["queries"]) * (int(k["passes"]) + 1))
    print("\nCPU per query (user + sys of the whole query process, warm-up and timed passes, / queries / "
          "passes incl. warm-up; includes opening and loading, and newsdex's worker threads), ms:\n")
    for label, k in cpu:
        base = label.split()[0]
        lk = lucene_at_n(k.get("bench_mode", ""))
        rel = " (%.2f× Lucene++)" % (per_q(k) / per_q(lk)) if lk and base != "lucene++" and "proc_cpu_s" in lk \
            and per_q(lk) > 0 else ""
        print("- %s %s: %.2f%s" % (base, k.get("bench_mode"), per_q(k), rel))
print("\nFirst query: `%s` (fresh `newsdex-search` process: open + query + exit, page cache %s)."
      % (res["first_query"], "dropped before each" if res["cold"] == "1" else "warm"))
if luc:
    print("Lucene++ at N: ../shared/peers/lucene/lucene_bench.cpp on the same articles, same 207 queries and passes, "
          "one process; × Lucene++ = newsdex time / Lucene++ time in the same mode (facets-auto against Lucene++'s "
          "facets, which counts days), < 1: newsdex is faster. Lucene++'s facets mode also counts an organisations "
          "facet, which newsdex's does not.")
    import csv
    def tsv(name):
        p = os.path.join(os.path.dirname(res_path), name)
        return list(csv.DictReader(open(p, encoding="utf-8"), delimiter="\t")) if os.path.exists(p) else []
    nx, lu = tsv("q_multi_facets.tsv"), tsv("q_lucene_facets.tsv")
    if nx and len(nx) == len(lu):
        for cls in ("filter-people", "filter-orgs", "filter-date", "single", "and", "or", "phrase"):
            pairs = [(int(a["hits"]), int(b["hits"])) for a, b in zip(nx, lu) if a["class"].startswith(cls)]
            if pairs:
                sn, sl = sum(p[0] for p in pairs), sum(p[1] for p in pairs)
                print("- %s* queries (%d): matches newsdex %s, Lucene++ %s (%.2f×)"
                      % (cls, len(pairs), format(sn, ","), format(sl, ","), sl / sn if sn else 0))
    print()
else:
    print("Lucene++ at N: not run (SCALE_PEERS=none).\n")

def q(label, mode):
    for lab, k in summ:
        if lab == "%s (N)" % label and k.get("bench_mode") == mode:
            return k
fac = {l: q(l, "facets") for l in ("multi", "compact")}
tag = " (targets are for 1,000,000 articles; this run has %s)" % format(n, ",") if n != 1000000 else ""
print("Targets%s:\n" % tag)
def verdict(ok): return "met" if ok else "NOT met"
aps = n / iw if iw else 0
if iw:
    print("- indexing ≥ 2,000 articles/s with entities: %.0f, %s" % (aps, verdict(aps >= 2000)))
    print("- index peak RSS ≤ 1 GB: %.0f MB, %s" % (irss / 1024, verdict(irss <= 1024 * 1024)))
for mode in ("facets", "facets-auto"):
    for l in ("multi", "compact"):
        k = q(l, mode)
        if k:
            p95 = float(k["p95_us"]) / 1e3
            print("- %s p95 ≤ 25 ms (%s): %.2f ms, %s" % (mode, l, p95, verdict(p95 <= 25)))
if dbc:
    print("- database ≤ 3× text after --compact: %.2f×, %s" % (dbc / text, verdict(dbc <= 3 * text)))
if fac["multi"] and fac["compact"]:
    a, b = float(fac["multi"]["p50_us"]), float(fac["compact"]["p50_us"])
    a95, b95 = float(fac["multi"]["p95_us"]), float(fac["compact"]["p95_us"])
    print("- facets, compacted vs %s shards: p50 %.2f× and p95 %.2f× the multi-shard time (< 1: compacted is faster)"
          % (res["shards"], b / a, b95 / a95))
lf = lucene_at_n("facets")
for l in ("multi", "compact"):
    if lf and fac[l]:
        a, b = float(fac[l]["p50_us"]) / 1e3, float(lf["p50_us"]) / 1e3
        a95, b95 = float(fac[l]["p95_us"]) / 1e3, float(lf["p95_us"]) / 1e3
        print("- facets p50/p95 ≤ Lucene++'s (the 1x/8x target, here at N; %s): p50 %.2f vs %.2f ms %s, "
              "p95 %.2f vs %.2f ms %s" % (l, a, b, verdict(a <= b), a95, b95, verdict(a95 <= b95)))
PY
