// Entity pipeline, repair_tags' rules for encyclopedic text
// (stage_encyclopedic.cpp) and the "A Bank and B Bank" split (stage_tagging.cpp).
// Tagger-independent: each test forces the tags the rule must repair (what
// the tagger did on tests/data/encyclopedic_dev.conll), then runs the rule.
// Text written for these tests.
#include <doctest/doctest.h>

#include "entity_stage_support.h"

#include <algorithm>

using namespace newsdex;
using namespace newsdex::test;

namespace {

/// Read `body`, then give every token the tag `fill` (ner::kO: untagged;
/// ner::kBOrg etc.: each capitalised run one such name).
void read_with_tags(entities::DocState& st, const std::string& body, int begin_tag) {
    run_until(st, entity_article("", body), Stage::Read);
    for (std::size_t s = 0; s < st.tags.size(); ++s)
        for (std::size_t i = 0; i < st.tags[s].size(); ++i) {
            const bool cap = entities::starts_upper(st.doc[s][i]) && i > 0;
            const bool cont = cap && i > 1 && entities::starts_upper(st.doc[s][i - 1]);
            st.tags[s][i] = begin_tag == ner::kO || !cap ? ner::kO : cont ? begin_tag + 1 : begin_tag;
        }
}

/// Set the tags of the words [b, e) of sentence s.
void force(entities::DocState& st, std::size_t s, std::size_t b, std::size_t e, int begin_tag) {
    for (std::size_t k = b; k < e; ++k) st.tags[s][k] = k == b ? begin_tag : begin_tag + 1;
}

}  // namespace

TEST_CASE("encyclopedic: a ship prefix and its name are a ship, not an organisation") {
    entities::DocState st;
    read_with_tags(st,
                   "The cruiser HMS Prince of Wales was sunk in 1941. The museum keeps the SS Great Britain and "
                   "the HMS Belfast Society runs it. Bonds rose in a ss Nothing trade.",
                   ner::kBOrg);
    entities::repair_encyclopedic_tags(entity_data(), st);
    const auto orgs = tagged_runs(st, 1);
    CHECK(!contains(orgs, "HMS Prince of Wales"));
    CHECK(!contains(orgs, "Prince of Wales"));
    CHECK(contains(tagged_runs(st, 3), "HMS Prince of Wales"));
    CHECK(contains(tagged_runs(st, 3), "SS Great Britain"));
    CHECK(contains(orgs, "HMS Belfast Society"));  // named after the ship: stays
    CHECK(contains(orgs, "Nothing"));              // "ss" in lower case is no prefix
}

TEST_CASE("encyclopedic: numbered military units and regiments are organisations") {
    entities::DocState st;
    read_with_tags(st,
                   "The 7th Armoured Division fought beside 16 Air Assault Brigade and the King's African Rifles. "
                   "He joined the Royal Regiment of Scotland in 2006. Its Aerospace Division was sold.",
                   ner::kO);
    entities::repair_encyclopedic_tags(entity_data(), st);
    const auto orgs = tagged_runs(st, 1);
    CHECK(contains(orgs, "7th Armoured Division"));
    CHECK(contains(orgs, "16 Air Assault Brigade"));
    CHECK(contains(orgs, "King 's African Rifles"));
    CHECK(contains(orgs, "Royal Regiment of Scotland"));
    CHECK(!contains(orgs, "Aerospace Division"));  // a company's division: needs a number
}

TEST_CASE("encyclopedic: 'X and the Ys' is one band in an article about music only") {
    entities::DocState st;
    read_with_tags(st,
                   "The band toured with Echo and the Bunnymen and signed with Smokey Robinson and the Miracles "
                   "after the album.",
                   ner::kO);
    force(st, 0, 4, 5, ner::kBOrg);   // "Echo"
    force(st, 0, 11, 13, ner::kBPer);  // "Smokey Robinson"
    entities::repair_encyclopedic_tags(entity_data(), st);
    CHECK(contains(tagged_runs(st, 1), "Echo and the Bunnymen"));
    CHECK(contains(tagged_runs(st, 1), "Smokey Robinson and the Miracles"));

    entities::DocState news;
    read_with_tags(news, "Budget talks between Reagan and the Democrats stalled on Tuesday.", ner::kO);
    force(news, 0, 3, 4, ner::kBPer);
    entities::repair_encyclopedic_tags(entity_data(), news);
    CHECK(tagged_runs(news, 1).empty());
    CHECK(contains(tagged_runs(news, 0), "Reagan"));
}

