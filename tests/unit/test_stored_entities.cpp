// The stored document data of schema 3 (common/schema/stored_entities.h,
// docs/index-schema.md "Versions"): the compact entity entries round-trip,
// schema-2 data still reads the same, and a schema-2 database searches as the
// schema-3 database of the same articles.
#include "common/schema/schema.h"
#include "common/schema/stored_entities.h"
#include "indexer/document_builder.h"
#include "newsdex/newsdex.h"
#include "stored_data.h"

#include "test_support.h"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <xapian.h>

using namespace newsdex;
using nlohmann::json;

TEST_CASE("the id a stored entity is given without one is pinned: data on disk depends on it") {
    CHECK(schema::stored_id_of_name("Ivan Boesky") == "ivan-boesky");
    CHECK(schema::stored_id_of_name("USAir") == "usair");
    CHECK(schema::stored_id_of_name("  A.B. Co.  ") == "a-b-co");
    CHECK(schema::stored_id_of_name("McDonald's 2nd") == "mcdonald-s-2nd");
    CHECK(schema::stored_id_of_name("--") == "");
    CHECK(schema::stored_id_of_name("Nestl\xc3\xa9") == "");  // non-ASCII: the id is always stored
}

TEST_CASE("an entity entry round-trips through the compact form") {
    struct Case {
        std::string id, name;
        std::size_t mentions;
        json stored;
    };
    const Case cases[] = {
        {"ivan-boesky", "Ivan Boesky", 1, "Ivan Boesky"},
        {"ivan-boesky", "Ivan Boesky", 3, json::array({"Ivan Boesky", 3})},
        {"ivan-boesky", "Boesky", 1, json::array({"Boesky", 1, "ivan-boesky"})},
        {"nestle", "Nestl\xc3\xa9", 2, json::array({"Nestl\xc3\xa9", 2, "nestle"})},
        {"x", "", 0, json::array({"", 0, "x"})},
        {"", "", 1, json::array({"", 1, ""})},
    };
    for (const auto& c : cases) {
        CAPTURE(c.name);
        const json entry = schema::encode_stored_entity(c.id, c.name, c.mentions);
        CHECK(entry == c.stored);
        const json object = {{"id", c.id}, {"mentions", c.mentions}, {"name", c.name}};
        CHECK(schema::decode_stored_entity(entry) == object);
        CHECK(schema::decode_stored_entity(object) == object);  // schema 2 as it is
        // Through text, as stored.
        CHECK(schema::decode_stored_entity(json::parse(entry.dump())).dump() == object.dump());
    }
    // Not an entry: left as it is, for readers to skip.
    CHECK(schema::decode_stored_entity(json(3)) == json(3));
    CHECK(schema::decode_stored_entity(json::array({1, 2})) == json::array({1, 2}));
}

TEST_CASE("the searcher reads entity entries in place, in either form, as their object form reads") {
    // stored_id_of_name_is agrees with stored_id_of_name without building it.
    const char* names[] = {"Ivan Boesky", "USAir", "  A.B. Co.  ", "McDonald's 2nd", "--", "", "Nestl\xc3\xa9", ("a\xc3\xa9" "b")};
    const char* ids[] = {"ivan-boesky", "usair", "a-b-co", "mcdonald-s-2nd", "", "ivan", "ivan-boesky-", "a", "ab", "nestle"};
    for (const char* name : names)
        for (const char* id : ids) {
            const std::string name_text = name, id_text = id;
            CAPTURE(name_text);
            CAPTURE(id_text);
            CHECK(schema::stored_id_of_name_is(name, id) == (schema::stored_id_of_name(name) == id));
        }
    // Each form (as parsed from text, as the searcher sees it) reads as its object form.
    const json entries = json::parse(R"(["Ivan Boesky", ["Ivan Boesky", 3], ["Boesky", 0, "ivan-boesky"],
        {"id": "ivan-boesky", "mentions": 2, "name": "Boesky"}, {"name": "No Id"}])");
    for (const auto& entry : entries) {
        CAPTURE(entry.dump());
        const json object = entry.is_object() ? entry : schema::decode_stored_entity(entry);
        schema::StoredEntity e;
        REQUIRE(schema::read_stored_entity(entry, e));
        CHECK(e.id() == object.value("id", ""));
        CHECK(e.has_id(object.value("id", "")));
        CHECK_FALSE(e.has_id("someone-else"));
        CHECK(std::string(e.name) == object.value("name", ""));
        CHECK(e.mentions == object.value("mentions", 0));
    }
    // Not an entry: skipped.
    schema::StoredEntity e;
    for (const char* text : {"3", "[1, 2]", R"(["a"])", R"(["a", "1"])", R"(["a", 1, 2])", R"(["a", 1, "b", "c"])", "null"})
        CHECK_FALSE(schema::read_stored_entity(json::parse(text), e));
}

