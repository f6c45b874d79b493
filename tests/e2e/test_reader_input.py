#!/usr/bin/env python3
"""Reader input end to end: hostile files are skipped with file: reason and the
run goes on; pages in legacy charsets and UTF-16 files are found by their
words; notes beside articles in a folder are reported, not indexed."""
import json
import os
import re
import shutil
import subprocess

from e2e_common import Checker, fresh_dir, num, parse_args, run, search_json

args = parse_args()
c = Checker()
work = os.path.join(args.work, "reader_input")
shutil.rmtree(work, ignore_errors=True)
os.makedirs(work)


def write(name, data):
    path = os.path.join(work, name)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode("utf-8"))
    return path


def index(db, *paths, **kw):
    r = run([args.index, "--db", db, "--no-entities", *paths], **kw)
    m = re.search(r"added ([\d,]+), replaced ([\d,]+), unchanged ([\d,]+), skipped ([\d,]+)", r.stdout)
    return r, (tuple(num(g) for g in m.groups()) if m else None)


def found(db, query):
    res, proc = search_json(args, db, query, "-n", "100", "--facets", "none")
    return sorted(h["title"] for h in res["hits"]) if res else f"search failed: {proc.stderr.strip()}"


def page(charset, title, body):
    return (f'<html><head><meta charset="{charset}"><title>{title}</title></head>'
            f"<body><article><p>{body}</p></article></body></html>").encode(charset)


# --- hostile input: skipped with its reason, the rest indexed ---------------------------
hostile = {
    "divs.html": ("<html><body>" + "<div>" * 100000 + "<p>x</p>" + "</div>" * 100000 + "</body></html>",
                  "HTML nested too deeply (more than 512 levels)"),
    "bold.html": ("<html><body><p>start " + "<b><i>x " * (350 * 1024 // 8) + "</p></body></html>",
                  "HTML nested too deeply (more than 512 levels)"),
    "deep.jsonl": ('{"title":"t","tags":{"x":' + "[" * 100000 + "}\n",
                   "invalid JSON: nested deeper than 64 levels (column 88)"),
    "offset.jsonl": ('{"title":"t","date":"2020-01-01T10:00:00+18:01"}\n',
                     "invalid date '2020-01-01T10:00:00+18:01' (UTC offset beyond \u00b114:00)"),
    "klingon.html": ('<html><head><meta charset="x-klingon"><title>T\xe9</title></head><body><p>b\xe9</p></body></html>'
                     .encode("latin-1"), "unknown charset 'x-klingon'"),
}
paths = [write(name, data) for name, (data, _) in hostile.items()]
good = write("good.jsonl", '{"title":"Survivor","body":"the run went on"}\n')
db = os.path.join(work, "hostile.db")
fresh_dir(db)
r, counts = index(db, *paths, good)
c.check(r.returncode == 1, f"hostile input: exit 1, records skipped (got {r.returncode}: {r.stderr[-300:]})")
c.check(counts == (1, 0, 0, len(hostile)), f"1 added, {len(hostile)} skipped: {r.stdout.strip()}")
for name, (_, reason) in hostile.items():
    line = ":1" if name.endswith(".jsonl") else ""
    want = f"{os.path.join(work, name)}{line}: {reason}"
    c.check(want in r.stderr, f"stderr names {want!r}")
c.check(found(db, "survivor") == ["Survivor"], "the good record is searchable")

# --- charsets and UTF-16 -----------------------------------------------------------------
pages = [
    ("iso-8859-2", "Łódź rośnie", "Mieszkańcy Łodzi"),
    ("windows-1251", "Экономика растёт", "Центральный банк"),
    ("shift_jis", "東京株式市場", "日経平均株価は反発"),
    ("gb2312", "中国经济增长", "国家统计局公布的数据"),
]
charset_paths = [write(f"cs/{cs}.html", page(cs, title, body)) for cs, title, body in pages]
utf16 = write("cs/feed16.jsonl", ("\ufeff" + json.dumps({"title": "Zürich sixteen", "body": "Grüße"},
                                                        ensure_ascii=False) + "\n").encode("utf-16-le"))
db2 = os.path.join(work, "charsets.db")
fresh_dir(db2)
r, counts = index(db2, *charset_paths, utf16)
c.check(r.returncode == 0 and counts == (5, 0, 0, 0), f"charset pages and UTF-16 all indexed: {r.stdout} {r.stderr}")
for cs, title, body in pages:
    c.check(found(db2, body.split()[0]) == [title], f"{cs} page found by {body.split()[0]!r}: {found(db2, body.split()[0])}")
c.check(found(db2, "sixteen") == ["Zürich sixteen"], "UTF-16 JSON Lines record found")
# The same UTF-16 feed on standard input.
db3 = os.path.join(work, "stdin16.db")
fresh_dir(db3)
with open(utf16, "rb") as f:  # bytes as they are: run() would re-encode text
    r = subprocess.run([args.index, "--db", db3, "--no-entities", "-"], stdin=f, capture_output=True, text=True,
                       env=dict(os.environ, NO_COLOR="1"))
c.check(r.returncode == 0 and "added 1," in r.stdout, f"UTF-16 on stdin indexed: {r.stdout} {r.stderr}")

# --- what folders contribute -------------------------------------------------------------
folder = os.path.join(work, "corpus")
write("corpus/story.txt", "Title: Harbour reopens\nDate: 2024-03-06\n\nThe harbour reopened.\n")
write("corpus/cat-descriptions.txt", "PEOPLE\njames-baker\nronald-reagan\n")
write("corpus/README.md", "# About this corpus\n")
write("corpus/lewis.dtd", "<!ELEMENT REUTERS - - (DATE, TEXT)>\n")
db4 = os.path.join(work, "folder.db")
fresh_dir(db4)
r, counts = index(db4, folder)
c.check(r.returncode == 1 and counts == (1, 0, 0, 1), f"folder: 1 article, 1 note skipped: {r.stdout} {r.stderr}")
c.check(os.path.join(folder, "cat-descriptions.txt") + ": no text header" in r.stderr, "the note is named with its reason")
c.check("README.md" not in r.stderr and "lewis.dtd" not in r.stderr, "README and unknown extensions stay silent")
c.check(found(db4, "baker") == [], "the note's names are not indexed")
# --format text reads every file as text.
db5 = os.path.join(work, "forced.db")
fresh_dir(db5)
r, counts = index(db5, "--format", "text", folder)
c.check(r.returncode == 0 and counts == (3, 0, 0, 0), f"--format text: story, note and dtd read: {r.stdout} {r.stderr}")

c.finish()
