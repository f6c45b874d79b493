// Identical copies (searcher/src/copies.h): by default nothing folds and a
// copy of a higher hit of the page names it (Hit::copy_of); with
// collapse_duplicates a story sent twice word for word folds into one hit,
// a version that differs further down (an update) is shown on its own;
// collapse_similar folds both.
#include "newsdex/newsdex.h"

#include "copies.h"

#include "common/schema/doc_columns.h"
#include "common/schema/schema.h"

#include "test_support.h"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <utility>

#include <xapian.h>

using namespace newsdex;

namespace {

/// The first 40 body words (the near-duplicate key) are shared by u1, u2
/// and u3; u2 is u1 word for word, u3 goes on differently.
std::string corpus() {
    const std::string lead =
        "The central bank held its key interest rate at three pct on Tuesday, as expected by most economists, "
        "and said inflation would ease later in the year while growth stayed firm in the second quarter and "
        "exports rose again, the bank said in a statement after its monthly meeting in the capital.";
    auto line = [](const std::string& id, const std::string& title, const std::string& body, const std::string& day) {
        return nlohmann::json{{"id", id}, {"title", title}, {"body", body}, {"date", "2021-02-0" + day}}.dump() + "\n";
    };
    return line("u1", "Bank holds rate", lead + " Markets were calm.", "1") +
           line("u2", "RPT - Bank holds rate", lead + " Markets were calm.", "2") +
           line("u3", "UPDATE 1 - Bank holds rate",
                lead + " Bond yields fell after the decision and the currency eased.", "3") +
           line("u4", "Budget", "The finance ministry said the budget deficit narrowed; the bank was not consulted.",
                "4");
}

struct Fixture {
    test::TempDir dir;
    std::string db;
    explicit Fixture(int shards = 1) : db(dir.sub("db")) {
        test::index_into(db, {dir.file("c.jsonl", corpus())}, shards);
    }
};

std::vector<std::string> ids(const SearchResult& r) {
    std::vector<std::string> out;
    for (const auto& h : r.hits) out.push_back(h.id);
    return out;
}

}  // namespace

TEST_CASE("collapse_duplicates folds only identical copies; collapse_similar folds the update too") {
    for (int shards : {1, 3}) {
        CAPTURE(shards);
        Fixture f(shards);
        Searcher s({f.db});
        for (SortOrder sort : {SortOrder::Relevance, SortOrder::Newest}) {
            CAPTURE(sort_order_name(sort));
            SearchRequest r;
            r.query = "bank";
            r.sort = sort;
            r.collapse_duplicates = true;
            SearchResult copies = s.search(r);
            REQUIRE(copies.hits.size() == 3);  // u1 or u2, u3, u4
            CHECK(copies.total == 4);
            for (const auto& h : copies.hits) {
                if (h.id == "u1" || h.id == "u2")
                    CHECK(h.similar == 1);  // its copy
                else
                    CHECK(h.similar == 0);
            }
            const auto shown = ids(copies);
            CHECK(std::count(shown.begin(), shown.end(), "u3") == 1);
            for (const auto& h : copies.hits) CHECK(h.copy_of.empty());  // folded: no copy left to mark
            r.collapse_similar = true;
            SearchResult similar = s.search(r);
            REQUIRE(similar.hits.size() == 2);
            CHECK(similar.hits[0].similar + similar.hits[1].similar == 2);
            // collapse_similar implies folding.
            r.collapse_duplicates = false;
            CHECK(ids(s.search(r)) == ids(similar));
            r.collapse_similar = false;
            CHECK(s.search(r).hits.size() == 4);
        }
    }
}

