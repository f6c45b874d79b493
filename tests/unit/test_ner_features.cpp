// Tagger feature definitions that the trainer relies on (issue 8): the
// word-identity keys that --word-dropout hides.
#include <doctest/doctest.h>

#include "common/entities/ner.h"

#include <algorithm>
#include <string>
#include <vector>

using namespace newsdex;
using namespace newsdex::ner;

namespace {

const Lexicon& lexicon() {
    static const Lexicon lex = [] {
        Lexicon l;
        l.load(std::string(NEWSDEX_SOURCE_DIR) + "/common/data");
        return l;
    }();
    return lex;
}

DocFeatures features_of(const std::vector<std::vector<std::string>>& doc) {
    std::vector<std::vector<std::string_view>> v;
    for (auto& s : doc) v.emplace_back(s.begin(), s.end());
    DocFeatures df;
    extract_features(v, lexicon(), df);
    return df;
}

bool has(const DocFeatures& df, std::size_t s, std::size_t t, std::uint64_t key) {
    return std::find(df.begin(s, t), df.end(s, t), key) != df.end(s, t);
}

}  // namespace

TEST_CASE("word-identity features are the keys the trainer's word dropout hides") {
    const auto df = features_of({{"Shares", "of", "Zorvex", "rose", "."}});
    CHECK(has(df, 0, 2, feature_key(kFeatForm, hash_str("Zorvex"))));
    CHECK(has(df, 0, 2, feature_key(kFeatLower, hash_str("zorvex"))));
    CHECK(has(df, 0, 0, feature_key(kFeatInitialLower, hash_str("shares"))));
    CHECK_FALSE(has(df, 0, 2, feature_key(kFeatInitialLower, hash_str("zorvex"))));
    // typographic forms are keyed by their normalised form
    const auto typo = features_of({{"Shares", "of", "Zorvex\u2019s", "unit", "rose", "."}});
    CHECK(has(typo, 0, 2, feature_key(kFeatLower, hash_str(normalise_lower("Zorvex\u2019s")))));
}
