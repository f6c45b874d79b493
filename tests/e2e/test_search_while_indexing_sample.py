#!/usr/bin/env python3
"""Searching while the indexer commits: the indexer adds the sample corpus with
--commit-every 1 (a commit per article and shard) while searches run in a loop.
Every search must succeed (docs/cli.md: searches see the last commit) and the
number of articles found must never shrink.  Also run under ThreadSanitizer
by scripts/test.sh."""
import os
import subprocess
import time

from e2e_common import Checker, fresh_dir, parse_args, run, search_json

MIN_SEARCHES = 30

args = parse_args()
c = Checker()
corpus = os.path.join(args.source, "sample_corpus")
db = os.path.join(args.work, "while-indexing-sample.db")
fresh_dir(db)

# A first commit, so that the database exists before the first search.
r = run([args.index, "--db", db, "--quiet", "jsonl/world.jsonl"], cwd=corpus)
c.check(r.returncode == 0, f"first index: {r.stderr}")

indexer = subprocess.Popen([args.index, "--db", db, "--quiet", "--commit-every", "1",
                            "jsonl", "text", "html", "reuters"],
                           cwd=corpus, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
# Every article (an empty query with a facet: exact count, shows growth), then a
# text query with every facet (hits, stored data and the facet caches read
# while shards change).
queries = [("", ["--facets", "date"]), ("trade OR market OR apple", [])]
searches, failures, last_total, overlapped = 0, [], 0, 0
while indexer.poll() is None or searches < MIN_SEARCHES:
    query, extra = queries[searches % len(queries)]
    running = indexer.poll() is None
    doc, r = search_json(args, db, query, "-n", "5", *extra)
    searches += 1
    overlapped += running
    if doc is None:
        failures.append(f"search {query!r} exit {r.returncode}: {r.stderr.strip()[:300]}")
        continue
    if query == "":
        c.check(doc["total"] >= last_total, f"total shrank from {last_total} to {doc['total']}")
        last_total = doc["total"]
out, err = indexer.communicate()
c.check(indexer.returncode == 0, f"indexer exit {indexer.returncode}: {err}")
c.check(overlapped > 0, "no search ran while the indexer was running")
c.check(not failures, f"{len(failures)} of {searches} searches failed: {sorted(set(failures))[:3]}")
final, r = search_json(args, db, "", "--facets", "date")
c.check(final is not None and final["total"] >= last_total > 0,
        f"final total {final and final['total']} below the last seen {last_total}")
print(f"{searches} searches, {overlapped} while indexing, {len(failures)} failed")
c.finish()
