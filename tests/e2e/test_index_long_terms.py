#!/usr/bin/env python3
"""Issue 9, failure 1: ids and values too long for a Xapian term.

2,003 valid records with, in the middle, one whose id is a 400-byte URL (valid:
stored under a shortened id term) and one whose language is 300 bytes (a bad
record).  Every valid record is stored, the run goes on to its summary and exits
1; a re-run changes nothing; --strict exits 2 naming the bad line.
"""
import json
import os
import re

from e2e_common import num, Checker, fresh_dir, parse_args, run, search_json

args = parse_args()
c = Checker()
os.makedirs(args.work, exist_ok=True)

long_id = "https://news.example.com/" + "/".join(f"section-{i:03d}" for i in range(34)) + "?ref=rss"
assert len(long_id) > 400
records = []
for i in range(2003):
    records.append({"id": f"rec-{i}", "title": f"Record {i} headline", "body": f"Plain body text number {i}.",
                    "date": "2020-01-02"})
    if i == 1000:
        records.append({"id": long_id, "title": "Zanzibarian longitude",
                        "body": "The article with the very long URL as its id."})
        records.append({"id": "bad-language", "title": "Bad", "body": "Its language is absurd.",
                        "language": "x" * 300})
path = os.path.join(args.work, "long_terms.jsonl")
with open(path, "w", encoding="utf-8") as f:
    for r in records:
        f.write(json.dumps(r) + "\n")
bad_line = next(i for i, r in enumerate(records, 1) if r["id"] == "bad-language")

summary = re.compile(r"added ([\d,]+), replaced ([\d,]+), unchanged ([\d,]+), skipped ([\d,]+)")
db = os.path.join(args.work, "long_terms.db")
fresh_dir(db)
for attempt, field in ((1, 1), (2, 3)):  # first run adds, the re-run finds everything unchanged
    r = run([args.index, "--db", db, "--no-entities", "--commit-every", "50", path])
    c.check(r.returncode == 1, f"run {attempt}: exit 1 for one bad record (got {r.returncode}: {r.stderr[-500:]})")
    m = summary.search(r.stdout)
    if c.check(m is not None, f"run {attempt}: summary line printed: {r.stdout!r}"):
        c.check(num(m.group(field)) == 2004, f"run {attempt}: 2,004 records in group {field}: {m.group(0)}")
        c.check(num(m.group(4)) == 1, f"run {attempt}: one skipped: {m.group(0)}")
    c.check(f"long_terms.jsonl:{bad_line}: value too long to index: lang" in r.stderr,
            f"run {attempt}: the bad record is named by file:line: {r.stderr!r}")

r = run(["xapian-delve", db])
c.check("number of documents = 2004" in r.stdout, f"2,004 documents in the database: {r.stdout} {r.stderr}")
res, proc = search_json(args, db, "zanzibarian", "--facets", "none")
c.check(res is not None and [h["id"] for h in res["hits"]] == [long_id],
        f"the long-id article is found with its whole id: {proc.stderr} {res and [h['id'] for h in res['hits']]}")

res, proc = search_json(args, db, 'id:"' + long_id + '"', "--facets", "none")
c.check(res is not None and [h["id"] for h in res["hits"]] == [long_id],
        f"an id: filter finds the long id: {proc.stderr} {res and [h['id'] for h in res['hits']]}")

r = run([args.search, "--db", db, "--json", "--show", long_id])
c.check(r.returncode == 0 and json.loads(r.stdout).get("id") == long_id,
        f"--show finds the long id: {r.returncode} {r.stderr} {r.stdout[:200]}")

r = run([args.index, "--db", db, "--delete", long_id])
c.check(r.returncode == 0 and "deleted 1," in r.stdout, f"the long id deletes exactly: {r.returncode} {r.stdout}")

# A text file without an id in a very deep folder: its id no longer comes from
# its path (docs/input-formats.md, stable ids), so it is stored once, re-run or not.
deep = os.path.join(args.work, "long_terms_tree", *(f"folder-{i:02d}-with-a-long-name" for i in range(12)))
os.makedirs(deep, exist_ok=True)
with open(os.path.join(deep, "story.txt"), "w") as f:
    f.write("Title: Deeply filed quetzalcoatl story\n\nA text article in a very deep folder.\n")
for attempt, field in ((1, 1), (2, 3)):
    r = run([args.index, "--db", db, "--no-entities", os.path.join(args.work, "long_terms_tree")])
    m = summary.search(r.stdout)
    c.check(r.returncode == 0 and m and num(m.group(field)) == 1,
            f"run {attempt}: a file whose derived id is {len(deep)}+ bytes is stored: {r.stdout} {r.stderr}")
res, proc = search_json(args, db, "quetzalcoatl", "--facets", "none")
c.check(res is not None and len(res["hits"]) == 1 and res["hits"][0]["id"].startswith("sha256:"),
        f"the deep file is found once, under its content-derived id: {proc.stderr} {res and [h['id'] for h in res['hits']]}")

strict_db = os.path.join(args.work, "long_terms_strict.db")
fresh_dir(strict_db)
r = run([args.index, "--db", strict_db, "--no-entities", "--strict", path])
c.check(r.returncode == 2, f"--strict exits 2 (got {r.returncode}: {r.stderr[-500:]})")
c.check(f"long_terms.jsonl:{bad_line}:" in r.stderr, f"--strict names the bad line: {r.stderr!r}")
c.finish()
