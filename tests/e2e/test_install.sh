#!/usr/bin/env bash
# Install newsdex into a temporary prefix, build examples/ against the
# installed package (find_package(newsdex) and pkg-config, not the build tree)
# and run it on a database of the sample corpus.
#   test_install.sh BUILD_DIR SOURCE_DIR
set -euo pipefail
build=$1 source=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cmake --install "$build" --prefix "$work/prefix" >/dev/null
test -f "$work/prefix/include/newsdex/newsdex.h"
# Man pages (help2man, from each tool's option table) and the user docs.
for tool in newsdex-index newsdex-search; do
    page="$work/prefix/share/man/man1/$tool.1"
    test -s "$page" || { echo "FAIL: no man page $page"; exit 1; }
    grep -qF -- '\-\-db' "$page" || { echo "FAIL: $page does not document --db"; exit 1; }
done
test -f "$work/prefix/share/doc/newsdex/cli.md" || { echo "FAIL: docs not installed"; exit 1; }
! grep -rqE '#include <(xapian|unicode)|Xapian::' "$work/prefix/include/newsdex" || { echo "FAIL: public headers use Xapian or ICU"; exit 1; }

(cd "$source/sample_corpus" && "$work/prefix/bin/newsdex-index" --quiet --db "$work/sample.db" jsonl text html reuters)

cmake -S "$source/examples" -B "$work/example" -DCMAKE_PREFIX_PATH="$work/prefix" >/dev/null
cmake --build "$work/example" >/dev/null
out=$("$work/example/facets_example" "$work/sample.db" apple)
echo "$out"
grep -q 'articles match "apple"' <<<"$out"
grep -q '^company:' <<<"$out"
grep -q '^date:' <<<"$out"
# Entity analytics through the installed library: the heaviest pair of the
# Alibaba articles is Alibaba with its founder (5 articles name both).
out=$("$work/example/related_pairs" "$work/sample.db" company:alibaba 3)
echo "$out"
grep -q '^8 articles match "company:alibaba"; top co-occurring pairs:' <<<"$out"
grep -qE '^  5  (company Alibaba \+ person Ma Yun|person Ma Yun \+ company Alibaba)$' <<<"$out"

# pkg-config too.
PKG_CONFIG_PATH="$work/prefix/lib/pkgconfig:$work/prefix/lib/x86_64-linux-gnu/pkgconfig" \
    g++ -o "$work/pc_example" "$source/examples/facets_example.cpp" $(PKG_CONFIG_PATH="$work/prefix/lib/pkgconfig:$work/prefix/lib/x86_64-linux-gnu/pkgconfig" pkg-config --cflags --libs newsdex) \
    -Wl,-rpath,"$work/prefix/lib" -Wl,-rpath,"$work/prefix/lib/x86_64-linux-gnu"
"$work/pc_example" "$work/sample.db" apple >/dev/null
echo "1 passed, 0 failed"
