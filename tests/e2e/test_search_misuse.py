#!/usr/bin/env python3
"""Hostile and mistaken searches on the real binary (issue 9).

Each case exits 2 (a user error) with a message that says what is wrong,
and never crashes (a signal is a negative exit status here): deep or huge
queries, a leading wildcard, out-of-range numbers, a file that is not a
database.  Control characters in a query are shown escaped, and an error
never repeats the contents of a file named by --db.
"""
import json
import os

from e2e_common import Checker, fresh_dir, parse_args, run, search_json

args = parse_args()
c = Checker()
corpus = os.path.join(args.source, "sample_corpus")
db = os.path.join(args.work, "misuse.db")
fresh_dir(db)
r = run([args.index, "--db", db, "--shards", "2", "jsonl", "text", "html", "reuters"], cwd=corpus)
c.check(r.returncode == 0, f"index: {r.stderr}")


def search(*argv):
    return run([args.search, "--db", db, *argv])


def user_error(label, r, *needles):
    ok = r.returncode == 2 and all(n in r.stderr for n in needles)
    c.check(ok, f"{label}: exit {r.returncode} (want 2), stderr {r.stderr[:300]!r}, want {needles}")


# Deep, long and wide queries: refused by the parser, before any recursion.
user_error("10,000 nested parentheses", search("--", "(" * 10000 + "oil" + ")" * 10000), "too long")
user_error("8,000 nested parentheses", search("--", "(" * 8000 + "oil" + ")" * 8000),
           "parentheses nested more than 32 deep at column 33")
user_error("100,000 unclosed parentheses", search("--", "(" * 100000), "query:")
# (As separate arguments, joined by the CLI: one argument is limited to 128 KB.)
user_error("an OR of 40,000 terms", search("--", *" OR ".join(f"w{i}" for i in range(40000)).split()), "too long")
user_error("1,500 words", search("--", " ".join(f"w{i}" for i in range(1500))),
           "more than 1,024 words")
user_error("a 100 KB query", search("--", "oil " * 25000), "too long")
user_error("a leading wildcard", search("--", "*a"), "can only end a word", "column 1")
r = search("--json", "--", "(" * 32 + "trade" + ")" * 32)
c.check(r.returncode == 0, f"32 nested parentheses are fine: {r.stderr}")

# Numbers out of range name the range.
for option, value, needle in (("--limit", "-1", "from 0 to 100,000"), ("-n", "-5", "from 0 to 100,000"),
                              ("--offset", "-1", "from 0 to 1,000,000"), ("--limit", "1e3", "whole number"),
                              ("--facet-limit", "-1", "from 1 to 100,000"), ("--facet-limit", "0", "from 1")):
    user_error(f"{option} {value}", search(option, value, "trade"), needle)
c.check(search("-n", "0", "--offset", "5", "trade").returncode == 0, "-n 0 --offset 5 is fine")

# A repeated alternative counts once: 'trade OR trade' is 'trade'.
once, _ = search_json(args, db, "trade", "--facets", "none", "--exact")
twice, _ = search_json(args, db, "trade OR trade", "--facets", "none")
c.check(once and twice and twice["total"] == once["total"] and twice["total_exact"],
        f"trade OR trade: {twice and twice['total']} (exact {twice and twice['total_exact']}) == {once and once['total']}")

# Control characters in the query never reach the terminal raw.
hostile = "trade \x1b]0;pwned\x07 \x1b[2J"
r = search("--", hostile)
c.check(r.returncode == 1 and "\x1b" not in r.stdout and "\x07" not in r.stdout and "\\x1B" in r.stdout,
        f"query echoed escaped: {r.stdout[:200]!r}")
r = search("--", hostile + " (")
c.check(r.returncode == 2 and "\x1b" not in r.stderr and "\x07" not in r.stderr,
        f"error message escaped: {r.stderr!r}")

# --db naming something that is not a database: exit 2, no contents echoed.
secret = os.path.join(args.work, "not-a-database.txt")
with open(secret, "w") as f:
    f.write("s3cret-first-line:x:0:0:root:/root:/bin/bash\nsecond line\n")
r = run([args.search, "--db", secret, "trade"])
c.check(r.returncode == 2 and "s3cret" not in r.stderr and "not a database stub line" in r.stderr,
        f"--db on a text file: exit {r.returncode}, {r.stderr!r}")
if os.path.exists("/etc/passwd"):
    with open("/etc/passwd") as f:
        first = f.readline().strip()
    r = run([args.search, "--db", "/etc/passwd", "trade"])
    c.check(r.returncode == 2 and (not first or first not in r.stderr), f"--db /etc/passwd: {r.stderr!r}")
plain_dir = os.path.join(args.work, "plain-directory")
os.makedirs(plain_dir, exist_ok=True)
r = run([args.search, "--db", plain_dir, "trade"])
c.check(r.returncode == 2 and "is not a newsdex database" in r.stderr, f"--db on a plain directory: {r.stderr!r}")
c.finish()
