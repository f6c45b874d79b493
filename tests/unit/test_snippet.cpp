#include "snippet.h"

#include <doctest/doctest.h>

using namespace newsdex;

TEST_CASE("snippet centres on the matching words and highlights them") {
    Analyzer a;
    std::string body = std::string(400, 'x') +
                       " filler words here. The Markets rallied after the central bank "
                       "cut interest rates, traders said. " +
                       std::string(400, 'y');
    HighlightSet h;
    h.terms = {"market", "rate"};
    Snippet s = make_snippet(a, body, "en", h, 120);
    CHECK(s.text.rfind("… ", 0) == 0);
    REQUIRE(s.highlights.size() == 2);
    CHECK(s.text.substr(s.highlights[0].start, s.highlights[0].end - s.highlights[0].start) == "Markets");
    CHECK(s.text.substr(s.highlights[1].start, s.highlights[1].end - s.highlights[1].start) == "rates");
}

TEST_CASE("no match: the start of the body; whitespace collapsed") {
    Analyzer a;
    Snippet s = make_snippet(a, "First line\n\n   second line", "en", {}, 100);
    CHECK(s.text == "First line second line");
    CHECK(s.highlights.empty());
}

TEST_CASE("CJK characters of a phrase merge into one highlight") {
    Analyzer a;
    HighlightSet h;
    h.terms = {"北", "京"};
    Snippet s = make_snippet(a, "阿里巴巴在北京发布", "zh", h, 100);
    REQUIRE(s.highlights.size() == 1);
    CHECK(s.text.substr(s.highlights[0].start, s.highlights[0].end - s.highlights[0].start) == "北京");
}

TEST_CASE("wildcard prefixes highlight every word they expand to") {
    Analyzer a;
    HighlightSet h;
    h.prefixes = {"econ"};
    Snippet s = make_snippet(a, "The economy and economists", "en", h, 100);
    CHECK(s.highlights.size() == 2);
}
