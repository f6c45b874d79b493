#!/usr/bin/env python3
"""The CLI's cost of the surname index (searcher/src/surnames.h) at its first
query: one `newsdex-search` process per query, so every process scans every
person term of the database set.

Usage: surname_bench.py --bin BUILD_DIR --work DIR [--persons 100000,300000]
                        [--rounds 10] [--query budget] [--no-remote]
                        [--search-args '--facets none']

For each PERSONS: generates bench/surname_bench_corpus.py's archive, indexes
it (--shards 2 --compact --no-entities: the persons come from the metadata
field), then runs the one-word query with and without --no-surname-match,
alternated, ROUNDS times each, on the local shards and on the same two shards
served by xapian-tcpsrv on loopback (a stub file).  Prints per setting the
median wall and CPU (user + system of the child) in ms and the difference.
A database already in WORK is reused."""
import argparse
import os
import shutil
import socket
import statistics
import subprocess
import sys
import time

here = os.path.dirname(os.path.abspath(__file__))
ap = argparse.ArgumentParser()
ap.add_argument("--bin", required=True, help="build dir holding indexer/newsdex-index and searcher/newsdex-search")
ap.add_argument("--work", required=True)
ap.add_argument("--persons", default="100000,300000")
ap.add_argument("--rounds", type=int, default=10)
ap.add_argument("--query", default="budget")
ap.add_argument("--no-remote", action="store_true")
ap.add_argument("--search-args", default="", help="more newsdex-search options, e.g. '--facets none'")
args = ap.parse_args()
index = os.path.join(args.bin, "indexer", "newsdex-index")
search = os.path.join(args.bin, "searcher", "newsdex-search")
os.makedirs(args.work, exist_ok=True)


def timed(cmd):
    """Wall and CPU (user + system) ms of one child."""
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, ru = os.wait4(p.pid, 0)
    wall = (time.perf_counter() - t0) * 1000
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"failed: {' '.join(cmd)}: {p.stderr.read().decode()}")
    return wall, (ru.ru_utime + ru.ru_stime) * 1000


def serve(shards, stub):
    servers, lines = [], []
    for shard in shards:
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        servers.append(subprocess.Popen(["xapian-tcpsrv", "--interface", "127.0.0.1", "--port", str(port), "--quiet",
                                         shard], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                        stderr=subprocess.DEVNULL, start_new_session=True))
        lines.append(f"remote :127.0.0.1:{port}\n")
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.05)
    with open(stub, "w") as f:
        f.writelines(lines)
    return servers


print(f"| persons | XP terms | where | with surnames wall / CPU ms | --no-surname-match wall / CPU ms | "
      f"difference wall / CPU ms |")
print("|---|---|---|---|---|---|")
for n in [int(x) for x in args.persons.split(",")]:
    db = os.path.join(args.work, f"p{n}.db")
    if not os.path.isdir(db):
        jsonl = os.path.join(args.work, f"p{n}.jsonl")
        with open(jsonl, "w") as f:
            subprocess.run([sys.executable, os.path.join(here, "surname_bench_corpus.py"), str(n)], stdout=f,
                           check=True)
        subprocess.run([index, "--db", db, "--shards", "2", "--compact", "--no-entities", "-q", jsonl], check=True)
    shards = sorted(os.path.join(db, d) for d in os.listdir(db) if d.startswith("shard-") and "." not in d)
    terms = len(set().union(*(set(t for t in subprocess.run(["xapian-delve", "-a", s], capture_output=True,
                                                            text=True).stdout.split() if t.startswith("XP"))
                              for s in shards)))
    places = [("local", db)]
    servers = []
    if not args.no_remote and shutil.which("xapian-tcpsrv"):
        stub = os.path.join(args.work, f"p{n}.stub")
        servers = serve(shards, stub)
        places.append(("remote", stub))
    try:
        for where, path in places:
            on, off = [], []
            cmd = [search, "--db", path] + args.search_args.split()
            timed(cmd + [args.query])  # warm the page cache
            for _ in range(args.rounds):
                on.append(timed(cmd + [args.query]))
                off.append(timed(cmd + ["--no-surname-match", args.query]))
            med = lambda xs, k: statistics.median(x[k] for x in xs)
            print(f"| {n:,} | {terms:,} | {where} | {med(on, 0):.0f} / {med(on, 1):.0f} | "
                  f"{med(off, 0):.0f} / {med(off, 1):.0f} | {med(on, 0) - med(off, 0):+.0f} / "
                  f"{med(on, 1) - med(off, 1):+.0f} |", flush=True)
    finally:
        for s in servers:
            s.terminate()
        for s in servers:
            s.wait()