TEST_CASE("encyclopedic: titles of works are no persons or organisations") {
    entities::DocState st;
    read_with_tags(st,
                   "Their debut album, Grey Weather, was released in 1981. Her album Lagos Blue was shortlisted. "
                   "Their second album, Steel and Stone, sold well. Night Crossing is a 1994 British thriller film "
                   "directed by Alan Pryce. A single Boeing jet landed. Acme Films is a film company. They signed "
                   "the singer Delroy Myles, whose album Harbour Dub sold well.",
                   ner::kBPer);
    entities::repair_encyclopedic_tags(entity_data(), st);
    const auto misc = tagged_runs(st, 3);
    CHECK(contains(misc, "Grey Weather"));
    CHECK(contains(misc, "Lagos Blue"));
    CHECK(contains(misc, "Steel and Stone"));
    CHECK(contains(misc, "Night Crossing"));
    CHECK(contains(misc, "Harbour Dub"));  // "whose album"
    const auto pers = tagged_runs(st, 0);
    CHECK(contains(pers, "Alan Pryce"));
    CHECK(contains(pers, "Boeing"));  // "a single": no work noun
    CHECK(!contains(misc, "Acme Films"));
}

TEST_CASE("encyclopedic: clubs and labels after 'plays for', 'signed to', 'on loan at'") {
    entities::DocState st;
    read_with_tags(st,
                   "His brother plays for Färjestad now. They were signed to Tamla in 1960. He spent a season on "
                   "loan at Rubin Kazan. He plays for England. He played for Brian Clough.",
                   ner::kO);
    force(st, 2, 7, 9, ner::kBPer);  // "Rubin Kazan"
    force(st, 4, 3, 5, ner::kBPer);  // "Brian Clough"
    entities::repair_encyclopedic_tags(entity_data(), st);
    const auto orgs = tagged_runs(st, 1);
    CHECK(contains(orgs, "Färjestad"));
    CHECK(contains(orgs, "Tamla"));
    CHECK(contains(orgs, "Rubin Kazan"));
    CHECK(!contains(orgs, "England"));
    CHECK(contains(tagged_runs(st, 0), "Brian Clough"));
}

TEST_CASE("repair_tags: 'A Bank and B Bank' is two companies") {
    entities::DocState st;
    read_with_tags(st,
                   "Deposits fled Silicon Valley Bank and Signature Bank in March. Bids came from PNC Financial "
                   "Services and Citizens Financial Group. He ran Farmers Bank and Trust Co for years.",
                   ner::kO);
    force(st, 0, 2, 8, ner::kBOrg);
    force(st, 1, 3, 10, ner::kBOrg);
    force(st, 2, 2, 7, ner::kBOrg);
    entities::repair_tags(entity_data(), st);
    const auto orgs = tagged_runs(st, 1);
    CHECK(contains(orgs, "Silicon Valley Bank"));
    CHECK(contains(orgs, "Signature Bank"));
    CHECK(contains(orgs, "PNC Financial Services"));
    CHECK(contains(orgs, "Citizens Financial Group"));
    CHECK(contains(orgs, "Farmers Bank and Trust Co"));  // "Trust" ends no company here
}

TEST_CASE("build_entities: a place spelt with accents is a place ('Zürich' of places.txt's 'zurich')") {
    entities::DocState st;
    read_with_tags(st, "The bank moved staff to Zürich last year. Rents in Zürich rose.", ner::kO);
    force(st, 0, 5, 6, ner::kBOrg);
    force(st, 1, 2, 3, ner::kBOrg);
    const auto& d = entity_data();
    entities::build_mentions(d, st);
    entities::add_mark_mentions(d, st);
    entities::cluster_mentions(d, st);
    entities::link_text_aliases(d, st);
    entities::match_headlines(d, st);
    REQUIRE(!st.mentions.empty());  // the tagger's mistake reaches the classifier
    entities::build_entities(d, st);
    for (auto& e : st.entities) CHECK(e.name != "Zürich");
}

TEST_CASE("encyclopedic: the subject of a definition sentence is an organisation or a place") {
    entities::DocState st;
    read_with_tags(st,
                   "Bohemians is a Czech football club from Prague. Fans of Bohemians sing. Port Ellery is a small "
                   "fishing town on the coast. Buses reach Port Ellery daily. Al Jazeera is a state-funded "
                   "broadcaster based in Doha. Smith is a member of the party.",
                   ner::kBPer);
    force(st, 0, 0, 1, ner::kBPer);  // "Bohemians" at the sentence start
    force(st, 2, 0, 2, ner::kBOrg);  // "Port Ellery"
    force(st, 4, 0, 2, ner::kBPer);  // "Al Jazeera"
    force(st, 5, 0, 1, ner::kBPer);  // "Smith"
    entities::repair_encyclopedic_tags(entity_data(), st);
    const auto orgs = tagged_runs(st, 1);
    CHECK(contains(orgs, "Bohemians"));
    CHECK(contains(orgs, "Al Jazeera"));
    CHECK(std::count(orgs.begin(), orgs.end(), "Bohemians") == 2);  // and elsewhere in the article
    const auto places = tagged_runs(st, 2);
    CHECK(std::count(places.begin(), places.end(), "Port Ellery") == 2);
    CHECK(contains(tagged_runs(st, 0), "Smith"));  // "a member of the party": no head noun of the phrase
}

