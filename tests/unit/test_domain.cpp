// guess_domain (common/entities/domain.cpp): which model tags a document.
// Text written for these tests.
#include <doctest/doctest.h>

#include "common/entities/domain.h"
#include "entity_stage_support.h"

using namespace newsdex;
using namespace newsdex::test;

namespace {

entities::TextDomain domain_of(const std::string& title, const std::string& body) {
    entities::DocState st;
    run_until(st, entity_article(title, body), Stage::Read);
    return entities::guess_domain(st.doc, entity_data().words);
}

constexpr auto kNews = entities::TextDomain::News;
constexpr auto kEncyclopedic = entities::TextDomain::Encyclopedic;

}  // namespace

TEST_CASE("domain: an article that opens with a definition is encyclopedic") {
    CHECK(domain_of("",
                    "Harbour Vale Rovers is a professional football club based in Tynemouth. It was founded in "
                    "1891 and plays at Vale Park.") == kEncyclopedic);
    CHECK(domain_of("",
                    "The Lanterns were a Scottish indie pop band from Dundee. Their debut album came out in "
                    "1994.") == kEncyclopedic);
    // "X is <Country>'s ...", the title not counted (no lower case)
    CHECK(domain_of("KORU BROADCASTING",
                    "Koru Radio is New Zealand's oldest music station. It moved to Auckland "
                    "in 1971.") == kEncyclopedic);
    // a life's dates in brackets, no definition
    CHECK(domain_of("", "Ann Carrow (born 3 May 1950) ran a bakery in Leeds before she entered Parliament.") ==
          kEncyclopedic);
}

TEST_CASE("domain: one news cue anywhere keeps a definition-like article news") {
    CHECK(domain_of("",
                    "Harbour Vale Rovers is a professional football club based in Tynemouth. Its chairman said "
                    "on Tuesday that the club would be sold.") == kNews);
    CHECK(domain_of("", "The Fed is the central bank of the United States. Rates rose 0.5 pct.") == kNews);
    // a wire date line
    CHECK(domain_of("", "ATHENS 1996-08-23\n\nPanathinaikos is a football club from Athens.") == kNews);
    CHECK(domain_of("", "Ann Carrow (born 3 May 1950), the bakery's owner, told Reuters she would sell.") == kNews);
}

TEST_CASE("domain: wire copy and plain reports are news") {
    CHECK(domain_of("NVIDIA SHARES JUMP",
                    "SANTA CLARA, California (Reuters) - Nvidia Corp posted record sales, "
                    "sending its shares up 9% in extended trading.") == kNews);
    // "Following is the text of ..." introduces a statement, it defines nothing
    CHECK(domain_of("",
                    "Following is the text of a statement by the Group of Seven. The statement is a call for "
                    "stable currencies.") == kNews);
    // a definition only in the third sentence
    CHECK(domain_of("",
                    "Shares of Hollin Mills rose sharply. Traders bought the stock. Hollin Mills is a maker of "
                    "paper.") == kNews);
    // a note in brackets after a dividend line (Reuters, 1987) is no definition
    CHECK(domain_of("KESTREL WERKE AG RAISES DIVIDEND",
                    "Dividend on 1986 business nine marks per share vs six marks.\n    "
                    "(Company is a subsidiary of Austria's Kestrel Holding AG).") == kNews);
    CHECK(domain_of("", "") == kNews);
}

TEST_CASE("domain: the shipped data has the encyclopedic model") {
    CHECK_FALSE(entity_data().encyclopedic_model.empty());
    CHECK_FALSE(entity_data().model.empty());
}
