#!/usr/bin/env python3
"""End to end on sample_corpus/: the real binaries index it and answer queries."""
import json
import os
import re
import signal

from e2e_common import num, Checker, fresh_dir, parse_args, run, search_json

args = parse_args()
c = Checker()
corpus = os.path.join(args.source, "sample_corpus")
# Paths relative to sample_corpus/, as a user would type them there.  (HTML pages
# carry no id: theirs is their canonical URL, docs/input-formats.md "Ids".)
good_inputs = ["jsonl", "text", "html", "reuters"]
db = os.path.join(args.work, "sample.db")
fresh_dir(db)

# --- index the good corpus -------------------------------------------------
r = run([args.index, "--db", db, *good_inputs], cwd=corpus)
c.check(r.returncode == 0, f"indexing sample corpus exits 0 (got {r.returncode}: {r.stderr})")
m = re.search(r"added ([\d,]+), replaced ([\d,]+), unchanged ([\d,]+), skipped ([\d,]+)", r.stdout)
c.check(m is not None, f"summary line printed: {r.stdout!r}")
added = num(m.group(1)) if m else 0
c.check(added >= 40, f"at least 40 articles added (got {added})")
c.check("articles/s" in r.stdout, "summary reports articles/s")

# --- expected ids per query --------------------------------------------------
with open(os.path.join(args.source, "tests", "e2e", "sample_queries.tsv"), encoding="utf-8") as f:
    for line in f:
        line = line.rstrip("\n")
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        query, expected = cols[0], [e.strip() for e in cols[1].split(",") if e.strip()]
        res, proc = search_json(args, db, query, "-n", "1000", "--exact", "--no-collapse", "--facets", "none")
        if not c.check(res is not None, f"query {query!r} runs (exit {proc.returncode}: {proc.stderr.strip()})"):
            continue
        ids = {h["id"] for h in res["hits"]}
        for e in expected:
            if e.startswith("!"):
                c.check(e[1:] not in ids, f"query {query!r} must not find {e[1:]} (found {sorted(ids)})")
            else:
                c.check(e in ids, f"query {query!r} must find {e} (found {sorted(ids)})")

# --- JSON output schema --------------------------------------------------------
res, proc = search_json(args, db, "apple", "-n", "3")
c.check(res is not None, f"json search runs: {proc.stderr}")
if res:
    c.check(res.get("version") == 1, "json version is 1")
    for key, kind in (("query", str), ("total", int), ("total_exact", bool), ("hits", list), ("facets", dict),
                      ("notices", list), ("elapsed_ms", (int, float))):
        c.check(isinstance(res.get(key), kind), f"json field {key} is {kind}")
    c.check("suggestion" in res, "json has suggestion")
    c.check(len(res["hits"]) <= 3, "-n 3 limits hits")
    for h in res["hits"]:
        for key in ("rank", "id", "title", "date", "source", "url", "score", "similar", "snippet", "companies",
                    "persons"):
            c.check(key in h, f"hit has {key}")
        c.check("**" in h["snippet"], f"snippet marks the query word: {h['snippet']!r}")
    for name in ("company", "person", "date"):
        c.check(name in res["facets"], f"default facets include {name}")
    date = res["facets"].get("date", {})
    c.check(all(set(v) == {"value", "count"} for v in date.get("values", [])), "date facet values are {value,count}")
    comp = res["facets"].get("company", {})
    c.check(all(set(v) == {"id", "name", "count"} for v in comp.get("values", [])), "company facet values are {id,name,count}")
    # Facet counts are exact: narrowing by each value gives the same count.
    for v in comp.get("values", [])[:5]:
        narrowed, _ = search_json(args, db, "apple", "--filter", f"company:{v['id']}", "--facets", "none",
                                  "--exact", "--no-collapse")
        c.check(narrowed is not None and narrowed["total"] == v["count"],
                f"company facet {v['id']} count {v['count']} equals narrowed total "
                f"{narrowed and narrowed['total']}")

# --exact counts every match, also when near-duplicates are collapsed.
for q in ("apple -iphone", "econ*", "trade"):
    collapsed, _ = search_json(args, db, q, "--exact", "--facets", "none", "--collapse")
    flat, _ = search_json(args, db, q, "--exact", "--facets", "none", "--no-collapse", "-n", "1000")
    c.check(collapsed and flat and collapsed["total_exact"] and collapsed["total"] == flat["total"] == len(flat["hits"]),
            f"--exact total of {q!r}: {collapsed and collapsed['total']} vs {flat and len(flat['hits'])}")

# --- terminal output -------------------------------------------------------------
r = run([args.search, "--db", db, "apple"])
# Exit 0 (something matched) and the header "N match(es) for ..." -- both, not
# either: `a and b or c` would pass on any output that says "match".
header = re.search(r'^[\d,]+\+? match(es)? for "apple"', r.stdout, re.M)
c.check(r.returncode == 0 and header is not None, f"terminal output (exit {r.returncode}): {r.stdout[:200]}")
c.check("\033[" not in r.stdout, "no colour when not a TTY")