TEST_CASE("a stored object's entity lists compact and expand back to the schema-2 spelling") {
    const std::string v2 = R"({"companies":[{"id":"repligen","mentions":1,"name":"Repligen"},)"
                           R"({"id":"pacific-gas","mentions":2,"name":"Pacific Gas"}],)"
                           R"("id":"syn-1","organizations":[{"id":"opec","mentions":1,"name":"O.P.E.C."}],)"
                           R"("persons":[{"id":"ivan-boesky","mentions":1,"name":"Boesky"}],"title":"T"})";
    json meta = json::parse(v2);
    schema::compact_stored_entities(meta);
    CHECK(meta.dump() ==
          R"({"companies":["Repligen",["Pacific Gas",2]],"id":"syn-1","organizations":[["O.P.E.C.",1,"opec"]],)"
          R"("persons":[["Boesky",1,"ivan-boesky"]],"title":"T"})");
    schema::expand_stored_entities(meta);
    CHECK(meta.dump() == v2);
    // An object the builder would not write (another key) stays an object.
    json odd = json::parse(R"({"persons":[{"id":"a","mentions":1,"name":"A","x":1}]})");
    const json before = odd;
    schema::compact_stored_entities(odd);
    CHECK(odd == before);
}

namespace {

std::string hex64(std::uint64_t v) {
    static const char* digits = "0123456789abcdef";
    std::string out(16, '0');
    for (int i = 15; i >= 0; --i, v >>= 4) out[static_cast<std::size_t>(i)] = digits[v & 15];
    return out;
}

}  // namespace

TEST_CASE("the content hash is 8 raw bytes, and a schema-2 hex hash of the same article still means unchanged") {
    Article a;
    a.id = "x";
    a.title = "T";
    a.body = "Body text.";
    a.persons = {"Ivan Boesky"};
    DocumentBuilder builder(nullptr, "en");
    const BuiltDocument built = builder.build(a);
    std::string raw = built.document.get_value(schema::kSlotHash);
    REQUIRE(raw.size() == 8);
    CHECK(same_content(raw, built, a));
    // What newsdex wrote before schema 3 for this article: the hex digest of
    // its data spelled the schema-2 way (document_builder.cpp at 83fbbbd).
    const std::string v2 =
        R"({"id":"x","language":"en","persons":[{"id":"ivan-boesky","mentions":0,"name":"Ivan Boesky"}],)"
        R"("source":"","title":"T","url":""})";
    const std::string v2_hash = hex64(schema::fnv1a64(a.body, schema::fnv1a64(v2)));
    CHECK(same_content(v2_hash, built, a));
    Article changed = a;
    changed.body = "Other text.";
    CHECK_FALSE(same_content(v2_hash, builder.build(changed), changed));
    CHECK_FALSE(same_content(raw, builder.build(changed), changed));
    CHECK_FALSE(same_content("", built, a));
}

