#!/usr/bin/env python3
"""Relevance benchmark: newsdex, Xapian BM25 and SQLite FTS5 on Reuters-21578,
judged by Reuters' own TOPICS and PEOPLE labels (docs/ranking.md).

  relevance.py prepare CORPUS_DIR WORK [--title-into-body]   convert, strip the labels, write qrels
  relevance.py run --work WORK --engine E [--search BIN --db DIR] [--label L] [--extra ARG ...]
                   [--xapian-script FILE]
  relevance.py score --work WORK LABEL...          markdown table of P@10, nDCG@10, MAP
  relevance.py floor --shared DIR --work WORK --index BIN --search BIN
                     --min-topics X --min-people Y  CTest floor on the test split

Every engine indexes WORK/docs.jsonl (or its scriptindex dump): id, title, body and date
only, so no ranking ever sees the labels it is judged on.  Queries come from topics.tsv and
people.tsv beside this script; a query's split (tune or test) is fixed by the SHA-1 of its
id, so adding a query never moves another one.  dev.tsv adds more phrasings of tune-split
codes, or of codes whose id falls in tune (split "dev", reported apart and left out of "all").  Runs are written to WORK/runs/LABEL.tsv
(query id, rank, article id), top 1000, AND of the words.  stdlib only.
"""
import argparse
import hashlib
import json
import math
import os
import shutil
import sqlite3
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
DEPTH = 1000  # hits judged per query (MAP depth)
SETS = (("topics", "topic", "topics.tsv", "topics"), ("people", "person", "people.tsv", "people"))


class BadInput(Exception):
    pass


# ---------------------------------------------------------------- queries and judgements

def split_of(qid):
    """'test' or 'tune', fixed by the query id alone (about half each)."""
    return "test" if int(hashlib.sha1(qid.encode()).hexdigest()[:8], 16) % 2 == 0 else "tune"


def tsv_rows(path):
    """(lineno, line, [two columns]) of a query file, skipping blank and comment lines."""
    with open(path, encoding="utf-8") as f:
        for lineno, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            cols = line.split("\t")
            yield lineno, line, cols if len(cols) == 2 and cols[0].strip() and cols[1].strip() else None


def load_queries():
    """[{qid, set, label, code, text, split}] from topics.tsv and people.tsv, then dev.tsv."""
    queries, seen = [], {}
    for set_name, kind, filename, label_field in SETS:
        path = os.path.join(HERE, filename)
        for lineno, line, cols in tsv_rows(path):
            if not cols:
                raise BadInput(f"{path}:{lineno}: expected CODE<TAB>QUERY TEXT, got {line!r}")
            qid = f"{kind}:{cols[0].strip()}"
            if qid in seen:
                raise BadInput(f"{path}:{lineno}: {cols[0].strip()} is already a query (line {seen[qid]})")
            seen[qid] = lineno
            queries.append({"qid": qid, "set": set_name, "label": label_field, "code": cols[0].strip(),
                            "text": cols[1].strip(), "split": split_of(qid)})
    return queries + load_dev_queries()


def load_dev_queries():
    """[{...split: 'dev'}] from dev.tsv: more phrasings of tune-split codes (never of test ones)."""
    path, queries, per_code = os.path.join(HERE, "dev.tsv"), [], {}
    kinds = {kind: (set_name, label_field) for set_name, kind, _, label_field in SETS}
    for lineno, line, cols in tsv_rows(path):
        kind, _, code = cols[0].strip().partition(":") if cols else ("", "", "")
        if kind not in kinds or not code:
            raise BadInput(f"{path}:{lineno}: expected KIND:CODE<TAB>QUERY TEXT "
                           f"(KIND one of {', '.join(kinds)}), got {line!r}")
        if split_of(f"{kind}:{code}") != "tune":
            raise BadInput(f"{path}:{lineno}: {kind}:{code} is a test-split code: "
                           "a dev query on it would tune on test judgements")
        per_code[(kind, code)] = per_code.get((kind, code), 0) + 1
        set_name, label_field = kinds[kind]
        queries.append({"qid": f"dev:{kind}:{code}:{per_code[(kind, code)]}", "set": set_name,
                        "label": label_field, "code": code, "text": cols[1].strip(), "split": "dev"})
    return queries


def write_dump_record(out, rec):
    """One scriptindex record: name=value lines, a newline inside a value continues with '='."""
    for key in ("id", "date", "title", "body"):
        value = rec.get(key, "")
        if value:
            out.write(key + "=" + value.replace("\n", "\n=") + "\n")
    out.write("\n")


