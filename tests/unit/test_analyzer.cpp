#include "common/text/analyzer.h"

#include <doctest/doctest.h>

using newsdex::AnalyzedTerm;
using newsdex::Analyzer;

namespace {
std::vector<std::string> terms(const std::string& text, const std::string& lang = "en", bool positional_only = true) {
    Analyzer a;
    std::vector<AnalyzedTerm> out;
    a.analyze(text, lang, out);
    std::vector<std::string> t;
    for (const auto& x : out)
        if (!positional_only || x.positional) t.push_back(x.term);
    return t;
}
}  // namespace

TEST_CASE("folding: case, accents, special letters, apostrophes") {
    CHECK(Analyzer::fold("Zürich") == "zurich");
    CHECK(Analyzer::fold("ZÜRICH") == "zurich");
    CHECK(Analyzer::fold("Ørsted") == "orsted");
    CHECK(Analyzer::fold("Łódź") == "lodz");
    CHECK(Analyzer::fold("Straße") == "strasse");
    CHECK(Analyzer::fold("naïve") == "naive");
    CHECK(Analyzer::fold("São") == "sao");
    CHECK(Analyzer::fold("Kalanick’s") == "kalanick's");
    CHECK(Analyzer::fold("ＡＢＣ") == "abc");      // full-width, NFKC
    CHECK(Analyzer::fold("ﬁnance") == "finance");  // ligature
    CHECK(Analyzer::fold("IBM") == "ibm");
}

TEST_CASE("segmentation and stemming agree for typed and written forms") {
    CHECK(terms("Markets rallied") == std::vector<std::string>{"market", "ralli"});
    CHECK(terms("state-of-the-art") == std::vector<std::string>{"state", "of", "the", "art"});
    CHECK(terms("Kalanick's") == terms("Kalanick’s"));
    CHECK(terms("Kalanick's") == terms("kalanick"));
    CHECK(terms("O'Brien") == std::vector<std::string>{"o'brien"});
    CHECK(terms("Zürich") == terms("zurich"));
    CHECK(terms("U.S. $1.5 billion, 3.5%").size() == 4);
    CHECK(terms("   ...  ,, !!").empty());
}

TEST_CASE("CJK: one positional term per character plus the dictionary word") {
    Analyzer a;
    std::vector<AnalyzedTerm> out;
    a.analyze("阿里巴巴在北京", "zh", out);
    std::vector<std::string> chars, words;
    for (const auto& t : out) (t.positional ? chars : words).push_back(t.term);
    CHECK(chars == std::vector<std::string>{"阿", "里", "巴", "巴", "在", "北", "京"});
    CHECK(!words.empty());
    CHECK(Analyzer::is_cjk_char_term("北"));
    CHECK_FALSE(Analyzer::is_cjk_char_term("北京"));
    CHECK_FALSE(Analyzer::is_cjk_char_term("a"));
    // Japanese kana and kanji too.
    CHECK(terms("トヨタ自動車").size() == 6);
}

TEST_CASE("byte offsets point at the words in the original text") {
    Analyzer a;
    std::vector<AnalyzedTerm> out;
    std::string text = "Café in Zürich";
    a.analyze(text, "en", out);
    REQUIRE(out.size() == 3);
    CHECK(text.substr(out[0].start, out[0].end - out[0].start) == "Café");
    CHECK(text.substr(out[2].start, out[2].end - out[2].start) == "Zürich");
}

TEST_CASE("stemming language: supported codes, fallback to English") {
    CHECK(newsdex::stemming_language("de") == "de");
    CHECK(newsdex::stemming_language("en-GB") == "en");
    CHECK(newsdex::stemming_language("FR") == "fr");
    CHECK(newsdex::stemming_language("german") == "de");
    CHECK(newsdex::stemming_language("zh") == "en");
    CHECK(newsdex::stemming_language("") == "en");
    CHECK(terms("Häuser", "de") != terms("Häuser", "en"));
}

TEST_CASE("over-long tokens are not indexed") { CHECK(terms(std::string(500, 'x')).empty()); }
