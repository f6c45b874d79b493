#!/usr/bin/env bash
# Indexing benchmark: newsdex-index vs the peers (../shared/peers) on Reuters-21578 (1x),
# in one run on one machine.  Tables (markdown) on stdout and in $BENCH_OUT/index.md;
# progress on stderr.  Run from the repository root:
#
#   bench/index_bench.sh                  # RUNS=3, all index peers
#   RUNS=1 bench/index_bench.sh           # quick
#   SWEEP=1 bench/index_bench.sh          # also sweep --shards and the commit batch
#
# Settings (environment variables):
#   BENCH_OUT    output folder (peers/, work/, index.md)     default: ./bench-out
#   RUNS         runs per configuration (median reported)    default: 3
#   PEERS        index peers for ../shared/peers/run.sh      default: "xapian-scriptindex
#                                                                      xapian-api fts5 lucene++"
#                (PEERS=none skips the peers; ratios then use $BENCH_OUT/peers_index_results
#                from an earlier run)
#   NEWSDEX_BIN  build folder with indexer/newsdex-index     default: build/ (falls back to
#                                                            ../build if build/ has none)
#   SHARED       the shared folder (peers/, corpora/)        default: ../shared
#   SWEEP        1: also sweep --shards 1/2/4 and --commit-every 100/300/2000/10000
#                (--no-entities)                                          default: 0
#
# newsdex is measured as the whole process (/usr/bin/time: wall, peak RSS), a fresh database
# each run, on the 22 reut2-*.sgm files (not the folder: it also holds .txt notes), in two
# configurations: --no-entities (ICU analysis only) and the default (entity extraction).
# Index size: du -sb of the database as written and after xapian-compact (shards merged).
set -euo pipefail

case ${1:-} in
-h | --help) sed -n '2,/^set -euo/p' "$0" | sed '$d'; exit 0 ;;
?*) printf 'index_bench.sh takes no arguments; use the environment variables (see --help)\n' >&2; exit 2 ;;
esac

BENCH_OUT=${BENCH_OUT:-./bench-out}
RUNS=${RUNS:-3}
PEERS=${PEERS:-"xapian-scriptindex xapian-api fts5 lucene++"}
NEWSDEX_BIN=${NEWSDEX_BIN:-build}
SHARED=${SHARED:-../shared}
SWEEP=${SWEEP:-0}

log() { printf '== %s\n' "$*" >&2; }
die() { printf 'index_bench.sh: error: %s\n' "$*" >&2; exit 1; }

[[ $RUNS =~ ^[1-9][0-9]*$ ]] || die "RUNS must be a positive integer (got '$RUNS')"
if [ ! -x "$NEWSDEX_BIN/indexer/newsdex-index" ] && [ "$NEWSDEX_BIN" = build ] &&
    [ -x ../build/indexer/newsdex-index ]; then
    NEWSDEX_BIN=../build
fi
INDEX=$(realpath -- "$NEWSDEX_BIN/indexer/newsdex-index" 2>/dev/null) ||
    die "newsdex-index not found in $NEWSDEX_BIN/indexer (set NEWSDEX_BIN)"
