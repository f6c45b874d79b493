#!/usr/bin/env python3
"""Crash safety: SIGKILL the indexer at 20 seeded random moments of a long run.

A generated corpus of 2,000 articles (two versions: B changes every third
article) is indexed again and again into one database with small, varying
--commit-every values; a few runs start from a fresh database so that kills
land while it is being created, and a few are killed the moment a facet cache
is being written, i.e. after the final commit, before the final sync; and a
few run with --compact, so that kills also land while the shards are merged
and the stub file is switched to the compacted shard.

After each kill: if the database exists it opens (newsdex-search exits 0) and
xapian-check passes on every shard the stub lists; then a re-run of the same input completes
with exact counts (added + replaced + unchanged = 2,000, nothing skipped), and
the database holds exactly the 2,000 ids, each once, in the version just indexed.
"""
import json
import os
import random
import signal
import subprocess
import re
import time

from e2e_common import Checker, fresh_dir, parse_args, run, search_json

args = parse_args()
c = Checker()
rng = random.Random(20261130)
N = 2000
KILLS = 20

work = os.path.join(args.work, "crash")
os.makedirs(work, exist_ok=True)
vocabulary = [f"{a}{b}" for a in ("oil", "grain", "bank", "rate", "steel", "trade", "gold", "ship", "coal", "wheat")
              for b in ("", "er", "ing", "s", "ed", "ion", "al", "ist")]


def write_corpus(name, version):
    path = os.path.join(work, name)
    with open(path, "w", encoding="utf-8") as f:
        for i in range(N):
            words = [rng.choice(vocabulary) for _ in range(60)]
            changed = version == "B" and i % 3 == 0
            f.write(json.dumps({"id": f"crash-{i}", "title": f"Article {i} {'revised' if changed else 'first'}",
                                "body": " ".join(words) + f" marker{version if changed else 'A'}",
                                "date": f"20{10 + i % 15}-0{1 + i % 9}-1{i % 10}"}) + "\n")
    return path


corpus = {"A": write_corpus("a.jsonl", "A"), "B": write_corpus("b.jsonl", "B")}
expected_ids = {f"crash-{i}" for i in range(N)}
summary = re.compile(r"added ([\d,]+), replaced ([\d,]+), unchanged ([\d,]+), skipped ([\d,]+)")


def index_cmd(db, version, commit_every, shards, compact=False):
    return [args.index, "--db", db, "--no-entities", "--commit-every", str(commit_every),
            "--shards", str(shards), corpus[version]] + (["--compact"] if compact else [])


def shards_of(db):
    """The shards the stub lists (a kill during --compact may leave unlisted ones)."""
    try:
        with open(os.path.join(db, "XAPIANDB")) as f:
            return [os.path.join(db, line.split()[1]) for line in f if line.startswith("auto ")]
    except FileNotFoundError:
        return []


def check_after_kill(db, label):
    if not os.path.exists(os.path.join(db, "XAPIANDB")):
        return  # killed before the stub was written: nothing to open yet
    res, proc = search_json(args, db, "article", "-n", "1", "--facets", "none")
    c.check(res is not None, f"{label}: the database opens after the kill: {proc.stderr.strip()}")
    for shard in shards_of(db):
        r = subprocess.run(["xapian-check", shard], capture_output=True, text=True)
        c.check(r.returncode == 0, f"{label}: xapian-check {os.path.basename(shard)}: {r.stdout[-300:]} {r.stderr}")


def check_rerun(db, version, shards, label):
    r = run(index_cmd(db, version, 100, shards))
    m = summary.search(r.stdout)
    if not c.check(r.returncode == 0 and m, f"{label}: the re-run completes: {r.returncode} {r.stderr[-300:]}"):
        return
    counts = [int(g.replace(",", "")) for g in m.groups()]
    c.check(sum(counts[:3]) == N and counts[3] == 0, f"{label}: re-run counts are exact: {m.group(0)}")
    res, proc = search_json(args, db, "article", "-n", str(N + 10), "--no-collapse", "--facets", "none", "--exact")
    if not c.check(res is not None, f"{label}: search after the re-run: {proc.stderr}"):
        return
    ids = [h["id"] for h in res["hits"]]
    delve = run(["xapian-delve", db]).stdout
    c.check(f"number of documents = {N}\n" in delve and len(ids) == N and set(ids) == expected_ids,
            f"{label}: exactly the {N} ids, each once ({len(ids)} hits, {len(set(ids))} distinct; {delve!r})")
    res, _ = search_json(args, db, "markerb", "-n", "0", "--facets", "none", "--exact")
    c.check(res is not None and res["total"] == (N + 2) // 3 * (version == "B"),
            f"{label}: the B-version articles are exactly those of the input ({res and res['total']})")


