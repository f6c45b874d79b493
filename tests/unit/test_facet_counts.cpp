// searcher/src/facet_counts: the two counters -- per-document arrays for
// local shards, Xapian's value-count spies for remote ones -- give the same
// exact counts, whether the shards are counted in the background (start) or
// by the tasks that match them (count_shard).
#include "facet_counts.h"

#include "common/text/analyzer.h"
#include "query_parser.h"
#include "test_support.h"

#include <doctest/doctest.h>

#include <stdexcept>
#include <string>
#include <vector>

#include <xapian.h>

using namespace newsdex;

TEST_CASE("top_counts: by count, ties by slug, the first `limit`, distinct of all") {
    TopCounts t = top_counts({{"ibm", 2}, {"apple", 3}, {"acme", 2}, {"zeta", 1}}, 3);
    REQUIRE(t.top.size() == 3);
    CHECK(t.top[0] == std::pair<std::string, std::uint64_t>{"apple", 3});
    CHECK(t.top[1] == std::pair<std::string, std::uint64_t>{"acme", 2});
    CHECK(t.top[2] == std::pair<std::string, std::uint64_t>{"ibm", 2});
    CHECK(t.distinct == 4);
    CHECK(top_counts({{"a", 1}}, 0).top.empty());
    CHECK(top_counts({{"a", 1}}, 0).distinct == 1);
    CHECK(top_counts({}, 5).distinct == 0);
}

namespace {

std::string corpus() {
    std::string out;
    auto add = [&](const std::string& id, const std::string& body, const std::string& date,
                   const std::string& companies, const std::string& persons) {
        out += R"({"id":")" + id + R"(","title":"News )" + id + R"(","body":")" + body + R"(","date":")" + date +
               R"(","companies":[)" + companies + R"(],"persons":[)" + persons + "]}\n";
    };
    add("t1", "Trade talks in Geneva.", "2015-03-02", R"("Apple","IBM")", R"("Jane Doe")");
    add("t2", "Trade talks resume.", "2015-03-03", R"("Apple")", R"("Jane Doe","John Roe")");
    add("t3", "Apple results as trade tensions eased.", "2016-07-26", R"("Apple")", "");
    add("t4", "IBM buys a startup; trade analysts cheered.", "2018-10-28", R"("IBM")", R"("John Roe")");
    add("t5", "Farmers watched the trade dispute.", "2018-10-28", "", R"("John Roe")");
    add("t6", "Steel prices fell.", "2019-01-01", R"("Acme")", "");
    return out;
}

struct Fixture {
    test::TempDir dir;
    std::string path = dir.sub("db");
    DatabaseSet set;
    Analyzer analyzer;
    Fixture() {
        test::index_into(path, {dir.file("c.jsonl", corpus())}, 2);
        set = open_database_set({path});
    }
    Xapian::Query parse(const std::string& text) {
        QueryParser parser(set.combined, analyzer, {"en"});
        return parser.parse(text).query;
    }
};

/// Counts from the spies, attached to a full match as the Searcher does.
FacetCounts spy_counts(FacetIndex& index, const DatabaseSet& set, const Xapian::Query& query) {
    auto counter = index.make_counter(true, true, true, 10);
    REQUIRE(counter->needs_full_match());
    Xapian::Enquire enquire(set.combined);
    enquire.set_query(query);
    counter->attach(enquire);
    enquire.get_mset(0, 10, set.combined.get_doccount());
    return counter->counts(query);
}

void check_same(const FacetCounts& a, const FacetCounts& b) {
    CHECK(a.matches == b.matches);
    CHECK(a.companies.top == b.companies.top);
    CHECK(a.companies.distinct == b.companies.distinct);
    CHECK(a.persons.top == b.persons.top);
    CHECK(a.persons.distinct == b.persons.distinct);
    CHECK(a.days == b.days);
}

}  // namespace

TEST_CASE("facet counters: arrays and spies give the same exact counts") {
    Fixture f;
    WorkerPool workers(1), none(0);
    FacetIndex arrays(f.set, workers, true), spies(f.set, none, false);
    REQUIRE(arrays.arrays_available());
    REQUIRE_FALSE(spies.arrays_available());

    const Xapian::Query trade = f.parse("trade");
    auto counter = arrays.make_counter(true, true, true, 10);
    CHECK_FALSE(counter->needs_full_match());
    counter->start(trade);
    const FacetCounts local = counter->counts(trade);
    // Counted by hand from corpus(): "trade" is in t1..t5.
    CHECK(local.matches == 5);
    using Top = std::vector<std::pair<std::string, std::uint64_t>>;
    CHECK(local.companies.top == Top{{"apple", 3}, {"ibm", 2}});
    CHECK(local.persons.top == Top{{"john-roe", 3}, {"jane-doe", 2}});
    CHECK(local.days == DayCountList{{20150302, 1}, {20150303, 1}, {20160726, 1}, {20181028, 2}});
    check_same(local, spy_counts(spies, f.set, trade));

    for (const char* text : {"steel", "trade -geneva", "apple OR farmers", "nosuchword", "talks trade"}) {
        CAPTURE(text);
        const Xapian::Query q = f.parse(text);
        auto c = arrays.make_counter(true, true, true, 10);
        c->start(q);
        check_same(c->counts(q), spy_counts(spies, f.set, q));
    }
}

