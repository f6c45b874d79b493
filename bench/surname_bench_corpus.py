#!/usr/bin/env python3
"""A JSONL archive naming many distinct persons, for bench/surname_bench.sh.

Usage: surname_bench_corpus.py PERSONS [SEED] > corpus.jsonl

PERSONS distinct generated persons ("Kotamu Berasilo"), a third as many
surnames (so most surnames have several bearers, as on a real archive),
named in PERSONS / 3 articles of four persons each: every person at least
once, the rest drawn with a Zipf-like skew so that a few are frequent.
Given as the `persons` metadata field, so the extractor's recall does not
decide how many person terms the index holds.  The body is short wire text
over a small vocabulary ("budget", "talks", ...) so the one-word benchmark
query matches a fixed share of the articles."""
import json
import random
import sys

persons_n = int(sys.argv[1])
rng = random.Random(int(sys.argv[2]) if len(sys.argv) > 2 else 1987)
CONS = "bdfgklmnprstvz"
VOWS = "aeiou"


def word(syllables):
    return "".join(rng.choice(CONS) + rng.choice(VOWS) for _ in range(syllables)).capitalize()


def distinct(n, syllables):
    seen, out = set(), []
    while len(out) < n:
        w = word(rng.choice(syllables))
        if w not in seen:
            seen.add(w)
            out.append(w)
    return out


firsts = distinct(2000, (2, 3))
surnames = distinct(max(1, persons_n // 3), (3, 4))
names, seen = [], set()
while len(names) < persons_n:
    n = f"{rng.choice(firsts)} {rng.choice(surnames)}"
    if n not in seen:
        seen.add(n)
        names.append(n)
WORDS = ("budget talks minister bank rates trade deficit shares profit merger strike election court "
         "oil prices wheat exports tariff inflation bonds currency").split()
articles = persons_n // 3 + 1
order = names[:]
rng.shuffle(order)
for i in range(articles):
    named = order[4 * i:4 * i + 4] if 4 * i < len(order) else []
    while len(named) < 4:
        named.append(names[min(len(names) - 1, int(rng.paretovariate(1.2)) - 1)])
    body = " ".join(rng.choice(WORDS) for _ in range(40))
    rec = {"id": f"p{i}", "title": f"{rng.choice(WORDS).capitalize()} {rng.choice(WORDS)}",
           "body": f"{named[0]} said {body}.", "date": f"19{80 + i % 20}-0{1 + i % 9}-1{i % 10}",
           "source": "Synth", "language": "en", "persons": named}
    print(json.dumps(rec))
