#!/usr/bin/env python3
"""newsdex-search's ranking flags: --explain (text and JSON), the OR fallback
and --no-or-fallback, the --no-... bonus flags, --no-surname-match, --expansion and --no-acronyms
(docs/cli.md, docs/ranking.md)."""
import os

from e2e_common import Checker, fresh_dir, parse_args, run, search_json

args = parse_args()
c = Checker()
corpus = os.path.join(args.source, "sample_corpus")
db = os.path.join(args.work, "ranking-cli.db")
fresh_dir(db)
r = run([args.index, "--db", db, "--shards", "2", "jsonl", "text", "html", "reuters"], cwd=corpus)
c.check(r.returncode == 0, f"index: {r.stderr}")


def kinds(hit):
    return {p["kind"] for p in hit.get("explain", [])}


# --explain: the parts add up to the score, BM25 per word first.
for query in ["apple", "trade talks", "apple iphone sales"]:
    doc, proc = search_json(args, db, query, "--explain", "--facets", "none")
    if not c.check(doc is not None and doc["hits"], f"{query!r}: hits with --explain: {proc.stderr}"):
        continue
    for h in doc["hits"]:
        parts = h.get("explain", [])
        total = sum(p["value"] for p in parts)
        c.check(parts and parts[0]["kind"] == "bm25", f"{query!r} {h['id']}: BM25 first: {parts}")
        c.check(abs(total - h["score"]) <= 1e-9 * max(1.0, h["score"]),
                f"{query!r} {h['id']}: parts add up to {total}, score {h['score']}")
plain, _ = search_json(args, db, "apple", "--facets", "none")
c.check(plain is not None and all("explain" not in h for h in plain["hits"]), "no explain without --explain")

r = run([args.search, "--db", db, "--explain", "--facets", "none", "-n", "2", "--", "trade talks"])
c.check(r.returncode == 0 and " = bm25 trade " in r.stdout.replace("\n", " ").replace("  ", " "),
        f"text --explain prints the parts: {r.stdout[:400]} {r.stderr}")

# Each bonus flag leaves its part out.
for flag, kind in [("--no-headline-bonus", "headline"), ("--no-proximity", "proximity")]:
    on, _ = search_json(args, db, "trade talks", "--explain", "--facets", "none")
    off, proc = search_json(args, db, "trade talks", "--explain", "--facets", "none", flag)
    if c.check(on is not None and off is not None, f"{flag}: runs: {proc.stderr}"):
        c.check(any(kind in kinds(h) for h in on["hits"]), f"{kind}: some hit earns it by default")
        c.check(all(kind not in kinds(h) for h in off["hits"]), f"{flag}: no hit earns {kind}")
off, proc = search_json(args, db, "jack ma", "--explain", "--facets", "none", "--no-entity-match")
c.check(off is not None and all("entity" not in kinds(h) for h in off["hits"]), f"--no-entity-match: {proc.stderr}")
# The lead bonus: an article naming the query's person early; only with entity matching.
on, _ = search_json(args, db, "jack ma", "--explain", "--facets", "none")
c.check(on is not None and any("lead" in kinds(h) for h in on["hits"]), "lead: some hit earns it by default")
for flag in ["--no-lead-bonus", "--no-entity-match"]:
    off, proc = search_json(args, db, "jack ma", "--explain", "--facets", "none", flag)
    c.check(off is not None and off["hits"] and all("lead" not in kinds(h) for h in off["hits"]),
            f"{flag}: no hit earns lead: {proc.stderr}")
# A surname alone names the person (docs/ranking.md, "Surnames"); --no-surname-match turns it off.
on, proc = search_json(args, db, "buffett", "--explain", "--facets", "none")
c.check(on is not None and any(p["kind"] == "entity" and p["detail"] == "Warren Buffett, by surname buffett"
                               for h in on["hits"] for p in h.get("explain", [])),
        f"a surname alone names the person by default: {proc.stderr}")
