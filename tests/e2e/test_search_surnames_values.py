#!/usr/bin/env python3
"""Surnames, did-you-mean for persons, filter-only order, and --values.

Expectations come from the database itself (--values, then searches for each
full name), not from a list written here.
"""
import datetime
import json
import os
import re

from e2e_common import Checker, fresh_dir, parse_args, run

args = parse_args()
c = Checker()
corpus = os.path.join(args.source, "sample_corpus")
one = os.path.join(args.work, "surnames.db")
part_a = os.path.join(args.work, "surnames-a.db")
part_b = os.path.join(args.work, "surnames-b.db")
for db, dirs in [(one, ["jsonl", "text", "html", "reuters"]), (part_a, ["jsonl"]),
                 (part_b, ["text", "html", "reuters"])]:
    fresh_dir(db)
    r = run([args.index, "--db", db, "--shards", "2", *dirs], cwd=corpus)
    c.check(r.returncode == 0, f"index {dirs}: {r.stderr}")
SETUPS = {"one database": ["--db", one], "two databases": ["--db", part_a, "--db", part_b]}


def instant(date):
    """A hit's date as a point in time (UTC; a date without an offset taken as UTC), for
    checking date order: ISO strings with different offsets do not sort as the times do
    (trade-014, 11:45-05:00, is later than its copy trade-013, 15:10Z)."""
    if not date:
        return datetime.datetime.min.replace(tzinfo=datetime.timezone.utc)
    t = datetime.datetime.fromisoformat(date.replace("Z", "+00:00"))
    return t if t.tzinfo else t.replace(tzinfo=datetime.timezone.utc)


def search(dbs, *argv):
    return run([args.search, *dbs, *argv])


def doc(dbs, query, *extra):
    r = search(dbs, "--json", "-n", "1000", *extra, "--", query)
    c.check(r.returncode in (0, 1), f"{query!r}: exit {r.returncode} {r.stderr}")
    return json.loads(r.stdout) if r.stdout else {"hits": [], "notices": [], "total": 0}


def ids(d):
    return {h["id"] for h in d["hits"]}


def values(dbs, field, *extra):
    r = search(dbs, "--json", "--values", field, *extra)
    c.check(r.returncode in (0, 1) and not r.stderr, f"--values {field} {extra}: exit {r.returncode} {r.stderr}")
    return json.loads(r.stdout)


