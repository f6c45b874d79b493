#!/usr/bin/env python3
"""Remote shards: two xapian-tcpsrv processes on loopback, each serving one
half of the sample corpus, searched through a stub file, must give the same
totals, hits and facet counts as the local database."""
import os
import sys

from e2e_common import Checker, RemoteShards, fresh_dir, parse_args, run, search_json, shards_of

args = parse_args()
if not RemoteShards().available:
    print("skipped: xapian-tcpsrv not installed")
    sys.exit(77)

c = Checker()
corpus = os.path.join(args.source, "sample_corpus")
db = os.path.join(args.work, "remote-local.db")
fresh_dir(db)
r = run([args.index, "--db", db, "--shards", "2", "jsonl", "text", "html", "reuters"], cwd=corpus)
c.check(r.returncode == 0, f"index: {r.stderr}")

with RemoteShards() as servers:
    stub = servers.serve(shards_of(db), os.path.join(args.work, "remote.stub"))

    queries = ["apple", "trade OR tariffs", "company:ibm", "person:\"jack ma\"", "\"supply chain\"", "date:2019",
               "阿里巴巴", "zurich", "econ*", "title:apple", "chip -apple",
               # Surnames (searcher/src/surnames.h): read from the XW terms of the remote shards.
               "merkel", "bezos", "muller", "chancellor merkel"]
    for q in queries:
        local, lr = search_json(args, db, q, "-n", "20", "--exact", "--no-collapse")
        remote, rr = search_json(args, stub, q, "-n", "20", "--exact", "--no-collapse")
        if not c.check(local is not None and remote is not None, f"{q!r} runs: {lr.stderr} {rr.stderr}"):
            continue
        c.check(local["total"] == remote["total"], f"{q!r}: total {local['total']} == {remote['total']}")
        c.check([h["id"] for h in local["hits"]] == [h["id"] for h in remote["hits"]],
                f"{q!r}: same hits in the same order")
        for name in ("company", "person", "date"):
            lv = sorted((v.get("id", v.get("value")), v["count"]) for v in local["facets"][name]["values"])
            rv = sorted((v.get("id", v.get("value")), v["count"]) for v in remote["facets"][name]["values"])
            c.check(lv == rv, f"{q!r}: {name} facet equal: {lv} vs {rv}")
            c.check(local["facets"][name]["distinct"] == remote["facets"][name]["distinct"],
                    f"{q!r}: {name} distinct equal")
    # Query expansion (--expansion): its terms come from the whole database
    # set, so the remote shards, the local shards and one database holding
    # everything give the same hits, scores and expansion parts.
    one = os.path.join(args.work, "remote-one.db")
    fresh_dir(one)
    r = run([args.index, "--db", one, "--shards", "1", "jsonl", "text", "html", "reuters"], cwd=corpus)
    c.check(r.returncode == 0, f"index one: {r.stderr}")
    for q in ["apple", "trade", "chip prices", "gross national product"]:
        found = []
        for where in (one, db, stub):
            res, rr = search_json(args, where, q, "-n", "20", "--no-collapse", "--expansion", "--explain")
            c.check(res is not None, f"--expansion {q!r} on {where}: {rr.stderr}")
            found.append(res)
        if None in found:
            continue
        def parts(res):
            return [[(h["id"], round(h["score"], 9))] +
                    [(p["kind"], p.get("detail", ""), round(p["value"], 9)) for p in h.get("explain", [])]
                    for h in res["hits"]]
        c.check(parts(found[0]) == parts(found[1]) == parts(found[2]),
                f"--expansion {q!r}: same hits, scores and parts over one database, shards and remote shards")
    # Local and remote databases together, as one (--db repeated).
    both, br = search_json(args, db, "apple", "--db", stub, "--exact")
    c.check(both is not None, f"local + remote together: {br.stderr}")
c.finish()
