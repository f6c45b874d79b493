#!/usr/bin/env python3
"""Rewrite the peers' Reuters JSON Lines (../shared/peers/reuters_to_jsonl.py) for newsdex-index.

  to_newsdex_jsonl.py IN.jsonl OUT.jsonl

The peers' records carry id as an integer and entity metadata as people/orgs/companies
lists of Reuters codes; newsdex's JSONL reader (docs/input-formats.md) takes a string id and
persons/organizations/companies.  Mapped the way newsdex's own Reuters SGML reader maps them:
people "james-baker" -> persons "James Baker", orgs "opec" -> organizations "OPEC",
companies as is; source "Reuters", language "en".  Other fields (title, body, date,
dateline) are copied; topics/places/exchanges go to tags.  stdlib only.
"""
import json
import sys


def person(code):
    return " ".join(w.capitalize() for w in code.replace("-", " ").split())


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    n = 0
    with open(sys.argv[1], encoding="utf-8") as f, open(sys.argv[2], "w", encoding="utf-8") as out:
        for line in f:
            if not line.strip():
                continue
            d = json.loads(line)
            r = {"id": str(d["id"]), "title": d.get("title", ""), "body": d.get("body", ""),
                 "source": "Reuters", "language": "en"}
            for k in ("date", "dateline"):
                if d.get(k):
                    r[k] = d[k]
            if d.get("people"):
                r["persons"] = [person(p) for p in d["people"]]
            if d.get("orgs"):
                r["organizations"] = [o.upper() for o in d["orgs"]]
            if d.get("companies"):
                r["companies"] = d["companies"]
            tags = {k: d[k] for k in ("topics", "places", "exchanges") if d.get(k)}
            if tags:
                r["tags"] = tags
            out.write(json.dumps(r, ensure_ascii=False) + "\n")
            n += 1
    print("records=%d" % n, file=sys.stderr)


if __name__ == "__main__":
    main()
