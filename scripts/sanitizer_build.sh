#!/usr/bin/env bash
# Configure and build a clang sanitizer build of newsdex (used by test.sh and fuzz.sh).
#   scripts/sanitizer_build.sh asan DIR TARGET...   ASan+UBSan, with the libFuzzer harnesses
#   scripts/sanitizer_build.sh tsan DIR TARGET...   ThreadSanitizer
# Only the named targets are built.  -O1 with line tables: readable stacks,
# and much quicker to compile than Release.  CXX overrides the compiler;
# NEWSDEX_UNIT_TEST_MODULES="a;b" builds only those unit-test files (empty: all).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
[ $# -ge 3 ] || { echo "usage: $0 asan|tsan DIR TARGET..." >&2; exit 2; }
kind=$1 dir=$2
shift 2
case "$kind" in
    asan) options=("-DNEWSDEX_SANITIZE=address;undefined" -DNEWSDEX_FUZZ=ON) ;;
    tsan) options=(-DNEWSDEX_SANITIZE=thread -DNEWSDEX_FUZZ=OFF) ;;
    *) echo "$0: unknown kind '$kind' (asan or tsan)" >&2; exit 2 ;;
esac
CXX=${CXX:-clang++-14}
command -v "$CXX" >/dev/null || { echo "$0: $CXX not found (scripts/setup.sh installs clang-14)" >&2; exit 1; }
cmake -S . -B "$dir" -DCMAKE_CXX_COMPILER="$CXX" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DNEWSDEX_WERROR="${NEWSDEX_WERROR:-OFF}" \
      -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -gline-tables-only" "${options[@]}" \
      -DNEWSDEX_UNIT_TEST_MODULES="${NEWSDEX_UNIT_TEST_MODULES:-}" >/dev/null
cmake --build "$dir" -j"$(nproc)" --target "$@"
