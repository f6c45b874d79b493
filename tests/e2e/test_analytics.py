#!/usr/bin/env python3
"""Entity analytics on sample_corpus/ (issue 13).

- terminal: the related/significant tables and one sparkline row per trend
  entity, each as wide as the JSON's buckets, its peak the JSON's peak;
  colour only when asked for (the e2e runs set NO_COLOR);
- golden JSON for the new outputs (tests/e2e/golden/analytics-*.json and the
  graph file), normalised like test_golden.py (scores to 3 decimals); record
  a deliberate change with --update;
- the graph file: every edge weight is what --count says for both entities;
- --related with an entity the archive does not know: a clear message, exit 2;
- one database vs two databases searched together, local and remote
  (xapian-tcpsrv, skipped when missing): the same analytics and graph files.
"""
import json
import os
import re
import shutil
import sys
import xml.etree.ElementTree as ET

from e2e_common import Checker, RemoteShards, fresh_dir, parse_args, run, search_json, shards_of
from e2e_common import compare_golden as e2e_compare_golden

update = "--update" in sys.argv
if update:
    sys.argv.remove("--update")
args = parse_args()
c = Checker()
source_corpus = os.path.join(args.source, "sample_corpus")
golden_dir = os.path.join(args.source, "tests", "e2e", "golden")
work = os.path.join(args.work, "analytics")
os.makedirs(work, exist_ok=True)
db = os.path.join(work, "sample.db")
fresh_dir(db)
# Two shards whatever the machine, as the other goldens.
r = run([args.index, "--db", db, "--shards", "2", "jsonl", "text", "html", "reuters"], cwd=source_corpus)
c.check(r.returncode == 0, f"index: {r.stderr}")


def search_text(*argv, color="never"):
    return run([args.search, "--db", db, "--color", color, *argv])


# --- terminal shape -----------------------------------------------------------
r = search_text("-n", "0", "--related", "--", "trade")
c.check(r.returncode == 0, f"--related runs: {r.stderr}")
lines = r.stdout.splitlines()
for heading in ("Related companies", "Related persons"):
    if not c.check(heading in lines, f"{heading!r} table in {r.stdout}"):
        continue
    at = lines.index(heading)
    c.check(re.fullmatch(r"  name +count +score  id", lines[at + 1]) is not None, f"column header: {lines[at + 1]!r}")
    rows = []
    for line in lines[at + 2:]:
        if not line:
            break
        rows.append(line)
    c.check(1 <= len(rows) <= 10, f"{heading}: 1 to --facet-limit rows: {rows}")
    widths = {len(row) - len(row.split()[-1]) for row in rows}  # ids start in one column
    c.check(len(widths) == 1, f"{heading}: aligned columns: {rows}")
    for row in rows:
        c.check(re.fullmatch(r"  .+ +\d+ +-?\d+\.\d  \S+", row) is not None, f"{heading} row: {row!r}")
c.check("Companies" not in lines, "the analytics tables replace the facet panel")

trend_json, _ = search_json(args, db, "trade", "-n", "0", "--trend", "--trend-limit", "3")
r = search_text("-n", "0", "--trend", "--trend-limit", "3", "--", "trade")
if c.check(trend_json is not None and r.returncode == 0, f"--trend runs: {r.stderr}"):
    trends = trend_json["trends"]
    rows = [l for l in r.stdout.splitlines() if " peak " in l]
    c.check(len(rows) == len(trends["series"]) and len(rows) <= 6, f"one row per series: {rows}")
    heading = [l for l in r.stdout.splitlines() if l.startswith("Trend")]
    c.check(heading == [f"Trend (by {trends['granularity']}, {trends['buckets'][0]} … {trends['buckets'][-1]})"],
            f"trend heading names granularity and span: {heading}")
    for row, series in zip(rows, trends["series"]):
        m = re.fullmatch(r"  (.+?) +(\d+)  ([·▁▂▃▄▅▆▇█]+)  peak (\S+): (\d+)", row)
        if not c.check(m is not None, f"trend row shape: {row!r}"):
            continue
        cells = m.group(3)
        c.check(len(cells) == len(trends["buckets"]), f"one cell per bucket: {row!r}")
        c.check([ch == "·" for ch in cells] == [n == 0 for n in series["counts"]], f"zero buckets dotted: {row!r}")
        c.check(m.group(4) == series["peak"] and int(m.group(5)) == max(series["counts"]), f"peak: {row!r}")
        c.check(cells[trends["buckets"].index(series["peak"])] == "█", f"the peak cell is the full block: {row!r}")
    c.check("\x1b[" not in r.stdout, "no colour when not asked")
    colored = search_text("-n", "0", "--trend", "--", "trade", color="always")
    c.check("\x1b[1m\x1b[31m█" in colored.stdout, "the peak cell is coloured on request")

