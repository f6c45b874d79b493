#include "indexer/indexer.h"
#include "indexer/document_builder.h"

#include "common/ingest/sha256.h"
#include "common/schema/doc_columns.h"
#include "common/schema/schema.h"
#include "newsdex/error.h"
#include "test_support.h"

#include <doctest/doctest.h>
#include <xapian.h>

#include <algorithm>
#include <map>
#include <set>

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

TEST_CASE("each document carries its stored body's digest, and the column file holds it") {
    // The searcher folds identical copies by comparing these in memory
    // (searcher/src/copies.h): it must be exactly the stored body's.
    test::TempDir dir;
    const std::string db = dir.sub("db");
    test::index_into(db, {dir.file("a.jsonl", kTwo)}, 1);
    Xapian::Database shard(db + "/" + schema::shard_name(0));
    auto columns = ShardColumns::load(db + "/" + schema::shard_name(0) + std::string(schema::kColumnsSuffix), shard);
    REQUIRE(columns.has_value());
    REQUIRE(columns->body_digests.size() == 2 * (shard.get_lastdocid() + 1));
    for (Xapian::docid d = 1; d <= shard.get_lastdocid(); ++d) {
        const std::string data = shard.get_document(d).get_data();
        Sha256 sha;
        sha.update(std::string_view(data).substr(data.find('\0') + 1));
        const auto digest = sha.finish();
        const std::string value = shard.get_document(d).get_value(schema::kSlotBodyDigest);
        CHECK(value == std::string(reinterpret_cast<const char*>(digest.data()), schema::kBodyDigestBytes));
        std::uint64_t high = 0;
        for (int i = 0; i < 8; ++i) high = high << 8 | digest[static_cast<std::size_t>(i)];
        CHECK(columns->body_digests[2 * d] == high);
    }
}

