// Error classes of the entity extractor on modern news (issue 8), one test
// per rule, on text written for these tests, and the extractor mode of the
// CoNLL evaluation (entities_io.cpp).
#include <doctest/doctest.h>

#include "common/entities/entities_io.h"
#include "entity_stage_support.h"

#include <sstream>

using namespace newsdex;
using namespace newsdex::test;

namespace {

/// The text of every mention of the entities found in `body`, per entity.
std::vector<std::vector<std::string>> entity_mentions(const std::string& body) {
    entities::DocState st;
    run_until(st, entity_article("", body), Stage::Entities);
    std::vector<std::vector<std::string>> out;
    for (const Entity& e : st.entities) {
        out.emplace_back();
        for (auto [b, z] : e.offsets) out.back().push_back(st.text.substr(b, z - b));
    }
    return out;
}

bool mentioned(const std::vector<std::vector<std::string>>& es, const std::string& text) {
    for (auto& e : es)
        if (contains(e, text)) return true;
    return false;
}

const EntityExtractor& extractor() {
    static EntityExtractor ex(std::string(NEWSDEX_SOURCE_DIR) + "/common/data");
    return ex;
}

}  // namespace

TEST_CASE("link_text_aliases: a place in parentheses after a name is no alias of it") {
    const auto es = entity_mentions(
        "Seeded player Ramon Ortega (Argentina) beat Lukas Brenner (Austria) 6-4 6-3 on Tuesday at the Vienna open.");
    CHECK(mentioned(es, "Ramon Ortega"));
    CHECK(mentioned(es, "Lukas Brenner"));
    CHECK(!mentioned(es, "Argentina"));
    CHECK(!mentioned(es, "Austria"));
}

TEST_CASE("build_mentions: a name ends at an opening bracket") {
    entities::DocState st;
    run_until(st,
              entity_article("",
                             "The unit, Total Petroleum (North America) Ltd, said it would sell its refinery in "
                             "Texas to a local buyer."),
              Stage::Mentions);
    const auto ms = mention_texts(st);
    CHECK(contains(ms, "Total Petroleum"));
    for (auto& m : ms) CHECK(m.find('(') == std::string::npos);
}

TEST_CASE("build_mentions: a descriptive word at a sentence start is no part of the name") {
    entities::DocState st;
    run_until(st,
              entity_article("",
                             "Rival Advanced Micro Devices Inc fell 2% in late trading. Rivals Walt Disney Co and "
                             "Warner Bros Discovery have also cracked down on shared accounts."),
              Stage::Mentions);
    const auto ms = mention_texts(st);
    CHECK(contains(ms, "Advanced Micro Devices Inc"));
    CHECK(contains(ms, "Walt Disney Co"));
    for (auto& m : ms) CHECK(m.rfind("Rival", 0) != 0);
}

TEST_CASE("repair_tags: a company coordinated with an organisation at a sentence start is one") {
    entities::DocState st;
    run_until(st,
              entity_article("", "Orange and MasMovil completed the merger of their Spanish businesses on Tuesday."),
              Stage::RepairTags);
    const auto runs = tagged_runs(st, 1);
    CHECK(contains(runs, "Orange"));
    CHECK(contains(runs, "MasMovil"));
}

TEST_CASE("repair_tags: a company's name without its generic last word is the company") {
    const auto es = entity_mentions(
        "Regulators seized First Republic Bank on Monday. First Republic was the third lender to fail this year.");
    CHECK(mentioned(es, "First Republic Bank"));
    CHECK(mentioned(es, "First Republic"));
}

TEST_CASE("build_mentions: 'on' after an organisation's head word and 'in' after 'A for B' continue its name") {
    auto es = entity_mentions(
        "The decision was welcomed by the National Commission on Farm Policy, which had urged the cut in a report.");
    CHECK(mentioned(es, "National Commission on Farm Policy"));
    es = entity_mentions(
        "Peace talks were mediated by the Organisation for Security and Cooperation in Europe, officials said.");
    CHECK(mentioned(es, "Organisation for Security and Cooperation in Europe"));
}

TEST_CASE("tag_conll: extractor mode scores the mentions of the entities the extractor finds") {
    // Token ranges count from the document start; the extractor drops the
    // sentence-initial "Rival" and the title before "Lisa Su".
    const std::string conll =
        "-DOCSTART- -X- -X- O\n\nRival - - O\nAdvanced - - B-ORG\nMicro - - I-ORG\nDevices - - I-ORG\nInc - - I-ORG\n"
        "fell - - O\n2 - - O\n% - - O\nin - - O\nlate - - O\ntrading - - O\n. - - O\n\n"
        "Chief - - O\nExecutive - - O\nLisa - - B-PER\nSu - - I-PER\nsaid - - O\ndemand - - O\nwas - - O\nstrong - - "
        "O\n. - - O\n";
    std::istringstream in(conll);
    std::ostringstream out;
    CHECK(tag_conll(extractor(), in, out, ConllMode::Extractor) == 2);
    const std::string j = out.str();
    CHECK(j.find("\"end\":5,\"start\":1,\"text\":\"Advanced Micro Devices Inc\",\"type\":\"ORG\"") !=
          std::string::npos);
    CHECK(j.find("\"end\":16,\"start\":14,\"text\":\"Lisa Su\",\"type\":\"PER\"") != std::string::npos);
    const auto sentences = extract_document_mentions(
        extractor(),
        {{"Rival", "Advanced", "Micro", "Devices", "Inc", "fell", "."}, {"Lisa", "Su", "said", "so", "."}});
    REQUIRE(sentences.size() == 2);
    REQUIRE(sentences[0].size() == 1);
    CHECK(sentences[0][0].type == "ORG");
    CHECK(sentences[0][0].start == 1);
    CHECK(sentences[0][0].end == 5);
    REQUIRE(sentences[1].size() == 1);
    CHECK(sentences[1][0].type == "PER");
    CHECK(sentences[1][0].start == 0);
    CHECK(sentences[1][0].end == 2);
}

TEST_CASE("alias table: large non-US companies named by one word") {
    entities::DocState st;
    run_until(st,
              entity_article("",
                             "Panasonic, which supplies batteries to carmakers, is building a plant in Kansas. "
                             "Honda and Nissan have also announced battery investments in North America."),
              Stage::RepairTags);
    const auto runs = tagged_runs(st, 1);
    CHECK(contains(runs, "Panasonic"));
    CHECK(contains(runs, "Nissan"));
    const auto& d = entity_data();
    CHECK(d.lookup(EntityType::Company, "nissan-motor"));
    CHECK(!d.lookup(EntityType::Company, "matsushita-electric-industrial"));  // former names stay apart
}
