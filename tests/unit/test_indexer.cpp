#include "indexer/indexer.h"

#include "common/schema.h"
#include "newsdex/error.h"
#include "test_support.h"

#include <doctest/doctest.h>
#include <xapian.h>

using namespace newsdex;

namespace {
const char* kTwo =
    R"({"id":"a1","title":"Apple earnings","body":"Apple Inc. reported record earnings.","date":"2019-01-29T16:30:00-05:00","companies":["Apple"]})"
    "\n"
    R"({"id":"a2","title":"IBM cloud","body":"IBM bought Red Hat.","date":"2018-10-28","companies":["IBM"]})"
    "\n";
}

TEST_CASE("a new database: shards, stub file, schema version") {
    test::TempDir dir;
    auto stats = test::index_into(dir.sub("db"), {dir.file("a.jsonl", kTwo)}, 2);
    CHECK(stats.added == 2);
    CHECK(std::filesystem::exists(dir.path / "db" / schema::kStubFile));
    CHECK(std::filesystem::exists(dir.path / "db" / "shard-001"));
    Xapian::Database db(dir.sub("db"));  // Xapian opens the stub as one database
    CHECK(db.get_doccount() == 2);
    CHECK(db.get_metadata(schema::kSchemaVersionKey) == std::to_string(schema::kSchemaVersion));
    CHECK(db.get_termfreq("XCapple") == 1);
    CHECK(db.get_metadata("name:XCapple") == "Apple");
}

TEST_CASE("re-indexing: unchanged, replaced, never duplicated") {
    test::TempDir dir;
    std::string db = dir.sub("db");
    test::index_into(db, {dir.file("a.jsonl", kTwo)});
    auto again = test::index_into(db, {dir.file("a.jsonl", kTwo)});
    CHECK(again.unchanged == 2);
    CHECK(again.added == 0);
    auto changed = test::index_into(
        db, {dir.file("b.jsonl", R"J({"id":"a1","title":"Apple earnings (corrected)","body":"Apple Inc. reported."})J" "\n")});
    CHECK(changed.replaced == 1);
    CHECK(Xapian::Database(db).get_doccount() == 2);
}

TEST_CASE("delete by id") {
    test::TempDir dir;
    std::string db = dir.sub("db");
    test::index_into(db, {dir.file("a.jsonl", kTwo)});
    IndexOptions o;
    o.db_path = db;
    auto stats = delete_ids({"a1", "zz"}, o);
    CHECK(stats.deleted == 1);
    CHECK(stats.not_found == 1);
    CHECK(Xapian::Database(db).get_doccount() == 1);
    o.db_path = dir.sub("never-made");
    CHECK_THROWS_AS(delete_ids({"a1"}, o), UserError);
    CHECK_FALSE(std::filesystem::exists(o.db_path));
}

TEST_CASE("bad records are counted by kind; --strict throws after keeping what came before") {
    test::TempDir dir;
    std::string input = dir.file("mixed.jsonl", std::string(R"({"id":"g1","title":"Good","body":"fine"})") +
                                                    "\n{broken\n" + R"({"id":"g2","title":"Good","body":"fine"})" + "\n");
    auto stats = test::index_into(dir.sub("db"), {input});
    CHECK(stats.added == 2);
    CHECK(stats.skipped == 1);
    CHECK(stats.skip_reasons["invalid JSON"] == 1);

    IndexOptions strict;
    strict.db_path = dir.sub("strict");
    strict.extract_entities = false;
    strict.strict = true;
    CHECK_THROWS_AS(index_paths({input}, strict), UserError);
    CHECK(Xapian::Database(strict.db_path).get_doccount() == 1);
}

TEST_CASE("refuses to write into something that is not a newsdex database") {
    test::TempDir dir;
    dir.file("notdb/readme.txt", "hello");
    IndexOptions o;
    o.db_path = dir.sub("notdb");
    CHECK_THROWS_AS(index_paths({}, o), UserError);
    o.db_path = dir.file("plainfile", "x");
    CHECK_THROWS_AS(index_paths({}, o), UserError);
}