TEST_CASE("re-indexing: unchanged, replaced, never duplicated") {
    test::TempDir dir;
    std::string db = dir.sub("db");
    test::index_into(db, {dir.file("a.jsonl", kTwo)});
    auto again = test::index_into(db, {dir.file("a.jsonl", kTwo)});
    CHECK(again.unchanged == 2);
    CHECK(again.added == 0);
    auto changed = test::index_into(
        db, {dir.file("b.jsonl", R"J({"id":"a1","title":"Apple earnings (corrected)","body":"Apple Inc. reported."})J"
                                 "\n")});
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
    std::string input =
        dir.file("mixed.jsonl", std::string(R"({"id":"g1","title":"Good","body":"fine"})") + "\n{broken\n" +
                                    R"({"id":"g2","title":"Good","body":"fine"})" + "\n");
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

namespace {

std::string jsonl_record(const std::string& id, const std::string& extra = "") {
    return R"({"id":")" + id + R"(","title":"Title )" + std::to_string(id.size()) + R"(","body":"Some body text.")" +
           extra + "}\n";
}

std::string long_id(char tail, std::size_t bytes = 300) {
    std::string id = "https://example.com/" + std::string(bytes - 21, 'p');
    return id + tail;
}

}  // namespace

TEST_CASE("id terms: verbatim while they fit, else a prefix and a digest that stay under the limit") {
    CHECK(schema::id_term("a1") == "Qa1");
    std::string fits(schema::kMaxXapianTermBytes - 1, 'x');
    CHECK(schema::id_term(fits) == "Q" + fits);
    CHECK(schema::id_term_is_exact(schema::id_term("a1")));
    std::string a = long_id('a'), b = long_id('b');
    CHECK(schema::id_term(a).size() <= schema::kMaxXapianTermBytes);
    CHECK(schema::id_term(a) != schema::id_term(b));
    CHECK(schema::id_term(a).substr(0, 101) == std::string("Q").append(a, 0, 100));
    CHECK_FALSE(schema::id_term_is_exact(schema::id_term(a)));
    // Never cut inside a UTF-8 character: 199 ASCII bytes, then 2-byte "é"s.
    std::string accented = std::string(199, 'x');
    while (accented.size() < 400) accented += "\xC3\xA9";
    std::string term = schema::id_term(accented);
    CHECK(term.substr(0, 200) == std::string("Q").append(accented, 0, 199));
    CHECK(term[200] == '#');
}

TEST_CASE("long ids: stored whole, replaced and deleted exactly, never confused with each other") {
    test::TempDir dir;
    std::string db = dir.sub("db");
    std::string a = long_id('a'), b = long_id('b');
    std::string both = jsonl_record(a) + jsonl_record(b);
    auto first = test::index_into(db, {dir.file("long.jsonl", both)});
    CHECK(first.added == 2);
    CHECK(first.skipped == 0);
    auto again = test::index_into(db, {dir.file("long.jsonl", both)});
    CHECK(again.unchanged == 2);
    auto changed = test::index_into(db, {dir.file("a2.jsonl", jsonl_record(a, R"(,"source":"Wire")"))});
    CHECK(changed.replaced == 1);
    {
        Xapian::Database check(db);
        CHECK(check.get_doccount() == 2);
        Xapian::docid docid = *check.postlist_begin(schema::id_term(a));
        CHECK(stored_article_id(check.get_document(docid)) == a);
    }
    IndexOptions o;
    o.db_path = db;
    CHECK(delete_ids({b}, o).deleted == 1);
    CHECK(delete_ids({b}, o).not_found == 1);
    CHECK(Xapian::Database(db).get_doccount() == 1);
}

TEST_CASE("two long ids sharing a shortened term: the stored id decides") {
    test::TempDir dir;
    std::string db = dir.sub("db");
    std::string a = long_id('a');
    test::index_into(db, {dir.file("seed.jsonl", jsonl_record("seed"))}, 1);
    {
        // A digest collision cannot be forged, so plant a document that holds
        // a's term but another id, as a colliding id would.
        Xapian::WritableDatabase shard(db + "/shard-000");
        Xapian::Document other;
        other.add_boolean_term(schema::id_term(a));
        other.set_data(R"({"id":"someone else"})" + std::string(1, schema::kDataBodySeparator) + "body");
        shard.add_document(other);
        shard.commit();
    }
    auto stats = test::index_into(db, {dir.file("a.jsonl", jsonl_record(a))}, 1);
    CHECK(stats.added == 1);
    CHECK(stats.replaced == 0);
    CHECK(test::index_into(db, {dir.file("a.jsonl", jsonl_record(a))}, 1).unchanged == 1);
    IndexOptions o;
    o.db_path = db;
    CHECK(delete_ids({a}, o).deleted == 1);
    Xapian::Database check(db);
    CHECK(check.get_doccount() == 2);  // seed and the planted one
    CHECK(check.get_termfreq(schema::id_term(a)) == 1);
    CHECK(stored_article_id(check.get_document(*check.postlist_begin(schema::id_term(a)))) == "someone else");
}

TEST_CASE("a value too long for a term is a bad record; the run goes on; --strict stops with UserError") {
    test::TempDir dir;
    std::string huge(300, 'z');
    std::string input = jsonl_record("ok1") + jsonl_record("lang", R"(,"language":")" + huge + "\"") +
                        jsonl_record("src", R"(,"source":")" + huge + "\"") +
                        jsonl_record("auth", R"(,"authors":[")" + huge + "\"]") +
                        jsonl_record("co", R"(,"companies":[")" + huge + "\"]") + jsonl_record("ok2");
    std::string path = dir.file("values.jsonl", input);
    IndexOptions o;
    o.db_path = dir.sub("db");
    o.extract_entities = false;
    std::vector<BadRecord> seen;
    IndexObserver observer;
    observer.bad_record = [&](const BadRecord& bad) { seen.push_back(bad); };
    auto stats = index_paths({path}, o, observer);
    CHECK(stats.added == 2);
    CHECK(stats.skipped == 4);
    CHECK(stats.skip_reasons["value too long to index"] == 4);
    REQUIRE(seen.size() == 4);
    std::set<std::string> wheres, fields;
    for (const auto& bad : seen) {
        wheres.insert(bad.where);
        fields.insert(bad.reason.substr(0, bad.reason.find(',')));
    }
    CHECK(wheres == std::set<std::string>{path + ":2", path + ":3", path + ":4", path + ":5"});
    CHECK(fields == std::set<std::string>{"value too long to index: lang", "value too long to index: source",
                                          "value too long to index: author", "value too long to index: company"});
    CHECK(Xapian::Database(o.db_path).get_doccount() == 2);

    o.db_path = dir.sub("strict");
    o.strict = true;
    o.shards = 1;
    CHECK_THROWS_AS(index_paths({path}, o), UserError);
    CHECK(Xapian::Database(o.db_path).get_doccount() == 1);  // ok1, committed before the stop
}

