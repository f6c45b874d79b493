#!/usr/bin/env python3
"""A second indexer on a database being written gets a clear "locked" message and exit 3.

The first indexer reads standard input from a pipe this test holds open, so it
keeps the database locked for exactly as long as the test needs.
"""
import json
import os
import subprocess
import time

from e2e_common import Checker, fresh_dir, parse_args, run

args = parse_args()
c = Checker()
db = os.path.join(args.work, "lock.db")
fresh_dir(db)
other_input = os.path.join(args.work, "lock_other.jsonl")
with open(other_input, "w") as f:
    f.write(json.dumps({"id": "other-1", "title": "Other", "body": "From the second indexer."}) + "\n")

env = dict(os.environ, NO_COLOR="1")
env.pop("NEWSDEX_DB", None)
first = subprocess.Popen([args.index, "--db", db, "--no-entities", "--format", "jsonl", "-"], stdin=subprocess.PIPE,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
first.stdin.write(json.dumps({"id": "first-1", "title": "First", "body": "From the first indexer."}) + "\n")
first.stdin.flush()
# The stub file is written once every shard is open, i.e. locked.
deadline = time.monotonic() + 30
while not os.path.exists(os.path.join(db, "XAPIANDB")) and time.monotonic() < deadline and first.poll() is None:
    time.sleep(0.01)
c.check(first.poll() is None and os.path.exists(os.path.join(db, "XAPIANDB")), "the first indexer holds the database")

for what, cmd in (("indexing", [args.index, "--db", db, "--no-entities", other_input]),
                  ("--delete", [args.index, "--db", db, "--delete", "first-1"])):
    r = run(cmd, timeout=60)
    c.check(r.returncode == 3, f"a second indexer ({what}) exits 3 (got {r.returncode}: {r.stderr!r})")
    c.check("locked" in r.stderr and db in r.stderr and r.stderr.count("\n") == 1,
            f"a second indexer ({what}) says in one line that the database is locked: {r.stderr!r}")

out, err = first.communicate(json.dumps({"id": "first-2", "title": "First again", "body": "Still the first."}) + "\n",
                             timeout=60)
c.check(first.returncode == 0 and "added 2," in out, f"the first indexer finishes normally: {first.returncode} {out} {err}")
r = run([args.index, "--db", db, "--no-entities", other_input])
c.check(r.returncode == 0 and "added 1," in r.stdout, f"once it is done the database is free: {r.stdout} {r.stderr}")
c.finish()
