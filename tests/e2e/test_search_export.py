#!/usr/bin/env python3
"""Export formats of newsdex-search.

csv (RFC 4180, read back with Python's csv module) and tsv give one row per
hit with the documented columns, jsonl one hit object per line, --json is
--format json; each agrees field by field with the JSON document.  --all
exports every match of a Reuters-21578 search with more matches than one
export page (1,000), each exactly once, in rank order.
"""
import csv
import glob
import io
import json
import os
import subprocess

from e2e_common import Checker, fresh_dir, parse_args, run, search_json

COLUMNS = ["rank", "id", "date", "source", "title", "url", "companies", "persons", "score", "copy_of"]

args = parse_args()
c = Checker()


def search(db, *argv):
    return run([args.search, "--db", db, *argv])


def names(entities):
    return "; ".join(e["name"] for e in entities)


# Articles whose fields need quoting: commas, quotes, a newline in a title.
db = os.path.join(args.work, "export.db")
fresh_dir(db)
tricky = os.path.join(args.work, "export-tricky.jsonl")
with open(tricky, "w", encoding="utf-8") as f:
    for i, title in enumerate(['He said "yes, no" to the merger', "Tabs\tand, commas", 'Line one\nline "two"']):
        f.write(json.dumps({"id": f"tricky-{i}", "title": title, "date": f"2020-01-0{i + 1}",
                            "source": "Quote, \"Comma\" Wire", "url": f"https://example.com/a?x=1,{i}",
                            "body": "A merger of zanzibarcorp and others was discussed at length."}) + "\n")
corpus = os.path.join(args.source, "sample_corpus")
r = run([args.index, "--db", db, "--shards", "2", tricky, os.path.join(corpus, "jsonl"), os.path.join(corpus, "text")])
c.check(r.returncode == 0, f"index: {r.stderr}")

for query in ["zanzibarcorp", "trade OR tariffs", "company:apple"]:
    doc, r = search_json(args, db, query, "-n", "20", "--facets", "none")
    if not c.check(doc is not None and doc["hits"], f"{query!r}: JSON hits: {r.stderr}"):
        continue
    hits = doc["hits"]

    r = search(db, "--format", "csv", "-n", "20", "--", query)
    c.check(r.returncode == 0, f"{query!r} csv exit {r.returncode}: {r.stderr}")
    rows = list(csv.reader(io.StringIO(r.stdout, newline="")))
    c.check(rows and rows[0] == COLUMNS, f"{query!r}: csv header {rows[:1]}")
    body = rows[1:]
    c.check(len(body) == len(hits), f"{query!r}: {len(body)} csv rows == {len(hits)} hits")
    for row, hit in zip(body, hits):
        expected = [str(hit["rank"]), hit["id"], hit["date"] or "", hit["source"], hit["title"], hit["url"],
                    names(hit["companies"]), names(hit["persons"])]
        c.check(row[:8] == expected, f"{query!r}: csv row {row[:8]} == {expected}")
        c.check(abs(float(row[8]) - hit["score"]) <= 1e-5 * max(1.0, abs(hit["score"])), f"score {row[8]} ~ {hit['score']}")
        c.check(row[9] == hit.get("copy_of", ""), f"{query!r}: csv copy_of {row[9]!r} == {hit.get('copy_of')!r}")
    raw = subprocess.run([args.search, "--db", db, "--format", "csv", "-n", "20", "--", query],
                         capture_output=True, env=dict(os.environ, NO_COLOR="1")).stdout
    c.check(raw.endswith(b"\r\n") and raw.count(b"\r\n") == len(hits) + 1, f"{query!r}: CRLF records")

    r = search(db, "--format", "tsv", "-n", "20", "--", query)
    lines = r.stdout.split("\n")
    c.check(lines[0].split("\t") == COLUMNS and lines[-1] == "", f"{query!r}: tsv header and final newline")
    tsv = [line.split("\t") for line in lines[1:-1]]
    c.check(len(tsv) == len(hits) and all(len(t) == 10 for t in tsv), f"{query!r}: tsv {len(tsv)} rows of 10 fields")
    for t, hit in zip(tsv, hits):
        flat = hit["title"].replace("\t", " ").replace("\n", " ").replace("\r", " ")
        c.check(t[1] == hit["id"] and t[4] == flat and t[9] == hit.get("copy_of", ""), f"{query!r}: tsv row {t}")

    r = search(db, "--format", "jsonl", "-n", "20", "--", query)
    objects = [json.loads(line) for line in r.stdout.splitlines()]
    c.check(objects == hits, f"{query!r}: jsonl lines == the document's hits")

    # --json is --format json (elapsed_ms aside).
    a = json.loads(search(db, "--json", "-n", "5", "--", query).stdout)
    b = json.loads(search(db, "--format", "json", "-n", "5", "--", query).stdout)
    a.pop("elapsed_ms"), b.pop("elapsed_ms")
    c.check(a == b, f"{query!r}: --json == --format json")

