#!/usr/bin/env python3
"""Facets on every filter field, and --facet-offset: pages of a facet are slices
of the whole facet, counts agree with searching for the value, and remote
shards count what local ones do."""
import json
import os

from e2e_common import Checker, RemoteShards, fresh_dir, parse_args, run, shards_of

args = parse_args()
c = Checker()
corpus = os.path.join(args.source, "sample_corpus")
db = os.path.join(args.work, "facet-offset.db")
fresh_dir(db)
r = run([args.index, "--db", db, "--shards", "2", "jsonl", "text", "html", "reuters"], cwd=corpus)
c.check(r.returncode == 0, f"index: {r.stderr}")


FIELDS = ["company", "person", "source", "org", "topic", "place", "author", "lang"]


def facets(target, query, *extra):
    r = run([args.search, "--db", target, "--json", "-n", "0", "--facets", ",".join(FIELDS), *extra, "--", query])
    c.check(r.returncode == 0, f"{query!r} {extra}: exit {r.returncode} {r.stderr}")
    return json.loads(r.stdout)["facets"]


def check_pages(label, target):
    for query in ["", "trade OR market", "lang:en"]:
        whole = facets(target, query, "--facet-limit", "100000")
        c.check(sorted(whole) == sorted(FIELDS), f"{label}: a facet per field asked for: {list(whole)}")
        for field in FIELDS:
            values, distinct = whole[field]["values"], whole[field]["distinct"]
            c.check(len(values) == distinct and distinct >= (4 if field in ("company", "person") else 1),
                    f"{label} {query!r} {field}: the whole facet ({distinct})")
            counts = [v["count"] for v in values]
            c.check(counts == sorted(counts, reverse=True), f"{label} {query!r} {field}: by count")
            for v in values[:2]:  # a value's count is what filtering by it finds
                clause = f"{field}:\"{v['id']}\""
                r = run([args.search, "--db", target, "--count", "--", f"({query}) {clause}" if query else clause])
                c.check(r.stdout.strip() == str(v["count"]), f"{label} {query!r} {clause}: {r.stdout!r} vs {v}")
            for offset in range(0, distinct + 3, 3):
                page = facets(target, query, "--facet-limit", "3", "--facet-offset", str(offset))[field]
                c.check(page["values"] == values[offset:offset + 3], f"{label} {query!r} {field} offset {offset}")
                c.check(page["distinct"] == distinct and page["more"] == max(0, distinct - offset - 3),
                        f"{label} {query!r} {field} offset {offset}: more {page['more']}, distinct {page['distinct']}")


check_pages("local", db)

for bad in ["-1", "x", "1000001"]:
    r = run([args.search, "--db", db, "--facet-offset", bad, "trade"])
    c.check(r.returncode == 2 and "--facet-offset" in r.stderr and not r.stdout, f"--facet-offset {bad}: {r.stderr!r}")
r = run([args.search, "--db", db, "--show", "tech-001", "--facet-offset", "3"])
c.check(r.returncode == 2 and "--facet-offset" in r.stderr, f"--show with --facet-offset: {r.stderr!r}")

with RemoteShards() as remote:
    if not remote.available:
        print("remote shards skipped: xapian-tcpsrv not installed")
        c.finish()
    stub = remote.serve(shards_of(db), os.path.join(args.work, "facet-offset-remote.stub"))
    check_pages("remote", stub)
    c.check(facets(stub, "", "--facet-limit", "100000") == facets(db, "", "--facet-limit", "100000"),
            "remote and local shards count the same facets")
c.finish()