r = search_text("-n", "0", "--significant", "--min-count", "2", "--", "trade")
c.check(r.returncode == 0 and re.search(r"^  name +count +archive +score  id$", r.stdout, re.M) is not None,
        f"--significant table with the archive column: {r.stdout}")

# --- unknown entity -----------------------------------------------------------
r = search_text("--related", "--", "company:nosuchcompanyatall")
c.check(r.returncode == 2, f"unknown entity: exit 2, got {r.returncode}")
c.check("no company 'nosuchcompanyatall' in the archive" in r.stderr, f"unknown entity message: {r.stderr!r}")
c.check(r.stdout == "", f"nothing printed on stdout: {r.stdout!r}")
r = search_text("--graph", os.path.join(work, "g.gexf"), "--", "trade")
c.check(r.returncode == 2 and ".graphml" in r.stderr, f"bad graph file name: {r.stderr!r}")


# --- golden JSON ----------------------------------------------------------------
def normalise(doc):
    doc["elapsed_ms"] = 0
    for h in doc["hits"]:
        h["score"] = round(h["score"], 3)
    for key in ("related", "significant"):
        for entities in doc.get(key, {}).values():
            for e in entities:
                e["score"] = round(e["score"], 3)
    return doc


def compare_golden(name, got):
    e2e_compare_golden(c, os.path.join(golden_dir, name), got, update)


CASES = {
    "analytics-related-alibaba": ["-n", "1", "--related", "--trend", "--trend-limit", "2", "company:alibaba"],
    "analytics-significant-trade": ["-n", "0", "--significant", "--min-count", "2", "--facet-limit", "5", "trade"],
}
for name, argv in CASES.items():
    res, proc = search_json(args, db, argv[-1], *argv[:-1])
    if c.check(res is not None, f"{name}: search runs: {proc.stderr}"):
        compare_golden(name + ".json", json.dumps(normalise(res), ensure_ascii=False, indent=1, sort_keys=True) + "\n")

graph_file = os.path.join(work, "trade-graph.json")
r = search_text("-n", "0", "--graph", graph_file, "--graph-nodes", "8", "--", "trade")
if c.check(r.returncode == 0 and os.path.exists(graph_file), f"--graph writes the file: {r.stderr}"):
    text = open(graph_file, encoding="utf-8").read()
    compare_golden("analytics-graph-trade.json", text)
    graph = json.loads(text)
    c.check(len(graph["nodes"]) == 8 and graph["links"], f"8 nodes and some links: {graph}")
    c.check(re.search(rf"{re.escape(graph_file)}: 8 nodes, {len(graph['links'])} edges", r.stdout) is not None,
            f"the text output says what was written: {r.stdout}")
    # Exact: each weight is the number of matches naming both entities.
    for link in graph["links"][:6]:
        count = run([args.search, "--db", db, "--count", "--", f"trade {link['source']} {link['target']}"])
        c.check(count.stdout.strip() == str(link["weight"]), f"pair count {link}: --count says {count.stdout!r}")