TEST_CASE("facet counters: every way of counting a shard gives the spies' counts") {
    Fixture f;
    WorkerPool none(0);
    FacetIndex spies(f.set, none, false);
    // From no match to every document: Auto picks by the number of matches,
    // the others are forced on every shard.
    const char* texts[] = {"nosuchword",       "steel",       "apple",         "trade", "trade -geneva",
                           "apple OR farmers", "talks trade", "trade OR steel"};
    for (CountMethod method : {CountMethod::Auto, CountMethod::Sparse, CountMethod::Dense, CountMethod::Complement}) {
        CAPTURE(static_cast<int>(method));
        WorkerPool workers(1);
        FacetIndex arrays(f.set, workers, true, method);
        REQUIRE(arrays.arrays_available());
        for (int round = 0; round < 2; ++round)  // counts left from one search must not leak into the next
            for (const char* text : texts) {
                CAPTURE(text);
                const Xapian::Query q = f.parse(text);
                auto c = arrays.make_counter(true, true, true, 10);
                c->start(q);
                check_same(c->counts(q), spy_counts(spies, f.set, q));
                // Only some facets asked for.
                auto dates_only = arrays.make_counter(false, false, true, 10);
                dates_only->start(q);
                const FacetCounts d = dates_only->counts(q);
                const FacetCounts all = spy_counts(spies, f.set, q);
                CHECK(d.days == all.days);
                CHECK(d.matches == all.matches);
                CHECK(d.companies.distinct == 0);
            }
    }
}

TEST_CASE("facet counters: every way of counting, over enough matches to fill the row prefetching") {
    // 240 articles (120 per shard): each method sees runs of matches far
    // longer than the docids it holds back while their rows are fetched.
    test::TempDir dir;
    std::string jsonl;
    const char* companies[] = {"Apple", "IBM", "Acme", "Zeta Corp", "Boeing", "Ford Motor", "Nestle"};
    const char* persons[] = {"Jane Doe", "John Roe", "Ann Lee", "Bo Chan", "Cy Young"};
    for (int i = 1; i <= 240; ++i) {
        std::string body = "Report " + std::to_string(i) + ": markets";
        if (i % 2 == 0) body += " alpha";
        if (i % 3 == 0) body += " beta";
        if (i % 17 == 0) body += " gamma";
        const std::string date =
            "20" + std::to_string(10 + i % 9) + "-0" + std::to_string(1 + i % 9) + "-1" + std::to_string(i % 10);
        std::string cs = std::string("\"") + companies[i % 7] + "\"";
        if (i % 4 == 0) cs += std::string(",\"") + companies[(i / 4) % 7] + "\"";
        const std::string ps = i % 5 == 0 ? "" : std::string("\"") + persons[i % 5] + "\"";
        jsonl += R"({"id":"a)" + std::to_string(i) + R"(","title":"Item )" + std::to_string(i) + R"(","body":")" +
                 body + R"(","date":")" + date + R"(","companies":[)" + cs + R"(],"persons":[)" + ps + "]}\n";
    }
    const std::string path = dir.sub("db");
    test::index_into(path, {dir.file("a.jsonl", jsonl)}, 2);
    DatabaseSet set = open_database_set({path});
    Analyzer analyzer;
    QueryParser parser(set.combined, analyzer, {"en"});
    WorkerPool none(0);
    FacetIndex spies(set, none, false);
    for (CountMethod method : {CountMethod::Auto, CountMethod::Sparse, CountMethod::Dense, CountMethod::Complement}) {
        CAPTURE(static_cast<int>(method));
        WorkerPool workers(1);
        FacetIndex arrays(set, workers, true, method);
        REQUIRE(arrays.arrays_available());
        for (const char* text : {"markets", "alpha", "beta", "gamma", "alpha -beta", "gamma OR beta", "nosuchword"}) {
            CAPTURE(text);
            const Xapian::Query q = parser.parse(text).query;
            auto c = arrays.make_counter(true, true, true, 3);
            c->start(q);
            const FacetCounts counted = c->counts(q);
            auto spy = spies.make_counter(true, true, true, 3);
            Xapian::Enquire enquire(set.combined);
            enquire.set_query(q);
            spy->attach(enquire);
            enquire.get_mset(0, 10, set.combined.get_doccount());
            check_same(counted, spy->counts(q));
            if (std::string(text) == "markets") {
                CHECK(counted.matches == 240);
                CHECK(counted.companies.distinct == 7);
                CHECK(counted.persons.distinct == 4);  // every fifth has none: persons[0] never
            }
        }
    }
}