for flag in ["--no-surname-match", "--no-entity-match"]:
    off, proc = search_json(args, db, "buffett", "--explain", "--facets", "none", flag)
    c.check(off is not None and off["hits"] and all("entity" not in kinds(h) for h in off["hits"]),
            f"{flag}: a surname alone names no one: {proc.stderr}")

# Query expansion: off by default, --expansion adds its part (text and JSON).
on, proc = search_json(args, db, "trade", "--explain", "--facets", "none", "-n", "100", "--expansion")
off, _ = search_json(args, db, "trade", "--explain", "--facets", "none", "-n", "100")
if c.check(on is not None and off is not None, f"--expansion: runs: {proc.stderr}"):
    c.check(any("expansion" in kinds(h) for h in on["hits"]), "--expansion: some hit holds added terms")
    c.check(all("expansion" not in kinds(h) for h in off["hits"]), "no expansion by default")
    c.check(sorted(h["id"] for h in on["hits"]) == sorted(h["id"] for h in off["hits"]) and
            on["total"] == off["total"], "--expansion reorders the matches, adds none")
r = run([args.search, "--db", db, "--explain", "--expansion", "--facets", "none", "-n", "3", "--", "trade"])
c.check(r.returncode == 0 and "expansion (terms: " in r.stdout.replace("\n", " ").replace("  ", " "),
        f"text --explain shows the expansion: {r.stdout[:400]} {r.stderr}")
doc, proc = search_json(args, db, "trade talks", "--facets", "none", "--no-acronyms")
c.check(doc is not None and doc["hits"], f"--no-acronyms runs: {proc.stderr}")

# The OR fallback: no article holds both words.
doc, proc = search_json(args, db, "apple qqzzxxv", "--facets", "none")
if c.check(doc is not None, f"fallback: runs: {proc.stderr}"):
    c.check(doc.get("fallback") == "or" and doc["hits"], f"fallback: 'or' with hits: {doc.get('fallback')}")
    c.check(any("matches every word" in n for n in doc["notices"]), f"fallback: said in a notice: {doc['notices']}")
r = run([args.search, "--db", db, "--facets", "none", "--", "apple qqzzxxv"])
c.check(r.returncode == 0 and "note: no article matches every word" in r.stdout, f"text says it: {r.stdout[:300]}")
# Under a page of matches: they come first, the page is filled; --count and --all stay the query's own.
doc, proc = search_json(args, db, "trade talks", "--facets", "none", "--explain")
if c.check(doc is not None and doc.get("fallback") == "or", f"fallback under a page: {proc.stderr}"):
    strict, _ = search_json(args, db, "trade talks", "--facets", "none", "--no-or-fallback")
    exact = [h["id"] for h in strict["hits"]]
    c.check(0 < len(exact) < 10 and sorted(h["id"] for h in doc["hits"][:len(exact)]) == sorted(exact) and
            len(doc["hits"]) > len(exact), f"the query's matches first, then others: {exact}")
    c.check(any("articles match the query" in n for n in doc["notices"]), f"notice: {doc['notices']}")
    r = run([args.search, "--db", db, "--count", "--", "trade talks"])
    c.check(r.returncode == 0 and r.stdout.strip() == str(len(exact)), f"--count is the query's: {r.stdout}")
    r = run([args.search, "--db", db, "--all", "--format", "tsv", "--", "trade talks"])
    c.check(r.returncode == 0 and len(r.stdout.strip().splitlines()) == 1 + len(exact),
            f"--all exports the query's matches: {r.stdout[:300]}")
doc, proc = search_json(args, db, "apple qqzzxxv", "--facets", "none", "--no-or-fallback")
c.check(doc is not None and doc["total"] == 0 and "fallback" not in doc and proc.returncode == 1,
        f"--no-or-fallback: nothing, exit 1: {proc.returncode} {doc}")
doc, _ = search_json(args, db, "apple", "--facets", "none")
c.check(doc is not None and "fallback" not in doc, "one word: never a fallback")

c.finish()
