"""Helpers shared by the end-to-end tests: run the real binaries, check results."""
import argparse
import json
import os
import shutil
import subprocess
import sys


def parse_args(extra=None):
    p = argparse.ArgumentParser()
    p.add_argument("--index", required=True)
    p.add_argument("--search", required=True)
    p.add_argument("--roundtrip", required=True)
    p.add_argument("--source", required=True)
    p.add_argument("--work", required=True)
    p.add_argument("--shared")
    return p.parse_args(extra)


class Checker:
    """Counts checks; prints failures; ends with 'N passed, M failed'."""

    def __init__(self):
        self.passed = 0
        self.failed = 0

    def check(self, ok, what):
        if ok:
            self.passed += 1
        else:
            self.failed += 1
            print("FAIL:", what, flush=True)
        return ok

    def finish(self):
        print(f"{self.passed} passed, {self.failed} failed")
        sys.exit(1 if self.failed else 0)


def run(cmd, **kw):
    env = dict(os.environ)
    env.pop("NEWSDEX_DB", None)
    env["NO_COLOR"] = "1"
    return subprocess.run(cmd, capture_output=True, text=True, env=env, **kw)


def num(text):
    """'21,578' -> 21578"""
    return int(text.replace(",", ""))


def fresh_dir(path):
    shutil.rmtree(path, ignore_errors=True)
    os.makedirs(os.path.dirname(path), exist_ok=True)


def search_json(args, db, query, *extra):
    r = run([args.search, "--db", db, "--json", *extra, "--", query] if query else
            [args.search, "--db", db, "--json", *extra])
    # Exit 1 means nothing matched (like grep): the document says total 0.
    if r.returncode not in (0, 1):
        return None, r
    doc = json.loads(r.stdout)
    if (r.returncode == 1) != (doc["total"] == 0):
        return None, r
    return doc, r


def compare_golden(checker, path, got, update):
    """Compare `got` with the golden file at `path` (a unified diff on a
    mismatch), or rewrite the file when `update` is set."""
    if update:
        with open(path, "w", encoding="utf-8") as f:
            f.write(got)
        print(f"updated {path}")
        return
    want = open(path, encoding="utf-8").read() if os.path.exists(path) else ""
    if not checker.check(got == want, f"{os.path.basename(path)}: output differs from {path} "
                                      "(run with --update to accept)"):
        import difflib
        sys.stdout.writelines(list(difflib.unified_diff(want.splitlines(True), got.splitlines(True), path, "got"))[:60])


def shards_of(db):
    """The shard folders of a newsdex database directory, in order."""
    return sorted(os.path.join(db, n) for n in os.listdir(db)
                  if n.startswith("shard-") and os.path.isdir(os.path.join(db, n)))


class RemoteShards:
    """xapian-tcpsrv processes on loopback for the remote-shard tests; a
    context manager that stops every server it started.  `available` is False
    when xapian-tcpsrv is not installed (the caller skips its remote part)."""

    def __init__(self):
        self.tcpsrv = shutil.which("xapian-tcpsrv")
        self.available = self.tcpsrv is not None
        self.servers = []

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        for s in self.servers:
            s.terminate()
        for s in self.servers:
            s.wait()
        return False

    def serve(self, shards, stub):
        """Serve each shard folder with its own server, write a stub file
        listing them at `stub`, wait until all listen, return `stub`."""
        import socket
        import time
        lines = []
        for shard in shards:
            with socket.socket() as s:
                s.bind(("127.0.0.1", 0))
                port = s.getsockname()[1]
            # xapian-tcpsrv signals its whole process group when it stops: give it its own.
            self.servers.append(subprocess.Popen(
                [self.tcpsrv, "--interface", "127.0.0.1", "--port", str(port), "--quiet", shard],
                stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                start_new_session=True))
            lines.append(f"remote :127.0.0.1:{port}\n")
            for _ in range(100):
                try:
                    socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                    break
                except OSError:
                    time.sleep(0.1)
        with open(stub, "w") as f:
            f.writelines(lines)
        return stub
