#!/usr/bin/env python3
"""bench/scale_bench.sh on 300 synthetic articles: the script runs to the end, both
databases hold every article, the compacted copy keeps its 2 shards and is smaller, every query
mode ran without errors on both, and the table reports all of it.  With Lucene++ installed
(pkg-config liblucene++) the Lucene++ step runs too (SCALE_PEERS default): its index holds
every article with newsdex's entities, its two query modes ran, and its filter queries
match as many articles as newsdex's; without it the run uses SCALE_PEERS=none.  Performance
is not checked (the targets are for 1,000,000 articles on a quiet machine)."""
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
lucene = subprocess.run(["pkg-config", "--exists", "liblucene++", "liblucene++-contrib"]).returncode == 0
if not lucene:
    env["SCALE_PEERS"] = "none"
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
c.check(len([l for l in stub.splitlines() if l.startswith("auto ")]) == 2, f"compacted copy keeps 2 shards: {stub!r}")
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
             "Lucene++ at N: ../shared/peers" if lucene else "Lucene++ at N: not run (SCALE_PEERS=none)"):
    c.check(what in table, f"table mentions {what!r}")
targets = 9 if lucene else 7  # + facets against Lucene++ on both databases
c.check(len(re.findall(r"^- .*: .*(met|NOT met)$", table, re.M)) == targets, f"{targets} target lines with a verdict")
if lucene:
    for mode in ("top10", "facets"):
        kv = runs.get(("lucene++", mode))
        if c.check(kv is not None, f"Lucene++ query run {mode} present"):
            c.check(kv["queries"] == "207" and kv["docs"] == str(N), f"Lucene++ {mode}: 207 queries on {N}: {kv}")
    c.check(float(res.get("lucene_index_wall_s", "-1")) > 0 and int(res.get("lucene_bytes", "0")) > 0,
            f"Lucene++ index timed and sized: {res.get('lucene_index_wall_s')} s, {res.get('lucene_bytes')} bytes")
    ents = [l.rstrip("\n").split("\t") for l in open(os.path.join(out, "scale", "entities.tsv"), encoding="utf-8")]
    c.check(len(ents) == N and all(len(e) == 4 for e in ents), f"entities.tsv: {N} lines of 4 fields")
    c.check(sum(1 for e in ents if e[1] or e[3]) > N // 2, "most articles carry a person or a company")
    lrows = [l for l in table.splitlines() if l.startswith("| Lucene++ 3.0, 1 index |")]
    c.check(len(lrows) == 2, f"2 Lucene++ query rows: {lrows}")
    c.check(len(re.findall(r"\| \d+\.\d\d× / \d+\.\d\d× \|", table)) == 6, "6 newsdex rows with a ratio to Lucene++")
    # people/org filters: Lucene++'s filter term selects the articles newsdex's filter resolves to
    import csv
    def tsv(name):
        return list(csv.DictReader(open(os.path.join(out, "scale", "results", name), encoding="utf-8"),
                                   delimiter="\t"))
    nx, lu = tsv("q_multi_facets.tsv"), tsv("q_lucene_facets.tsv")
    import json
    values = {}  # (usv column, value) -> articles carrying it in entities.tsv
    for e in ents:
        for col in (1, 2):
            for v in e[col].split("|") if e[col] else ():
                values[(col, v)] = values.get((col, v), 0) + 1
    filters = sorted({f for l in open(os.path.join(shared, "peers", "queries.txt"), encoding="utf-8")
                      for f in l.rstrip("\n").split("\t")[2:] if f.startswith(("people:", "orgs:"))})
    for f in filters:
        field, value = f.split(":", 1)
        q = ("person:" if field == "people" else "org:") + value
        r = subprocess.run([args.search, "--db", os.path.join(out, "scale", "nx_multi"), "--json", "-n", "1", q],
                           capture_output=True, text=True)
        d = json.loads(r.stdout) if r.returncode in (0, 1) and r.stdout.startswith("{") else {}  # 1: no match
        col = 1 if field == "people" else 2
        c.check(d.get("total_exact") and d.get("total") == values.get((col, value), 0),
                f"{f}: newsdex's {q} selects {d.get('total')} articles, entities.tsv gives "
                f"{values.get((col, value), 0)} the value {value!r}")
    for a, b in zip(nx, lu):
        if a["class"].startswith(("filter-people", "filter-orgs")) and a["hits"] == "0":
            c.check(b["hits"] == "0", f"filter query {a['query']}: newsdex 0 matches, Lucene++ {b['hits']}")
c.finish()
