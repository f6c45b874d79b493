#!/usr/bin/env python3
"""Write synth_corpus.py's JSON Lines as the peers' .usv input (../shared/peers/prep_inputs.py's format).

  synth_to_usv.py IN.jsonl ENTITIES.tsv OUT.usv

One record per article, fields separated by 0x1F, records ended by 0x1E: id, yyyymmdd, title, body,
people, orgs, companies (multi-values joined with '|'); Lucene++'s bench reads it
(lucene_bench index OUT.usv DIR).  The synthetic archive has no tags, so people/orgs/companies come
from ENTITIES.tsv (bench/peer_entities.cpp: id, people, orgs, companies per article, the entities
newsdex extracted from the same articles): both engines then count the same facet values and filter
the same articles.  An article missing from ENTITIES.tsv gets empty fields and is counted on stderr.
The date is the article's UTC day, as newsdex stores it.  stdlib only.
"""
import json
import sys

US, RS = "\x1f", "\x1e"


def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    ents = {}
    with open(sys.argv[2], encoding="utf-8") as f:
        for line in f:
            parts = line.rstrip("\n").split("\t")
            if len(parts) != 4:
                sys.exit("synth_to_usv.py: bad line in %s: %r" % (sys.argv[2], line[:200]))
            ents[parts[0]] = parts[1:]
    n = missing = cleaned = 0
    with open(sys.argv[1], encoding="utf-8") as f, open(sys.argv[3], "w", encoding="utf-8", newline="") as out:
        for line in f:
            if not line.strip():
                continue
            d = json.loads(line)
            aid = str(d["id"])
            ymd = d["date"][:10].replace("-", "")
            title, body = d.get("title", ""), d.get("body", "")
            if any(c in s for s in (aid, title, body) for c in (US, RS)):
                aid, title, body = (s.replace(US, " ").replace(RS, " ") for s in (aid, title, body))
                cleaned += 1
            e = ents.get(aid)
            if e is None:
                missing += 1
                e = ["", "", ""]
            out.write(US.join([aid, ymd, title, body] + e) + RS)
            n += 1
    print("synth_to_usv.py: %d records -> %s; %d without an entities line%s"
          % (n, sys.argv[3], missing, "; %d with 0x1F/0x1E bytes replaced by spaces" % cleaned if cleaned else ""),
          file=sys.stderr)


if __name__ == "__main__":
    main()