graphml = os.path.join(work, "alibaba.graphml")
r = search_text("-n", "0", "--graph", graphml, "--graph-min-weight", "2", "--", "company:alibaba")
if c.check(r.returncode == 0, f"--graph .graphml: {r.stderr}"):
    ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
    root = ET.parse(graphml).getroot()
    edges = root.findall(".//g:edge", ns)
    weights = [int(e.find("g:data[@key='weight']", ns).text) for e in edges]
    c.check(edges and min(weights) >= 2, f"GraphML edges at least the minimum weight: {weights}")
    nodes = {n.get("id") for n in root.findall(".//g:node", ns)}
    c.check("company:alibaba" in nodes and all(e.get("source") in nodes and e.get("target") in nodes for e in edges),
            "GraphML edges join declared nodes")
    try:
        import networkx
        g = networkx.read_graphml(graphml)
        c.check(g.number_of_edges() == len(edges) and g.nodes["company:alibaba"]["count"] == 8,
                "networkx reads the GraphML")
    except ImportError:
        print("networkx not installed: GraphML read check skipped")

# --- one database vs several, local and remote -----------------------------------
corpus = os.path.join(source_corpus, "jsonl")
set_a = [os.path.join(corpus, "tech.jsonl")]
set_b = [os.path.join(corpus, "trade.jsonl"), os.path.join(corpus, "world.jsonl")]
a_db, b_db, one_db = (os.path.join(work, n) for n in ("a.db", "b.db", "one.db"))
for d in (a_db, b_db, one_db):
    shutil.rmtree(d, ignore_errors=True)
for target, files, shards in ((a_db, set_a, "2"), (b_db, set_b, "1"), (one_db, set_a, "2"), (one_db, set_b, None)):
    r = run([args.index, "--db", target, *(["--shards", shards] if shards else []), *files])
    c.check(r.returncode == 0, f"index {target}: {r.stderr}")

QUERIES = ["trade", "company:alibaba", "apple OR chip", "person:\"jack ma\"", "tariffs OR steel"]
ANALYTICS = ["-n", "0", "--related", "--significant", "--min-count", "1", "--trend", "--trend-limit", "3"]


def analytics_of(dbs, query, label):
    extra = []
    for d in dbs[1:]:
        extra += ["--db", d]
    graph = os.path.join(work, f"graph-{label}.json")
    doc, proc = search_json(args, dbs[0], query, *ANALYTICS, "--graph", graph, *extra)
    if doc is None:
        return None, proc.stderr
    return ({k: doc[k] for k in ("total", "related", "significant", "trends")}, open(graph).read()), ""


def compare(label, dbs):
    for q in QUERIES:
        want, err = analytics_of([one_db], q, "one")
        got, err2 = analytics_of(dbs, q, label.replace(" ", "-"))
        if c.check(want is not None and got is not None, f"{label} {q!r} runs: {err} {err2}"):
            c.check(want[0] == got[0], f"{label} {q!r}: analytics differ:\n  one: {want[0]}\n  got: {got[0]}")
            c.check(want[1] == got[1], f"{label} {q!r}: graph files differ")


# The comparison must be able to fail: the split really holds different articles.
only_a, _ = analytics_of([a_db], "trade OR apple", "a-only")
both, _ = analytics_of([one_db], "trade OR apple", "one-only")
c.check(only_a is not None and both is not None and only_a[0] != both[0], "a.db alone differs from all the articles")
compare("local+local", [a_db, b_db])
compare("local+local reversed", [b_db, a_db])
with RemoteShards() as remote:
    if not remote.available:
        print("remote mixes skipped: xapian-tcpsrv not installed")
    else:
        a_remote = remote.serve(shards_of(a_db), os.path.join(work, "a-remote.stub"))
        b_remote = remote.serve(shards_of(b_db), os.path.join(work, "b-remote.stub"))
        compare("remote+remote", [a_remote, b_remote])
        compare("local+remote", [a_db, b_remote])
c.finish()
