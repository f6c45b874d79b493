// Tagger feature definitions that the trainer relies on (issue 8): the
// word-identity keys that --word-dropout hides, and the lone-capitalised-word
// feature (news introduces people by their full name).
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

/// The lone-word feature value of token (s, t), or -1 when it has none.
int lone_value(const DocFeatures& df, std::size_t s, std::size_t t) {
    for (int v = 0; v < 16; ++v)
        if (has(df, s, t, feature_key(kFeatLoneWord, std::uint64_t(v)))) return v;
    return -1;
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

TEST_CASE("a lone capitalised word carries its evidence from the rest of the document") {
    // never in a longer name, never after a first name or title: value 0 (8 at a sentence start)
    const auto a = features_of(
        {{"Zorvex", "said", "it", "would", "hire", "."}, {"Analysts", "at", "Zorvex", "expect", "growth", "."}});
    CHECK(lone_value(a, 0, 0) == 8);
    CHECK(lone_value(a, 1, 2) == 0);
    // "Mr. Zorvex" elsewhere: part of a run (1) and after a title (4)
    const auto b = features_of(
        {{"The", "chairman", ",", "Mr.", "Zorvex", ",", "left", "."}, {"Shares", "of", "Zorvex", "fell", "."}});
    CHECK(lone_value(b, 1, 2) == (1 | 4));
    CHECK(lone_value(b, 0, 4) == -1);  // in a run here: not lone
    // after a first name elsewhere (2), and part of that run (1)
    const auto c = features_of({{"Investors", "backed", "John", "Zorvex", "."}, {"Zorvex", "declined", "."}});
    CHECK(lone_value(c, 1, 0) == (1 | 2 | 8));
    // lower-case words get no lone-word feature
    CHECK(lone_value(c, 0, 1) == -1);
}