# --- malformed queries: one-line message naming the problem, exit 2 -----------
for bad_query, expect in (('"unterminated phrase', "column"), ("(apple OR", "column"), ("apple )", "column"),
                          ("date:2015-13", "invalid date"), ("AND apple", "column"), ("OR", "column"),
                          ("apple NOT", "column"), ("date:2016..2015", "date")):
    r = run([args.search, "--db", db, "--", bad_query])
    c.check(r.returncode == 2, f"malformed query {bad_query!r} exits 2 (got {r.returncode})")
    c.check(expect in r.stderr and r.stderr.count("\n") == 1, f"malformed query {bad_query!r}: {r.stderr!r}")
r = run([args.search, "--db", db, "--sort", "sideways", "apple"])
c.check(r.returncode == 2 and "relevance, newest, oldest" in r.stderr, f"bad --sort lists valid values: {r.stderr!r}")
r = run([args.search, "--db", os.path.join(args.work, "no-such.db"), "apple"])
c.check(r.returncode == 3, f"missing database exits 3 (got {r.returncode}: {r.stderr})")

# --- re-indexing the same corpus changes nothing -------------------------------
r = run([args.index, "--db", db, *good_inputs], cwd=corpus)
m = re.search(r"added ([\d,]+), replaced ([\d,]+), unchanged ([\d,]+)", r.stdout)
c.check(m is not None and num(m.group(1)) == 0 and num(m.group(2)) == 0 and num(m.group(3)) == added,
        f"re-index: all unchanged: {r.stdout!r}")

# --- bad input: messages with file:line, counted, skipped; good records kept ----
bad_db = os.path.join(args.work, "bad.db")
fresh_dir(bad_db)
bad_dir = os.path.join(corpus, "bad")
big = os.path.join(args.work, "big.jsonl")
with open(big, "w", encoding="utf-8") as f:
    f.write(json.dumps({"id": "big-ok-1", "title": "Small neighbour", "body": "a fine small article"}) + "\n")
    f.write(json.dumps({"id": "big-1", "title": "Huge", "body": "word " * (10 * 1024 * 1024)}) + "\n")
    f.write(json.dumps({"id": "big-ok-2", "title": "Another neighbour", "body": "another fine article"}) + "\n")
# binary.dat is named on the command line: inside a directory, files with
# unknown extensions are passed over silently.
r = run([args.index, "--db", bad_db, bad_dir, os.path.join(bad_dir, "binary.dat"), big])
c.check(r.returncode == 1, f"bad input exits 1 (got {r.returncode}; {r.stderr})")
for needle in ("broken.jsonl:2:", "invalid-utf8.jsonl:2:", "absurd-date.jsonl:", "empty.txt", "binary.dat",
               "header-only.txt", "big.jsonl:2:"):
    c.check(needle in r.stderr, f"bad input message names {needle}: {r.stderr!r}")
c.check("too large" in r.stderr, "50 MB article reported as too large")
for good in ("bad-good-1", "bad-good-2", "bad-good-3", "bad-good-4", "bad-good-5", "bad-good-6", "big-ok-1",
             "big-ok-2"):
    res, _ = search_json(args, bad_db, f"id:{good}", "--facets", "none")
    c.check(res is not None and [h["id"] for h in res["hits"]] == [good], f"good record {good} indexed")

# --strict: the first bad record is fatal (exit 2); what came before is kept.
strict_db = os.path.join(args.work, "strict.db")
fresh_dir(strict_db)
r = run([args.index, "--db", strict_db, "--strict", os.path.join(bad_dir, "broken.jsonl")])
c.check(r.returncode == 2 and "broken.jsonl:2:" in r.stderr, f"--strict stops at line 2: {r.returncode} {r.stderr!r}")
res, _ = search_json(args, strict_db, "id:bad-good-1", "--facets", "none")
c.check(res is not None and len(res["hits"]) == 1, "--strict keeps the record before the bad one")

# --- delete ----------------------------------------------------------------------
r = run([args.index, "--db", bad_db, "--delete", "big-ok-1", "no-such-id"])
c.check(r.returncode == 0 and "deleted 1" in r.stdout and "not found 1" in r.stdout, f"delete: {r.stdout!r}")
res, _ = search_json(args, bad_db, "id:big-ok-1", "--facets", "none")
c.check(res is not None and res["hits"] == [], "deleted article is gone")

# --- round trip on the sample corpus (accents, CJK, hyphens, apostrophes) -------
r = run([args.roundtrip, "--db", db, "--phrases", "400", "--words", "300", "--seed", "7", *good_inputs], cwd=corpus)
c.check(r.returncode == 0, f"sample round trip: {r.stdout[-2000:]}")
print(r.stdout.strip().splitlines()[-1] if r.stdout.strip() else "roundtrip printed nothing")

c.finish()