def prepare(corpus, work, converter=None):
    """Convert the SGML with the peers' converter, then write the label-free inputs and qrels."""
    os.makedirs(work, exist_ok=True)
    full = os.path.join(work, "full.jsonl")
    converter = converter or os.path.join(corpus, "..", "..", "peers", "reuters_to_jsonl.py")
    if not os.path.exists(full):
        subprocess.run([sys.executable, converter, corpus, full + ".tmp"], check=True)
        os.replace(full + ".tmp", full)
    queries = load_queries()
    wanted = {}  # (label, code) -> the ids of its queries (a dev query shares its code)
    for q in queries:
        wanted.setdefault((q["label"], q["code"]), []).append(q["qid"])
    qrels = {q["qid"]: set() for q in queries}
    docs = skipped = 0
    with open(full, encoding="utf-8") as f, \
            open(os.path.join(work, "docs.jsonl"), "w", encoding="utf-8") as jsonl, \
            open(os.path.join(work, "docs.dump"), "w", encoding="utf-8") as dump:
        for lineno, line in enumerate(f, 1):
            if not line.strip():
                continue
            d = json.loads(line)
            rec = {"id": str(d["id"]), "title": d.get("title", ""), "body": d.get("body", ""),
                   "date": d.get("date", "")}
            if not rec["title"].strip() and not rec["body"].strip():
                # Nothing to find it by (newsdex-index rejects it): left out of the judgements too.
                print(f"{full}:{lineno}: article {rec['id']} has no title and no body: skipped", file=sys.stderr)
                skipped += 1
                continue
            jsonl.write(json.dumps(rec, ensure_ascii=False) + "\n")
            write_dump_record(dump, rec)
            docs += 1
            for label in ("topics", "people"):
                for code in d.get(label, []):
                    for qid in wanted.get((label, code), ()):
                        qrels[qid].add(rec["id"])
    empty = [qid for qid, rel in qrels.items() if not rel]
    if empty:
        raise BadInput("no article carries the label of query " + ", ".join(empty))
    with open(os.path.join(work, "qrels.tsv"), "w", encoding="utf-8") as out:
        for qid in sorted(qrels):
            for doc in sorted(qrels[qid], key=int):
                out.write(f"{qid}\t{doc}\n")
    with open(os.path.join(work, "queries.tsv"), "w", encoding="utf-8") as out:
        for q in queries:
            out.write(f"{q['qid']}\t{q['set']}\t{q['split']}\t{q['text']}\t{len(qrels[q['qid']])}\n")
    print(f"prepared {docs} articles ({skipped} skipped), {len(queries)} queries in {work}", file=sys.stderr)


def load_qrels(work):
    qrels = {}
    with open(os.path.join(work, "qrels.tsv"), encoding="utf-8") as f:
        for line in f:
            qid, doc = line.rstrip("\n").split("\t")
            qrels.setdefault(qid, set()).add(doc)
    return qrels


# ---------------------------------------------------------------- engines

def query_words(text):
    return [w for w in text.lower().split() if w]


def run_newsdex(queries, search, db, extra):
    """One newsdex-search process per query: --json, top DEPTH, AND (its default)."""
    runs = {}
    for q in queries:
        cmd = [search, "--db", db, "--json", "-n", str(DEPTH), "--facets", "none"] + list(extra) + [q["text"]]
        p = subprocess.run(cmd, capture_output=True, text=True)
        if p.returncode not in (0, 1):  # 1 = nothing matched
            raise BadInput(f"query column of {q['qid']} ({q['text']!r}): newsdex-search exit {p.returncode}: "
                           f"{p.stderr.strip()}")
        runs[q["qid"]] = [str(h["id"]) for h in json.loads(p.stdout).get("hits", [])]
    return runs


def build_xapian(work, script):
    """A scriptindex database of docs.dump per index script (named after the script)."""
    db = os.path.join(work, os.path.splitext(os.path.basename(script))[0] + ".db")
    if not os.path.exists(db):
        subprocess.run(["scriptindex", "--stemmer=english", db + ".tmp", script,
                        os.path.join(work, "docs.dump")], check=True, stdout=subprocess.DEVNULL)
        os.replace(db + ".tmp", db)
    return db


def run_xapian(queries, work, script):
    """Xapian 1.4 BM25 (default parameters) through `quest`: english stemming, AND."""
    db = build_xapian(work, script)
    runs = {}
    for q in queries:
        cmd = ["quest", "-d", db, "-m", str(DEPTH), "-s", "english", "-o", "and", q["text"]]
        out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
        # quest prints each hit as "<docid> [<weight>]" then its data: "id=<article id>" first.
        runs[q["qid"]] = [line[3:] for line in out.splitlines() if line.startswith("id=")]
    return runs


