// common/schema/doc_columns: the per-document columns saved beside a shard are used
// only while they describe the shard as it is.  A commit (new revision), a
// recreated shard (new UUID), a damaged or older file, or arrays that do not
// add up to the shard make load() refuse them, and the searcher then counts
// from the shard itself -- never from a stale file.
#include "common/schema/doc_columns.h"

#include "common/schema/schema.h"
#include "newsdex/newsdex.h"
#include "test_support.h"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include <xapian.h>

namespace fs = std::filesystem;
namespace schema = newsdex::schema;
using newsdex::ShardColumns;

namespace {

/// An article with one company, one date and a body of one word (length 1).
Xapian::Document article(const std::string& company, const std::string& day) {
    Xapian::Document doc;
    doc.add_term("trade");
    doc.add_boolean_term(std::string(schema::kPrefixCompany) + company);
    doc.add_value(schema::kSlotDate, day);
    return doc;
}

/// A glass shard at `path` with one article per company.
void make_shard(const std::string& path, const std::vector<std::string>& companies) {
    Xapian::WritableDatabase db(path, Xapian::DB_CREATE_OR_OVERWRITE);
    for (const auto& c : companies) db.add_document(article(c, "20150302"));
    db.commit();
}

/// The slugs of docid `d` in `rows`.
std::vector<std::string> slugs_of(const newsdex::EntityRows& rows, Xapian::docid d) {
    std::vector<std::string> out;
    for (auto i = rows.offsets.at(d); i < rows.offsets.at(d + 1); ++i) out.push_back(rows.slugs.at(rows.values[i]));
    return out;
}

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}
void write_file(const std::string& path, const std::string& bytes) {
    std::ofstream(path, std::ios::binary | std::ios::trunc) << bytes;
}

}  // namespace

TEST_CASE("doc columns: saved arrays load back for the shard they describe") {
    newsdex::test::TempDir dir;
    const std::string shard = dir.sub("shard-000"), file = shard + schema::kColumnsSuffix;
    make_shard(shard, {"apple", "ibm"});
    Xapian::Database db(shard);
    ShardColumns::build(db).save(file);
    auto loaded = ShardColumns::load(file, db);
    REQUIRE(loaded.has_value());
    CHECK(loaded->revision == db.get_revision());
    CHECK(loaded->uuid == db.get_uuid());
    CHECK(slugs_of(loaded->companies, 1) == std::vector<std::string>{"apple"});
    CHECK(slugs_of(loaded->companies, 2) == std::vector<std::string>{"ibm"});
    CHECK(loaded->days.at(2) == 20150302u);
    CHECK(loaded->doclens.at(1) == 1u);
    CHECK_FALSE(fs::exists(file + ".tmp"));  // written through a temporary file, renamed
}

TEST_CASE("doc columns: a commit that changes a document in place makes the saved arrays stale") {
    // Same docid, same length, same last docid: only the revision stamp tells
    // the saved arrays ("apple") from the shard ("ibm").
    newsdex::test::TempDir dir;
    const std::string shard = dir.sub("shard-000"), file = shard + schema::kColumnsSuffix;
    make_shard(shard, {"apple"});
    ShardColumns::build(Xapian::Database(shard)).save(file);
    {
        Xapian::WritableDatabase w(shard);
        w.replace_document(1, article("ibm", "20150302"));
        w.commit();
    }
    Xapian::Database db(shard);
    REQUIRE(db.get_lastdocid() == 1);
    REQUIRE(db.get_total_length() == 1);
    CHECK_FALSE(ShardColumns::load(file, db).has_value());
    CHECK(slugs_of(ShardColumns::build(db).companies, 1) == std::vector<std::string>{"ibm"});
}

TEST_CASE("doc columns: a shard recreated at the same revision is another shard") {
    newsdex::test::TempDir dir;
    const std::string first = dir.sub("a"), second = dir.sub("b");
    make_shard(first, {"apple"});
    make_shard(second, {"ibm"});
    Xapian::Database a(first), b(second);
    REQUIRE(a.get_revision() == b.get_revision());
    ShardColumns::build(a).save(first + ".facets");
    CHECK(ShardColumns::load(first + ".facets", a).has_value());
    CHECK_FALSE(ShardColumns::load(first + ".facets", b).has_value());
}

