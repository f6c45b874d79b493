#!/usr/bin/env bash
# The README's second command (and CI's): install, build, run every test, then
# the sanitizer stages (docs/testing.md):
#   release  Release build (scripts/setup.sh), the whole test suite
#   asan     clang ASan+UBSan: unit tests, e2e.sample, replay of the fuzz
#            regressions; then every fuzz harness for FUZZ_SECONDS (default 30)
#   tsan     clang ThreadSanitizer: the threaded unit tests (searcher, worker
#            pool, shard BM25, indexer) and the search-while-indexing test
# NEWSDEX_SANITIZERS=0 skips asan and tsan for a quick local run; CI=true always runs them.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
BUILD_DIR=${BUILD_DIR:-build}
ASAN_DIR=${ASAN_DIR:-$BUILD_DIR-asan}
TSAN_DIR=${TSAN_DIR:-$BUILD_DIR-tsan}
FUZZ_SECONDS=${FUZZ_SECONDS:-30}
sanitizers=${NEWSDEX_SANITIZERS:-1}
# Tests build with warnings as errors (a plain build from setup.sh/demo.sh does not).
export NEWSDEX_WERROR=${NEWSDEX_WERROR:-ON}
[ "${CI:-}" = true ] && sanitizers=1

timings=()
summaries=()
stage_start=0
begin() { stage_start=$SECONDS; echo; echo "======== $1"; }
end() { timings+=("$(printf '%-22s %4d s' "$1" $((SECONDS - stage_start)))"); }
# ctest in DIR with ARGS; its summary line is repeated at the end of the script.
run_ctest() {
    local dir=$1 label=$2 log
    shift 2
    log=$(mktemp)
    local status=0
    (cd "$dir" && ctest --output-on-failure --no-tests=error -j"$(nproc)" --timeout 600 "$@") 2>&1 | tee "$log" || status=$?
    summaries+=("$(printf '%-8s %s' "$label" "$(grep -E 'tests passed|No tests were found' "$log" | tail -1)")")
    rm -f "$log"
    return "$status"
}
# A sanitizer build, its output kept in DIR/build.log (shown when it fails).
sanitizer_build() {
    local kind=$1 dir=$2
    mkdir -p "$dir"
    scripts/sanitizer_build.sh "$@" >"$dir/build.log" 2>&1 || { tail -40 "$dir/build.log"; return 1; }
}
report() {
    echo
    echo "======== summary"
    printf '%s\n' "${summaries[@]}" "${timings[@]}"
}
trap report EXIT

begin release
scripts/setup.sh
run_ctest "$BUILD_DIR" release
end release

if [ "$sanitizers" = 0 ]; then
    echo "(NEWSDEX_SANITIZERS=0: sanitizer stages skipped)"
    exit 0
fi

# Any sanitizer report aborts the process, so the test sees a crash.
export ASAN_OPTIONS=abort_on_error=1:detect_leaks=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
export TSAN_OPTIONS="halt_on_error=1:second_deadlock_stack=1:suppressions=$(pwd)/scripts/tsan.supp"
[ -x /usr/lib/llvm-14/bin/llvm-symbolizer ] && export PATH="$PATH:/usr/lib/llvm-14/bin"

harnesses=$(grep -o '^[a-z]\+' fuzz/targets.txt)
begin asan-build
sanitizer_build asan "$ASAN_DIR" newsdex_unit_tests newsdex-index newsdex-search newsdex-roundtrip \
    $(for h in $harnesses; do echo "newsdex-replay-$h newsdex-fuzz-$h"; done)
end asan-build
begin asan-tests
run_ctest "$ASAN_DIR" asan -R '^(unit\.|e2e\.sample$|fuzz\.replay\.)'
end asan-tests
begin fuzz
FUZZ_BUILD=0 BUILD_DIR="$ASAN_DIR" scripts/fuzz.sh "$FUZZ_SECONDS"
end fuzz

begin tsan-build
# The threaded modules only: their test files alone are compiled under TSan.
tsan_modules="searcher;worker_pool;shard_bm25;indexer"
NEWSDEX_UNIT_TEST_MODULES=$tsan_modules \
    sanitizer_build tsan "$TSAN_DIR" newsdex_unit_tests newsdex-index newsdex-search newsdex-roundtrip
end tsan-build
begin tsan-tests
run_ctest "$TSAN_DIR" tsan -R "^(unit\.(${tsan_modules//;/|})|e2e\.search_while_indexing_sample)\$"
end tsan-tests
