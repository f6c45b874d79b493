#!/usr/bin/env bash
# Query benchmark: newsdex (library, one process: bench/query_bench.cpp) vs the peers
# (../shared/peers: Xapian, Lucene++, SQLite FTS5) on the fixed 207-query set, at Reuters
# scale 1x and 8x, in one run on one machine; plus newsdex searching its shards through
# xapian-tcpsrv (remote path).  Tables (markdown) on stdout and in $BENCH_OUT/query.md;
# progress on stderr.  Run from the repository root:
#
#   bench/query_bench.sh                       # QSCALES="1 8", PASSES=5
#   QSCALES=1 PASSES=1 bench/query_bench.sh    # quick
#
# Settings (environment variables):
#   BENCH_OUT    output folder (peers/, qwork/, query.md)               default: ./bench-out
#   QSCALES      corpus scales (N = every article N times)              default: "1 8"
#   PASSES       timed passes after 1 warm-up                           default: 5
#   PEERS        query peers for ../shared/peers/run.sh                 default: "xapian lucene++ fts5"
#                (PEERS=none: newsdex only; peer rows then come from an earlier result)
#   NEWSDEX_BIN  lead's build folder with indexer/newsdex-index         default: build/ (falls back
#                                                                       to ../build)
#   BENCH_BIN    build folder with bench/newsdex-query-bench            default: $NEWSDEX_BIN, else
#                ../build-bench; it is built there if missing (cmake --build --target)
#   SHARED       the shared folder (peers/, corpora/)                   default: ../shared
#   REMOTE       1: also the remote (xapian-tcpsrv) row                  default: 1
#   REMOTE_PASSES  timed passes for the remote row (slow facets)       default: min(PASSES, 2)
#   PORT_BASE    first TCP port for xapian-tcpsrv on 127.0.0.1          default: 38471
#
# The newsdex index per scale is built once (2 shards, default options: entity extraction
# on) from the peers' JSONL converted by bench/to_newsdex_jsonl.py, and reused while newer
# than its input and newsdex-index.  Modes: top10 (limit 10, no facets, no snippets; total
# may be an estimate) and facets (top10 + company, person and day facets, exact totals).
set -euo pipefail

case ${1:-} in
-h | --help) sed -n '2,/^set -euo/p' "$0" | sed '$d'; exit 0 ;;
?*) printf 'query_bench.sh takes no arguments; use the environment variables (see --help)\n' >&2; exit 2 ;;
esac

HERE=$(cd -P "$(dirname "${BASH_SOURCE[0]}")" && pwd)
BENCH_OUT=${BENCH_OUT:-./bench-out}
QSCALES=${QSCALES:-"1 8"}
PASSES=${PASSES:-5}
PEERS=${PEERS:-"xapian lucene++ fts5"}
NEWSDEX_BIN=${NEWSDEX_BIN:-build}
SHARED=${SHARED:-../shared}
REMOTE=${REMOTE:-1}
PORT_BASE=${PORT_BASE:-38471}
REMOTE_PASSES=${REMOTE_PASSES:-$((PASSES < 2 ? PASSES : 2))}

log() { printf '== %s\n' "$*" >&2; }
die() { printf 'query_bench.sh: error: %s\n' "$*" >&2; exit 1; }
stale() {  # stale TARGET DEP...: true if TARGET is missing or older than any DEP
    local t=$1 d
    shift
    [ -e "$t" ] || return 0
    for d; do [ "$d" -nt "$t" ] && return 0; done
    return 1
}

[[ $PASSES =~ ^[1-9][0-9]*$ ]] || die "PASSES must be a positive integer (got '$PASSES')"
for sc in $QSCALES; do [[ $sc =~ ^[1-9][0-9]*$ ]] || die "bad QSCALES '$QSCALES'"; done
if [ ! -x "$NEWSDEX_BIN/indexer/newsdex-index" ] && [ "$NEWSDEX_BIN" = build ] &&
    [ -x ../build/indexer/newsdex-index ]; then
    NEWSDEX_BIN=../build
fi
INDEX=$(realpath -- "$NEWSDEX_BIN/indexer/newsdex-index" 2>/dev/null) ||
    die "newsdex-index not found in $NEWSDEX_BIN/indexer (set NEWSDEX_BIN)"
if [ -z "${BENCH_BIN:-}" ]; then
    if [ -x "$NEWSDEX_BIN/bench/newsdex-query-bench" ]; then BENCH_BIN=$NEWSDEX_BIN
    else BENCH_BIN=../build-bench; fi