TEST_CASE("doc columns: missing, damaged, older-format and inconsistent files are refused") {
    newsdex::test::TempDir dir;
    const std::string shard = dir.sub("shard-000"), file = shard + schema::kColumnsSuffix;
    make_shard(shard, {"apple", "ibm", "apple"});
    Xapian::Database db(shard);
    const ShardColumns good = ShardColumns::build(db);
    good.save(file);
    const std::string bytes = read_file(file);
    REQUIRE(ShardColumns::load(file, db).has_value());

    CHECK_FALSE(ShardColumns::load(dir.sub("none.facets"), db).has_value());
    write_file(file, "");
    CHECK_FALSE(ShardColumns::load(file, db).has_value());
    for (std::size_t cut : {std::size_t{4}, std::size_t{12}, bytes.size() / 2, bytes.size() - 1}) {
        write_file(file, bytes.substr(0, cut));
        CAPTURE(cut);
        CHECK_FALSE(ShardColumns::load(file, db).has_value());
    }
    std::string older = bytes;
    older[7] = '2';  // "NDXFC002": before UUIDs were stamped
    write_file(file, older);
    CHECK_FALSE(ShardColumns::load(file, db).has_value());

    // Stamped right, but the lengths do not add up to the shard's total: the
    // arrays weigh matches (BM25), so they are refused rather than trusted.
    ShardColumns wrong_lengths = good;
    wrong_lengths.doclens.at(2) += 1;
    wrong_lengths.save(file);
    CHECK_FALSE(ShardColumns::load(file, db).has_value());
    ShardColumns short_days = good;
    short_days.days.pop_back();
    short_days.save(file);
    CHECK_FALSE(ShardColumns::load(file, db).has_value());
    ShardColumns bad_ordinal = good;
    bad_ordinal.companies.values.at(0) = 99;  // no such slug
    bad_ordinal.save(file);
    CHECK_FALSE(ShardColumns::load(file, db).has_value());
}

TEST_CASE("doc columns: the searcher counts from the shard, not from a stale file left behind") {
    // A run interrupted after its commit but before it saved the arrays
    // leaves the previous run's file: re-indexing t1 moved it from Apple to
    // IBM, and the old file still says Apple.
    using namespace newsdex;
    test::TempDir dir;
    const std::string db = dir.sub("db");
    auto record = [](const std::string& company) {
        return R"({"id":"t1","title":"Trade talks","body":"Trade ministers met.","date":"2015-03-02","companies":[")" +
               company + "\"]}\n";
    };
    test::index_into(db, {dir.file("v1.jsonl", record("Apple"))}, 1);
    const std::string file = (fs::path(db) / (schema::shard_name(0) + schema::kColumnsSuffix)).string();
    REQUIRE(fs::exists(file));
    const std::string stale = read_file(file);
    IndexStats second = test::index_into(db, {dir.file("v2.jsonl", record("IBM"))}, 1);
    REQUIRE(second.replaced == 1);
    write_file(file, stale);

    SearchRequest request;
    request.query = "trade";
    request.facets = {FacetField::Company};
    SearchResult result = Searcher({db}).search(request);
    REQUIRE(result.facets.size() == 1);
    REQUIRE(result.facets[0].values.size() == 1);
    CHECK(result.facets[0].values[0].id == "ibm");
    CHECK(result.facets[0].values[0].count == 1);
}

TEST_CASE("doc columns: body digests come from their slot, are saved, and a format 003 file loads without them") {
    newsdex::test::TempDir dir;
    const std::string shard = dir.sub("shard-000"), file = shard + schema::kColumnsSuffix;
    const std::string digest_a(schema::kBodyDigestBytes, '\x01'), digest_b = "0123456789abcdef";
    {
        Xapian::WritableDatabase w(shard, Xapian::DB_CREATE_OR_OVERWRITE);
        Xapian::Document a = article("apple", "20150302"), b = article("ibm", "20150303"), c = article("hp", "20150304");
        a.add_value(schema::kSlotBodyDigest, digest_a);
        b.add_value(schema::kSlotBodyDigest, digest_b);  // c: indexed before the slot existed
        w.add_document(a);
        w.add_document(b);
        w.add_document(c);
        w.commit();
    }
    Xapian::Database db(shard);
    const ShardColumns built = ShardColumns::build(db);
    REQUIRE(built.body_digests.size() == 2 * 4);  // docids 0..3, two words each
    CHECK(built.body_digests[2] == 0x0101010101010101ULL);
    CHECK(built.body_digests[3] == 0x0101010101010101ULL);
    CHECK(built.body_digests[4] == 0x3031323334353637ULL);  // "01234567", big-endian
    CHECK(built.body_digests[5] == 0x3839616263646566ULL);  // "89abcdef"
    CHECK(built.body_digests[6] == 0);  // no digest: the searcher reads the body
    CHECK(built.body_digests[7] == 0);
    built.save(file);
    auto loaded = ShardColumns::load(file, db);
    REQUIRE(loaded.has_value());
    CHECK(loaded->body_digests == built.body_digests);

    // Format 003 (before the digests): the same bytes without the last
    // vector (its length word and 8 words).
    std::string older = read_file(file);
    older.resize(older.size() - 8 - 8 * built.body_digests.size());
    older[7] = '3';
    write_file(file, older);
    loaded = ShardColumns::load(file, db);
    REQUIRE(loaded.has_value());
    CHECK(loaded->body_digests.empty());
    CHECK(slugs_of(loaded->companies, 2) == std::vector<std::string>{"ibm"});

    // A shard none of whose documents has a digest has no column.
    const std::string bare = dir.sub("bare");
    make_shard(bare, {"apple"});
    CHECK(ShardColumns::build(Xapian::Database(bare)).body_digests.empty());
    // A digest column of the wrong size is refused.
    ShardColumns wrong = built;
    wrong.body_digests.pop_back();
    wrong.save(file);
    CHECK_FALSE(ShardColumns::load(file, db).has_value());
}
