// Sample-corpus regressions of the lone-word tagger model (docs/entities.md,
// "The tagger"): places taken for companies, a company at a sentence start and
// an employer after "head of ... at".  One test per rule, on text written for
// these tests; each failed before its rule.
#include <doctest/doctest.h>

#include "entity_stage_support.h"

using namespace newsdex;
using namespace newsdex::test;

namespace {

std::vector<Entity> entities_of(const std::string& body) {
    entities::DocState st;
    run_until(st, entity_article("", body), Stage::Entities);
    return st.entities;
}

bool has_entity(const std::vector<Entity>& es, const std::string& name, EntityType type) {
    for (const Entity& e : es)
        if (e.name == name && e.type == type) return true;
    return false;
}

bool any_entity_containing(const std::vector<Entity>& es, const std::string& part) {
    for (const Entity& e : es)
        if (e.name.find(part) != std::string::npos) return true;
    return false;
}

}  // namespace

TEST_CASE("repair_tags: two places joined by 'and' after a place preposition are no company") {
    const auto es =
        entities_of("Union leaders said suppliers around Poznań and Katowice were losing orders to imports.");
    CHECK(!any_entity_containing(es, "Poznań"));
    CHECK(!any_entity_containing(es, "Katowice"));
}

TEST_CASE("repair_tags: two known companies joined by 'and' after 'from' stay companies") {
    const auto es = entities_of("The chips come from Nvidia and Intel, the buyers said on Monday.");
    CHECK(has_entity(es, "Nvidia", EntityType::Company));
    CHECK(has_entity(es, "Intel", EntityType::Company));
}

TEST_CASE("build_entities: a geographic head word + 'of' makes a place") {
    const auto es =
        entities_of("Tankers sailed around the Cape of Good Hope instead, adding ten days to the voyage to Rotterdam.");
    CHECK(!any_entity_containing(es, "Cape"));
}

TEST_CASE("build_entities: a one-word street name is a place") {
    const auto es = entities_of("At a restaurant near the Bahnhofstrasse, she said, diners pay with phones.");
    CHECK(!any_entity_containing(es, "Bahnhofstrasse"));
}

TEST_CASE("repair_tags: a company the document tags alone is one at a sentence start too") {
    entities::DocState st;
    run_until(st,
              entity_article("",
                             "Apple and Alphabet Inc.'s Google said on Friday.\n\nApple chief executive Tim Cook "
                             "said privacy mattered."),
              Stage::RepairTags);
    int apples = 0;
    for (const auto& run : tagged_runs(st, 1)) apples += run == "Apple";
    CHECK(apples == 2);
}

TEST_CASE("repair_tags: an employer after 'head of <lower-case words> at'") {
    const auto es = entities_of(
        "\"We settle in seconds now,\" said Anna Keller, head of payments strategy at Aare Bank, in an interview.");
    CHECK(has_entity(es, "Aare Bank", EntityType::Company));
    CHECK(has_entity(es, "Anna Keller", EntityType::Person));
}

TEST_CASE("build_entities: a thing head word + 'of' makes no organisation (battles, sieges)") {
    const auto es = entities_of("He was wounded at the Battle of Carrow Hill in 1403 and died a year later.");
    CHECK(!any_entity_containing(es, "Battle"));
    CHECK(!any_entity_containing(es, "Carrow"));
}

TEST_CASE("build_entities: awards and festivals are no organisations, nor the category after 'Award for'") {
    const auto es = entities_of(
        "It premiered at the Lisbon Film Festival, and Teresa Lobo won the Golden Shell Award for Best Actress.");
    CHECK(has_entity(es, "Teresa Lobo", EntityType::Person));
    CHECK(!any_entity_containing(es, "Award"));
    CHECK(!any_entity_containing(es, "Actress"));
}
