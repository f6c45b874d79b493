#!/usr/bin/env python3
"""newsdex-search --show ID: the whole stored article.

--show --json gives the article as the input had it (the whole body, also one
longer than the old 8 KiB stored limit); the terminal form shows title, date,
source, URL, authors, companies and persons and every character of the body,
wrapped to COLUMNS (Chinese too, which has no spaces to break at), the
query's words highlighted.  The URL is on the hit's line in search output.
"""
import json
import os
import re
import unicodedata

from e2e_common import Checker, fresh_dir, parse_args, run

args = parse_args()
c = Checker()
corpus = os.path.join(args.source, "sample_corpus")
db = os.path.join(args.work, "show.db")
fresh_dir(db)

# The sample, plus a long article: the body is stored whole.
long_path = os.path.join(args.work, "show-long.jsonl")
paragraphs = [f"Paragraph {i} of the quarterly report on zanzibarcorp describes shipment number {i} in detail "
              + "with enough words to make the body long. " * 4 for i in range(60)]
long_article = {"id": "long-1", "title": "A very long zanzibarcorp report", "date": "2021-05-04T10:00:00Z",
                "source": "Long Wire", "url": "https://example.com/long", "authors": ["Ann Author", "Bo Byline"],
                "body": "\n\n".join(paragraphs)}
with open(long_path, "w", encoding="utf-8") as f:
    f.write(json.dumps(long_article) + "\n")
r = run([args.index, "--db", db, "--shards", "2", os.path.join(corpus, "jsonl"), os.path.join(corpus, "text"),
         os.path.join(corpus, "html"), os.path.join(corpus, "reuters"), long_path])
c.check(r.returncode == 0, f"index: {r.stderr}")

originals = {}
for name in os.listdir(os.path.join(corpus, "jsonl")):
    if name.endswith(".jsonl"):
        with open(os.path.join(corpus, "jsonl", name), encoding="utf-8") as f:
            for line in f:
                if line.strip():
                    a = json.loads(line)
                    originals[a["id"]] = a
originals["long-1"] = long_article


def width(text):
    text = re.sub(r"\x1b\[[0-9;]*m", "", text)
    return sum(0 if unicodedata.combining(ch) else 2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def show(*argv, columns="80"):
    env_columns = os.environ.get("COLUMNS")
    os.environ["COLUMNS"] = columns
    try:
        return run([args.search, "--db", db, *argv])
    finally:
        if env_columns is None:
            del os.environ["COLUMNS"]
        else:
            os.environ["COLUMNS"] = env_columns


# --json: the article as indexed.
for article_id in ["trade-013", "zh-001", "long-1"]:
    r = show("--show", article_id, "--json")
    if not c.check(r.returncode == 0, f"--show {article_id} --json: exit {r.returncode} {r.stderr}"):
        continue
    doc = json.loads(r.stdout)
    original = originals[article_id]
    c.check(doc["id"] == article_id and doc["title"] == original["title"], f"{article_id}: id and title {doc['title']}")
    c.check(doc["body"] == original["body"].strip() or doc["body"] == original["body"],
            f"{article_id}: whole body ({len(doc['body'])} of {len(original['body'])} bytes)")
    c.check(doc["body_truncated"] is False, f"{article_id}: not truncated")
    c.check(doc["url"] == original.get("url", ""), f"{article_id}: url {doc['url']}")
    c.check(doc["authors"] == original.get("authors", doc["authors"]), f"{article_id}: authors {doc['authors']}")
c.check(len(long_article["body"].encode()) > 8192, "the long article is longer than the old stored limit")

# The same fields as a search hit shows.
r = run([args.search, "--db", db, "--json", "--facets", "none", "-n", "50", "id:trade-013 OR id:zh-001"])
hits = {h["id"]: h for h in json.loads(r.stdout)["hits"]} if r.returncode == 0 else {}
for article_id, hit in hits.items():
    doc = json.loads(show("--show", article_id, "--json").stdout)
    for key in ["title", "date", "source", "url", "companies", "persons"]:
        c.check(doc[key] == hit[key], f"{article_id}: {key} {doc[key]!r} == hit's {hit[key]!r}")
c.check(len(hits) == 2, f"both articles found by id: {list(hits)}")

# Terminal: every field, and the body whole, wrapped to the width.
r = show("--show", "long-1", "zanzibarcorp", "--color", "never", columns="60")
out = r.stdout
for part in ["A very long zanzibarcorp report", "2021-05-04", "Long Wire", "https://example.com/long",
             "Ann Author, Bo Byline"]:
    c.check(part in out, f"long-1 text shows {part!r}")
c.check(all(width(line) <= 60 for line in out.splitlines() if "https://" not in line),
        f"long-1: lines within 60 columns: {max(map(width, out.splitlines()))}")
c.check(" ".join(out.split()).find(" ".join(long_article["body"].split())) >= 0, "long-1: every word of the body shown")

zh = originals["zh-001"]
for columns in ["40", "60"]:
    r = show("--show", "zh-001", "双十一", "--color", "always", columns=columns)
    c.check(r.returncode == 0, f"zh-001 at {columns}: exit {r.returncode} {r.stderr}")
    lines = r.stdout.splitlines()
    c.check(all(width(line) <= int(columns) for line in lines if "https://" not in line),
            f"zh-001 at {columns} columns: widest line {max(map(width, lines))}")
    plain = re.sub(r"\x1b\[[0-9;]*m", "", r.stdout)
    c.check("".join(plain.split()).find("".join(zh["body"].split())) >= 0, f"zh-001 at {columns}: the whole body, in order")
    c.check("\x1b[1m\x1b[33m双十一\x1b[0m" in r.stdout, f"zh-001 at {columns}: 双十一 highlighted")
    # Wrapped, not cut: the first paragraph is longer than a line.
    c.check(sum(1 for line in lines if width(line) > int(columns) - 4) >= 3, f"zh-001 at {columns}: lines are filled")
for part in [zh["title"], "Alibaba", "https://"]:
    c.check(part in re.sub(r"\x1b\[[0-9;]*m", "", r.stdout), f"zh-001 shows {part!r}")

r = show("--show", "zh-001", "双十一", "--json")
doc = json.loads(r.stdout)
c.check("**双十一**" in doc["marked_body"] and "**双十一**" in doc["marked_title"], "JSON marks the query in body and title")

# Misuse and absence.
r = show("--show", "no-such-id")
c.check(r.returncode == 1 and "no-such-id" in r.stderr and not r.stdout, f"unknown id: exit 1 {r.returncode} {r.stderr}")
for argv in [["--show", "zh-001", "-n", "3"], ["--show", "zh-001", "--format", "csv"], ["--show", "zh-001", "--all"]]:
    r = show(*argv)
    c.check(r.returncode == 2 and "--show" in r.stderr, f"{argv}: exit 2 {r.returncode} {r.stderr}")

# The URL on the hit's line in search output.
r = show("--facets", "none", "-n", "5", "phase one trade deal", columns="160")
c.check("https://atlanticwire.example.com/2019/12/13/us-china-phase-one-deal" in r.stdout, f"URL in hit: {r.stdout[:600]}")
c.finish()
