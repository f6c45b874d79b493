#!/usr/bin/env python3
"""bench/scale_bench.sh on 300 synthetic articles: the script runs to the end, both
databases hold every article, the compacted copy is one shard and smaller, every query
mode ran without errors on both, and the table reports all of it.  Performance is not
checked (the targets are for 1,000,000 articles on a quiet machine)."""
import os
import re
import sys

import subprocess

from e2e_common import Checker, fresh_dir, parse_args

args = parse_args()
shared = os.path.abspath(args.shared or "")
if not os.path.isfile(os.path.join(shared, "peers", "synth_corpus.py")) or \
        not os.path.isfile(os.path.join(shared, "corpora", "reuters21578", "reut2-000.sgm")):
    print(f"skipped: ../shared/peers/synth_corpus.py or Reuters-21578 not found under {shared}")
    sys.exit(77)

N = 300
out = os.path.join(args.work, "scale_bench")
fresh_dir(out)
build = os.path.dirname(os.path.dirname(os.path.abspath(args.index)))  # build/indexer/newsdex-index
env = dict(os.environ, SCALE_N=str(N), PASSES="1", SMALL_SCALES="none", BENCH_OUT=out,
           NEWSDEX_BIN=build, SHARED=shared, NO_COLOR="1")
c = Checker()
env.pop("NEWSDEX_DB", None)
r = subprocess.run(["bash", os.path.join(args.source, "bench", "scale_bench.sh")], env=env, cwd=args.source,
                   capture_output=True, text=True)
if not c.check(r.returncode == 0, f"scale_bench.sh exits 0 (got {r.returncode}): {r.stderr[-1500:]}"):
    c.finish()
table = r.stdout
c.check(open(os.path.join(out, "scale.md"), encoding="utf-8").read() == table, "scale.md holds the stdout table")

res = dict(l.rstrip("\n").split("=", 1) for l in open(os.path.join(out, "scale", "results", "scale.txt"),
                                                       encoding="utf-8"))
c.check(res["n"] == str(N), f"n={N} recorded: {res.get('n')}")
c.check(f"added {N}," in res["index_summary"], f"the indexer added {N}: {res['index_summary']}")
text, written, compacted = int(res["text_bytes"]), int(res["db_bytes"]), int(res["compact_bytes"])
c.check(0 < compacted < written, f"compacted copy smaller than as written: {compacted} vs {written}")
c.check(text > N * 100, f"text bytes plausible for {N} articles: {text}")
for key in ("index_wall_s", "index_cpu_s", "index_rss_kb", "compact_wall_s",
            "first_ms_multi_top10", "first_ms_multi_facets-auto",
            "first_ms_compact_top10", "first_ms_compact_facets-auto"):
    c.check(float(res.get(key, "-1")) > 0, f"{key} measured: {res.get(key)}")
stub = open(os.path.join(out, "scale", "nx_compact", "XAPIANDB"), encoding="utf-8").read()
c.check(len([l for l in stub.splitlines() if l.startswith("auto ")]) == 1, f"compacted copy has one shard: {stub!r}")
multi = open(os.path.join(out, "scale", "nx_multi", "XAPIANDB"), encoding="utf-8").read()
c.check(len([l for l in multi.splitlines() if l.startswith("auto ")]) == 2, f"as written: 2 shards: {multi!r}")

runs = {}
for line in open(os.path.join(out, "scale", "results", "query_summary.txt"), encoding="utf-8"):
    kv = dict(re.findall(r"([\w+-]+)=(\S+)", line))
    runs[(kv["peer"], kv["bench_mode"])] = kv
for db in ("multi", "compact"):
    for mode in ("top10", "facets", "facets-auto"):
        kv = runs.get((db, mode))
        if not c.check(kv is not None, f"query run {db} {mode} present"):
            continue
        c.check(kv["errors"] == "0" and kv["queries"] == "207", f"{db} {mode}: 207 queries, no errors: {kv}")
        c.check(kv["docs"] == str(N), f"{db} {mode}: {N} documents: {kv['docs']}")
hits = {db: runs[(db, "facets")]["mean_hits"] for db in ("multi", "compact") if (db, "facets") in runs}
c.check(len(set(hits.values())) == 1, f"exact totals equal on both databases: {hits}")

rows = [l for l in table.splitlines() if l.startswith("| newsdex, ")]
c.check(len(rows) == 6, f"6 query rows (2 databases x 3 modes) in the table: {rows}")
c.check(all("| 300 |" in l for l in rows), "every query row says 300 articles")
for what in ("database as written", "database after `--compact`", "index peak RSS", "articles/s",
             "Targets (targets are for 1,000,000 articles; this run has 300)",
             "Lucene++ at N: not run"):
    c.check(what in table, f"table mentions {what!r}")
c.check(len(re.findall(r"^- .*: .*(met|NOT met)$", table, re.M)) == 7, "7 target lines with a verdict")
c.finish()
