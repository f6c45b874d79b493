#!/usr/bin/env python3
"""Golden JSON: the --json document is a contract (docs/json-output.md).

Indexes sample_corpus/ and compares the --json output of fixed searches with
tests/e2e/golden/*.json, after normalising what legitimately varies
(elapsed_ms; scores rounded to 3 decimals).  A deliberate change of output is
recorded with --update (review the diff before committing it).
"""
import json
import os
import sys

from e2e_common import Checker, compare_golden, fresh_dir, parse_args, run, search_json

update = "--update" in sys.argv
if update:
    sys.argv.remove("--update")
args = parse_args()
c = Checker()
corpus = os.path.join(args.source, "sample_corpus")
golden_dir = os.path.join(args.source, "tests", "e2e", "golden")
db = os.path.join(args.work, "golden.db")
fresh_dir(db)
# Two shards whatever the machine: docids (and so the order of equal scores)
# depend on the shard count.
r = run([args.index, "--db", db, "--shards", "2", "jsonl", "text", "html", "reuters"], cwd=corpus)
c.check(r.returncode == 0, f"index: {r.stderr}")

CASES = {
    "apple": ["-n", "3", "apple"],
    "person-jack-ma": ["-n", "2", "--facet-limit", "3", 'person:"jack ma"'],
    "chinese-phrase": ["-n", "2", "--facets", "date", "阿里巴巴"],
    "trade-since-2019-by-month": ["-n", "2", "--facets", "date", "--date-granularity", "month", "trade after:2019"],
    "no-match-suggestion": ["-n", "1", "--facets", "none", "soybaen"],
}


def normalise(doc):
    doc["elapsed_ms"] = 0
    for h in doc["hits"]:
        h["score"] = round(h["score"], 3)
    return doc


for name, argv in CASES.items():
    query, extra = argv[-1], argv[:-1]
    res, proc = search_json(args, db, query, *extra)
    if not c.check(res is not None, f"{name}: search runs: {proc.stderr}"):
        continue
    got = json.dumps(normalise(res), ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    compare_golden(c, os.path.join(golden_dir, name + ".json"), got, update)
c.finish()