TEST_CASE("by default nothing folds: a copy of a higher hit of the page names it, an update does not") {
    for (int shards : {1, 3}) {
        CAPTURE(shards);
        Fixture f(shards);
        Searcher s({f.db});
        for (SortOrder sort : {SortOrder::Relevance, SortOrder::Newest, SortOrder::Oldest}) {
            CAPTURE(sort_order_name(sort));
            SearchRequest r;
            r.query = "bank";
            r.sort = sort;
            CHECK_FALSE(r.collapse_duplicates);
            const SearchResult all = s.search(r);
            REQUIRE(all.hits.size() == 4);
            std::string first_copy;  // whichever of u1 and u2 ranks higher
            for (const auto& h : all.hits) {
                CHECK(h.similar == 0);
                if (h.id == "u1" || h.id == "u2") {
                    if (first_copy.empty()) {
                        first_copy = h.id;
                        CHECK(h.copy_of.empty());
                    } else {
                        CHECK(h.copy_of == first_copy);
                    }
                } else {
                    CHECK(h.copy_of.empty());  // u3 differs further down; u4 is another story
                }
            }
            // Only within the page: the original on an earlier page is not named.
            std::size_t second = 0;
            while (second < all.hits.size() && all.hits[second].copy_of.empty()) ++second;
            REQUIRE(second < all.hits.size());  // the copy was marked above
            r.offset = second;
            r.limit = 1;
            const SearchResult alone = s.search(r);
            REQUIRE(alone.hits.size() == 1);
            CHECK(alone.hits[0].id == all.hits[second].id);
            CHECK(alone.hits[0].copy_of.empty());
        }
    }
}

TEST_CASE("pages of hits with copies folded agree with one long page") {
    Fixture f;
    Searcher s({f.db});
    SearchRequest r;
    r.query = "bank";
    r.collapse_duplicates = true;
    r.ranking.headline = r.ranking.proximity = r.ranking.tables = r.ranking.company_names = false;
    for (SortOrder sort : {SortOrder::Relevance, SortOrder::Oldest}) {
        CAPTURE(sort_order_name(sort));
        r.sort = sort;
        r.offset = 0;
        r.limit = 10;
        const auto all = ids(s.search(r));
        REQUIRE(all.size() == 3);
        std::vector<std::string> paged;
        r.limit = 1;
        for (r.offset = 0; r.offset < 4; ++r.offset)
            for (const auto& id : ids(s.search(r))) paged.push_back(id);
        CHECK(paged == all);
    }
}

namespace {

/// Three wire stories sent nine times each word for word (they rank first:
/// the query's words recur), forty distinct reports that name both words
/// far apart, and one long article that says "crude oil" once: last by
/// BM25, first among the reports once the proximity bonus counts.  Folding
/// the copies shortens the matcher's best 50 to fewer than 50.
std::string deep_corpus() {
    std::string out;
    auto line = [&](const std::string& id, const std::string& title, const std::string& body) {
        out += nlohmann::json{{"id", id}, {"title", title}, {"body", body}, {"date", "2021-03-01"}}.dump() + "\n";
    };
    for (int g = 0; g < 3; ++g) {
        std::string body = "Story" + std::to_string(g) + "x opens here.";
        for (int i = 0; i < 6; ++i) body += " Crude supply rose again while the oil market stayed tight.";
        for (int c = 0; c < 9; ++c) line("g" + std::to_string(g) + "-" + std::to_string(c), "Wire story", body);
    }
    for (int f = 0; f < 40; ++f)
        line("f" + std::to_string(f), "Market report",
             "Report" + std::to_string(f) +
                 "z: traders said crude stocks were steady across the region this week while analysts in "
                 "several cities watched the demand for oil in asia and europe closely.");
    line("target", "Market report",
         "Traders said stocks were steady across the region this week while analysts in several cities watched "
         "the demand in asia and europe closely, and a refinery said crude oil deliveries were late again. "
         "Shipping firms and port officials in the region expected the delays to ease later in the month "
         "as more tankers arrived and the weather improved along the coast.");
    return out;
}

}  // namespace