TEST_CASE("encyclopedic: a band's 'The' stays in its name") {
    entities::DocState st;
    run_until(st,
              entity_article("", "The Lanterns were a Scottish indie pop band formed in Glasgow. The Bank of "
                                 "Scotland is a commercial bank."),
              Stage::Read);
    for (auto& t : st.tags) t.assign(t.size(), ner::kO);
    const auto& d = entity_data();
    entities::repair_encyclopedic_tags(d, st);
    entities::build_mentions(d, st);
    const auto texts = mention_texts(st);
    CHECK(contains(texts, "The Lanterns"));
    CHECK(contains(texts, "Bank of Scotland"));
}

TEST_CASE("encyclopedic: institutions ending in a head word are organisations, in encyclopedic text only") {
    const std::string body =
        "The General Synod met at the Anglican Communion's offices. Its Lincoln Laboratory hired her. She played "
        "with the Berlin Philharmonic. The Royal Society of Edinburgh split in 1900. In Bristol College she taught. "
        "The Synod voted. Harvard University Press printed it after the Academy Award.";
    for (bool encyclopedic : {true, false}) {
        entities::DocState st;
        read_with_tags(st, body, ner::kO);
        force(st, 0, 2, 3, ner::kBPer);  // "Synod": what the tagger did
        st.domain = encyclopedic ? entities::TextDomain::Encyclopedic : entities::TextDomain::News;
        entities::repair_encyclopedic_tags(entity_data(), st);
        const auto orgs = tagged_runs(st, 1);
        CAPTURE(encyclopedic);
        CHECK(contains(orgs, "General Synod") == encyclopedic);
        CHECK(contains(orgs, "Anglican Communion") == encyclopedic);
        CHECK(contains(orgs, "Lincoln Laboratory") == encyclopedic);
        CHECK(contains(orgs, "Berlin Philharmonic") == encyclopedic);
        CHECK(contains(orgs, "Royal Society of Edinburgh") == encyclopedic);
        CHECK(contains(orgs, "Bristol College") == encyclopedic);  // not "In Bristol College"
        CHECK(!contains(orgs, "In Bristol College"));
        CHECK(!contains(orgs, "Its Lincoln Laboratory"));
        CHECK(!contains(orgs, "Synod"));               // the head alone
        CHECK(!contains(orgs, "Harvard University"));  // not the end of the name
        CHECK(!contains(orgs, "Academy"));
        CHECK(contains(tagged_runs(st, 0), "Synod") == !encyclopedic);  // news: the tagger's tags stay
    }
}

TEST_CASE("encyclopedic: one-word names after 'in' or 'near' are places, and so are the same words elsewhere") {
    const std::string body =
        "The club Brackenfield Athletic was based in Brackenfield. It ran hostels in Harlow, Kestleton and "
        "Dunmere. The firm bought a stake in Vodafone. The museum moved to Kestleton in 1990. In 2001 the "
        "Brackenfield side won. He played in Fulham's youth team. The school near Tolbury closed.";
    for (bool encyclopedic : {true, false}) {
        entities::DocState st;
        read_with_tags(st, body, ner::kBOrg);  // every name an organisation: what the tagger did with towns
        st.domain = encyclopedic ? entities::TextDomain::Encyclopedic : entities::TextDomain::News;
        entities::repair_encyclopedic_tags(entity_data(), st);
        const auto orgs = tagged_runs(st, 1);
        const auto places = tagged_runs(st, 2);
        CAPTURE(encyclopedic);
        for (const char* town : {"Harlow", "Kestleton", "Dunmere", "Tolbury"}) {
            CAPTURE(town);
            CHECK(contains(places, town) == encyclopedic);
            CHECK(contains(orgs, town) == !encyclopedic);  // "moved to Kestleton" too
        }
        CHECK(contains(places, "Brackenfield") == encyclopedic);  // "based in Brackenfield"
        CHECK(contains(orgs, "Brackenfield Athletic"));
        CHECK(contains(orgs, "Brackenfield"));  // "the Brackenfield side": a longer name starts with it
        CHECK(contains(orgs, "Vodafone"));      // a company of the alias tables
        CHECK(contains(orgs, "Fulham"));        // "in Fulham's youth team"
    }
}

