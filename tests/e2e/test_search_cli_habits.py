#!/usr/bin/env python3
"""newsdex-search behaves as terminal tools do.

--version prints the project version; --count only the number; exit 1 when
nothing matched (in every format); options that contradict each other and
unknown options are exit 2 with a message naming them (and a hint to use --
for "-apple"); --color always/never/auto; text wrapped to COLUMNS (60 and
160; Chinese snippets too); the date facet of a sparse result folds its
empty buckets.
"""
import json
import os
import re
import shutil
import subprocess
import unicodedata

from e2e_common import Checker, fresh_dir, parse_args, run

args = parse_args()
c = Checker()
corpus = os.path.join(args.source, "sample_corpus")
db = os.path.join(args.work, "habits.db")
fresh_dir(db)
r = run([args.index, "--db", db, "--shards", "2", "jsonl", "text", "html", "reuters"], cwd=corpus)
c.check(r.returncode == 0, f"index: {r.stderr}")
ESC = re.compile(r"\x1b\[[0-9;]*m")


def search(*argv, columns=None, env_extra=None):
    env = dict(os.environ)
    env.pop("NEWSDEX_DB", None)
    env["NO_COLOR"] = "1"
    env.pop("COLUMNS", None)
    if columns is not None:
        env["COLUMNS"] = columns
    env.update(env_extra or {})
    return subprocess.run([args.search, "--db", db, *argv], capture_output=True, text=True, env=env)


def width(line):
    line = ESC.sub("", line)
    return sum(0 if unicodedata.combining(ch) else 2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in line)


def total(query):
    r = search("--json", "--facets", "none", "--exact", "--", query)
    return json.loads(r.stdout)["total"]


# --version: the one project version, from CMakeLists.txt.
with open(os.path.join(args.source, "CMakeLists.txt"), encoding="utf-8") as f:
    version = re.search(r"project\(newsdex VERSION ([0-9.]+)", f.read()).group(1)
r = search("--version")
c.check(r.returncode == 0 and r.stdout == f"newsdex-search {version}\n", f"--version: {r.stdout!r} {r.returncode}")

# --count: only the number, exact; 0 and exit 1 when nothing matched.
for query in ["trade OR tariffs", "company:apple", "person:\"jack ma\""]:
    r = search("--count", "--", query)
    c.check(r.returncode == 0 and r.stdout == f"{total(query)}\n", f"--count {query!r}: {r.stdout!r} {r.returncode}")
r = search("--count")
c.check(r.returncode == 0 and int(r.stdout) >= 40, f"--count without a query: every article {r.stdout!r}")
r = search("--count", "zzyzxnothing")
c.check(r.returncode == 1 and r.stdout == "0\n", f"--count nothing: {r.stdout!r} exit {r.returncode}")

# Exit 1 when nothing matched, 0 when something did, in every format.
for fmt in ["text", "json", "jsonl", "csv", "tsv"]:
    r = search("--format", fmt, "zzyzxnothing")
    c.check(r.returncode == 1 and not r.stderr, f"{fmt}: nothing matched exits 1 ({r.returncode}, {r.stderr!r})")
    r = search("--format", fmt, "trade")
    c.check(r.returncode == 0, f"{fmt}: a match exits 0 ({r.returncode})")
r = search("--offset", "1000", "trade")
c.check(r.returncode == 0, f"matches beyond the page still exit 0 ({r.returncode})")

# Conflicts and misuse: exit 2, the message names the options, nothing on stdout.
misuse = [
    (["--recency", "30d", "--sort", "newest", "trade"], ["--recency", "--sort newest"]),
    (["--recency", "1y", "--sort", "oldest", "trade"], ["--recency", "--sort oldest"]),
    (["--json", "--format", "tsv", "trade"], ["--json", "--format tsv"]),
    (["--count", "--all", "trade"], ["--count", "--all"]),
    (["--all", "--format", "csv", "--recency", "30d", "trade"], ["--all", "--recency"]),
    (["--count", "--json", "trade"], ["--count"]),
    (["--color", "sometimes", "trade"], ["--color", "always"]),
    (["--format", "yaml", "trade"], ["--format", "csv"]),
    (["--bogus", "trade"], ["--bogus"]),
]
for argv, names in misuse:
    r = search(*argv)
    c.check(r.returncode == 2 and not r.stdout and all(n in r.stderr for n in names),
            f"{argv}: exit 2 naming {names}: {r.returncode} {r.stderr!r}")
r = search("--bogus", "trade")
c.check("put the query after --" not in r.stderr, f"no -- hint for --bogus: {r.stderr!r}")
r = search("china", "-apple")
c.check(r.returncode == 2 and "'-apple'" in r.stderr and "put the query after --" in r.stderr,
        f"-apple: hint to use --: {r.stderr!r}")