TEST_CASE("with copies folded, the re-ranked top of a short page is the top of a long one") {
    test::TempDir dir;
    const std::string db = dir.sub("db");
    test::index_into(db, {dir.file("deep.jsonl", deep_corpus())}, 1);
    Searcher s({db});
    SearchRequest r;
    r.query = "crude oil";
    r.collapse_duplicates = true;
    r.limit = 50;
    const auto deep = ids(s.search(r));
    REQUIRE(deep.size() >= 10);
    // The case this guards: a candidate past the folded best 50 of a short
    // match that the bonuses lift into the top ten of a deeper one.
    CHECK(std::find(deep.begin(), deep.begin() + 10, "target") != deep.begin() + 10);
    r.limit = 10;
    const auto page = ids(s.search(r));
    CHECK(page == std::vector<std::string>(deep.begin(), deep.begin() + 10));
    r.offset = 10;
    const auto second = ids(s.search(r));
    CHECK(second == std::vector<std::string>(deep.begin() + 10, deep.begin() + 20));
}

namespace {

/// `stories` wire stories each sent `copies` times word for word (every
/// one holds "tanker"), the copies interleaved in the file as a feed
/// repeated would give them.
std::string many_copies_corpus(int stories, int copies) {
    std::string out;
    for (int c = 0; c < copies; ++c)
        for (int s = 0; s < stories; ++s) {
            std::string body = "Story" + std::to_string(s) + "q says a tanker";
            for (int w = 0; w < s % 7; ++w) body += " tanker";
            for (int w = 0; w < s; ++w) body += " calm";  // no two stories tie
            body +=
                " reached the port late after a storm in the gulf, the shipping agent for the cargo said "
                "on Monday, and the harbour master expected more ships to arrive later in the week.";
            out += nlohmann::json{{"id", "s" + std::to_string(s) + "-" + std::to_string(c)},
                                  {"title", "Shipping news"},
                                  {"body", body},
                                  {"date", "2021-04-0" + std::to_string(1 + c % 9)}}
                       .dump() +
                   "\n";
        }
    return out;
}

std::string story_of(const std::string& id) { return id.substr(0, id.find('-')); }

/// The stories of `hits`: which copy of a story is shown depends on the
/// docids (copies tie), which differ between layouts.
std::vector<std::string> stories_of(const std::vector<std::string>& hits) {
    std::vector<std::string> out;
    for (const auto& id : hits) out.push_back(story_of(id));
    return out;
}

}  // namespace