TEST_CASE("encyclopedic: a place the tagger knew after 'in' leaves a company of the same name elsewhere alone") {
    // "in Vodafone" tagged a place (as the tagger tags "in Halifax"); Vodafone is a company of
    // the alias tables, so its mention as an organisation elsewhere stays the company's.
    entities::DocState st;
    read_with_tags(st, "The works were built in Vodafone. Later Vodafone bought the works.", ner::kBOrg);
    st.domain = entities::TextDomain::Encyclopedic;
    st.tags[0][5] = ner::kBLoc;  // "in Vodafone": what the tagger did with a town
    entities::repair_encyclopedic_tags(entity_data(), st);
    CHECK(contains(tagged_runs(st, 1), "Vodafone"));  // "Later Vodafone bought": still the company
}

TEST_CASE("encyclopedic: a definition's subject is an organisation where the tagger called it MISC, not in a work's title") {
    entities::DocState st;
    read_with_tags(st,
                   "Harlow Skyways was a regional airline based at Cardiff. In 1987 Harlow Skyways was sold. Their "
                   "single Harlow Skyways was a hit.",
                   ner::kO);
    force(st, 1, 2, 4, ner::kBMisc);  // what the tagger did: "Cambrian Skyways" as an adjective + noun
    force(st, 2, 2, 4, ner::kBMisc);
    entities::repair_encyclopedic_tags(entity_data(), st);
    CHECK(st.tags[0][0] == ner::kBOrg);
    CHECK(st.tags[1][2] == ner::kBOrg);   // "In 1987 Harlow Skyways was sold"
    CHECK(st.tags[2][2] == ner::kBMisc);  // "Their single Harlow Skyways": a work named after it
}

TEST_CASE("encyclopedic: a definition's subject without its kind of organisation is the organisation too") {
    entities::DocState st;
    read_with_tags(st,
                   "Sedbury Park Cricket Club is an amateur cricket club near Bolton. In 1950 Sedbury Park hired a "
                   "professional. Harlow Town Football Club is a football club. The town of Harlow grew.",
                   ner::kO);
    entities::repair_encyclopedic_tags(entity_data(), st);
    const auto orgs = tagged_runs(st, 1);
    CHECK(contains(orgs, "Sedbury Park Cricket Club"));
    CHECK(contains(orgs, "Sedbury Park"));  // "In 1950 Sedbury Park hired"
    CHECK(contains(orgs, "Harlow Town Football Club"));
    CHECK(!contains(orgs, "Harlow"));  // one word left: a town's name, not the short form
}

TEST_CASE("encyclopedic: an institution's head word does not cut a longer organisation name") {
    entities::DocState st;
    read_with_tags(st, "He worked at the Kaiser Wilhelm Institute for Chemistry in Berlin.", ner::kO);
    force(st, 0, 4, 9, ner::kBOrg);  // "Kaiser Wilhelm Institute for Chemistry", as join_for_the tags it
    st.domain = entities::TextDomain::Encyclopedic;
    entities::repair_encyclopedic_tags(entity_data(), st);
    const auto orgs = tagged_runs(st, 1);
    CHECK(contains(orgs, "Kaiser Wilhelm Institute for Chemistry"));
    CHECK(!contains(orgs, "Kaiser Wilhelm Institute"));
}

TEST_CASE("encyclopedic: a library is an institution") {
    entities::DocState st;
    read_with_tags(st, "Her papers are kept at the National Library of Scotland.", ner::kO);
    st.domain = entities::TextDomain::Encyclopedic;
    entities::repair_encyclopedic_tags(entity_data(), st);
    CHECK(contains(tagged_runs(st, 1), "National Library of Scotland"));
}

TEST_CASE("encyclopedic: a name right after an organisation noun is that organisation, in encyclopedic text only") {
    const std::string body =
        "The label signed the reggae band Harbour Lights in 1980. He recorded for the French label Vogue in "
        "Paris. The prize was funded by the charity Crankfield until 2019. It covers the football club "
        "Esbjerg fB and the band The Gannets. Its film Lagos Blue won. The club manager Alan Pryce left.";
    for (bool encyclopedic : {true, false}) {
        entities::DocState st;
        read_with_tags(st, body, ner::kO);
        force(st, 4, 2, 4, ner::kBMisc);  // "Lagos Blue": a work the tagger saw
        st.domain = encyclopedic ? entities::TextDomain::Encyclopedic : entities::TextDomain::News;
        entities::repair_encyclopedic_tags(entity_data(), st);
        const auto orgs = tagged_runs(st, 1);
        CAPTURE(encyclopedic);
        CHECK(contains(orgs, "Harbour Lights") == encyclopedic);
        CHECK(contains(orgs, "Vogue") == encyclopedic);
        CHECK(contains(orgs, "Crankfield") == encyclopedic);
        CHECK(!contains(orgs, "Esbjerg"));      // "Esbjerg fB": the name goes on
        CHECK(!contains(orgs, "Gannets"));      // a band's "The": left to the tagger
        CHECK(!contains(orgs, "Lagos Blue"));   // a work
        CHECK(!contains(orgs, "Alan Pryce"));   // "club manager": no name after the noun
    }
}
