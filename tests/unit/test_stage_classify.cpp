// Entity pipeline, stage build_entities (stage_classify.cpp): display names,
// place and thing filters, company or other organisation.
#include <doctest/doctest.h>

#include "entity_stage_support.h"

using namespace newsdex;
using namespace newsdex::test;

TEST_CASE("build_entities: company or organisation") {
    entities::DocState st;
    run_until(st,
              entity_article("",
                             "The Finance Ministry said Woodco Inc would sell shares of Maplefield "
                             "Lumber to the Bank of Japan."),
              Stage::Entities);
    auto* woodco = entity_by_id(st.entities, "woodco");
    REQUIRE(woodco);
    CHECK(woodco->type == EntityType::Company);
    CHECK(woodco->name == "Woodco");
    for (auto& e : st.entities)
        if (e.name.find("Ministry") != std::string::npos || e.name.find("Bank of Japan") != std::string::npos)
            CHECK(e.type == EntityType::Organization);
}

TEST_CASE("build_entities: places and things are dropped; mixed case names win") {
    entities::DocState st;
    run_until(st,
              entity_article("MERRILL LYNCH WINS",
                             "Merrill Lynch and Co said the Star Wars plan and the War Powers Act hurt it."),
              Stage::Entities);
    for (auto& e : st.entities) {
        CHECK(e.name != "Star Wars");
        CHECK(e.name != "War Powers Act");
    }
    auto* ml = entity_by_id(st.entities, "merrill-lynch");
    REQUIRE(ml);
    CHECK(ml->name == "Merrill Lynch");
    CHECK(ml->mentions == 2);  // the headline mention joins
}
