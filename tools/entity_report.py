#!/usr/bin/env python3
"""Most frequent persons / companies / organisations by document frequency.

Reads newsdex-entities --json output (one object per article) from FILE or
standard input and prints, per type, the top N entities (default 200) with
their type and the number of articles they occur in.  By default only entities found in the text count
(mentions > 0); --with-metadata also counts metadata-only entities (Reuters
PEOPLE/ORGS tags, JSON persons/companies), as the search facets do.

  newsdex-entities --json reut2-*.sgm | tools/entity_report.py --top 200
"""
import argparse
import collections
import json
import sys


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("file", nargs="?", default="-")
    ap.add_argument("--top", type=int, default=200)
    ap.add_argument("--types", default="person,company", help="comma-separated: person,company,organization")
    ap.add_argument("--with-metadata", action="store_true", help="count metadata-only entities too")
    ap.add_argument("--tsv", action="store_true", help="type<TAB>rank<TAB>docs<TAB>id<TAB>name lines")
    args = ap.parse_args()
    f = sys.stdin if args.file == "-" else open(args.file, encoding="utf-8")
    df = collections.defaultdict(collections.Counter)
    names = collections.defaultdict(collections.Counter)
    articles = 0
    for line in f:
        line = line.strip()
        if not line:
            continue
        obj = json.loads(line)
        articles += 1
        seen = set()
        for e in obj.get("entities", []):
            if not args.with_metadata and not e.get("mentions"):
                continue
            key = (e["type"], e["id"])
            if key in seen:
                continue
            seen.add(key)
            df[e["type"]][e["id"]] += 1
            names[key][e["name"]] += 1
    types = [t.strip() for t in args.types.split(",") if t.strip()]
    if not args.tsv:
        print(f"{articles} articles ({'text + metadata' if args.with_metadata else 'text mentions only'})")
    for t in types:
        if not args.tsv:
            print(f"\n== top {args.top} {t} by document frequency")
        for rank, (eid, n) in enumerate(df[t].most_common(args.top), 1):
            name = names[(t, eid)].most_common(1)[0][0]
            if args.tsv:
                print(f"{t}\t{rank}\t{n}\t{eid}\t{name}")
            else:
                print(f"{rank:3d} {n:6d}  {t:<12} {name}  ({eid})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
