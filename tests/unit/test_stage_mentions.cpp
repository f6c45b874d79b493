// Entity pipeline, stage build_mentions (stage_mentions.cpp): trimming of
// tagged runs and noise filters.
#include <doctest/doctest.h>

#include "entity_stage_support.h"

using namespace newsdex;
using namespace newsdex::test;

TEST_CASE("build_mentions: titles, sentence starters and possessives are trimmed") {
    entities::DocState st;
    run_until(st,
              entity_article("",
                             "British Finance Minister Nigel Lawson spoke on Monday. Later Herrington said "
                             "Chrysler's profit rose. Reuter"),
              Stage::Mentions);
    auto ms = mention_texts(st);
    CHECK(contains(ms, "Nigel Lawson"));
    CHECK(contains(ms, "Herrington"));
    CHECK(contains(ms, "Chrysler"));
    CHECK(!contains(ms, "Reuter"));
    CHECK(!contains(ms, "Monday"));
    for (auto& m : st.mentions) {
        // offsets point at the text as written
        CHECK(st.text.substr(m.b, m.e - m.b).find(m.words.front()) == 0);
    }
}

TEST_CASE("junk_name: dates, party tags, roman numerals, table words, codes") {
    const auto& w = entity_data().words;
    using V = std::vector<std::string>;
    CHECK(entities::junk_name(w, V{"Oct/Dec"}));
    CHECK(entities::junk_name(w, V{"D-Conn"}));
    CHECK(entities::junk_name(w, V{"III"}));
    CHECK(entities::junk_name(w, V{"Class", "B"}));
    CHECK(entities::junk_name(w, V{"PGLO.AS"}));
    CHECK(entities::junk_name(w, V{"Department"}));
    CHECK(!entities::junk_name(w, V{"Nigel", "Lawson"}));
    CHECK(!entities::junk_name(w, V{"Acme"}));
}

TEST_CASE("build_mentions: a word the article uses in lower case is not a name") {
    entities::DocState st;
    run_until(st, entity_article("", "Energy prices rose. The energy sector gained."), Stage::Mentions);
    CHECK(!contains(mention_texts(st), "Energy"));
}

TEST_CASE("build_mentions: a possessive that opens the sentence is no part of a name") {
    // "Its" and "Their" as spelled at a sentence start, in every domain; not "ITS" (a name),
    // not "Her" or "Our" ("Her Majesty's Theatre", "Our Lady of Lourdes" are names).
    struct Case {
        const char* body;
        const char* determiner;
        bool encyclopedic;
        bool dropped;
    };
    for (const Case& c : {Case{"The institute grew. Its Coastal Research Unit opened in 1990.", "Its", true, true},
                          Case{"The institute grew. Its Coastal Research Unit opened in 1990.", "Its", false, true},
                          Case{"The institute grew. Their Coastal Research Unit opened in 1990.", "Their", false, true},
                          Case{"The institute grew. ITS Coastal Research Unit opened in 1990.", "ITS", false, false},
                          Case{"The institute grew. Her Coastal Research Unit opened in 1990.", "Her", true, false},
                          Case{"The institute grew. Our Coastal Research Unit opened in 1990.", "Our", false, false}}) {
        entities::DocState st;
        run_until(st, entity_article("", c.body), Stage::RepairTags);
        st.domain = c.encyclopedic ? entities::TextDomain::Encyclopedic : entities::TextDomain::News;
        for (auto& tag : st.tags[1]) tag = ner::kO;  // what the tagger did: the determiner inside the name
        st.tags[1][0] = ner::kBOrg;
        for (std::size_t i = 1; i < 4; ++i) st.tags[1][i] = ner::kIOrg;
        entities::build_mentions(entity_data(), st);
        const auto ms = mention_texts(st);
        CAPTURE(c.body);
        CAPTURE(c.encyclopedic);
        CHECK(contains(ms, "Coastal Research Unit") == c.dropped);
        CHECK(contains(ms, std::string(c.determiner) + " Coastal Research Unit") == !c.dropped);
    }
}