def build_fts5(work):
    path = os.path.join(work, "fts5.sqlite")
    if not os.path.exists(path):
        con = sqlite3.connect(path + ".tmp")
        con.execute("CREATE VIRTUAL TABLE docs USING fts5(id UNINDEXED, title, body, tokenize='porter unicode61')")
        with open(os.path.join(work, "docs.jsonl"), encoding="utf-8") as f:
            con.executemany("INSERT INTO docs(id, title, body) VALUES (?, ?, ?)",
                            ((d["id"], d["title"], d["body"]) for d in map(json.loads, f)))
        con.commit()
        con.close()
        os.replace(path + ".tmp", path)
    return path


def run_fts5(queries, work):
    """SQLite FTS5 bm25() (k1 1.2, b 0.75, columns weighted equally), AND of quoted words."""
    con = sqlite3.connect(build_fts5(work))
    runs = {}
    for q in queries:
        match = " AND ".join('"' + w.replace('"', '""') + '"' for w in query_words(q["text"]))
        rows = con.execute("SELECT id FROM docs WHERE docs MATCH ? ORDER BY bm25(docs) LIMIT ?", (match, DEPTH))
        runs[q["qid"]] = [r[0] for r in rows]
    con.close()
    return runs


def title_into_body(work):
    """WORK/docs_notitle.jsonl: each title moved to the top of its body, so newsdex indexes it
    as body text (no title wdf, no S terms): for testing what the title weighting is worth."""
    with open(os.path.join(work, "docs.jsonl"), encoding="utf-8") as f, \
            open(os.path.join(work, "docs_notitle.jsonl"), "w", encoding="utf-8") as out:
        for d in map(json.loads, f):
            d["body"], d["title"] = (d["title"] + "\n" + d["body"]).strip("\n"), ""
            out.write(json.dumps(d, ensure_ascii=False) + "\n")


def write_run(work, label, runs):
    os.makedirs(os.path.join(work, "runs"), exist_ok=True)
    with open(os.path.join(work, "runs", label + ".tsv"), "w", encoding="utf-8") as out:
        for qid, docs in runs.items():
            for rank, doc in enumerate(docs, 1):
                out.write(f"{qid}\t{rank}\t{doc}\n")
            if not docs:
                out.write(f"{qid}\t0\t\n")  # keeps the query in the run: it scores 0


def read_run(work, label):
    runs = {}
    with open(os.path.join(work, "runs", label + ".tsv"), encoding="utf-8") as f:
        for line in f:
            qid, rank, doc = line.rstrip("\n").split("\t")
            runs.setdefault(qid, [])
            if doc:
                runs[qid].append(doc)
    return runs


# ---------------------------------------------------------------- metrics

def metrics(ranked, relevant):
    """P@10, nDCG@10 (binary gain, log2 discount) and average precision at DEPTH."""
    ranked = ranked[:DEPTH]
    gains = [1 if d in relevant else 0 for d in ranked]
    p10 = sum(gains[:10]) / 10
    dcg = sum(g / math.log2(i + 2) for i, g in enumerate(gains[:10]))
    idcg = sum(1 / math.log2(i + 2) for i in range(min(10, len(relevant))))
    hits, ap = 0, 0.0
    for i, g in enumerate(gains):
        if g:
            hits += 1
            ap += hits / (i + 1)
    return p10, dcg / idcg, ap / len(relevant)


def check_judged(queries, qrels):
    missing = [q["qid"] for q in queries if q["qid"] not in qrels]
    if missing:
        raise BadInput(f"no judgements for {missing[0]} (and {len(missing) - 1} more): the work directory "
                       "was prepared before the query files changed; run prepare again")


def mean_scores(queries, runs, qrels):
    check_judged(queries, qrels)
    rows = [metrics(runs.get(q["qid"], []), qrels[q["qid"]]) for q in queries]
    if not rows:
        return 0, (0, 0, 0)
    return len(rows), tuple(sum(r[k] for r in rows) / len(rows) for k in range(3))


def table(work, labels):
    queries, qrels = load_queries(), load_qrels(work)
    lines = ["| engine | queries | split | n | P@10 | nDCG@10 | MAP |", "|---|---|---|---:|---:|---:|---:|"]
    for label in labels:
        runs = read_run(work, label)
        for set_name, *_ in SETS:
            for split in ("tune", "test", "all", "dev"):
                # "all" is tune + test, as before the dev queries came.
                sub = [q for q in queries if q["set"] == set_name
                       and (q["split"] == split or (split == "all" and q["split"] != "dev"))]
                n, (p10, ndcg, ap) = mean_scores(sub, runs, qrels)
                lines.append(f"| {label} | {set_name} | {split} | {n} | {p10:.3f} | {ndcg:.3f} | {ap:.3f} |")
    return "\n".join(lines)


