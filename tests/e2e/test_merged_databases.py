#!/usr/bin/env python3
"""Databases indexed apart, searched as one.

a.db holds the sample corpus' tech articles (English only); b.db, indexed on
its own, the trade and world articles (German, French, Chinese, Japanese too)
and an article about a company that only b.db knows, with an alias that only
b.db's user alias table defines.  Searched together -- local + local, remote +
remote, local + remote -- every query must give exactly what one database
holding all the articles (indexed the same way) gives: totals, hits and
scores, facets with display names, alias filters, and the words of every
language.  Remote mixes are skipped (not failed) without xapian-tcpsrv.
"""
import json
import os
import shutil

from e2e_common import Checker, RemoteShards, parse_args, run, search_json, shards_of

args = parse_args()
c = Checker()
corpus = os.path.join(args.source, "sample_corpus", "jsonl")
work = os.path.join(args.work, "merged")
os.makedirs(work, exist_ok=True)

# Only in b.db: the company, its display name and its alias.
extra = os.path.join(work, "zorblax.jsonl")
with open(extra, "w") as f:
    f.write(json.dumps({
        "id": "extra-001", "title": "Zorblax Industries opens a plant in Ohio",
        "body": "Zorblax Industries said on Monday it would open a battery plant in Ohio, hiring 400 workers. "
                "The company, known to traders as Zorbco, expects the plant to ship its first cells next year.",
        "date": "2021-04-12T09:00:00Z", "source": "Midwest Ledger", "language": "en",
        "companies": ["Zorblax Industries"], "persons": ["Hedda Quarrington"]}) + "\n")
aliases = os.path.join(work, "aliases.txt")
with open(aliases, "w") as f:
    f.write("company: Zorblax Industries = Zorbco\n")

set_a = [os.path.join(corpus, "tech.jsonl")]
set_b = [os.path.join(corpus, "trade.jsonl"), os.path.join(corpus, "world.jsonl"), extra]
# English only: plain words stay plain terms, so local shards are matched
# one by one (with whole-database statistics) rather than together.
set_b_english = [os.path.join(corpus, "trade.jsonl"), extra]


def index(db, files, *extra_args):
    r = run([args.index, "--db", db, *extra_args, *files])
    c.check(r.returncode == 0, f"index {os.path.basename(db)} {files}: {r.stderr}")


def build(name, b_files):
    """a.db, b.db, and the reference: the same two runs into one database."""
    a_db, b_db, one_db = (os.path.join(work, f"{name}-{n}") for n in ("a.db", "b.db", "one.db"))
    for d in (a_db, b_db, one_db):
        shutil.rmtree(d, ignore_errors=True)
    index(a_db, set_a, "--shards", "2")
    index(b_db, b_files, "--shards", "1", "--aliases", aliases)
    index(one_db, set_a, "--shards", "2")
    index(one_db, b_files, "--aliases", aliases)
    return a_db, b_db, one_db


scenarios = {"multilingual": build("multilingual", set_b), "english": build("english", set_b_english)}
a_db, b_db, one_db = scenarios["multilingual"]

queries = [None, "apple", "trade OR tariffs", "company:\"berkshire hathaway\"", "person:\"warren buffett\"",
           "company:zorbco", "company:\"zorblax industries\"", "zorblax", "künstlicher", "merkel", "econ*",
           "company:ibm", "person:\"jack ma\"", "阿里巴巴", "date:2018..2021", "chip -apple", "battery OR plant",
           "tarifs", "zorblux", "merkl steel", "economis"]


def comparable(doc):
    """What must not depend on how the articles are split.  Hits are
    compared by score then id: equal scores may come in docid order, and
    docids depend on the split."""
    hits = sorted(((-round(h["score"], 9), h["id"], h["similar"], h["title"],
                    tuple((e["id"], e["name"]) for e in h["companies"])) for h in doc["hits"]))
    facets = {name: (f["distinct"], f["more"], [(v.get("id", v.get("value")), v.get("name"), v["count"])
                                                for v in f["values"]])
              for name, f in doc["facets"].items()}
    return {"total": doc["total"], "total_exact": doc["total_exact"], "hits": hits, "facets": facets,
            "notices": doc["notices"], "suggestion": doc["suggestion"]}


def compare(label, one_db, dbs):
    for q in queries:
        extra_args = []
        for d in dbs[1:]:
            extra_args += ["--db", d]
        expected, er = search_json(args, one_db, q, "-n", "100", "--exact")
        got, gr = search_json(args, dbs[0], q, "-n", "100", "--exact", *extra_args)
        if not c.check(expected is not None and got is not None, f"{label} {q!r} runs: {er.stderr} {gr.stderr}"):
            continue
        e, g = comparable(expected), comparable(got)
        for key in e:
            c.check(e[key] == g[key], f"{label} {q!r}: {key}: one database {e[key]!r}\n    {label}: {g[key]!r}")


# The test must be able to fail: what only b.db knows is really there.
zorb, _ = search_json(args, one_db, "company:zorbco")
c.check(zorb is not None and [h["id"] for h in zorb["hits"]] == ["extra-001"], "alias resolves in one database")
names = {v["id"]: v["name"] for v in zorb["facets"]["company"]["values"]} if zorb else {}
c.check(names.get("zorblax-industries") == "Zorblax Industries", f"display name in one database: {names}")
german, _ = search_json(args, one_db, "künstlicher")
c.check(german is not None and german["total"] >= 1, "a German word is found through German stemming")

for name, (a, b, one) in scenarios.items():
    compare(f"{name} local+local", one, [a, b])
    compare(f"{name} local+local reversed", one, [b, a])

# The text output names b.db's entities by display name, not slug.
r = run([args.search, "--db", a_db, "--db", b_db, "--facets", "company", "--", "zorblax"])
c.check(r.returncode == 0 and "Zorblax Industries" in r.stdout, f"text facet shows the display name: {r.stdout}")

with RemoteShards() as remote:
    if not remote.available:
        print("remote mixes skipped: xapian-tcpsrv not installed")
        c.finish()
    for name, (a, b, one) in scenarios.items():
        a_remote = remote.serve(shards_of(a), os.path.join(work, f"{name}-a-remote.stub"))
        b_remote = remote.serve(shards_of(b), os.path.join(work, f"{name}-b-remote.stub"))
        compare(f"{name} remote+remote", one, [a_remote, b_remote])
        compare(f"{name} local+remote", one, [a, b_remote])
        compare(f"{name} remote+local", one, [a_remote, b])
c.finish()
