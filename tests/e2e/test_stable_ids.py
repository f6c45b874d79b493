#!/usr/bin/env python3
"""Stable ids: re-reading the same records never duplicates them, and new
records never replace old ones, whether they come from standard input, a file,
or a folder that was moved or copied."""
import json
import os
import re
import shutil

from e2e_common import Checker, fresh_dir, num, parse_args, run, search_json

args = parse_args()
c = Checker()
work = os.path.join(args.work, "stable_ids")
shutil.rmtree(work, ignore_errors=True)
os.makedirs(work)
WORD = "zebracorn"  # in every body below, so one search lists every article


def record(title, date, body):
    return json.dumps({"title": title, "date": date, "source": "Night Feed", "body": f"{body} {WORD}"}) + "\n"


feed1 = "".join(record(f"Monday story {i}", f"2024-03-04T0{i}:00:00Z", f"first feed text {i}") for i in range(3))
feed2 = "".join(record(f"Tuesday story {i}", f"2024-03-05T0{i}:00:00Z", f"second feed text {i}") for i in range(3))


def index(db, *paths, stdin=None, cwd=None):
    r = run([args.index, "--db", db, *paths], input=stdin, cwd=cwd)
    m = re.search(r"added ([\d,]+), replaced ([\d,]+), unchanged ([\d,]+), skipped ([\d,]+)", r.stdout)
    ok = c.check(r.returncode == 0 and m is not None,
                 f"newsdex-index {' '.join(paths)} exits 0 with a summary (exit {r.returncode}: {r.stderr.strip()})")
    return tuple(num(g) for g in m.groups()) if ok else (None,) * 4


def ids(db):
    res, proc = search_json(args, db, WORD, "-n", "1000", "--facets", "none", "--no-collapse")
    if not c.check(res is not None, f"search {db} runs ({proc.stderr.strip()})"):
        return []
    return sorted(h["id"] for h in res["hits"])


# --- standard input ------------------------------------------------------------
db = os.path.join(work, "stdin.db")
fresh_dir(db)
c.check(index(db, "-", stdin=feed1)[:3] == (3, 0, 0), "feed 1 on stdin: 3 added")
first_ids = ids(db)
c.check(len(first_ids) == 3 and not any("stdin" in i for i in first_ids), f"ids name no stream: {first_ids}")
c.check(index(db, "-", stdin=feed1)[:3] == (0, 0, 3), "feed 1 again on stdin: nothing added or replaced")
c.check(index(db, "-", stdin=feed2)[:3] == (3, 0, 0), "feed 2 piped after feed 1: 3 added, none replaced")
both = ids(db)
c.check(len(both) == 6 and set(first_ids) <= set(both), f"both feeds kept: {both}")
# The same records from a file instead of a pipe are the same articles.
feed_file = os.path.join(work, "feed1.jsonl")
with open(feed_file, "w", encoding="utf-8") as f:
    f.write(feed2 + feed1)  # other order, other lines
c.check(index(db, feed_file)[:3] == (0, 0, 6), "the same records read from a file: all unchanged")
# A new record with an old record's title (a later date) is a new article.
c.check(index(db, "-", stdin=record("Monday story 0", "2024-03-11T00:00:00Z", "a week later"))[:3] == (1, 0, 0),
        "same title, new date: added, not replacing")
c.check(len(ids(db)) == 7, "7 articles in the end")

# --- folders: moved or copied ------------------------------------------------------
folder = os.path.join(work, "archive")
os.makedirs(os.path.join(folder, "2024"))
with open(os.path.join(folder, "2024", "feed.jsonl"), "w", encoding="utf-8") as f:
    f.write(feed1)
with open(os.path.join(folder, "2024", "note.txt"), "w", encoding="utf-8") as f:
    f.write(f"Title: Harbour note\nDate: 2024-03-06\nSource: Gazette\n\nThe harbour reopened. {WORD}\n")
with open(os.path.join(folder, "page.html"), "w", encoding="utf-8") as f:
    f.write(f"<html><head><title>Plain page</title></head><body><p>No canonical link. {WORD}</p></body></html>")
with open(os.path.join(folder, "linked.html"), "w", encoding="utf-8") as f:
    f.write('<html><head><link rel="canonical" href="https://paper.example/linked">'
            f"<title>Linked page</title></head><body><p>Has a canonical link. {WORD}</p></body></html>")
db2 = os.path.join(work, "folder.db")
fresh_dir(db2)
c.check(index(db2, folder)[:3] == (6, 0, 0), "folder by absolute path: 6 added")
before = ids(db2)
c.check("https://paper.example/linked" in before, f"a page's id is its canonical URL: {before}")
c.check(not any("archive" in i or i.startswith("/") for i in before), f"no id names the folder: {before}")
moved = os.path.join(work, "moved-elsewhere")
shutil.move(folder, moved)
c.check(index(db2, "moved-elsewhere", cwd=work)[:3] == (0, 0, 6), "moved folder, relative path: nothing added")
shutil.copytree(moved, os.path.join(work, "mounted", "copy"))
c.check(index(db2, os.path.join(work, "mounted"))[:3] == (0, 0, 6), "a copy one level deeper: nothing added")
c.check(ids(db2) == before, "the same 6 articles")

c.finish()
