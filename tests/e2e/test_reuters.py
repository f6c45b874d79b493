#!/usr/bin/env python3
"""Reuters-21578 from ../shared: index it all with the real binary, survive a
kill mid-run, then every random phrase and word finds its source article."""
import os
import re
import signal
import subprocess
import sys
import time

from e2e_common import num, Checker, fresh_dir, parse_args, run, search_json

args = parse_args()
corpus = os.path.join(args.shared or "", "corpora", "reuters21578")
if not os.path.isfile(os.path.join(corpus, "reut2-000.sgm")):
    print(f"skipped: Reuters-21578 not found at {corpus}")
    sys.exit(77)

import glob
# The 22 SGML files (the folder also holds .txt notes that are not articles).
files = sorted(glob.glob(os.path.join(corpus, "reut2-*.sgm")))
c = Checker()
db = os.path.join(args.work, "reuters.db")
fresh_dir(db)

# Kill the indexer part-way: the database must open, and a re-run completes it.
env = dict(os.environ, NO_COLOR="1")
proc = subprocess.Popen([args.index, "--db", db, *files], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
time.sleep(4)
proc.send_signal(signal.SIGKILL)
proc.wait()
res, r = search_json(args, db, "", "--facets", "date", "-n", "0")
c.check(res is not None, f"database opens after the indexer was killed: {r.stderr}")
partial = res["total"] if res else -1
print(f"articles committed before the kill: {partial}")

start = time.time()
r = run([args.index, "--db", db, *files])
elapsed = time.time() - start
c.check(r.returncode == 0, f"re-run completes (exit {r.returncode}): {r.stderr[-500:]}")
print(r.stdout.strip())
m = re.search(r"added ([\d,]+), replaced ([\d,]+), unchanged ([\d,]+)", r.stdout)
c.check(m is not None and num(m.group(1)) + num(m.group(2)) + num(m.group(3)) == 21578,
        f"re-run sees 21,578 articles: {r.stdout!r}")
res, r = search_json(args, db, "", "--facets", "date", "-n", "0")
c.check(res is not None and res["total"] == 21578, f"database holds 21,578 articles: {res and res['total']}")

r = run([args.roundtrip, "--db", db, "--phrases", "500", "--words", "200", "--seed", "42", *files])
c.check(r.returncode == 0, f"Reuters round trip: {r.stdout[-3000:]}")
print(r.stdout.strip().splitlines()[-1] if r.stdout.strip() else "roundtrip printed nothing")
c.finish()