TEST_CASE("many copies of every story: the folded hits are each story's best, in order, on any page and layout") {
    // 60 stories x 8 copies: the first match (50 deep) folds to about 6
    // stories, so the rounds go deeper (and a guessed depth is matched again
    // when it went past the one that held enough).  12 x 9 ends with the
    // matcher's list shorter than the guess.
    for (const auto& shape : {std::pair{60, 8}, std::pair{12, 9}}) {
        // Plain variables, not a structured binding: CAPTURE's lambda cannot
        // capture a binding before C++20 in clang.
        const int stories = shape.first, copies = shape.second;
        CAPTURE(stories);
        test::TempDir dir;
        const std::string corpus = dir.file("c.jsonl", many_copies_corpus(stories, copies));
        const std::string one = dir.sub("one"), three = dir.sub("three");
        test::index_into(one, {corpus}, 1);
        test::index_into(three, {corpus}, 3);
        Searcher s1({one}), s3({three});
        SearchRequest r;
        r.query = "tanker";
        r.ranking.headline = r.ranking.proximity = r.ranking.tables = r.ranking.company_names = false;
        r.facets.clear();
        // Without folding: every copy, in BM25 order; each story's first is its best.
        r.collapse_duplicates = false;
        r.limit = 1000;
        const SearchResult unfolded = s1.search(r);
        REQUIRE(unfolded.hits.size() == static_cast<std::size_t>(stories * copies));
        std::vector<std::string> best;
        std::vector<double> best_scores;
        for (const auto& h : unfolded.hits) {
            const bool seen = std::any_of(best.begin(), best.end(),
                                          [&](const std::string& b) { return story_of(b) == story_of(h.id); });
            if (!seen) {
                best.push_back(h.id);
                best_scores.push_back(h.score);
            }
        }
        REQUIRE(best.size() == static_cast<std::size_t>(stories));
        r.collapse_duplicates = true;
        r.limit = 10;
        const SearchResult top = s1.search(r);
        REQUIRE(top.hits.size() == 10);
        CHECK(top.total == unfolded.total);
        for (std::size_t i = 0; i < 10; ++i) {
            CHECK(top.hits[i].id == best[i]);
            CHECK(top.hits[i].score == doctest::Approx(best_scores[i]).epsilon(1e-12));
            // The matcher keeps 8 members of a group: a ninth copy is not counted.
            CHECK(top.hits[i].similar == static_cast<std::size_t>(copies - 1));
        }
        // With facets (an exact total from the counter) a guessed depth is
        // not matched again: the same hits.
        r.facets = {FacetField::Company, FacetField::Date};
        CHECK(ids(s1.search(r)) == ids(top));
        CHECK(ids(s3.search(r)) == ids(s3.search([&] {
                  SearchRequest plain = r;
                  plain.facets.clear();
                  return plain;
              }())));
        r.facets.clear();
        // Pages agree with one long page; three shards with one database.
        r.limit = static_cast<std::size_t>(stories);
        const auto all = ids(s1.search(r));
        CHECK(all == best);
        CHECK(stories_of(ids(s3.search(r))) == stories_of(best));
        for (Searcher* s : {&s1, &s3}) {
            std::vector<std::string> paged;
            r.limit = 7;
            for (r.offset = 0; r.offset < static_cast<std::size_t>(stories); r.offset += 7)
                for (const auto& id : ids(s->search(r))) paged.push_back(id);
            CHECK(stories_of(paged) == stories_of(best));
            if (s == &s1) CHECK(paged == best);
        }
        // With the bonuses on (re-ranking 50), a short page is the top of a long one.
        r.ranking = RankingOptions{};
        r.offset = 0;
        r.limit = 50;
        const auto deep = ids(s1.search(r));
        r.limit = 10;
        CHECK(ids(s1.search(r)) == std::vector<std::string>(deep.begin(), deep.begin() + 10));
        CHECK(stories_of(ids(s3.search(r))) == stories_of(std::vector<std::string>(deep.begin(), deep.begin() + 10)));
    }
}

TEST_CASE("folding copies reads a body only when a second member of its group comes, and once per search") {
    test::TempDir dir;
    const std::string db = dir.sub("db");
    test::index_into(db, {dir.file("c.jsonl", corpus())}, 1);  // u1, u2 (its copy), u3 (an update), u4
    Xapian::Database x(db + "/shard-000");
    auto docid = [&](const std::string& id) { return *x.postlist_begin("Q" + id); };
    auto candidate = [&](const std::string& id, const std::string& key) {
        return Candidate{docid(id), 1.0, key, 0.0, {}};
    };
    StoredDataCache documents(x);
    StoredBodies bodies(documents);  // no digests: bodies are read
    std::vector<Candidate> list = {candidate("u1", "A"), candidate("u4", "B"), candidate("u2", "A"),
                                   candidate("u3", "A")};
    std::vector<Candidate> shallow(list.begin(), list.begin() + 2);
    CHECK(fold_copies(bodies, shallow) == 2);
    CHECK(bodies.reads() == 0);  // no group has two members yet
    std::vector<Candidate> cut = list;
    CHECK(fold_copies(bodies, cut, 2) == 2);  // the first two are kept: nothing more is looked at
    CHECK(cut.size() == 2);
    CHECK(bodies.reads() == 0);
    CHECK(fold_copies(bodies, list) == 4);
    REQUIRE(list.size() == 3);
    CHECK(list[0].docid == docid("u1"));
    CHECK(list[1].docid == docid("u4"));
    CHECK(list[2].docid == docid("u3"));
    CHECK(bodies.reads() == 3);  // u1, u2, u3; never u4
    // A deeper round starts with the same candidates: nothing is read again.
    std::vector<Candidate> deeper = {candidate("u1", "A"), candidate("u4", "B"), candidate("u2", "A"),
                                     candidate("u3", "A")};
    CHECK(fold_copies(bodies, deeper, 3) == 4);
    CHECK(deeper.size() == 3);
    CHECK(bodies.reads() == 3);
}