for label, dbs in SETUPS.items():
    # Surnames shared by several persons in the corpus, found from the data.
    persons = values(dbs, "person", "-n", "100000")["values"]
    by_surname = {}
    for v in persons:
        if "-" in v["id"]:
            by_surname.setdefault(v["id"].rsplit("-", 1)[1], []).append(v)
    shared = {s: vs for s, vs in by_surname.items() if len(vs) > 1 and s not in {v["id"] for v in persons}}
    c.check(shared, f"{label}: the corpus has a surname shared by two persons ({sorted(by_surname)[:10]})")
    for surname, people in shared.items():
        d = doc(dbs, f"person:{surname}")
        want = set().union(*(ids(doc(dbs, f"person:{p['id']}")) for p in people))
        c.check(ids(d) == want and want, f"{label}: person:{surname} = its persons' articles ({ids(d)} vs {want})")
        notice = [n for n in d["notices"] if "matched by surname" in n]
        c.check(len(notice) == 1 and all(p["name"] in notice[0] for p in people),
                f"{label}: person:{surname} notice names {[p['name'] for p in people]}: {d['notices']}")
        # A near miss (one letter dropped) suggests something that matches.
        typo = surname[:-2] + surname[-1]
        d = doc(dbs, f"person:{typo}")
        hint = [n for n in d["notices"] if "did you mean" in n]
        c.check(d["total"] == 0 and len(hint) == 1, f"{label}: person:{typo}: {d['notices']}")
        if hint:
            clause = re.search(r"did you mean (person:.*)\?$", hint[0]).group(1)
            c.check(doc(dbs, clause)["total"] > 0, f"{label}: the suggestion {clause} finds articles")
    # A full name still matches only that person, without a surname notice.
    some = next(iter(shared.values()))[0]
    d = doc(dbs, f"person:\"{some['name']}\"")
    c.check(ids(d) == ids(doc(dbs, f"person:{some['id']}")) and not any("surname" in n for n in d["notices"]),
            f"{label}: a full name is not widened to its surname: {d['notices']}")

    # Filter-only queries: by entities, ranked by how much the text names them
    # (said); by other fields, newest first (said); a scoring word keeps relevance.
    for query in [f"person:{some['id']}", "company:apple"]:
        d = doc(dbs, query)
        scores = [h["score"] for h in d["hits"]]
        c.check(len(scores) > 1 and scores[0] > 0 and scores == sorted(scores, reverse=True),
                f"{label}: {query} ranked by mentions: {scores}")
        c.check(any("most come first" in n for n in d["notices"]), f"{label}: {query} says so: {d['notices']}")
        c.check(any("**" in (h["snippet"] or "") for h in d["hits"][:1]),
                f"{label}: {query} highlights the name in the first hit: {d['hits'][:1]}")
        d = doc(dbs, query, "--sort", "newest")
        dates = [instant(h["date"]) for h in d["hits"]]
        c.check(dates == sorted(dates, reverse=True) and not any("first" in n for n in d["notices"]),
                f"{label}: {query} --sort newest is obeyed, without a notice")
    for query in ["lang:en"]:
        d = doc(dbs, query)
        dates = [instant(h["date"]) for h in d["hits"]]
        c.check(len(dates) > 1 and dates == sorted(dates, reverse=True),
                f"{label}: {query} newest first: {[h['date'] for h in d['hits']]}")
        c.check(any("newest first" in n for n in d["notices"]), f"{label}: {query} says newest first: {d['notices']}")
        d = doc(dbs, query, "--sort", "oldest")
        dates = [instant(h["date"]) for h in d["hits"]]
        c.check(dates == sorted(dates) and not any("newest first" in n for n in d["notices"]),
                f"{label}: {query} --sort oldest is obeyed, without the notice")
    d = doc(dbs, "trade company:apple OR trade")
    c.check(not any("first" in n for n in d["notices"]), f"{label}: words rank by relevance: {d['notices']}")
    r = search(dbs, "-n", "3", "--", "company:apple")
    c.check(r.returncode == 0 and "most come first" in r.stdout, f"{label}: the text output says how it ranks")
    r = search(dbs, "-n", "3", "--", "lang:en")
    c.check(r.returncode == 0 and "newest first" in r.stdout, f"{label}: the text output says newest first")

    # --values on every filter field: counts agree with --count FIELD:ID.
    for field in ["company", "person", "org", "source", "lang", "topic", "place", "author"]:
        v = values(dbs, field, "-n", "3")
        c.check(v["field"] == field and v["distinct"] >= len(v["values"]), f"{label}: --values {field}: {v}")
        counts = [x["count"] for x in v["values"]]
        c.check(counts == sorted(counts, reverse=True), f"{label}: --values {field} by count: {counts}")
        for x in v["values"]:
            r = search(dbs, "--count", "--", f"{field}:\"{x['id']}\"")
            c.check(r.stdout.strip() == str(x["count"]), f"{label}: {field}:{x['id']} count {r.stdout!r} vs {x}")
    c.check(values(dbs, "lang")["distinct"] >= 2, f"{label}: the corpus has two languages at least")
    full = values(dbs, "company", "-n", "100000")
    page = values(dbs, "company", "-n", "2", "--offset", "2")
    c.check(page["values"] == full["values"][2:4] and page["more"] == full["distinct"] - 4,
            f"{label}: --values pages with -n/--offset")
    # --prefix matches the start of any word of the id: a surname finds the full name.
    for surname, people in list(shared.items())[:1]:
        v = values(dbs, "person", "--prefix", surname[:3].upper())
        got = {x["id"] for x in v["values"]}
        c.check({p["id"] for p in people} <= got and all(
            any(w.startswith(surname[:3]) for w in i.split("-")) for i in got), f"{label}: --prefix {surname[:3]}: {got}")
    r = search(dbs, "--values", "company", "--offset", "100000")
    c.check(r.returncode == 0, f"{label}: values past the page still exit 0 ({r.returncode})")
    r = search(dbs, "--values", "person", "--prefix", "zzyzx")
    c.check(r.returncode == 1, f"{label}: --values with nothing to list exits 1 ({r.returncode})")

# Misuse: exit 2 with a message naming what is wrong.
for argv, words in [(["--values", "bogus"], ["bogus", "valid: company"]),
                    (["--values", "id"], ["unknown field 'id'"]),
                    (["--prefix", "rea", "trade"], ["--prefix needs --values"]),
                    (["--values", "person", "trade"], ["takes no query"]),
                    (["--values", "person", "--format", "csv"], ["--format csv"]),
                    (["--values", "person", "--count"], ["--values and --count"])]:
    r = search(SETUPS["one database"], *argv)
    c.check(r.returncode == 2 and not r.stdout and all(w in r.stderr for w in words),
            f"{argv}: exit {r.returncode}, {r.stderr!r}")
r = search(SETUPS["one database"], "--values", "person", "--prefix", "bec")
c.check(r.returncode == 0 and "person values starting with 'bec'" in r.stdout, f"text output: {r.stdout!r}")
c.finish()
