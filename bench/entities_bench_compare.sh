#!/bin/sh
# Compare the extraction speed of two builds of newsdex-entities-bench on a
# shared machine: alternate OLD and NEW for ROUNDS rounds each (so both see
# the same load) and print the median thread-CPU MB/s of each and the ratio.
# Usage: bench/entities_bench_compare.sh OLD_BENCH NEW_BENCH [ROUNDS] [CORPUS]
#   e.g. OLD_BENCH = a build of an older commit's tools/newsdex-entities-bench
# REPEAT=N: each run reports the best of N passes over the corpus (default 1).
set -e
old=$1
new=$2
rounds=${3:-9}
here=$(cd "$(dirname "$0")/.." && pwd)
corpus=${4:-$here/../shared/corpora/reuters21578}
[ -x "$old" ] && [ -x "$new" ] || { echo "usage: $0 OLD_BENCH NEW_BENCH [ROUNDS] [CORPUS]" >&2; exit 2; }
cpu_mbs() { "$1" "$corpus" --extract-only --repeat "${REPEAT:-1}" | sed -n 's/.*CPU time [0-9.]* s: \([0-9.]*\) MB\/s.*/\1/p'; }
median() { sort -n | awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }
o=""
n=""
i=0
while [ $i -lt "$rounds" ]; do
    o="$o $(cpu_mbs "$old")"
    n="$n $(cpu_mbs "$new")"
    i=$((i + 1))
done
mo=$(echo $o | tr ' ' '\n' | median)
mn=$(echo $n | tr ' ' '\n' | median)
echo "old MB/s (CPU):$o"
echo "new MB/s (CPU):$n"
echo "median of $rounds: old $mo  new $mn  ratio $(awk -v a="$mn" -v b="$mo" 'BEGIN {printf "%.3f", a / b}')"