TEST_CASE("with the shards' body digests in memory, folding and counting copies read no document") {
    test::TempDir dir;
    const std::string db = dir.sub("db");
    test::index_into(db, {dir.file("c.jsonl", corpus())}, 1);  // u1, u2 (its copy), u3 (an update), u4
    const std::string shard = db + "/" + schema::shard_name(0);
    Xapian::Database x(shard);
    auto columns = ShardColumns::load(shard + schema::kColumnsSuffix, x);
    REQUIRE(columns.has_value());
    const BodyDigests digests({&columns->body_digests});
    auto docid = [&](const std::string& id) { return *x.postlist_begin("Q" + id); };
    for (const char* id : {"u1", "u2", "u3", "u4"}) CHECK(digests.of(docid(id)).has_value());
    CHECK(digests.of(docid("u1")) == digests.of(docid("u2")));
    CHECK(digests.of(docid("u1")) != digests.of(docid("u3")));
    CHECK_FALSE(digests.of(x.get_lastdocid() + 1).has_value());  // past the column
    CHECK_FALSE(BodyDigests().of(docid("u1")).has_value());     // none known: bodies are read

    const std::string key = x.get_document(docid("u1")).get_value(schema::kSlotDupKey);
    auto candidate = [&](const std::string& id, const std::string& k) {
        return Candidate{docid(id), 1.0, k, 0.0, {}};
    };
    auto fold = [&](StoredBodies& bodies) {
        std::vector<Candidate> list = {candidate("u1", key), candidate("u4", ""), candidate("u2", key),
                                       candidate("u3", key)};
        fold_copies(bodies, list);
        std::vector<Xapian::docid> out;
        for (const auto& c : list) out.push_back(c.docid);
        return out;
    };
    StoredDataCache read_docs(x), digest_docs(x);
    StoredBodies by_body(read_docs), by_digest(digest_docs, digests);
    CHECK(fold(by_digest) == fold(by_body));
    CHECK(fold(by_digest) == std::vector<Xapian::docid>{docid("u1"), docid("u4"), docid("u3")});
    CHECK(read_docs.reads() == 3);
    CHECK(digest_docs.reads() == 0);

    // +N similar: u1 has one copy (u2) among the matches, u3 and u4 none.
    const std::vector<Candidate> shown = {candidate("u1", key), candidate("u3", key), candidate("u4", "")};
    const Xapian::Query bank("bank");
    CHECK(count_copies(x, bank, shown, by_body) == std::vector<Xapian::doccount>{1, 0, 0});
    CHECK(count_copies(x, bank, shown, by_digest) == std::vector<Xapian::doccount>{1, 0, 0});
    CHECK(digest_docs.reads() == 0);
    // A copy that does not match the query is not counted.
    const Xapian::Query not_u2(Xapian::Query::OP_AND_NOT, bank, Xapian::Query("Qu2"));
    CHECK(count_copies(x, not_u2, shown, by_digest) == std::vector<Xapian::doccount>{0, 0, 0});
    CHECK(count_copies(x, not_u2, shown, by_body) == std::vector<Xapian::doccount>{0, 0, 0});
}

