// The statistical tagger (common/entities/ner.h): input normalisation,
// Unicode capitals, word-cluster file checks, the document-level
// consistency pass and the two-pass decode.
#include <doctest/doctest.h>

#include "common/entities/ner.h"
#include "newsdex/error.h"

#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

using namespace newsdex;
using namespace newsdex::ner;

namespace {

const std::string kData = std::string(NEWSDEX_SOURCE_DIR) + "/common/data";

const Lexicon& lexicon() {
    static const Lexicon lex = [] {
        Lexicon l;
        l.load(kData);
        return l;
    }();
    return lex;
}

std::vector<std::vector<std::string_view>> views(const std::vector<std::vector<std::string>>& doc) {
    std::vector<std::vector<std::string_view>> v;
    for (auto& s : doc) v.emplace_back(s.begin(), s.end());
    return v;
}

}  // namespace

TEST_CASE("typographic quotes, apostrophes and dashes are normalised") {
    CHECK(normalise_form("Firm\u2019s") == "Firm's");
    CHECK(normalise_form("\u2018quoted\u2019") == "'quoted'");
    CHECK(normalise_form("\u201cQ\u201d") == "\"Q\"");
    CHECK(normalise_form("2010\u20132015\u2014") == "2010-2015-");
    CHECK(normalise_form("Z\u00fcrich") == "Z\u00fcrich");
    CHECK(normalise_lower("ACME\u2019S") == "acme's");
}

TEST_CASE("a typographic possessive gets the same features as an ASCII one") {
    // "Firm’s chief executive" was missed while "Firm's" was found (issue 8).
    DocFeatures a, b;
    extract_features(views({{"Shares", "of", "Acme", "\u2019s", "rival", "Globex", "fell", "."}}), lexicon(), a);
    extract_features(views({{"Shares", "of", "Acme", "'s", "rival", "Globex", "fell", "."}}), lexicon(), b);
    CHECK(a.feats == b.feats);
    CHECK(a.token_begin == b.token_begin);
}

TEST_CASE("non-ASCII capitals count as capitalised") {
    CHECK(starts_upper("\u00d8rsted"));                           // Ø
    CHECK(starts_upper("\u00c9lys\u00e9e"));                      // É
    CHECK(starts_upper("\u0141\u00f3d\u017a"));                   // Ł
    CHECK(starts_upper("\u017dilina"));                           // Ž
    CHECK(starts_upper("\u041c\u043e\u0441\u043a\u0432\u0430"));  // Cyrillic М
    CHECK(starts_upper("IBM"));
    CHECK_FALSE(starts_upper("\u00e9lys\u00e9e"));
    CHECK_FALSE(starts_upper("\u00df"));
    CHECK_FALSE(starts_upper("\u00d7"));  // times sign
    CHECK_FALSE(starts_upper("apple"));
    CHECK_FALSE(starts_upper(""));
    CHECK_FALSE(starts_upper("\u2019s"));
}

TEST_CASE("the shipped word clusters load; a bad cluster line names file and line") {
    CHECK(lexicon().cluster_words > 10000);
    CHECK(lexicon().cluster("reagan") != 0);
    // a word in a gazetteer and in the clusters keeps both
    CHECK((lexicon().word_flags("john") & kGzFirst));
    CHECK(lexicon().cluster("john") != 0);
    const std::string path = "test_ner_clusters.tmp";
    {
        std::ofstream out(path);
        out << "# comment\nreagan\t0101\t3\nbaker\t01x1\t3\n";
    }
    Lexicon lex;
    try {
        lex.load_clusters(path);
        FAIL("no error for a bad line");
    } catch (const SystemError& e) {
        CHECK(std::string(e.what()).find(path + ":3:") != std::string::npos);
    }
    {
        std::ofstream out(path);
        out << "reagan\t0101\t3\nshort\t1\nlong\t1111111111111000\t0\n";  // the capitalisation column is optional
    }
    Lexicon ok;
    ok.load_clusters(path);
    CHECK(ok.cluster("reagan") == ((4u << 24) | (4u << 16) | 0x5u));
    CHECK(ok.cluster("short") == ((5u << 24) | (1u << 16) | 0x1u));
    CHECK(ok.cluster("long") == ((1u << 24) | (13u << 16) | 0x1FFFu));  // 13 path bits kept
    CHECK(ok.cluster_words == 3);
    std::remove(path.c_str());
}

TEST_CASE("consistency pass: repeats of a name tagged elsewhere get its type") {
    // Three sentences; keys stand for capitalised words (0 = not a name word).
    DocFeatures df;
    const std::uint64_t xi = 11, jinping = 12, acme = 21, labs = 22, ford = 31, told = 0, lower = 0;
    df.name_key = {xi,   jinping, lower, acme, labs,  ford,  // Xi Jinping met Acme Labs ; Ford (PER)
                   xi,   told,    acme,  labs, lower,        // Xi told Acme Labs ...
                   ford, lower,   ford,  lower};             // Ford ... Ford (tagged ORG here)
    df.sent_begin = {0, 6, 11, 15};
    std::vector<std::vector<int>> tags = {
        {kBPer, kIPer, kO, kBOrg, kIOrg, kBPer}, {kO, kO, kO, kO, kO}, {kBOrg, kO, kO, kO}};
    propagate_names(df, tags);
    CHECK(tags[1] == std::vector<int>{kBPer, kO, kBOrg, kIOrg, kO});
    // "Ford" is tagged both PER and ORG in this document: left alone.
    CHECK(tags[2] == std::vector<int>{kBOrg, kO, kO, kO});
}

TEST_CASE("consistency pass: no change next to a tagged name or without names") {
    DocFeatures df;
    df.name_key = {5, 6, 7, 5};
    df.sent_begin = {0, 2, 4};
    std::vector<std::vector<int>> tags = {{kBPer, kIPer}, {kBOrg, kO}};
    propagate_names(df, tags);
    // 5 is the first word of a person, but here it is glued to the name "7".
    CHECK(tags[1] == std::vector<int>{kBOrg, kO});
    std::vector<std::vector<int>> none = {{kO, kO}, {kO, kO}};
    propagate_names(df, none);
    CHECK(none == std::vector<std::vector<int>>{{kO, kO}, {kO, kO}});
}

TEST_CASE("decode runs the consistency pass over the whole document once") {
    Model model;
    model.load(kData + "/ner.model");
    const std::vector<std::vector<std::string>> doc = {
        {"President", "Xi", "Jinping", "met", "Uber", "chief", "executive", "Travis", "Kalanick", "."},
        {"Xi", "told", "Kalanick", "that", "China", "welcomed", "investment", "."}};
    DocFeatures df;
    extract_features(views(doc), lexicon(), df);
    REQUIRE(df.name_key.size() == 18);
    CHECK(df.name_key[0] == 0);  // a title word is not a name word
    CHECK(df.name_key[1] == hash_str("xi"));
    const auto first = model.decode(df, 0);
    CHECK(first[1] == kBPer);
    CHECK(first[2] == kIPer);
    const auto second = model.decode(df, 1);
    CHECK(second[0] == kBPer);  // "Xi" alone, from "Xi Jinping"
    CHECK(second[2] == kBPer);
    // decode_sentence is the first pass; decode agrees with it wherever it tagged a name
    const auto alone = model.decode_sentence(df, 1);
    for (std::size_t i = 0; i < alone.size(); ++i)
        if (alone[i] != kO) CHECK(second[i] == alone[i]);
    // a new document resets the stored result
    extract_features(views({{"Nothing", "here", "."}}), lexicon(), df);
    CHECK(model.decode(df, 0).size() == 3);
}