# The quoting cases really occurred: quotes and commas quoted, and read back.
# (The indexer turns a title's tabs and newlines into spaces.)
r = search(db, "--format", "csv", "-n", "5", "zanzibarcorp")
c.check('"He said ""yes, no"" to the merger"' in r.stdout and '"Quote, ""Comma"" Wire"' in r.stdout,
        f"RFC 4180 quoting: {r.stdout[:300]!r}")
titles = {row[1]: (row[3], row[4]) for row in list(csv.reader(io.StringIO(r.stdout, newline="")))[1:]}
c.check(titles.get("tricky-0") == ('Quote, "Comma" Wire', 'He said "yes, no" to the merger')
        and titles.get("tricky-2") == ('Quote, "Comma" Wire', 'Line one line "two"'), f"quoted fields read back: {titles}")

# Misuse: --json with another --format; --all without a row format or with -n.
for argv, what in [(["--json", "--format", "csv"], "--json"), (["--all"], "--all"),
                   (["--all", "--format", "csv", "-n", "5"], "--limit"), (["--format", "xml"], "xml")]:
    r = search(db, *argv, "trade")
    c.check(r.returncode == 2 and what in r.stderr and not r.stdout, f"{argv}: exit 2 naming {what}: {r.returncode} {r.stderr}")

# --all on Reuters-21578: more matches than one export page.
reuters = os.path.join(args.shared or "", "corpora", "reuters21578")
files = sorted(glob.glob(os.path.join(reuters, "reut2-*.sgm")))
if not files:
    print(f"Reuters part skipped: not found at {reuters}")
    c.finish()
rdb = os.path.join(args.work, "export-reuters.db")
fresh_dir(rdb)
r = run([args.index, "--db", rdb, "--quiet", *files])
c.check(r.returncode == 0, f"index Reuters: {r.stderr[-300:]}")
for query in ["said", "oil OR crude"]:
    r = search(rdb, "--count", "--", query)
    total = int(r.stdout) if r.returncode == 0 else -1
    c.check(total > 1000, f"{query!r}: more than one page of matches ({total})")
    for fmt in ["csv", "jsonl"]:
        r = search(rdb, "--all", "--no-collapse", "--format", fmt, "--", query)
        if fmt == "csv":
            rows = list(csv.reader(io.StringIO(r.stdout, newline="")))[1:]
            ids, ranks = [row[1] for row in rows], [int(row[0]) for row in rows]
        else:
            objs = [json.loads(line) for line in r.stdout.splitlines()]
            ids, ranks = [o["id"] for o in objs], [o["rank"] for o in objs]
        c.check(r.returncode == 0, f"{query!r} --all {fmt}: exit {r.returncode} {r.stderr}")
        c.check(len(ids) == total, f"{query!r} --all {fmt}: {len(ids)} rows == {total} matches")
        c.check(len(set(ids)) == len(ids), f"{query!r} --all {fmt}: every match once")
        c.check(ranks == list(range(1, len(ranks) + 1)), f"{query!r} --all {fmt}: ranks 1..N in order")
    # The first page agrees with an ordinary search.
    doc, _ = search_json(args, rdb, query, "-n", "50", "--no-collapse", "--facets", "none")
    c.check(doc is not None and [h["id"] for h in doc["hits"]] == ids[:50], f"{query!r}: --all starts as the search does")
c.finish()