TEST_CASE("mark_copies: digests compared in memory, group keys read only for equal digests; bodies within a group") {
    test::TempDir dir;
    const std::string db = dir.sub("db");
    // u1, u2 (its copy), u3 (an update), u4; n1 and n2 alike but too short for a group key.
    const std::string shorts =
        nlohmann::json{{"id", "n1"}, {"title", "Note"}, {"body", "The bank is closed today."}}.dump() + "\n" +
        nlohmann::json{{"id", "n2"}, {"title", "Note"}, {"body", "The bank is closed today."}}.dump() + "\n";
    test::index_into(db, {dir.file("c.jsonl", corpus() + shorts)}, 1);
    const std::string shard = db + "/" + schema::shard_name(0);
    Xapian::Database x(shard);
    auto columns = ShardColumns::load(shard + schema::kColumnsSuffix, x);
    REQUIRE(columns.has_value());
    auto docid = [&](const std::string& id) { return *x.postlist_begin("Q" + id); };
    REQUIRE(x.get_document(docid("n1")).get_value(schema::kSlotDupKey).empty());
    StoredDataCache read_docs(x), digest_docs(x);
    StoredBodies by_body(read_docs), by_digest(digest_docs, BodyDigests({&columns->body_digests}));
    const std::vector<Xapian::docid> page = {docid("u1"), docid("u4"), docid("n1"), docid("u2"),
                                             docid("u3"), docid("n2")};
    const std::vector<std::size_t> expected = {kNotACopy, kNotACopy, kNotACopy, 0, kNotACopy, kNotACopy};
    CHECK(mark_copies(x, page, by_digest) == expected);
    CHECK(digest_docs.reads() == 0);
    CHECK(mark_copies(x, page, by_body) == expected);
    CHECK(read_docs.reads() == 3);  // u1, u2, u3: the one group's members; never u4, n1 or n2
    // The copy ranked first: the original below it is not a copy of it.
    const std::vector<Xapian::docid> swapped = {docid("u2"), docid("u1")};
    CHECK(mark_copies(x, swapped, by_digest) == std::vector<std::size_t>{kNotACopy, 0});
    CHECK(mark_copies(x, {}, by_digest).empty());
}

TEST_CASE("documents indexed without a body digest fold and count as with it (bodies read)") {
    // A database indexed before kSlotBodyDigest existed: the searcher builds
    // its columns without digests and compares stored bodies, as before.
    for (unsigned shards : {1u, 3u}) {
        CAPTURE(shards);
        test::TempDir dir;
        const std::string with = dir.sub("with"), without = dir.sub("without");
        test::index_into(with, {dir.file("c.jsonl", corpus())}, shards);
        test::index_into(without, {dir.file("c.jsonl", corpus())}, shards);
        for (unsigned s = 0; s < shards; ++s) {
            const std::string shard = without + "/" + schema::shard_name(s);
            {
                Xapian::WritableDatabase w(shard);
                for (Xapian::docid d = 1; d <= w.get_lastdocid(); ++d) {
                    Xapian::Document doc = w.get_document(d);
                    doc.remove_value(schema::kSlotBodyDigest);
                    w.replace_document(d, doc);
                }
                w.commit();
            }
            std::filesystem::remove(shard + schema::kColumnsSuffix);
            REQUIRE(ShardColumns::build(Xapian::Database(shard)).body_digests.empty());
        }
        Searcher a({with}), b({without});
        for (bool facets : {false, true})
            for (bool collapse : {true, false}) {
                CAPTURE(facets);
                CAPTURE(collapse);
                SearchRequest r;
                r.query = "bank";
                r.collapse_duplicates = collapse;
                if (facets) r.facets = {FacetField::Company, FacetField::Person, FacetField::Date};
                const SearchResult x = a.search(r), y = b.search(r);
                CHECK(ids(x) == ids(y));
                REQUIRE(x.hits.size() == y.hits.size());
                for (std::size_t i = 0; i < x.hits.size(); ++i) {
                    CHECK(x.hits[i].similar == y.hits[i].similar);
                    CHECK(x.hits[i].copy_of == y.hits[i].copy_of);
                    CHECK(x.hits[i].score == y.hits[i].score);
                }
                CHECK(x.total == y.total);
                if (!collapse) CHECK(std::count_if(x.hits.begin(), x.hits.end(), [](const Hit& h) {
                                         return !h.copy_of.empty();
                                     }) == 1);
            }
    }
}
