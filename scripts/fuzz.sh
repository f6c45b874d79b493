#!/usr/bin/env bash
# Build the libFuzzer harnesses (clang, ASan+UBSan) and run each for a bounded time.
#   scripts/fuzz.sh                 every harness of fuzz/targets.txt, 60 s each
#   scripts/fuzz.sh 300 html query  the named harnesses, 300 s each
# Environment:
#   BUILD_DIR   build directory (default build-fuzz; test.sh shares its ASan build)
#   FUZZ_BUILD  0: do not build, the harnesses are already there
#   FUZZ_JOBS   harnesses run side by side (default: the number of cores)
# Everything written stays under BUILD_DIR: the growing corpus of each harness
# (fuzz-corpus/<name>, seeded from fuzz/targets.txt and tests/fuzz-regressions/)
# and crash inputs (fuzz-artifacts/<name>/).  A crash fails the script; save the
# input under tests/fuzz-regressions/<name>/ (docs/testing.md).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
src=$(pwd)
seconds=${1:-60}
shift || true
[[ "$seconds" =~ ^[0-9]+$ ]] || { echo "usage: $0 [SECONDS] [HARNESS...]" >&2; exit 2; }
BUILD_DIR=${BUILD_DIR:-build-fuzz}
FUZZ_JOBS=${FUZZ_JOBS:-$(nproc)}

declare -A seeds
while read -r name dirs; do
    [[ -z "$name" || "$name" == \#* ]] && continue
    seeds[$name]=$dirs
done < fuzz/targets.txt
harnesses=("$@")
[ ${#harnesses[@]} -gt 0 ] || harnesses=($(grep -o '^[a-z]\+' fuzz/targets.txt))
for h in "${harnesses[@]}"; do
    [ -n "${seeds[$h]+x}" ] || { echo "$0: no harness '$h' in fuzz/targets.txt" >&2; exit 2; }
done

if [ "${FUZZ_BUILD:-1}" != 0 ]; then
    scripts/sanitizer_build.sh asan "$BUILD_DIR" "${harnesses[@]/#/newsdex-fuzz-}"
fi
out=$(cd "$BUILD_DIR" && pwd)

# One harness: seed its corpus, fuzz, keep the log; exit status = libFuzzer's.
run_one() {
    local h=$1 corpus="$out/fuzz-corpus/$1" artifacts="$out/fuzz-artifacts/$1/"
    mkdir -p "$corpus" "$artifacts"
    for d in ${seeds[$h]} tests/fuzz-regressions/$h; do
        # Copies, never the source folders themselves: libFuzzer writes into its corpus.
        [ -d "$d" ] && find "$d" -type f ! -name '.*' -exec cp -t "$corpus" {} +
    done
    local dict=()
    [ -f "fuzz/dict/$h.dict" ] && dict=(-dict="$src/fuzz/dict/$h.dict")
    (cd "$out" && TMPDIR="$out" "$out/fuzz/newsdex-fuzz-$h" "${dict[@]}" -max_total_time="$seconds" \
        -timeout=20 -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix="$artifacts" "$corpus") \
        >"$out/fuzz-$h.log" 2>&1
}

echo "== fuzzing ${harnesses[*]} for ${seconds}s each, $FUZZ_JOBS at a time (logs: $out/fuzz-NAME.log)"
declare -A pid_of
failed=()
running=0
for h in "${harnesses[@]}"; do
    if [ "$running" -ge "$FUZZ_JOBS" ]; then wait -n || true; running=$((running - 1)); fi
    run_one "$h" &
    pid_of[$h]=$!
    running=$((running + 1))
done
for h in "${harnesses[@]}"; do
    status=0
    wait "${pid_of[$h]}" || status=$?
    execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$out/fuzz-$h.log" | grep -o '[0-9]*$' || echo '?')
    printf '%-8s %-6s %10s runs  corpus %s files\n' "$h" "$([ $status = 0 ] && echo ok || echo CRASH)" \
           "$execs" "$(ls "$out/fuzz-corpus/$h" | wc -l)"
    if [ "$status" != 0 ]; then
        failed+=("$h")
        grep -m1 -A12 -E '^==[0-9]+==ERROR|runtime error|broken promise|ERROR: libFuzzer' "$out/fuzz-$h.log" || tail -20 "$out/fuzz-$h.log"
        ls "$out/fuzz-artifacts/$h/"
    fi
done
if [ ${#failed[@]} -gt 0 ]; then
    echo "fuzz.sh: crashes in: ${failed[*]}; inputs in $out/fuzz-artifacts/ (save them under tests/fuzz-regressions/NAME/)" >&2
    exit 1
fi