TEST_CASE("facet counters: shards counted by their own tasks, and matches by term") {
    Fixture f;
    WorkerPool workers(0);
    FacetIndex index(f.set, workers, true);
    const Xapian::Query trade = f.parse("trade");
    auto background = index.make_counter(true, true, true, 1);
    background->start(trade);
    const FacetCounts expected = background->counts(trade);

    auto by_shard = index.make_counter(true, true, true, 1);
    for (std::size_t s = 0; s < f.set.shards.size(); ++s) by_shard->count_shard(s, trade);
    const FacetCounts counted = by_shard->counts(trade);
    check_same(counted, expected);
    CHECK(counted.companies.top.size() == 1);  // limit 1
    CHECK(counted.companies.distinct == 2);
    REQUIRE(by_shard->keeps_matches());
    CHECK(by_shard->matches_with_term("XCapple") == 3);
    CHECK(by_shard->matches_with_term("XCacme") == 0);  // t6 does not say trade

    // Only the facets asked for are counted.
    auto dates_only = index.make_counter(false, false, true, 10);
    dates_only->start(trade);
    const FacetCounts d = dates_only->counts(trade);
    CHECK(d.companies.top.empty());
    CHECK(d.persons.top.empty());
    CHECK(d.days.size() == 4);
    CHECK(d.matches == 5);
}

TEST_CASE("facet index: document lengths are the shard's, and only with arrays") {
    Fixture f;
    WorkerPool workers(0);
    FacetIndex index(f.set, workers, true);
    for (std::size_t s = 0; s < f.set.shards.size(); ++s) {
        const Xapian::Database& shard = f.set.shards[s];
        const std::vector<std::uint32_t>& lengths = index.document_lengths(s);
        REQUIRE(lengths.size() == shard.get_lastdocid() + 1);
        for (auto p = shard.postlist_begin(""); p != shard.postlist_end(""); ++p)
            CHECK(lengths[*p] == p.get_doclength());
    }
    FacetIndex spies(f.set, workers, false);
    CHECK_THROWS_AS(spies.document_lengths(0), std::logic_error);
}

TEST_CASE("facet counters: a one-term query's matches recorded by its ranked match count as evaluated ones") {
    Fixture f;
    WorkerPool workers(0);
    FacetIndex index(f.set, workers, true);
    const Xapian::Database& db = f.set.combined;
    const double average_length = static_cast<double>(db.get_total_length()) / db.get_doccount();
    for (const char* text : {"trade", "steel", "nosuchword", "trade -geneva", "\"trade talks\""}) {
        CAPTURE(text);
        const Xapian::Query q = f.parse(text);
        auto background = index.make_counter(true, true, true, 10);
        background->start(q);
        const FacetCounts expected = background->counts(q);

        // Each shard's ranked match as Searcher runs it, recording for the counter.
        const QueryTermWeights weights = shard_term_weights(q, db.get_doccount(), f.set.shards);
        auto recorded = index.make_counter(true, true, true, 10);
        std::size_t whole = 0;
        for (std::size_t s = 0; s < f.set.shards.size(); ++s) {
            PostingRecord* record = recorded->shard_record(s, q);
            CHECK((record != nullptr) == (q.get_type() == Xapian::Query::LEAF_TERM));
            Xapian::Enquire enquire(f.set.worker_shards[s]);
            enquire.set_query(weights.empty() ? q
                                              : with_length_sources(q, weights, s, index.document_lengths(s),
                                                                    average_length, record));
            enquire.get_mset(0, 1);
            if (record && record->whole()) ++whole;
            recorded->count_shard(s, q);
        }
        if (std::string(text) == "trade" || std::string(text) == "steel") CHECK(whole == f.set.shards.size());
        check_same(recorded->counts(q), expected);

        // A record that did not see the whole list (the ranked match skipped, or
        // stopped early) is not trusted: the shard is evaluated again.
        auto partial = index.make_counter(true, true, true, 10);
        for (std::size_t s = 0; s < f.set.shards.size(); ++s) {
            if (PostingRecord* record = partial->shard_record(s, q)) record->skipped = true;
            partial->count_shard(s, q);
        }
        check_same(partial->counts(q), expected);
    }
}
