#!/usr/bin/env python3
"""Searching while the indexer commits after every article.

Xapian lets a reader keep a revision only until the writer has committed
past it: a search then gets DatabaseModifiedError and must reopen and try
again (issue 9: with --commit-every 1, 299 of 300 searches failed).  Here
newsdex-index adds 3,000 Reuters articles to a two-shard database with
--commit-every 1 while newsdex-search runs in a loop -- facets counted from
the per-document arrays, facets off, sorted by date, with spelling
suggestions -- and every search must succeed, with totals that never
shrink.
"""
import glob
import os
import subprocess
import sys
import time

from e2e_common import Checker, fresh_dir, parse_args, run, search_json

args = parse_args()
corpus = os.path.join(args.shared or "", "corpora", "reuters21578")
# Three files: the indexer (faster since it runs on mimalloc) must stay busy
# long enough for 20 searches on a loaded 2-core machine.
files = sorted(glob.glob(os.path.join(corpus, "reut2-*.sgm")))[:3]
if len(files) < 3:
    print(f"skipped: Reuters-21578 not found at {corpus}")
    sys.exit(77)

c = Checker()
db = os.path.join(args.work, "while-indexing.db")
fresh_dir(db)
env = dict(os.environ, NO_COLOR="1")
env.pop("NEWSDEX_DB", None)
indexer = subprocess.Popen([args.index, "--db", db, "--shards", "2", "--commit-every", "1", *files],
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
for _ in range(200):  # the stub is written before the first article
    if os.path.exists(os.path.join(db, "XAPIANDB")) or indexer.poll() is not None:
        break
    time.sleep(0.05)

searches = [("oil", []), ("oil", ["--facets", "none", "--exact"]), ("trade OR tariffs", ["--sort", "newest"]),
            ("", ["--facets", "date", "-n", "0"]), ("oill prices", ["--facets", "company"])]
seen = {}
during = failures = 0
try:
    while indexer.poll() is None:
        for query, extra in searches:
            doc, r = search_json(args, db, query, *extra)
            if doc is None:
                failures += 1
                c.check(False, f"{query!r} {extra} while indexing: exit {r.returncode}: {r.stderr.strip()}")
                continue
            during += indexer.poll() is None
            key = (query, tuple(extra))
            c.check(doc["total"] >= seen.get(key, 0), f"{query!r} {extra}: total {doc['total']} after "
                    f"{seen.get(key)}")
            seen[key] = doc["total"]
finally:
    if indexer.poll() is None:
        indexer.kill()
    out, err = indexer.communicate()
c.check(indexer.returncode == 0, f"indexer exit {indexer.returncode}: {err[-500:]}")
print(f"{during} searches finished while the indexer ran, {failures} failed")
c.check(during >= 20, f"enough searches overlapped the indexing ({during})")
final, r = search_json(args, db, "", "--facets", "date", "-n", "0")
c.check(final is not None and final["total"] == 3000, f"all 3,000 articles at the end: {r.stderr}")
c.finish()
