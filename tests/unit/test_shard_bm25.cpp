// shard_bm25: each shard matched on its own weighs exactly like one match
// over all shards.
#include "shard_bm25.h"

#include "common/text/analyzer.h"
#include "query_parser.h"
#include "test_support.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <memory>

using namespace newsdex;

namespace {

struct Ranked {
    Xapian::docid docid;  ///< in the combined numbering
    double weight;
    bool operator==(const Ranked& o) const { return docid == o.docid && weight == o.weight; }
};

/// Xapian's own ranking over the combined database (its BM25 with newsdex's parameters).
std::vector<Ranked> combined_ranking(const Xapian::Database& db, const Xapian::Query& q) {
    Xapian::Enquire enquire(db);
    enquire.set_query(q);
    enquire.set_weighting_scheme(bm25_weight());
    Xapian::MSet mset = enquire.get_mset(0, db.get_doccount());
    std::vector<Ranked> out;
    for (auto it = mset.begin(); it != mset.end(); ++it) out.push_back({*it, it.get_weight()});
    return out;
}

/// Each shard on its own with global statistics, merged; nothing when the
/// query cannot be split.  `sources`: terms as BM25PostingSources reading
/// lengths from arrays.
std::vector<Ranked> shard_ranking(const Xapian::Database& db, const std::vector<Xapian::Database>& shards,
                                  const Xapian::Query& q, bool sources) {
    auto weights = shard_term_weights(q, db.get_doccount(), shards);
    if (weights.empty()) return {};
    const double average = static_cast<double>(db.get_total_length()) / db.get_doccount();
    std::vector<Ranked> out;
    for (std::size_t s = 0; s < shards.size(); ++s) {
        std::vector<std::uint32_t> doclens(shards[s].get_lastdocid() + 1, 0);
        for (auto p = shards[s].postlist_begin(""); p != shards[s].postlist_end(""); ++p)
            doclens[*p] = p.get_doclength();
        Xapian::Enquire enquire(shards[s]);
        enquire.set_query(sources ? with_length_sources(q, weights, s, doclens, average) : q);
        enquire.set_weighting_scheme(
            GlobalStatsBM25Weight(std::make_shared<const ShardTermWeights>(weights.by_shard[s]), average));
        Xapian::MSet mset = enquire.get_mset(0, shards[s].get_doccount());
        for (auto it = mset.begin(); it != mset.end(); ++it)
            out.push_back({static_cast<Xapian::docid>((*it - 1) * shards.size() + s + 1), it.get_weight()});
    }
    std::sort(out.begin(), out.end(), [](const Ranked& a, const Ranked& b) {
        return a.weight != b.weight ? a.weight > b.weight : a.docid < b.docid;
    });
    return out;
}

/// Two small shards holding `in_a` and `in_b`.
std::vector<Xapian::Database> two_shards(const test::TempDir& dir, const std::vector<Xapian::Document>& in_a,
                                         const std::vector<Xapian::Document>& in_b) {
    std::vector<Xapian::Database> out;
    for (const auto& [name, docs] : {std::pair{"a", &in_a}, std::pair{"b", &in_b}}) {
        Xapian::WritableDatabase db(dir.sub(name), Xapian::DB_CREATE);
        for (const auto& d : *docs) db.add_document(d);
        db.commit();
        out.emplace_back(dir.sub(name));
    }
    return out;
}

}  // namespace

TEST_CASE(
    "matched shard by shard (terms read from Xapian or from length arrays), every weight equals one match "
    "over all shards, bit for bit") {
    test::TempDir dir;
    const std::string corpus = std::string(NEWSDEX_SOURCE_DIR) + "/sample_corpus/jsonl";
    const std::string db_path = dir.sub("db");
    test::index_into(db_path, {corpus}, 3);
    Xapian::Database db;
    std::vector<Xapian::Database> shards;
    for (int s = 0; s < 3; ++s) {
        char name[16];
        std::snprintf(name, sizeof name, "shard-%03d", s);
        shards.emplace_back((std::filesystem::path(db_path) / name).string());
        db.add_database(shards.back());
    }
    Analyzer analyzer;
    QueryParser parser(db, analyzer, {"en"});
    std::size_t compared = 0, split = 0;
    for (const char* text : {"trade", "trade tariffs", "trade OR bank OR tariffs", "\"trade talks\"", "chip -apple",
                             "(market OR markets) AND price", "title:trade", "trade company:apple", "bank date:2019..",
                             "\"central bank\" rates", "the", "trade OR steel OR chip"}) {
        const std::string query_text = text;
        CAPTURE(query_text);
        Xapian::Query q = parser.parse(text).query;
        auto expected = combined_ranking(db, q);
        auto got = shard_ranking(db, shards, q, false);
        if (got.empty() && !expected.empty()) {
            MESSAGE("not split: " << query_text);
            continue;
        }
        ++split;
        CHECK(got == expected);
        CHECK(shard_ranking(db, shards, q, true) == expected);
        compared += expected.size();
    }
    CHECK(split == 12);  // every one of them splits
    CHECK(compared >= 40);
}

