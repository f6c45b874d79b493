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

TEST_CASE("domain: a long article's later, thin reporting words keep it encyclopedic") {
    // "said", "told", "today" after the first three sentences, in fewer than a third of them
    const std::string article =
        "Farrow Hill Mills is a textile company based in Keighley. It was founded in 1868 by the "
        "weaver Amos Farrow. Its first mill spun worsted yarn for the cloth merchants of Bradford.\n\n"
        "History\n\nThe firm grew quickly in the 1880s. Amos Farrow is said to have known every "
        "worker by name. His son Herbert built a second mill in 1899. The company made blankets for the "
        "army in both world wars. In 1952 Herbert Farrow told the board that the mills would stay in the "
        "family. The old mill is still used today as a warehouse. The firm employs about 300 people.";
    CHECK(domain_of("", article) == kEncyclopedic);
    // "percent" of a party's vote, late in the article
    CHECK(domain_of("",
                    "The Moorland Party is a small agrarian party in Westmorland. It was founded in 1921. Its "
                    "first leader was the farmer Ellen Ridd. It won seats on the county council in 1925. "
                    "The party merged with a larger one in 1948. It was revived in 1979. In 1983 it won 4 percent "
                    "of the vote. It has no seats now.") == kEncyclopedic);
}

TEST_CASE("domain: reporting words in the lead, or in many sentences, keep a text news") {
    // "said" in the second sentence, no wire-copy word
    CHECK(domain_of("",
                    "Harbour Vale Rovers is a professional football club based in Tynemouth. Its new owner "
                    "said the club would move to a larger ground. The ground holds 4,000 people. It was built "
                    "in 1903. The club was founded in 1891.") == kNews);
    // after the lead, but in a third of the sentences
    CHECK(domain_of("",
                    "Hollin Mills is a maker of paper in Kent. It employs 400 people. Its mill dates from 1890. "
                    "The company said sales had fallen. A union official told staff to wait. Analysts expect "
                    "losses. Orders fell in the spring.") == kNews);
}

TEST_CASE("domain: a definition after the subject's dates in brackets") {
    CHECK(domain_of("",
                    "Ann Carrow (14 March 1921 - 2 September 2003) was a Scottish politician and trade "
                    "unionist. She was born in Motherwell.") == kEncyclopedic);
    CHECK(domain_of("", "Emil Varga (Hungarian: Varga Emil; 1889 – 1961) was a chemist. He was born in Szeged.") ==
          kEncyclopedic);
    // a long aside in brackets still ends the window
    CHECK(domain_of("",
                    "Emil Varga (whose name appears in the records of the town as Varga Emil, Emil Varga and "
                    "E. Varga) was a chemist. He was born in Szeged.") == kNews);
}

TEST_CASE("domain: a definition's subject is a name, not a pronoun or a common noun") {
    CHECK(domain_of("",
                    "The 4th Lancashire Rifles was an infantry battalion of the British Army. It was raised in "
                    "Preston in 1859.") == kEncyclopedic);
    // news: the second sentence looks like a definition, but of no name
    CHECK(domain_of("PARTY LOSES STATE POLL",
                    "The ruling party was swept from power in the state of Harvale. The loss was a major "
                    "setback for its leader. With most results in, it had won two seats. Its officials had "
                    "expected a close race. Its leader said he would stay.") == kNews);
    CHECK(domain_of("", "Police caught two burglars. It was a hedge that hid the officer.") == kNews);
}

TEST_CASE("domain: a weekday before a day's number is a date, not wire copy") {
    CHECK(domain_of("",
                    "Cambrian Skyways was a regional airline based in Cardiff. It flew to Jersey and Dublin. "
                    "On Friday 14 March 1969 one of its aircraft crashed near Brecon.") == kEncyclopedic);
    CHECK(domain_of("",
                    "Cambrian Skyways is a regional airline based in Cardiff. It flew to Jersey and Dublin. "
                    "On Friday one of its aircraft crashed near Brecon.") == kNews);
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
