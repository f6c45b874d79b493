// Entity pipeline, stage merge_metadata (stage_metadata.cpp): metadata names
// and Reuters tags merge with extracted entities under canonical ids.
#include <doctest/doctest.h>

#include "entity_stage_support.h"

using namespace newsdex;
using namespace newsdex::test;

TEST_CASE("merge_metadata: Reuters tags join the surname entity; metadata-only entities") {
    Article a = entity_article("", "Treasury Secretary Baker said the dollar was stable.");
    a.tags["people"] = {"james-baker", "nigel-lawson"};
    a.companies = {"Woodco Inc"};
    entities::DocState st;
    run_until(st, a, Stage::Metadata);
    auto* baker = entity_by_id(st.entities, "james-baker");
    REQUIRE(baker);
    CHECK(baker->mentions == 1);
    CHECK(!entity_by_id(st.entities, "baker"));
    auto* lawson = entity_by_id(st.entities, "nigel-lawson");
    REQUIRE(lawson);
    CHECK(lawson->mentions == 0);
    CHECK(lawson->name == "Nigel Lawson");
    auto* woodco = entity_by_id(st.entities, "woodco");
    REQUIRE(woodco);
    CHECK(woodco->type == EntityType::Company);
    // sorted by type, then mentions
    for (std::size_t k = 1; k < st.entities.size(); ++k)
        CHECK(int(st.entities[k - 1].type) <= int(st.entities[k].type));
}