def per_query(work, labels):
    """Per-query nDCG@10 of each run, for finding where engines differ."""
    queries, qrels = load_queries(), load_qrels(work)
    check_judged(queries, qrels)
    runs = {label: read_run(work, label) for label in labels}
    out = ["qid\tsplit\trelevant\ttext\t" + "\t".join(labels)]
    for q in queries:
        scores = [f"{metrics(runs[l].get(q['qid'], []), qrels[q['qid']])[1]:.3f}" for l in labels]
        out.append(f"{q['qid']}\t{q['split']}\t{len(qrels[q['qid']])}\t{q['text']}\t" + "\t".join(scores))
    return "\n".join(out)


# ---------------------------------------------------------------- commands

def cmd_run(args):
    queries = load_queries()
    t0 = time.time()
    if args.engine == "newsdex":
        if not args.search or not args.db:
            raise BadInput("--engine newsdex needs --search BIN and --db DIR")
        runs = run_newsdex(queries, args.search, args.db, args.extra)
    elif args.engine == "xapian":
        runs = run_xapian(queries, args.work, args.xapian_script or os.path.join(HERE, "xapian.script"))
    else:
        runs = run_fts5(queries, args.work)
    label = args.label or args.engine
    write_run(args.work, label, runs)
    print(f"{label}: {len(runs)} queries in {time.time() - t0:.1f} s", file=sys.stderr)


def cmd_floor(args):
    """Index once with newsdex-index, run the test split, fail under the floors."""
    corpus = os.path.join(args.shared, "corpora", "reuters21578")
    converter = os.path.join(args.shared, "peers", "reuters_to_jsonl.py")
    if not os.path.isdir(corpus) or not os.path.exists(converter):
        print(f"skipped: Reuters-21578 or the peers' converter not found under {args.shared}")
        return 77
    prepare(corpus, args.work, converter)
    # A fresh index every time: the test is there to catch indexer changes too.
    db = os.path.join(args.work, "newsdex.db")
    shutil.rmtree(db, ignore_errors=True)
    subprocess.run([args.index, "--db", db, "--format", "jsonl", os.path.join(args.work, "docs.jsonl")],
                   check=True, stdout=subprocess.DEVNULL)
    test = [q for q in load_queries() if q["split"] == "test"]
    runs, qrels = run_newsdex(test, args.search, db, []), load_qrels(args.work)
    failed = False
    for set_name, floor in (("topics", args.min_topics), ("people", args.min_people)):
        n, (p10, ndcg, ap) = mean_scores([q for q in test if q["set"] == set_name], runs, qrels)
        ok = ndcg >= floor
        failed |= not ok
        print(f"{set_name} test split: {n} queries, P@10 {p10:.3f}, nDCG@10 {ndcg:.3f} "
              f"(floor {floor:.3f}: {'ok' if ok else 'BELOW'}), MAP {ap:.3f}")
    return 1 if failed else 0


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="command", required=True)
    p = sub.add_parser("prepare")
    p.add_argument("corpus")
    p.add_argument("work")
    p.add_argument("--converter", help="reuters_to_jsonl.py (default: CORPUS/../../peers/)")
    p.add_argument("--title-into-body", action="store_true", help="also write docs_notitle.jsonl (hypotheses)")
    p = sub.add_parser("run")
    p.add_argument("--work", required=True)
    p.add_argument("--engine", choices=("newsdex", "xapian", "fts5"), required=True)
    p.add_argument("--search")
    p.add_argument("--db")
    p.add_argument("--label")
    p.add_argument("--extra", action="append", default=[], help="extra newsdex-search argument (repeatable)")
    p.add_argument("--xapian-script", help="scriptindex script (default: xapian.script beside this file)")
    p = sub.add_parser("score")
    p.add_argument("--work", required=True)
    p.add_argument("--per-query", action="store_true", help="per-query nDCG@10 TSV instead of the table")
    p.add_argument("labels", nargs="+")
    p = sub.add_parser("floor")
    for name in ("--shared", "--work", "--index", "--search"):
        p.add_argument(name, required=True)
    p.add_argument("--min-topics", type=float, required=True)
    p.add_argument("--min-people", type=float, required=True)
    args = ap.parse_args()
    try:
        if args.command == "prepare":
            prepare(args.corpus, args.work, args.converter)
            if args.title_into_body:
                title_into_body(args.work)
        elif args.command == "run":
            cmd_run(args)
        elif args.command == "score":
            print(per_query(args.work, args.labels) if args.per_query else table(args.work, args.labels))
        else:
            return cmd_floor(args)
    except BadInput as e:
        print(f"relevance.py: {e}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
