// Archive-level surname resolution (indexer/surname_resolution.h): the
// decision alone, then whole databases indexed in different orders.
#include "indexer/surname_resolution.h"

#include "common/schema.h"
#include "test_support.h"

#include <doctest/doctest.h>
#include <xapian.h>

#include <map>
#include <string>

using namespace newsdex;

TEST_CASE("bare surnames and the surname of a full id") {
    CHECK(is_bare_surname("boesky"));
    CHECK_FALSE(is_bare_surname("ivan-boesky"));
    CHECK_FALSE(is_bare_surname(""));
    CHECK(surname_of("ivan-boesky") == "boesky");
    CHECK(surname_of("jean-claude-juncker") == "juncker");
    CHECK(surname_of("boesky").empty());
}

TEST_CASE("a surname links only to the one full name that bears it") {
    const std::map<std::string, std::size_t> native = {
        {"ivan-boesky", 3}, {"carl-icahn", 1}, {"jim-wright", 2}, {"james-wright", 1}, {"old-gone", 0}, {"gone", 4}};
    auto t = surname_targets({"boesky", "icahn", "wright", "gone", "smith"}, native);
    CHECK(t.at("boesky") == "ivan-boesky");
    CHECK(t.at("icahn") == "carl-icahn");
    CHECK_FALSE(t.count("wright"));  // two full names: ambiguous, stays a surname
    CHECK_FALSE(t.count("gone"));    // no article names "Old Gone" any more
    CHECK_FALSE(t.count("smith"));   // no full name at all
}

namespace {

std::string line(const std::string& id, const std::string& person) {
    return R"({"id":")" + id + R"(","title":"Story )" + id + R"(","body":"Text of story )" + id +
           R"(.","date":"1987-05-01","persons":[")" + person + "\"]}\n";
}

/// person id -> document count over the whole database (all shards, stub).
std::map<std::string, Xapian::doccount> person_counts(const std::string& db_path) {
    Xapian::Database db(db_path);
    std::map<std::string, Xapian::doccount> out;
    const std::string prefix(schema::kPrefixPerson);
    for (auto t = db.allterms_begin(prefix); t != db.allterms_end(prefix); ++t)
        out[(*t).substr(prefix.size())] = t.get_termfreq();
    return out;
}

}  // namespace

TEST_CASE("the same articles give the same links in any order, shards or runs") {
    test::TempDir dir;
    const std::string full = dir.file("full.jsonl", line("a1", "Ivan Boesky"));
    const std::string bare = dir.file("bare.jsonl", line("a2", "Boesky") + line("a3", "Boesky") + line("a4", "Kellerman"));
    const std::string both = dir.file("both.jsonl", line("a2", "Boesky") + line("a1", "Ivan Boesky") +
                                                        line("a4", "Kellerman") + line("a3", "Boesky"));
    test::index_into(dir.sub("one"), {full, bare}, 1);
    test::index_into(dir.sub("runs"), {bare}, 3);  // the surname first, its full name in a later run
    test::index_into(dir.sub("runs"), {full}, 3);
    test::index_into(dir.sub("mixed"), {both}, 2);
    const std::map<std::string, Xapian::doccount> expected = {{"ivan-boesky", 3}, {"kellerman", 1}};
    CHECK(person_counts(dir.sub("one")) == expected);
    CHECK(person_counts(dir.sub("runs")) == expected);
    CHECK(person_counts(dir.sub("mixed")) == expected);

    // The stored value slot follows the link (facets over remote shards count it).
    Xapian::Database db(dir.sub("runs"));
    auto p = db.postlist_begin(std::string(schema::kPrefixPerson) + "ivan-boesky");
    std::size_t with_value = 0;
    for (; p != db.postlist_end(std::string(schema::kPrefixPerson) + "ivan-boesky"); ++p)
        with_value += db.get_document(*p).get_value(schema::kSlotPersons) == "ivan-boesky";
    CHECK(with_value == 3);
}

TEST_CASE("a second full name undoes the link, deleting it restores it") {
    test::TempDir dir;
    const std::string db = dir.sub("db");
    test::index_into(db, {dir.file("a.jsonl", line("a1", "Ivan Boesky") + line("a2", "Boesky"))}, 2);
    CHECK(person_counts(db) == std::map<std::string, Xapian::doccount>{{"ivan-boesky", 2}});
    test::index_into(db, {dir.file("b.jsonl", line("b1", "Marta Boesky"))}, 2);
    CHECK(person_counts(db) ==
          std::map<std::string, Xapian::doccount>{{"boesky", 1}, {"ivan-boesky", 1}, {"marta-boesky", 1}});
    IndexOptions o;
    o.db_path = db;
    o.shards = 2;
    CHECK(delete_ids({"b1"}, o).deleted == 1);
    CHECK(person_counts(db) == std::map<std::string, Xapian::doccount>{{"ivan-boesky", 2}});
    // The full name's own article deleted: nothing to link to, Boesky is back.
    CHECK(delete_ids({"a1"}, o).deleted == 1);
    CHECK(person_counts(db) == std::map<std::string, Xapian::doccount>{{"boesky", 1}});
}