[ -x "$INDEX" ] || die "$INDEX is not executable"
SHARED=$(realpath -- "$SHARED") || die "SHARED=$SHARED not found"
CORPUS=$SHARED/corpora/reuters21578
FILES=("$CORPUS"/reut2-*.sgm)
[ ${#FILES[@]} -eq 22 ] || die "expected 22 reut2-*.sgm files in $CORPUS, found ${#FILES[@]}"
GTIME=/usr/bin/time
[ -x $GTIME ] || die "GNU time (/usr/bin/time, package 'time') not found"
command -v xapian-compact >/dev/null || die "xapian-compact not found (package xapian-tools)"
mkdir -p "$BENCH_OUT"
BENCH_OUT=$(realpath -- "$BENCH_OUT")
W=$BENCH_OUT/work
mkdir -p "$W"
RES=$BENCH_OUT/index_runs.tsv  # newsdex runs: config run wall user sys rss_kb docs

# ---------------------------------------------------------------- peers
PR=$BENCH_OUT/peers/results
if [ "$PEERS" != none ]; then
    log "peers: STAGES=index SCALES=1 RUNS=$RUNS PEERS=\"$PEERS\" $SHARED/peers/run.sh"
    STAGES=index SCALES=1 RUNS=$RUNS PEERS="$PEERS" PEERS_OUT=$BENCH_OUT/peers \
        "$SHARED/peers/run.sh" > "$BENCH_OUT/peers_index.md"
    # run.sh empties peers/results on every run (query_bench.sh shares peers/): keep a copy
    rm -rf "$BENCH_OUT/peers_index_results"
    cp -r "$PR" "$BENCH_OUT/peers_index_results"
fi

# ---------------------------------------------------------------- newsdex
doccount() {  # doccount DB: documents in a Xapian database (stub or directory)
    xapian-delve "$1" 2>/dev/null | awk -F' = ' '/number of documents/ {print $2}'
}
# index_once LABEL RUN DB BIN ARGS...: one timed run into a fresh DB, appended to $RES
index_once() {
    local label=$1 run=$2 db=$3 bin=$4 rc=0
    shift 4
    rm -rf "$db"
    sync
    $GTIME -f "%e %U %S %M" -o "$W/t.txt" "$bin" --db "$db" "$@" "${FILES[@]}" \
        > "$W/out.txt" 2> "$W/err.txt" || rc=$?
    # newsdex-index: 1 = done, bad records skipped (the one empty Reuters item)
    if [ $rc -gt 1 ]; then cat "$W/err.txt" >&2; die "$label run $run failed (exit $rc)"; fi
    read -r wall user sys rss < <(tail -1 "$W/t.txt")
    local n
    n=$(doccount "$db")
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$label" "$run" "$wall" "$user" "$sys" "$rss" "$n" >> "$RES"
    log "$label run $run: wall ${wall}s rss $((rss / 1024)) MB docs $n (exit $rc)"
}
# sizes LABEL DB: as written and compacted sizes (bytes) into $BENCH_OUT/index_sizes.tsv
sizes() {
    local label=$1 db=$2 out=$W/compact.db n0 n1
    rm -rf "$out"
    $GTIME -f "%e" -o "$W/tc.txt" xapian-compact "$db" "$out" > /dev/null ||
        die "xapian-compact $db failed"
    n0=$(doccount "$db") n1=$(doccount "$out")
    [ "$n0" = "$n1" ] || log "WARNING: compacted $label has $n1 documents, original $n0"
    [ -f "$out/iamglass" ] || log "WARNING: compacted $label is not a single glass database"
    printf '%s\t%s\t%s\t%s\n' "$label" "$(du -sb "$db" | cut -f1)" "$(du -sb "$out" | cut -f1)" \
        "$(tail -1 "$W/tc.txt")" >> "$BENCH_OUT/index_sizes.tsv"
    log "$label: $(du -sh "$db" | cut -f1) as written, $(du -sh "$out" | cut -f1) compacted \
(xapian-compact $(tail -1 "$W/tc.txt")s, $n1 docs)"
    rm -rf "$out"
}

printf 'config\trun\twall_s\tuser_s\tsys_s\tmaxrss_kb\tdocs\n' > "$RES"
printf 'config\tbytes\tcompacted_bytes\tcompact_s\n' > "$BENCH_OUT/index_sizes.tsv"
log "newsdex: $INDEX on ${#FILES[@]} files, RUNS=$RUNS"
# Runs of the two configurations alternate so that machine drift hits both alike.
for r in $(seq "$RUNS"); do
    index_once "newsdex --no-entities" "$r" "$W/nx_noent.db" "$INDEX" -q --no-entities
    index_once "newsdex" "$r" "$W/nx_ent.db" "$INDEX" -q
done
sizes "newsdex --no-entities" "$W/nx_noent.db"
sizes "newsdex" "$W/nx_ent.db"

if [ "$SWEEP" = 1 ]; then
    for sh in 1 2 4; do
        for r in $(seq "$RUNS"); do
            index_once "sweep --no-entities --shards $sh" "$r" "$W/sweep.db" "$INDEX" -q --no-entities --shards "$sh"
        done
        sizes "sweep --no-entities --shards $sh" "$W/sweep.db"
    done
    for ce in 100 300 2000 10000; do
        for r in $(seq "$RUNS"); do
            index_once "sweep --no-entities commit_every=$ce" "$r" "$W/sweep.db" "$INDEX" -q --no-entities --commit-every "$ce"
        done
    done
    rm -rf "$W/sweep.db"
fi

# ---------------------------------------------------------------- report
python3 - "$BENCH_OUT" "$RUNS" <<'PY' | tee "$BENCH_OUT/index.md"
import csv, os, re, statistics, sys
out, runs = sys.argv[1], sys.argv[2]
pr = os.path.join(out, "peers_index_results")  # copy of peers/results after the index stage
def tsv(p):
    return list(csv.DictReader(open(p), delimiter="\t")) if os.path.exists(p) else []
docs, text = 21578, 17.1e6
conv = os.path.join(pr, "convert_1x.txt")
if os.path.exists(conv):
    d = dict(re.findall(r"([\w+]+)=(\d+)", open(conv).read()))
    docs, text = int(d.get("docs", docs)), int(d.get("title+body_bytes", text))
rows = []  # (engine, wall, rss_kb, size, compacted, n_runs, indexed_docs)
peer_runs = [r for r in tsv(os.path.join(pr, "index_runs.tsv")) if r["scale"] == "1x"]
psizes = {r["peer"]: int(r["bytes"]) for r in tsv(os.path.join(pr, "sizes.tsv")) if r["scale"] == "1x"}
order = []
for r in peer_runs:
    if r["peer"] not in order: order.append(r["peer"])
for p in order:
    rr = [r for r in peer_runs if r["peer"] == p]
    comp = psizes.get("xapian-compacted") if p == "xapian-scriptindex" else None
    rows.append((p, statistics.median(float(r["wall_s"]) for r in rr),
                 max(int(r["maxrss_kb"]) for r in rr), psizes.get(p), comp, len(rr), docs,
                 statistics.median(float(r["user_s"]) + float(r["sys_s"]) for r in rr)))
nruns = tsv(os.path.join(out, "index_runs.tsv"))
nsizes = {r["config"]: r for r in tsv(os.path.join(out, "index_sizes.tsv"))}
corder = []
for r in nruns:
    if r["config"] not in corder: corder.append(r["config"])
for c in corder:
    rr = [r for r in nruns if r["config"] == c]
    s = nsizes.get(c)
    rows.append((c, statistics.median(float(r["wall_s"]) for r in rr),
                 max(int(r["maxrss_kb"]) for r in rr),
                 int(s["bytes"]) if s else None, int(s["compacted_bytes"]) if s else None,
                 len(rr), rr[-1]["docs"],
                 statistics.median(float(r["user_s"]) + float(r["sys_s"]) for r in rr)))
base = {r[0]: r[1] for r in rows}.get("xapian-scriptindex")
bcpu = {r[0]: r[7] for r in rows}.get("xapian-scriptindex")
mb = lambda b: "%.1f" % (b / 1e6) if b else "–"
print("### Indexing Reuters-21578 1x (%d articles, %.1f MB title+body), median of %s run(s)\n"
      % (docs, text / 1e6, runs))
print("| engine | articles/s | text MB/s | wall s | CPU s (user+sys) | peak RSS MB | index MB as written "
      "| compacted MB | throughput vs scriptindex | CPU vs scriptindex |")
print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
for e, wall, rss, size, comp, n, nd, cpu in rows:
    if e.startswith("sweep"): continue
    ratio = "%.2f×" % (base / wall) if base else "–"
    cratio = "%.2f×" % (bcpu / cpu) if bcpu else "–"
    print("| %s | %.0f | %.2f | %.2f | %.2f | %.0f | %s | %s | %s | %s |" % (
        e, docs / wall, text / 1e6 / wall, wall, cpu, rss / 1024, mb(size), mb(comp), ratio, cratio))
sweep = [r for r in rows if r[0].startswith("sweep")]
if sweep:
    print("\n### Sweep (what pays), median of %s run(s)\n" % runs)
    print("| configuration | articles/s | wall s | CPU s | peak RSS MB | index MB as written "
          "| compacted MB | vs scriptindex |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for e, wall, rss, size, comp, n, nd, cpu in sweep:
        ratio = "%.2f×" % (base / wall) if base else "–"
        print("| %s | %.0f | %.2f | %.2f | %.0f | %s | %s | %s |" % (
            e[6:], docs / wall, wall, cpu, rss / 1024, mb(size), mb(comp), ratio))
def get(name):
    return next((r for r in rows if r[0] == name), None)
print()
for name, target in (("newsdex --no-entities", 2.0), ("newsdex", 1.5)):
    r = get(name)
    if r and base:
        x = base / r[1]
        print("- %s: %.2f× scriptindex (target ≥ %.1f×: %s), peak RSS %.0f MB (target ≤ 500: %s)%s" % (
            name, x, target, "met" if x >= target else "NOT met", r[2] / 1024,
            "met" if r[2] / 1024 <= 500 else "NOT met",
            "" if str(r[6]) == str(docs) else "; indexed %s documents, corpus has %d" % (r[6], docs)))
PY
