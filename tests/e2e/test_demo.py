#!/usr/bin/env python3
"""scripts/demo.sh prints commands that work when pasted at the repository root."""
import argparse
import os
import subprocess

from e2e_common import Checker

p = argparse.ArgumentParser()
for name in ["--index", "--search", "--roundtrip", "--source", "--work", "--shared", "--build"]:
    p.add_argument(name)
args = p.parse_args()
c = Checker()

env = dict(os.environ, BUILD_DIR=args.build, NEWSDEX_DEMO_NO_SETUP="1", NO_COLOR="1")
env.pop("NEWSDEX_DB", None)
demo = subprocess.run(["bash", os.path.join(args.source, "scripts", "demo.sh")], capture_output=True, text=True,
                      env=env, cwd="/", timeout=240)
c.check(demo.returncode == 0, f"demo exits 0: {demo.returncode} {demo.stderr[-2000:]}")
lines = demo.stdout.splitlines()
commands = [line[2:] for line in lines if line.startswith("$ ")]
c.check(len(commands) >= 3, f"demo prints its commands: {commands}")
c.check(any("newsdex-index" in cmd and "sample_corpus/" in cmd and "bad" not in cmd for cmd in commands),
        f"the index command names sample_corpus/ folders without bad/: {commands}")
c.check(any(f"{args.build}/indexer/newsdex-index" in line and f"{args.build}/searcher/newsdex-search" in line
            for line in lines if not line.startswith("$ ")), "the demo says where the binaries are")
c.check(any("skipped 0" in line for line in lines), "indexing the sample corpus skips nothing")
c.check("'person:\"jack ma\"'" in demo.stdout, "the person:\"jack ma\" query is quoted for the shell")

# Pasted at the repository root, each command does what it did in the demo.
for cmd in commands:
    r = subprocess.run(["bash", "-c", cmd], capture_output=True, text=True, env=env, cwd=args.source, timeout=120)
    c.check(r.returncode == 0 and r.stdout.strip(), f"pasted: {cmd!r}: exit {r.returncode} {r.stderr[-500:]}")
    if "jack ma" in cmd:
        c.check("no person matches" not in r.stdout and "Ma Yun" in r.stdout, f"pasted: {cmd!r}: {r.stdout[:800]}")
c.finish()