fi
QB=$(realpath -m -- "$BENCH_BIN/bench/newsdex-query-bench")
if [ ! -x "$QB" ] || [ "$HERE/query_bench.cpp" -nt "$QB" ]; then
    log "building newsdex-query-bench in $BENCH_BIN"
    [ -f "$BENCH_BIN/CMakeCache.txt" ] ||
        cmake -S "$HERE/.." -B "$BENCH_BIN" -DCMAKE_BUILD_TYPE=Release >&2
    cmake --build "$BENCH_BIN" -j2 --target newsdex-query-bench >&2
fi
SHARED=$(realpath -- "$SHARED") || die "SHARED=$SHARED not found"
CORPUS=$SHARED/corpora/reuters21578
QUERIES=$SHARED/peers/queries.txt
[ -f "$QUERIES" ] || die "$QUERIES not found"
GTIME=/usr/bin/time
[ -x $GTIME ] || die "GNU time (/usr/bin/time) not found"
mkdir -p "$BENCH_OUT"
BENCH_OUT=$(realpath -- "$BENCH_OUT")
W=$BENCH_OUT/qwork
R=$BENCH_OUT/qresults
mkdir -p "$W" "$R"
rm -f "$R"/*

# ---------------------------------------------------------------- newsdex indexes
for sc in $QSCALES; do
    s=${sc}x
    if stale "$W/reuters$s.jsonl" "$SHARED/peers/reuters_to_jsonl.py" "$HERE/to_newsdex_jsonl.py" \
        "$CORPUS"/reut2-*.sgm; then
        log "convert Reuters -> JSONL ($s) for newsdex"
        python3 "$SHARED/peers/reuters_to_jsonl.py" "$CORPUS" "$W/peers$s.jsonl" --replicate "$sc" 2> "$W/convert_$s.txt"
        python3 "$HERE/to_newsdex_jsonl.py" "$W/peers$s.jsonl" "$W/reuters$s.jsonl.tmp"
        rm -f "$W/peers$s.jsonl"
        mv -f "$W/reuters$s.jsonl.tmp" "$W/reuters$s.jsonl"
    fi
    db=$W/nx_$s
    if stale "$db/ok" "$W/reuters$s.jsonl" "$INDEX"; then
        log "build the newsdex $s index (untimed for this benchmark; 2 shards, entities on)"
        rm -rf "$db"
        rc=0
        $GTIME -f "%e %M" -o "$W/index_time_$s.txt" "$INDEX" --db "$db" --shards 2 -q \
            "$W/reuters$s.jsonl" 2> "$W/index_err_$s.txt" || rc=$?
        [ $rc -le 1 ] || { cat "$W/index_err_$s.txt" >&2; die "newsdex-index $s failed (exit $rc)"; }
        touch "$db/ok"
        log "indexed $s: $(cat "$W/index_time_$s.txt") (wall s, RSS kB)"
    else
        log "newsdex $s index up to date ($db)"
    fi
done

# ---------------------------------------------------------------- remote servers
PIDS=()
cleanup() {
    local p
    for p in ${PIDS[@]+"${PIDS[@]}"}; do kill "$p" 2>/dev/null || true; done
    for p in ${PIDS[@]+"${PIDS[@]}"}; do wait "$p" 2>/dev/null || true; done
}
trap cleanup EXIT
trap 'exit 130' INT TERM
start_remote() {  # start_remote DB STUB: one xapian-tcpsrv per shard, stub file listing them
    local db=$1 stub=$2 shard port tries
    command -v xapian-tcpsrv >/dev/null || die "xapian-tcpsrv not found (package xapian-tools)"
    : > "$stub"
    # Run it under another name: a concurrent job that stops "xapian-tcpsrv" processes by
    # name (pkill) would otherwise take these down mid-run (seen on the shared dev box).
    ln -sf "$(command -v xapian-tcpsrv)" "$W/nxbench-shard-server"
    for shard in "$db"/shard-*/; do
        shard=${shard%/}
        port=$((PORT_BASE + ${#PIDS[@]}))
        # own session: on SIGTERM xapian-tcpsrv kills its whole process group (kill(0, ...))
        setsid "$W/nxbench-shard-server" --interface 127.0.0.1 --port "$port" --idle-timeout 600000 \
            --active-timeout 600000 "$shard" > "$W/tcpsrv_$port.log" 2>&1 &
        PIDS+=($!)
        sleep 0.05
        [ "$(cat /proc/$!/comm 2>/dev/null)" = nxbench-shard-s ] || log "WARNING: pid $! is not the server"
        tries=0
        until (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do
            tries=$((tries + 1))
            [ $tries -lt 100 ] || die "xapian-tcpsrv on port $port did not start: $(cat "$W/tcpsrv_$port.log")"
            sleep 0.1
        done
        echo "remote :127.0.0.1:$port" >> "$stub"
    done
    log "remote: $(wc -l < "$stub") xapian-tcpsrv on 127.0.0.1 ($(xargs < "$stub"))"
}
stop_remote() { cleanup; PIDS=(); }

# ---------------------------------------------------------------- newsdex queries
qrun() {  # qrun LABEL SCALE MODE DB [PASSES]
    local label=$1 s=$2 mode=$3 db=$4 passes=${5:-$PASSES} flag=() line rc=0
    [ "$mode" = facets ] && flag=(--facets)
    log "query $label $s $mode"
    line=$($GTIME -f "%M" -o "$W/t.txt" "$QB" --db "$db" "$QUERIES" --passes "$passes" \
        --label "$label" ${flag[@]+"${flag[@]}"} --out "$R/q_${label}_${s}_${mode}.tsv" \
        2> "$W/qerr.txt") || rc=$?
    [ -s "$W/qerr.txt" ] && { head -20 "$W/qerr.txt" >&2; cp "$W/qerr.txt" "$R/errors_${label}_${s}_${mode}.txt"; }
    [ -n "$line" ] || die "newsdex-query-bench failed (exit $rc)"
    echo "$line scale=$s rss_kb=$(tail -1 "$W/t.txt")" | tee -a "$R/query_summary.txt" >&2
}
for sc in $QSCALES; do
    s=${sc}x
    for mode in top10 facets; do qrun newsdex "$s" "$mode" "$W/nx_$s"; done
    if [ "$REMOTE" = 1 ]; then
        start_remote "$W/nx_$s" "$W/remote_$s.stub"
        for mode in top10 facets; do qrun newsdex-remote "$s" "$mode" "$W/remote_$s.stub" "$REMOTE_PASSES"; done
        stop_remote
    fi
done

# ---------------------------------------------------------------- peers
if [ "$PEERS" != none ]; then
    log "peers: STAGES=query SCALES=\"$QSCALES\" PASSES=$PASSES PEERS=\"$PEERS\" $SHARED/peers/run.sh"
    STAGES=query SCALES="$QSCALES" PASSES=$PASSES PEERS="$PEERS" PEERS_OUT=$BENCH_OUT/peers \
        "$SHARED/peers/run.sh" > "$BENCH_OUT/peers_query.md"
    # run.sh empties peers/results on every run (index_bench.sh shares peers/): keep a copy
    rm -rf "$BENCH_OUT/peers_query_results"
    cp -r "$BENCH_OUT/peers/results" "$BENCH_OUT/peers_query_results"
fi

# ---------------------------------------------------------------- report
python3 - "$BENCH_OUT" "$PASSES" "$QSCALES" <<'PY' | tee "$BENCH_OUT/query.md"
import csv, os, re, statistics, sys
out, passes, scales = sys.argv[1], sys.argv[2], ["%sx" % s for s in sys.argv[3].split()]
R, PR = os.path.join(out, "qresults"), os.path.join(out, "peers_query_results")
def kv(l): return dict(re.findall(r"([\w+]+)=(\S+)", l))
def lines(p): return open(p).read().splitlines() if os.path.exists(p) else []
summ = {}
for src, d in ((PR, "peers"), (R, "newsdex")):
    for l in lines(os.path.join(src, "query_summary.txt")):
        k = kv(l)
        if "mode" not in k: continue  # quest line has mode=... too; keep all
        mode = "facets" if "facets" in k["mode"] else "top10"
        summ[(k["peer"], k["scale"], mode)] = (k, src)
def tsvrows(src, peer, s, mode):
    p = os.path.join(src, "q_%s_%s_%s.tsv" % (peer, s, mode))
    return list(csv.DictReader(open(p), delimiter="\t")) if os.path.exists(p) else []
def mean_hits(src, peer, s, mode):
    h = [int(r["hits"]) for r in tsvrows(src, peer, s, mode) if r["hits"] not in ("", "-1")]
    return statistics.mean(h) if h else None
engines = [e for e in ("newsdex", "newsdex-remote", "lucene++", "xapian", "fts5")
           if any((e, s, m) in summ for s in scales for m in ("top10", "facets"))]
ms = lambda k, f: float(k[f]) / 1e3
print("### Query latency, 207 fixed queries, per-query median of %s timed passes; p50 / p95 over "
      "queries, ms (× = ratio to Lucene++ in the same mode and scale; < 1 is faster)\n" % passes)
hdr = "| engine | mode |"
for s in scales: hdr += " %s p50 | %s p95 | %s p99 | %s × Lucene++ p50 / p95 | %s mean hits |" % (s, s, s, s, s)
print(hdr)
print("|---|---|" + "---:|---:|---:|---:|---:|" * len(scales))
for e in engines:
    for m in ("top10", "facets"):
        row = "| %s | %s |" % (e, m)
        for s in scales:
            if (e, s, m) not in summ:
                row += " – | – | – | – | – |"; continue
            k, src = summ[(e, s, m)]
            luc = summ.get(("lucene++", s, m))
            rat = "–"
            if luc:
                lk = luc[0]
                rat = "%.2f× / %.2f×" % (ms(k, "p50_us") / ms(lk, "p50_us"), ms(k, "p95_us") / ms(lk, "p95_us"))
            mh = mean_hits(src, e, s, m)
            err = " (%s errors)" % k["errors"] if k.get("errors", "0") != "0" else ""
            row += " %.3f | %.3f | %.3f | %s | %s%s |" % (ms(k, "p50_us"), ms(k, "p95_us"), ms(k, "p99_us"),
                                                        rat, "%.0f" % mh if mh is not None else "–", err)
        print(row)
print()
for s in scales:
    n, l = summ.get(("newsdex", s, "facets")), summ.get(("lucene++", s, "facets"))
    if n and l:
        ok50 = ms(n[0], "p50_us") <= ms(l[0], "p50_us"); ok95 = ms(n[0], "p95_us") <= ms(l[0], "p95_us")
        print("- target %s (newsdex facets p50/p95 ≤ Lucene++ facets): p50 %.3f vs %.3f ms %s, p95 %.3f vs %.3f ms %s"
              % (s, ms(n[0], "p50_us"), ms(l[0], "p50_us"), "met" if ok50 else "NOT met",
                 ms(n[0], "p95_us"), ms(l[0], "p95_us"), "met" if ok95 else "NOT met"))
    for e in ("newsdex", "newsdex-remote"):
        if (e, s, "facets") in summ:
            k = summ[(e, s, "facets")][0]
            print("- %s %s: RSS %.0f MB (facets run), database open %.1f ms, %s documents"
                  % (e, s, int(k.get("rss_kb", 0)) / 1024, float(k.get("open_ms", 0)), k.get("docs", "?")))
    # exact hit-count agreement (facets mode counts every match)
    nx = tsvrows(R, "newsdex", s, "facets")
    for p in ("xapian", "lucene++"):
        pr = tsvrows(PR, p, s, "facets")
        if nx and len(pr) == len(nx):
            eq = sum(a["hits"] == b["hits"] for a, b in zip(nx, pr))
            print("- %s exact match counts newsdex = %s: %d/%d" % (s, p, eq, len(nx)))
    nr = tsvrows(R, "newsdex-remote", s, "facets")
    if nx and nr:
        eq = sum(a["hits"] == b["hits"] and a["top10"] == b["top10"] for a, b in zip(nx, nr))
        print("- %s newsdex local = remote (hits and top-10): %d/%d" % (s, eq, len(nx)))
# per-class medians
classes, rows = [], {}
for s in scales:
    for e, src in (("newsdex", R), ("newsdex-remote", R), ("lucene++", PR), ("xapian", PR)):
        for m in ("top10", "facets"):
            by = {}
            for r in tsvrows(src, e, s, m):
                c = r["class"].split("+")[0] if r["class"].startswith("filter") else r["class"]
                by.setdefault(c, []).append(float(r["latency_us"]))
                if c not in classes: classes.append(c)
            if by: rows[(e, s, m)] = {c: statistics.median(v) / 1e3 for c, v in by.items()}
if rows:
    print("\n### Median latency (ms) by query class\n")
    print("| engine | scale | mode | " + " | ".join(classes) + " |")
    print("|---|---|---|" + "---:|" * len(classes))
    for (e, s, m), d in rows.items():
        print("| %s | %s | %s | " % (e, s, m) + " | ".join("%.2f" % d.get(c, float("nan")) for c in classes) + " |")
PY
