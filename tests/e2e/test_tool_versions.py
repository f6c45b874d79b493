#!/usr/bin/env python3
"""Every tool answers --version with "<tool> <version>", the version in CMakeLists.txt.

Run in an empty directory with NEWSDEX_DB pointing nowhere, so a tool that
tried to open or create a database (or read input) before answering fails.
"""
import argparse
import os
import re
import subprocess
import tempfile

from e2e_common import Checker

p = argparse.ArgumentParser()
for name in ["--index", "--search", "--roundtrip", "--source", "--work", "--shared", "--entities"]:
    p.add_argument(name)
args = p.parse_args()
c = Checker()

with open(os.path.join(args.source, "CMakeLists.txt"), encoding="utf-8") as f:
    version = re.search(r"project\(newsdex VERSION ([0-9.]+)", f.read()).group(1)

tools = {"newsdex-index": args.index, "newsdex-search": args.search}
if args.entities:
    tools["newsdex-entities"] = args.entities
with tempfile.TemporaryDirectory() as empty:
    env = dict(os.environ, NEWSDEX_DB=os.path.join(empty, "absent.db"))
    for name, binary in tools.items():
        r = subprocess.run([binary, "--version"], capture_output=True, text=True, cwd=empty, env=env,
                           stdin=subprocess.DEVNULL, timeout=30)
        c.check(r.returncode == 0, f"{name} --version exits 0 ({r.returncode}, {r.stderr!r})")
        c.check(r.stdout == f"{name} {version}\n", f"{name} --version prints {r.stdout!r}")
        c.check(r.stderr == "", f"{name} --version writes nothing to stderr: {r.stderr!r}")
        c.check(os.listdir(empty) == [], f"{name} --version created {os.listdir(empty)}")
        h = subprocess.run([binary, "--help"], capture_output=True, text=True, cwd=empty, env=env,
                           stdin=subprocess.DEVNULL, timeout=30)
        c.check(h.returncode == 0 and "--version" in h.stdout, f"{name} --help lists --version")
c.finish()