def end_phase_started(db, since_ns):
    """A facet cache is being or has been written in this run: the last
    commit is done, the caches, the sync (or --compact) are under way."""
    try:
        for entry in os.scandir(db):
            if entry.name.endswith(".facets.tmp"):
                return True
            if entry.name.endswith(".facets") and entry.stat().st_mtime_ns >= since_ns:
                return True
    except FileNotFoundError:
        pass
    return False


def compaction_started(db, since_ns):
    return os.path.exists(os.path.join(db, "compacting.tmp"))


def kill_run(cmd, db, delay, trigger=None):
    """Start cmd and SIGKILL it `delay` s after its start, or after `trigger`
    (db, start time in ns) first holds; True if it was killed, False if it
    ended first."""
    since_ns = time.time_ns() - 10_000_000  # file times are coarser than the clock
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + delay
    if trigger:
        while proc.poll() is None and not trigger(db, since_ns):
            time.sleep(0.0002)
        deadline = time.monotonic() + delay
    while proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.0005)
    if proc.poll() is not None:
        return False
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    return True


# A whole run first, to know how long one takes.
db = os.path.join(work, "crash.db")
fresh_dir(db)
started = time.monotonic()
r = run(index_cmd(db, "A", 50, 2))
full = time.monotonic() - started
print(f"an uninterrupted run takes {full:.2f} s", flush=True)
c.check(r.returncode == 0, f"an uninterrupted run succeeds: {r.stderr}")

kills = attempts = end_phase_misses = 0
version = "B"
while kills < KILLS and attempts < 4 * KILLS:
    attempts += 1
    shards = rng.choice([1, 2, 3])
    fresh = kills % 5 == 0
    # The end phase may be too short to catch on a loaded machine: after 3
    # misses, a timed kill near the end instead.
    at_facet_write = kills % 5 == 3 and end_phase_misses < 3
    # A run killed at its facet cache write runs whole: not one commit per article.
    commit_every = rng.choice([5, 13, 40] if at_facet_write else [1, 2, 5, 13, 40])
    compact = kills % 5 == 4
    if fresh:
        fresh_dir(db)
    else:
        shards = len(shards_of(db)) or shards
    # Up to a little past the measured run: the tail holds the final commit and sync.
    trigger, moment = None, "after the start"
    if at_facet_write:
        trigger, moment, delay = end_phase_started, "once the facet caches are being written", 0
    elif kills % 5 == 3:
        delay = rng.uniform(0.85, 1.05) * full
    elif compact and kills % 10 == 4:
        # Compaction takes a fraction of a second here: from its start, into
        # the compactor, the facet cache, the sync, the stub switch, the removal.
        trigger, moment, delay = compaction_started, "after compaction started", rng.uniform(0, 0.1) * full
    else:
        delay = rng.uniform(0.0, 1.1) * full * (2 if commit_every <= 2 else 1)
    label = (f"kill {kills + 1} ({'fresh db, ' if fresh else ''}{'--compact, ' if compact else ''}version {version}, "
             f"--commit-every {commit_every}, {delay:.3f} s {moment})")
    if not kill_run(index_cmd(db, version, commit_every, shards, compact), db, delay, trigger):
        end_phase_misses += at_facet_write
        continue  # ended before the moment: draw another
    kills += 1
    end_phase_misses = 0
    print(f"[{time.monotonic() - started:5.1f} s] {label}", flush=True)
    check_after_kill(db, label)
    check_rerun(db, version, shards, label)
    version = "A" if version == "B" else "B"

c.check(kills == KILLS, f"{KILLS} runs were killed ({kills} in {attempts} attempts)")
print(f"{kills} kills in {attempts} runs")
c.finish()
