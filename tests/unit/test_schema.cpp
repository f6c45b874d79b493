#include "common/schema/schema.h"

#include <doctest/doctest.h>

#include <set>

namespace schema = newsdex::schema;

TEST_CASE("prefixes are distinct and none is a prefix of another's field values") {
    std::set<std::string_view> prefixes;
    for (const auto& f : schema::filter_fields()) CHECK(prefixes.insert(f.prefix).second);
    CHECK(prefixes.insert(schema::kPrefixTitle).second);
    // Xapian convention: multi-letter prefixes start with X, so they never
    // collide with the single-letter ones.
    for (auto p : prefixes)
        if (p.size() > 1) CHECK(p[0] == 'X');
}

TEST_CASE("filter field table drives the query syntax") {
    REQUIRE(schema::find_filter_field("company") != nullptr);
    CHECK(schema::find_filter_field("company")->prefix == schema::kPrefixCompany);
    CHECK(schema::find_filter_field("person")->entity);
    CHECK_FALSE(schema::find_filter_field("source")->entity);
    CHECK(schema::find_filter_field("nosuch") == nullptr);
}

TEST_CASE("value slots do not overlap") {
    std::set<Xapian::valueno> slots = {schema::kSlotDate, schema::kSlotTime, schema::kSlotHash, schema::kSlotDupKey,
                                       schema::kSlotCompanies, schema::kSlotPersons};
    CHECK(slots.size() == 6);
}

TEST_CASE("shards: stable names and hashing") {
    CHECK(schema::shard_name(0) == "shard-000");
    CHECK(schema::shard_name(12) == "shard-012");
    CHECK(schema::shard_for_id("reuters-1", 2) == schema::shard_for_id("reuters-1", 2));
    CHECK(schema::shard_for_id("anything", 1) == 0);
    int counts[4] = {0, 0, 0, 0};
    for (int i = 0; i < 4000; ++i) ++counts[schema::shard_for_id("id-" + std::to_string(i), 4)];
    for (int c : counts) CHECK(c > 800);
}

TEST_CASE("metadata keys") {
    CHECK(schema::name_key(schema::kPrefixCompany, "ibm") == "name:XCibm");
    CHECK(schema::alias_key(schema::kPrefixPerson, "jack-ma") == "alias:XPjack-ma");
}