TEST_CASE("compacting: one shard with every article and its column file; leftovers of a killed run removed") {
    test::TempDir dir;
    std::string db = dir.sub("db");
    std::string input;
    for (int i = 0; i < 30; ++i)
        input += jsonl_record(std::string("c").append(std::to_string(i)), R"(,"companies":["Acme"])");
    test::index_into(db, {dir.file("c.jsonl", input)}, 3);
    // What a compaction killed before its stub switch leaves behind.
    std::filesystem::create_directories(dir.path / "db" / "compacting.tmp");
    std::filesystem::create_directories(dir.path / "db" / "shard-007");
    auto stats = compact_database(db, CompactLayout::MergeIntoOne);
    CHECK(stats.shards_before == 3);
    CHECK(stats.shards_after == 1);
    CHECK(stats.bytes_after > 0);
    CHECK(stats.bytes_after < stats.bytes_before);
    std::vector<std::string> entries;
    for (const auto& e : std::filesystem::directory_iterator(dir.path / "db")) entries.push_back(e.path().filename());
    std::sort(entries.begin(), entries.end());
    CHECK(entries == std::vector<std::string>{"XAPIANDB", "shard-003", "shard-003.facets"});
    Xapian::Database check(db);
    CHECK(check.get_doccount() == 30);
    CHECK(check.get_termfreq("XCacme") == 30);
    // The saved columns describe the new shard (the searcher need not rebuild it).
    std::string shard = (dir.path / "db" / "shard-003").string();
    auto cache = ShardColumns::load(shard + schema::kColumnsSuffix, Xapian::Database(shard));
    REQUIRE(cache.has_value());
    CHECK(cache->companies.slugs == std::vector<std::string>{"acme"});
    CHECK(check.get_metadata("name:XCacme") == "Acme");
    // Still a database to write into, now with one shard.
    auto more = test::index_into(
        db, {dir.file("d.jsonl", jsonl_record("d1") + jsonl_record("c0", R"(,"companies":["Acme"])"))});
    CHECK(more.added == 1);
    CHECK(more.unchanged == 1);
    CHECK(Xapian::Database(db).get_doccount() == 31);
    CHECK_THROWS_AS(compact_database(dir.sub("nothing-here")), UserError);
}

TEST_CASE("compacting keeps the shards by default: same docids, same routing, column files beside each") {
    test::TempDir dir;
    std::string db = dir.sub("db");
    std::string input;
    for (int i = 0; i < 40; ++i)
        input += jsonl_record(std::string("k").append(std::to_string(i)), R"(,"companies":["Acme"])");
    test::index_into(db, {dir.file("k.jsonl", input)}, 3);
    auto data_by_docid = [&db] {
        std::map<Xapian::docid, std::string> data;
        Xapian::Database all(db);
        for (auto d = all.postlist_begin(""); d != all.postlist_end(""); ++d) data[*d] = all.get_document(*d).get_data();
        return data;
    };
    const auto data_before = data_by_docid();
    REQUIRE(data_before.size() == 40);
    std::filesystem::create_directories(dir.path / "db" / "compacting.tmp" / "1");  // a killed run's leftover
    std::vector<std::pair<std::uint64_t, std::uint64_t>> reports;
    auto stats = compact_database(db, CompactLayout::KeepShards,
                                  [&reports](std::uint64_t done, std::uint64_t total) { reports.emplace_back(done, total); });
    // Progress: a report per table of each shard, growing to the whole.
    REQUIRE(reports.size() >= 3 * 4);
    for (std::size_t i = 1; i < reports.size(); ++i) {
        CHECK(reports[i].first >= reports[i - 1].first);
        CHECK(reports[i].second == reports[0].second);
    }
    CHECK(reports.back().first == reports.back().second);
    CHECK(reports.back().second > 0);
    CHECK(stats.shards_before == 3);
    CHECK(stats.shards_after == 3);
    CHECK(stats.bytes_after < stats.bytes_before);
    std::vector<std::string> entries;
    for (const auto& e : std::filesystem::directory_iterator(dir.path / "db")) entries.push_back(e.path().filename());
    std::sort(entries.begin(), entries.end());
    CHECK(entries == std::vector<std::string>{"XAPIANDB", "shard-003", "shard-003.facets", "shard-004",
                                              "shard-004.facets", "shard-005", "shard-005.facets"});
    {
        // Every docid holds the article it held: the shards kept their docids and their order.
        CHECK(data_by_docid() == data_before);
        std::string shard = (dir.path / "db" / "shard-004").string();
        REQUIRE(ShardColumns::load(shard + schema::kColumnsSuffix, Xapian::Database(shard)).has_value());
    }
    // Ids still route to the shard that holds them: re-indexing finds them, a new one is added.
    auto more = test::index_into(
        db, {dir.file("m.jsonl", jsonl_record("m1") + jsonl_record("k7", R"(,"companies":["Acme"])"))});
    CHECK(more.added == 1);
    CHECK(more.unchanged == 1);
    CHECK(Xapian::Database(db).get_doccount() == 41);
}

TEST_CASE("a database being written is refused as locked, by indexing and by compacting") {
    test::TempDir dir;
    std::string db = dir.sub("db");
    test::index_into(db, {dir.file("a.jsonl", kTwo)}, 1);
    Xapian::WritableDatabase holder(db + "/shard-000");
    try {
        test::index_into(db, {dir.file("a.jsonl", kTwo)}, 1);
        FAIL("indexing a locked database must throw");
    } catch (const SystemError& e) {
        CHECK(std::string(e.what()).find("locked") != std::string::npos);
    }
    CHECK_THROWS_AS(compact_database(db), SystemError);
}