namespace {

const char* kArticles =
    R"({"id":"a1","title":"Steel tariffs","date":"2015-03-02","source":"Wire",)"
    R"("body":"Ivan Boesky met IBM in Geneva to discuss steel tariffs and trade.",)"
    R"("companies":["IBM","Pacific Gas"],"persons":["Ivan Boesky"]})"
    "\n"
    R"({"id":"a2","title":"","date":"2015-03-03","url":"http://example.com/a2","language":"de",)"
    R"("body":"Trade talks on steel resumed; Boesky said nothing.",)"
    R"("companies":["Nestl\u00e9"],"persons":["Ivan Boesky","Jane Doe"]})"
    "\n"
    R"({"id":"a3","title":"Farm trade","body":"Soybean farmers watched the trade dispute closely.",)"
    R"("source":"Other Paper"})"
    "\n";

/// Rewrite every document of the database at `db` as newsdex before schema 3
/// wrote it: the data's entity lists as objects, every key present, the
/// content hash in hex, and the schema metadata 2.
void downgrade_to_schema_2(const std::string& db) {
    for (unsigned i = 0; i < 2; ++i) {
        Xapian::WritableDatabase shard(db + "/" + schema::shard_name(i));
        for (auto p = shard.postlist_begin(""); p != shard.postlist_end(""); ++p) {
            Xapian::Document doc = shard.get_document(*p);
            const std::string data = doc.get_data();
            const auto nul = data.find('\0');
            json meta = json::parse(data.substr(0, nul));
            schema::expand_stored_entities(meta);
            for (const char* key : {"title", "source", "url"})
                if (!meta.contains(key)) meta[key] = "";
            if (!meta.contains("language")) meta["language"] = "en";
            doc.set_data(meta.dump() + data.substr(nul));
            // As main computed it: over the schema-2 spelling and the body
            // (whole here: the bodies are short).
            const std::string body = data.substr(nul + 1);
            REQUIRE(doc.get_value(schema::kSlotHash).size() == 8);
            doc.add_value(schema::kSlotHash, hex64(schema::fnv1a64(body, schema::fnv1a64(meta.dump()))));
            shard.replace_document(*p, doc);
        }
        shard.set_metadata(schema::kSchemaVersionKey, "2");
        shard.commit();
    }
}

std::string answers(const std::string& db) {
    Searcher s({db});
    std::string out;
    for (const char* q : {"trade", "steel", "company:ibm", "person:\"ivan boesky\"", "lang:de trade"}) {
        SearchRequest r;
        r.query = q;
        r.facets = {FacetField::Company, FacetField::Person, FacetField::Date};
        SearchResult result = s.search(r);
        result.elapsed_ms = 0;
        out += to_json(result) + "\n";
    }
    for (const char* id : {"a1", "a2", "a3"}) out += to_json(*s.article(id, "steel")) + "\n";
    return out;
}

}  // namespace

TEST_CASE("a schema-2 database searches as the schema-3 database of the same articles, and re-indexes as unchanged") {
    test::TempDir dir;
    const std::string input = dir.file("a.jsonl", kArticles);
    const std::string v3 = dir.sub("v3"), v2 = dir.sub("v2");
    test::index_into(v3, {input});
    test::index_into(v2, {input});
    // What schema 3 stores: the compact form, no empty strings, no "en".
    {
        Xapian::Database shard(v3);
        bool compact_seen = false;
        for (auto p = shard.postlist_begin(""); p != shard.postlist_end(""); ++p) {
            const std::string data = shard.get_document(*p).get_data();
            const json meta = json::parse(data.substr(0, data.find('\0')));
            CHECK_FALSE((meta.contains("url") && meta["url"] == ""));
            CHECK_FALSE((meta.contains("language") && meta["language"] == "en"));
            if (meta.contains("persons")) compact_seen |= !meta["persons"][0].is_object();
            CHECK(shard.get_document(*p).get_value(schema::kSlotHash).size() == 8);
        }
        CHECK(compact_seen);
    }
    downgrade_to_schema_2(v2);
    const std::string expected = answers(v3);
    CHECK(expected.find("Pacific Gas") != std::string::npos);
    CHECK(expected.find("http://example.com/a2") != std::string::npos);
    CHECK(answers(v2) == expected);

    // Re-indexing the same articles into the schema-2 database changes none
    // of them, and the database is then marked with the current schema.
    IndexStats again = test::index_into(v2, {input});
    CHECK(again.unchanged == 3);
    CHECK(again.added + again.replaced == 0);
    CHECK(Xapian::Database(v2 + "/" + schema::shard_name(0)).get_metadata(schema::kSchemaVersionKey) ==
          std::to_string(schema::kSchemaVersion));
    CHECK(answers(v2) == expected);
}
