#!/usr/bin/env python3
"""Score `newsdex-entities --conll FILE` output against the gold tags of FILE.

Usage: conll_score.py GOLD.conll PRED.jsonl [--min-per F] [--min-org F]
       (PRED may be '-' for standard input)
       conll_score.py GOLD.conll --run NEWSDEX_ENTITIES [--extractor] [--skip-missing] [...]
       (runs `NEWSDEX_ENTITIES --conll GOLD` and scores its output; with
       --skip-missing, exits 77 -- CTest's skip code -- when GOLD is absent)

Mention level: conlleval criterion, exact match of type, start and end (token
indexes within a document, end exclusive; documents numbered from 0 at each
-DOCSTART- line).  Document level: per document, the set of distinct
(type, mention string) pairs, compared between gold and prediction.
Prints precision / recall / F1 per type (PER, ORG).  Exits 1 when the
mention-level F1 of PER or ORG is below --min-per / --min-org, 2 on bad input.
Python 3 standard library only.
"""
import argparse
import json
import os
import subprocess
import sys

TYPES = ("PER", "ORG")


def read_gold(path):
    """Gold mentions {(doc, type, start, end)} and doc token lists."""
    mentions, docs = set(), []
    doc = -1
    tokens = None
    cur = None  # (type, start)

    def close(end):
        nonlocal cur
        if cur is not None:
            mentions.add((doc, cur[0], cur[1], end))
            cur = None

    with open(path, encoding="utf-8") as f:
        for line in f:
            parts = line.split()
            if not parts:
                if tokens is not None:
                    close(len(tokens))
                continue
            if parts[0] == "-DOCSTART-":
                if tokens is not None:
                    close(len(tokens))
                doc += 1
                tokens = []
                docs.append(tokens)
                continue
            if tokens is None:  # text before any -DOCSTART-
                doc = 0
                tokens = []
                docs.append(tokens)
            tag = parts[-1] if len(parts) > 1 else "O"
            i = len(tokens)
            tokens.append(parts[0])
            if tag == "O":
                close(i)
                continue
            prefix, _, typ = tag.partition("-")
            if cur is not None and (prefix == "B" or cur[0] != typ):
                close(i)
            if cur is None:
                cur = (typ, i)
        if tokens is not None:
            close(len(tokens))
    return {m for m in mentions if m[1] in TYPES}, docs


def read_pred(stream):
    out = set()
    for n, line in enumerate(stream, 1):
        line = line.strip()
        if not line:
            continue
        try:
            j = json.loads(line)
            out.add((int(j["doc"]), str(j["type"]), int(j["start"]), int(j["end"])))
        except (ValueError, KeyError, TypeError) as e:
            raise SystemExit(f"conll_score.py: prediction line {n}: {e}")
    return {m for m in out if m[1] in TYPES}


def prf(tp, fp, fn):
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("gold")
    ap.add_argument("pred", nargs="?", default=None)
    ap.add_argument("--run", metavar="NEWSDEX_ENTITIES", help="tag GOLD with this binary instead of reading PRED")
    ap.add_argument("--extractor", action="store_true",
                    help="with --run: score the whole extractor (newsdex-entities --conll --extractor), "
                    "not the tagger alone")
    ap.add_argument("--skip-missing", action="store_true", help="exit 77 when GOLD does not exist")
    ap.add_argument("--min-per", type=float, default=0.0)
    ap.add_argument("--min-org", type=float, default=0.0)
    args = ap.parse_args()
    if args.skip_missing and not os.path.exists(args.gold):
        print(f"conll_score.py: {args.gold} not found: skipped")
        return 77
    if (args.pred is None) == (args.run is None):
        ap.error("give either PRED or --run")
    try:
        gold, docs = read_gold(args.gold)
        if args.run:
            cmd = [args.run, "--conll", args.gold] + (["--extractor"] if args.extractor else [])
            proc = subprocess.run(cmd, stdout=subprocess.PIPE, text=True)
            if proc.returncode != 0:
                print(f"conll_score.py: {args.run} exited with {proc.returncode}", file=sys.stderr)
                return 2
            pred = read_pred(proc.stdout.splitlines())
        elif args.pred == "-":
            pred = read_pred(sys.stdin)
        else:
            with open(args.pred, encoding="utf-8") as f:
                pred = read_pred(f)
    except OSError as e:
        print(f"conll_score.py: {e}", file=sys.stderr)
        return 2

    def text(m):
        d, _, s, e = m
        return " ".join(docs[d][s:e]) if 0 <= d < len(docs) else ""

    results = {}
    print(f"{'type':6} {'level':9} {'P':>7} {'R':>7} {'F1':>7} {'gold':>6} {'pred':>6}")
    for typ in TYPES + ("ALL",):
        sel = (lambda m: True) if typ == "ALL" else (lambda m, t=typ: m[1] == t)
        g = {m for m in gold if sel(m)}
        p = {m for m in pred if sel(m)}
        tp = len(g & p)
        P, R, F = prf(tp, len(p) - tp, len(g) - tp)
        results[typ] = F
        print(f"{typ:6} {'mention':9} {P:7.4f} {R:7.4f} {F:7.4f} {len(g):6d} {len(p):6d}")
        gd = {(m[0], m[1], text(m)) for m in g}
        pd = {(m[0], m[1], text(m)) for m in p}
        tp = len(gd & pd)
        P, R, F = prf(tp, len(pd) - tp, len(gd) - tp)
        print(f"{typ:6} {'document':9} {P:7.4f} {R:7.4f} {F:7.4f} {len(gd):6d} {len(pd):6d}")
    failed = []
    if results["PER"] < args.min_per:
        failed.append(f"PER F1 {results['PER']:.4f} < {args.min_per}")
    if results["ORG"] < args.min_org:
        failed.append(f"ORG F1 {results['ORG']:.4f} < {args.min_org}")
    if failed:
        print("conll_score.py: below floor: " + "; ".join(failed), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