TEST_CASE("queries whose statistics Xapian estimates are not split") {
    test::TempDir dir;
    Xapian::Document d;
    d.add_term("x");
    auto shards = two_shards(dir, {d}, {d});
    std::vector<std::string> terms{"x", "y"};
    CHECK(shard_term_weights(Xapian::Query(Xapian::Query::OP_SYNONYM, terms.begin(), terms.end()), 2, shards).empty());
    CHECK(shard_term_weights(Xapian::Query::MatchAll, 2, shards).empty());
    CHECK(shard_term_weights(Xapian::Query(Xapian::Query::OP_WILDCARD, "x"), 2, shards).empty());
    CHECK(shard_term_weights(Xapian::Query("x"), 2, shards).by_shard.size() == 2);
}

TEST_CASE("terms absent from a shard, and boolean terms, never make a query ambiguous") {
    test::TempDir dir;
    Xapian::Document d1, d2;
    d1.add_term("x");
    d1.add_term("y");
    d1.add_term("y");
    d1.add_boolean_term("Fa");
    d2.add_term("x");
    d2.add_boolean_term("Fb");
    // shard a: x, y (wdf 2), filter Fa; shard b: x only (y absent), filter Fb
    auto shards = two_shards(dir, {d1}, {d2, d2});
    // y and z are absent from shard b (and z everywhere): (0, 0) twice is fine.
    auto or_query = Xapian::Query(Xapian::Query::OP_OR, Xapian::Query("y"), Xapian::Query("z"));
    CHECK_FALSE(shard_term_weights(or_query, 3, shards).empty());
    // Fa and Fb are boolean (collection frequency 0) with different weights.
    auto filtered = Xapian::Query(Xapian::Query::OP_FILTER, Xapian::Query("x"),
                                  Xapian::Query(Xapian::Query::OP_OR, Xapian::Query("Fa"), Xapian::Query("Fb")));
    CHECK_FALSE(shard_term_weights(filtered, 3, shards).empty());
}

TEST_CASE("two terms with one frequency in a shard but different weights overall are not split") {
    test::TempDir dir;
    Xapian::Document xy, x;
    xy.add_term("x");
    xy.add_term("y");
    x.add_term("x");
    auto shards = two_shards(dir, {xy}, {x});  // shard a: x 1, y 1; b: x 1 -> overall x 2, y 1
    CHECK(shard_term_weights(Xapian::Query(Xapian::Query::OP_OR, Xapian::Query("x"), Xapian::Query("y")), 2, shards)
              .empty());
    CHECK(bm25_log_term_weight(1, 2) > 0);
}

TEST_CASE("a query nested 20,000 deep is walked without recursion, filter sides unweighted") {
    test::TempDir dir;
    Xapian::Document d;
    d.add_term("x");
    d.add_term("t19999");
    auto shards = two_shards(dir, {d}, {d});
    // A left-deep chain of ORs, as a parser combining pairs builds: 40,000
    // terms in such a chain crashed the searcher (issue 9).
    Xapian::Query deep("t0");
    for (int i = 1; i < 20000; ++i)
        deep = Xapian::Query(Xapian::Query::OP_OR, deep, Xapian::Query("t" + std::to_string(i)));
    auto weights = shard_term_weights(deep, 2, shards);
    CHECK(weights.by_term.size() == 20000);
    CHECK(weights.by_term.count("t19999") == 1);
    // A synonym however deep makes the query unsplittable; filter terms are
    // checked but not weighed.
    std::vector<std::string> pair{"x", "y"};
    auto with_synonym =
        Xapian::Query(Xapian::Query::OP_AND, deep, Xapian::Query(Xapian::Query::OP_SYNONYM, pair.begin(), pair.end()));
    CHECK(shard_term_weights(with_synonym, 2, shards).empty());
    auto filtered = Xapian::Query(Xapian::Query::OP_FILTER, Xapian::Query("x"), Xapian::Query("t5"));
    auto filtered_weights = shard_term_weights(filtered, 2, shards);
    CHECK(filtered_weights.by_term.count("x") == 1);
    CHECK(filtered_weights.by_term.count("t5") == 0);
}
