#!/usr/bin/env python3
"""Score newsdex-entities --json output against a gold list of companies and
persons per article (tests/e2e/sample_entities.tsv: id <TAB> companies <TAB>
persons, names separated by ';').

  entity_sample_score.py GOLD PRED.jsonl [--min-company F] [--min-person F]
  entity_sample_score.py GOLD --run BINARY --corpus DIR [...]

--run runs `BINARY --json jsonl text html reuters` inside DIR (so that HTML
ids are the corpus-relative paths the gold file uses).  Only the articles
listed in GOLD are scored; every predicted person/company entity of such an
article counts (text mentions and merged metadata).  Names match after
slugging (accents, case, punctuation and apostrophes ignored), by entity id
or by display name.  Prints P/R/F1 per type (micro-averaged), the errors,
and exits 1 when a type's F1 is under its floor, 2 on unreadable input,
77 with --skip-missing when the gold file or corpus does not exist.
"""
import argparse
import collections
import json
import os
import re
import subprocess
import sys
import unicodedata

_FOLD = {"ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "đ": "d", "ł": "l", "þ": "th", "ı": "i"}


def slug(name):
    s = name.lower()
    s = "".join(_FOLD.get(c, c) for c in s)
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = re.sub(r"['\u2018\u2019]", "", s)
    s = re.sub(r"(?<=\w)&(?=\w)", "", s)
    s = re.sub(r"\b(\w)\.(?=\w\b)", r"\1", s)  # initials: I.B.M. -> ibm
    return "-".join(re.findall(r"[^\W_]+", s))


def read_gold(path):
    gold = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            cols = line.split("\t")
            cols += [""] * (3 - len(cols))
            aid = cols[0].strip()
            comp = [x.strip() for x in cols[1].split(";") if x.strip()]
            pers = [x.strip() for x in cols[2].split(";") if x.strip()]
            gold[aid] = {"company": comp, "person": pers}
    return gold


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("gold")
    ap.add_argument("pred", nargs="?")
    ap.add_argument("--run", help="newsdex-entities binary to run")
    ap.add_argument("--corpus", help="corpus directory for --run")
    ap.add_argument("--min-company", type=float, default=0.0)
    ap.add_argument("--min-person", type=float, default=0.0)
    ap.add_argument("--skip-missing", action="store_true")
    ap.add_argument("--quiet", action="store_true", help="do not list the errors")
    args = ap.parse_args()
    if args.skip_missing and (not os.path.exists(args.gold) or (args.corpus and not os.path.isdir(args.corpus))):
        print("gold file or corpus missing: skipped")
        return 77
    try:
        gold = read_gold(args.gold)
    except OSError as e:
        print(f"cannot read {args.gold}: {e}", file=sys.stderr)
        return 2
    if args.run:
        if not args.corpus:
            print("--run needs --corpus", file=sys.stderr)
            return 2
        dirs = [d for d in ("jsonl", "text", "html", "reuters") if os.path.isdir(os.path.join(args.corpus, d))]
        res = subprocess.run([args.run, "--json"] + dirs, cwd=args.corpus, capture_output=True, text=True)
        if res.returncode not in (0, 1):
            print(res.stderr, file=sys.stderr)
            return 2
        lines = res.stdout.splitlines()
    else:
        if not args.pred:
            print("need PRED or --run", file=sys.stderr)
            return 2
        try:
            with (sys.stdin if args.pred == "-" else open(args.pred, encoding="utf-8")) as f:
                lines = f.read().splitlines()
        except OSError as e:
            print(f"cannot read {args.pred}: {e}", file=sys.stderr)
            return 2
    pred = {}
    for line in lines:
        if line.strip():
            obj = json.loads(line)
            pred[obj["article"]] = obj.get("entities", [])
    tp = collections.Counter()
    fp = collections.Counter()
    fn = collections.Counter()
    errors = []
    for aid, g in gold.items():
        if aid not in pred:
            errors.append(f"{aid}: article missing from the output")
        ents = pred.get(aid, [])
        for typ in ("company", "person"):
            gnames = {slug(n): n for n in g[typ]}
            found = set()
            for e in ents:
                if e["type"] != typ:
                    continue
                keys = {e["id"], slug(e["name"])}
                hit = keys & set(gnames)
                if hit:
                    found |= hit
                    continue
                fp[typ] += 1
                errors.append(f"{aid}: extra {typ} '{e['name']}' ({e['id']}, {e['mentions']} mentions)")
            tp[typ] += len(found)
            for k, n in gnames.items():
                if k not in found:
                    fn[typ] += 1
                    errors.append(f"{aid}: missed {typ} '{n}'")
    if not args.quiet:
        for e in errors:
            print(e)
    rc = 0
    print(f"{'type':8s} {'P':>7s} {'R':>7s} {'F1':>7s} {'tp':>4s} {'fp':>4s} {'fn':>4s}")
    for typ, floor in (("company", args.min_company), ("person", args.min_person)):
        p = tp[typ] / (tp[typ] + fp[typ]) if tp[typ] + fp[typ] else 0.0
        r = tp[typ] / (tp[typ] + fn[typ]) if tp[typ] + fn[typ] else 0.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        print(f"{typ:8s} {p:7.4f} {r:7.4f} {f1:7.4f} {tp[typ]:4d} {fp[typ]:4d} {fn[typ]:4d}")
        if f1 < floor:
            print(f"FAIL: {typ} F1 {f1:.4f} under the floor {floor:.4f}")
            rc = 1
    return rc


if __name__ == "__main__":
    sys.exit(main())
