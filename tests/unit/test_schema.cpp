#include "common/schema/schema.h"

#include <doctest/doctest.h>

#include <set>
#include <string>

namespace schema = newsdex::schema;

TEST_CASE("prefixes are distinct and none is a prefix of another's field values") {
    std::set<std::string_view> prefixes;
    for (const auto& f : schema::filter_fields()) CHECK(prefixes.insert(f.prefix).second);
    CHECK(prefixes.insert(schema::kPrefixTitle).second);
    // The archive-level resolution markers (not filter fields) are distinct too.
    for (auto p : {schema::kPrefixBareSurname, schema::kPrefixSurnameCandidate, schema::kPrefixShortCompany,
                   schema::kPrefixCompanyTie, schema::kPrefixDupKey})
        CHECK(prefixes.insert(p).second);
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
    std::set<Xapian::valueno> slots = {schema::kSlotDate,   schema::kSlotTime,      schema::kSlotHash,
                                       schema::kSlotDupKey, schema::kSlotCompanies, schema::kSlotPersons,
                                       schema::kSlotBodyDigest};
    CHECK(slots.size() == 7);
}

// The shard an id lives in is on disk: these numbers may never change, or
// re-indexing an id would add a second copy in another shard.  The expected
// values are literals computed outside the code under test (FNV-1a with the
// basis below, prime 1099511628211), so a changed constant fails here.
TEST_CASE("fnv1a64: the on-disk basis and pinned digests") {
    // FNV's offset basis is 14695981039346656037; newsdex's lacks the last
    // digit.  An empty input returns the basis itself.
    CHECK(schema::kFnvBasis == 1469598103934665603ULL);
    CHECK(schema::fnv1a64("") == 1469598103934665603ULL);
    CHECK(schema::fnv1a64("a") == 4953267810257967366ULL);
    CHECK(schema::fnv1a64("ab") == 11217423238573040876ULL);
    CHECK(schema::fnv1a64("reuters-1") == 15979834147768279879ULL);
    CHECK(schema::fnv1a64("newsdex") == 9072055364182482761ULL);
    // Seedable: hashing "b" from the hash of "a" is hashing "ab".
    CHECK(schema::fnv1a64("b", schema::fnv1a64("a")) == schema::fnv1a64("ab"));
    // With FNV's own basis it is the published FNV-1a ("a" -> af63dc4c8601ec8c).
    CHECK(schema::fnv1a64("a", 14695981039346656037ULL) == 0xaf63dc4c8601ec8cULL);
}

TEST_CASE("shards: stable names and hashing") {
    CHECK(schema::shard_name(0) == "shard-000");
    CHECK(schema::shard_name(12) == "shard-012");
    // fnv1a64(id) % count, pinned (see above).
    CHECK(schema::shard_for_id("reuters-1", 2) == 1);
    CHECK(schema::shard_for_id("reuters-1", 8) == 7);
    CHECK(schema::shard_for_id("a", 8) == 6);
    CHECK(schema::shard_for_id("ab", 3) == 2);
    CHECK(schema::shard_for_id("newsdex", 3) == 2);
    CHECK(schema::shard_for_id("id-42", 8) == 7);
    CHECK(schema::shard_for_id("", 8) == 3);
    CHECK(schema::shard_for_id("anything", 1) == 0);
    CHECK(schema::shard_for_id("anything", 0) == 0);
    int counts[4] = {0, 0, 0, 0};
    for (int i = 0; i < 4000; ++i) ++counts[schema::shard_for_id("id-" + std::to_string(i), 4)];
    for (int c : counts) CHECK(c > 800);
}

TEST_CASE("metadata keys") {
    CHECK(schema::name_key(schema::kPrefixCompany, "ibm") == "name:XCibm");
    CHECK(schema::alias_key(schema::kPrefixPerson, "jack-ma") == "alias:XPjack-ma");
}

TEST_CASE("id terms: short ids as is, long ids shortened with a pinned digest") {
    CHECK(schema::id_term("reuters-1") == "Qreuters-1");
    CHECK(schema::id_term_is_exact("Qreuters-1"));
    const std::string long_id(300, 'x');
    const std::string term = schema::id_term(long_id);
    CHECK(term == "Q" + std::string(200, 'x') + "#a55e5318db0cf2d3");
    CHECK(term.size() <= schema::kMaxXapianTermBytes);
    CHECK_FALSE(schema::id_term_is_exact(term));
}
