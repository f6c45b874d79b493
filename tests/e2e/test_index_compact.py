#!/usr/bin/env python3
"""newsdex-index --compact: compacted shards that answer exactly like the shards they replace.

sample_corpus/ is indexed into 3 shards; every query of sample_queries.tsv plus
filter, sort and facet queries is run with --json (hits, totals, facets, with
and without duplicate collapsing); the database is compacted shard by shard
(the default), and the same queries must give the same answer, hit order
included (elapsed_ms aside).  Then the compacted database passes xapian-check,
takes new articles, and is merged into one shard (--merge-shards), which must
give the same documents (the order of tied hits may follow the new docids).
"""
import glob
import json
import os
import re
import subprocess

from e2e_common import Checker, fresh_dir, parse_args, run, search_json

args = parse_args()
c = Checker()
corpus = os.path.join(args.source, "sample_corpus")
db = os.path.join(args.work, "compact.db")
fresh_dir(db)
r = run([args.index, "--db", db, "--shards", "3", "jsonl", "text", "html", "reuters"], cwd=corpus)
c.check(r.returncode == 0, f"sample corpus indexes into 3 shards: {r.stderr}")

queries = []
with open(os.path.join(args.source, "tests", "e2e", "sample_queries.tsv"), encoding="utf-8") as f:
    for line in f:
        if line.strip() and not line.startswith("#"):
            queries.append(line.split("\t")[0])
queries += ["the", "company:ibm", "oil OR trade", "market -china", "date:2019", "after:2015-01-01 tariff"]
variants = [["-n", "1000", "--exact"], ["-n", "5", "--no-collapse", "--exact"], ["-n", "10", "--sort", "newest"],
            ["-n", "10", "--facets", "company,person,date", "--facet-limit", "50"]]


def comparable(res, limit, sort_key):
    """The answer without what compaction may legitimately change: the order
    of hits that tie on the sort key, which follows docids, and so which tied
    hits fill the last places of a truncated list."""
    if not isinstance(res, dict):
        return res
    res = dict(res)
    res.pop("elapsed_ms", None)
    groups = []
    for hit in res.pop("hits"):
        hit = {k: v for k, v in hit.items() if k != "rank"}
        hit["score"] = float(f"{hit['score']:.10g}")
        key = hit[sort_key]
        if groups and groups[-1][0] == key:
            groups[-1][1].append(hit)
        else:
            groups.append((key, [hit]))
    canonical = [(key, sorted(json.dumps(h, sort_keys=True) for h in hits)) for key, hits in groups]
    if canonical and sum(len(hits) for _, hits in canonical) == limit:
        key, hits = canonical[-1]
        canonical[-1] = (key, len(hits))  # truncated: which tied hits made it depends on docids
    res["hits"] = canonical
    return res


def answers():
    """Every query's answer, whole but for elapsed_ms."""
    out = {}
    for q in queries:
        for v in variants:
            res, proc = search_json(args, db, q, *v)
            if res is None:
                out[(q, tuple(v))] = ("exit", proc.returncode, proc.stderr)
            else:
                res.pop("elapsed_ms", None)
                out[(q, tuple(v))] = res
    return out


def comparable_all(raw):
    """`raw` without what merging shards may legitimately change (comparable())."""
    out = {}
    for (q, v), res in raw.items():
        limit = int(v[v.index("-n") + 1])
        out[(q, v)] = comparable(res, limit, "date" if "--sort" in v else "score")
    return out


def shard_dirs():
    return sorted(os.path.basename(p) for p in glob.glob(os.path.join(db, "shard-*")) if os.path.isdir(p))


documents = int(re.search(r"number of documents = (\d+)", run(["xapian-delve", db]).stdout).group(1))
exact_before = answers()
before = comparable_all(exact_before)
c.check(sum(1 for v in before.values() if isinstance(v, dict) and v["total"] > 0) > 150,
        "most queries find something before compaction")
c.check(len(shard_dirs()) == 3, f"3 shards before: {shard_dirs()}")

r = run([args.index, "--db", db, "--compact"])
c.check(r.returncode == 0 and re.search(r"compacted .*: 3 shard\(s\) into 3", r.stdout),
        f"--compact alone compacts, shard by shard: {r.returncode} {r.stdout} {r.stderr}")
c.check(len(shard_dirs()) == 3, f"three shards after: {shard_dirs()}")


def check_layout(what):
    with open(os.path.join(db, "XAPIANDB")) as f:
        listed = [line.split()[1] for line in f if line.startswith("auto ")]
    c.check(sorted(listed) == shard_dirs(), f"{what}: the stub lists the new shards: {listed}")
    for shard in shard_dirs():
        c.check(os.path.exists(os.path.join(db, shard + ".facets")), f"{what}: {shard} has its facet cache")
        r = subprocess.run(["xapian-check", os.path.join(db, shard)], capture_output=True, text=True)
        c.check(r.returncode == 0, f"{what}: xapian-check passes on {shard}: {r.stdout[-300:]}")
    c.check(not os.path.exists(os.path.join(db, "compacting.tmp")), f"{what}: no staging directory left")


check_layout("shard by shard")
exact_after = answers()
for key in exact_before:
    c.check(exact_before[key] == exact_after[key],
            f"the very same answer after compacting shard by shard for {key}:\n  before "
            f"{json.dumps(exact_before[key])}\n  after  {json.dumps(exact_after[key])}")

r = run([args.index, "--db", db, "--compact", "--merge-shards"])
c.check(r.returncode == 0 and "3 shard(s) into 1" in r.stdout, f"--merge-shards merges: {r.stdout} {r.stderr}")
c.check(len(shard_dirs()) == 1, f"one shard after --merge-shards: {shard_dirs()}")
check_layout("merged")
after = comparable_all(answers())
for key in before:
    c.check(before[key] == after[key], f"same answer after merging for {key}:\n  before {json.dumps(before[key])}"
                                       f"\n  after  {json.dumps(after[key])}")
r = run([args.index, "--db", db, "--merge-shards"])
c.check(r.returncode == 2 and "--merge-shards goes with --compact" in r.stderr,
        f"--merge-shards alone is a usage error: {r.returncode} {r.stderr}")

# The compacted database is still a database: new articles go in, and it compacts again.
extra = os.path.join(args.work, "compact_extra.jsonl")
with open(extra, "w") as f:
    f.write(json.dumps({"id": "compact-new-1", "title": "Quokka census", "body": "A new article after compaction."})
            + "\n")
r = run([args.index, "--db", db, "--no-entities", "--compact", extra])
c.check(r.returncode == 0 and "added 1," in r.stdout and "1 shard(s) into 1" in r.stdout,
        f"index then compact in one run: {r.stdout} {r.stderr}")
res, proc = search_json(args, db, "quokka")
c.check(res is not None and [h["id"] for h in res["hits"]] == ["compact-new-1"], f"the new article is found: {proc.stderr}")
r = run(["xapian-delve", db])
c.check(f"number of documents = {documents + 1}\n" in r.stdout, f"every article is still there: {r.stdout}")
c.check(len(shard_dirs()) == 1, f"still one shard: {shard_dirs()}")
c.finish()
