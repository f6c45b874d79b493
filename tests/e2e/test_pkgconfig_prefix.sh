#!/usr/bin/env bash
# Install into a temporary prefix; build a C++17 program with pkg-config that
# uses the structured filters, SearchResult::facet and Searcher::article; run it.
#   test_pkgconfig_prefix.sh BUILD_DIR SOURCE_DIR
set -euo pipefail
build=$1 source=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
passed=0
fail() { echo "FAIL: $*"; echo "$passed passed, 1 failed"; exit 1; }
ok() { passed=$((passed + 1)); }

cmake --install "$build" --prefix "$work/prefix" >/dev/null
export PKG_CONFIG_PATH="$work/prefix/lib/pkgconfig:$work/prefix/lib/x86_64-linux-gnu/pkgconfig"
cflags=$(pkg-config --cflags newsdex)
[[ "$cflags" != *-std* ]] || fail "pkg-config --cflags states a standard: $cflags"; ok

(cd "$source/sample_corpus" && "$work/prefix/bin/newsdex-index" --quiet --db "$work/sample.db" jsonl text html reuters)

cat > "$work/app.cpp" <<'CPP'
#include <newsdex/newsdex.h>
#include <iostream>
int main(int argc, char** argv) {
    newsdex::Searcher searcher({argv[1]});
    newsdex::SearchRequest request;
    // A value with a quote: no query text is built.
    request.field_filters = {{"company", "Alibaba \"Group\""}};
    request.date_ranges = {{"2014", "2019-12"}};
    request.facets = {newsdex::FacetField::Person};
    auto result = searcher.search(request);
    const newsdex::Facet* persons = result.facet(newsdex::FacetField::Person);
    std::cout << "total " << result.total << " persons " << (persons ? persons->values.size() : 0) << "\n";
    for (const auto& hit : result.hits) std::cout << "hit " << hit.id << " " << hit.date.substr(0, 4) << "\n";
    auto article = searcher.article(argc > 2 ? argv[2] : "zh-001", "双十一");
    std::cout << "article " << (article ? article->title : "none") << " highlights "
              << (article ? article->body_highlights.size() : 0) << "\n";
}
CPP
# C++17 on purpose: the headers must not need more, and the .pc must not force more.
g++ -std=c++17 -o "$work/app" "$work/app.cpp" $(pkg-config --cflags --libs newsdex) || fail "C++17 build"; ok

# No rpath: the loader cannot find the library (what docs/library.md explains).
if out=$(env -u LD_LIBRARY_PATH "$work/app" "$work/sample.db" 2>&1); then fail "ran without rpath: $out"; fi
grep -q "libnewsdex_search.so.0.3" <<<"$out" || fail "loader message: $out"; ok

libdir=$(pkg-config --variable=libdir newsdex)
out=$(LD_LIBRARY_PATH="$libdir" "$work/app" "$work/sample.db") || fail "LD_LIBRARY_PATH run: $out"; ok
g++ -std=c++17 -o "$work/app_rpath" "$work/app.cpp" $(pkg-config --cflags --libs newsdex) -Wl,-rpath,"$libdir"
out2=$("$work/app_rpath" "$work/sample.db") || fail "rpath run: $out2"; ok
[[ "$out" == "$out2" ]] || fail "both runs agree"; ok
echo "$out"
total=$(sed -n 's/^total \([0-9]*\).*/\1/p' <<<"$out")
[[ "$total" -ge 2 ]] || fail "company filter with a quote matched Alibaba articles: $out"; ok
! grep -E '^hit ' <<<"$out" | grep -vqE ' (2014|2015|2016|2017|2018|2019)$' || fail "date range held: $out"; ok
grep -q '^article 阿里巴巴“双十一”成交额创新高 highlights [1-9]' <<<"$out" || fail "article with highlights: $out"; ok
echo "$passed passed, 0 failed"