r = search("--", "china", "-apple")
c.check(r.returncode == 0 and "matches" in r.stdout, f"-- china -apple searches: {r.returncode} {r.stderr!r}")
c.check(total("china -apple") < total("china"), "-apple leaves articles out")

# --color: always (also into a pipe, over NO_COLOR), never, auto (a pipe: none).
r = search("--color=always", "-n", "2", "trade")
c.check("\x1b[1m" in r.stdout and "\x1b[0m" in r.stdout, "--color=always colours a pipe despite NO_COLOR")
r = search("--color", "never", "-n", "2", "trade", env_extra={"NO_COLOR": ""})
c.check("\x1b" not in r.stdout, "--color never: no escapes")
r = search("-n", "2", "trade", env_extra={"NO_COLOR": ""})
c.check("\x1b" not in r.stdout, "--color auto into a pipe: no escapes")

# Width: every line within COLUMNS (a URL or path alone on its line may overflow).
def lines_within(out, columns):
    bad = [l for l in out.splitlines() if width(l) > columns and " " in l.strip()]
    return not bad, bad


for columns in [60, 160]:
    for query, extra in [("trade OR tariffs", []), ("中国", []), ("brexit", ["--facets", "date"])]:
        r = search("-n", "5", *extra, "--", query, columns=str(columns))
        ok, bad = lines_within(r.stdout, columns)
        c.check(r.returncode == 0 and ok, f"COLUMNS={columns} {query!r}: lines too wide {bad[:2]}")
    r = search("-n", "5", "--facets", "none", "trade OR tariffs", columns=str(columns))
    widest = max(width(l) for l in r.stdout.splitlines() if "·" not in l and "://" not in l)
    c.check(columns - 12 <= widest <= columns, f"COLUMNS={columns}: snippets fill the width (widest {widest})")
# A database path too long to share a line with the time goes on a line of its
# own (where the path is so deep, the header once overflowed COLUMNS=60).
deep = os.path.join(args.work, "habits-deep", "a-folder-name-long-enough-to-overflow-sixty-columns")
shutil.rmtree(os.path.join(args.work, "habits-deep"), ignore_errors=True)
shutil.copytree(db, os.path.join(deep, "habits.db"))
r = subprocess.run([args.search, "--db", os.path.join(deep, "habits.db"), "-n", "2", "trade"], capture_output=True,
                   text=True, env={**os.environ, "COLUMNS": "60", "NO_COLOR": "1"})
ok, bad = lines_within(r.stdout, 60)
c.check(r.returncode == 0 and ok and r.stdout.splitlines()[2].endswith("habits.db"),
        f"a deep database path: header lines within 60 columns {bad[:2]}")
# Chinese snippets wrap (no spaces to break at): several lines, none too wide.
r = search("-n", "1", "--facets", "none", "阿里巴巴", columns="40")
snippet = [l for l in r.stdout.splitlines()[3:] if l.strip() and "·" not in l and "://" not in l]
c.check(len(snippet) >= 3 and all(width(l) <= 40 for l in snippet), f"Chinese snippet at 40 columns: {snippet}")
# No COLUMNS and not a terminal: 100.
r = search("-n", "5", "--facets", "none", "trade OR tariffs", columns="not-a-number")
widest = max(width(l) for l in r.stdout.splitlines() if "·" not in l and "://" not in l)
c.check(88 <= widest <= 100, f"default width 100 (widest {widest})")

# The date facet: a sparse one folds its empty buckets; a dense one does not.
def date_rows(query):
    r = search("--facets", "date", "-n", "0", "--", query, columns="100")
    section = r.stdout.split("Date (by ", 1)[1].splitlines()[1:] if "Date (by " in r.stdout else []
    rows = [l for l in section if l.strip()]
    doc = json.loads(search("--json", "--facets", "date", "-n", "0", "--", query).stdout)
    return rows, doc["facets"]["date"]["values"]


rows, buckets = date_rows("brexit")
folded = sum(int(re.search(r"(\d+) empty", l).group(1)) for l in rows if "empty" in l)
c.check(len(buckets) > 20 and len(rows) <= 5, f"sparse dates folded: {len(rows)} rows for {len(buckets)} buckets")
c.check(folded + sum(1 for l in rows if "empty" not in l) == len(buckets), f"folded rows account for every bucket: {rows}")
rows, buckets = date_rows("company:apple")
c.check(len(rows) == len(buckets) and not any("empty" in l for l in rows), f"dense dates not folded: {rows}")
c.finish()
