#include "newsdex/newsdex.h"

#include "test_support.h"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <algorithm>

#include <xapian.h>
#include <filesystem>

using namespace newsdex;

namespace {

std::string corpus() {
    std::string out;
    auto add = [&](const std::string& id, const std::string& title, const std::string& body, const std::string& date,
                   const std::string& companies, const std::string& persons, const std::string& source = "Wire") {
        out += R"({"id":")" + id + R"(","title":")" + title + R"(","body":")" + body + R"(","date":")" + date +
               R"(","source":")" + source + R"(","companies":[)" + companies + R"(],"persons":[)" + persons + "]}\n";
    };
    const std::string wire =
        "The trade ministers of both countries met in Geneva on Tuesday to discuss tariffs on "
        "steel and aluminium and agreed to meet again next month to continue the talks on a "
        "broader trade agreement covering farm goods.";
    add("t1", "Trade talks resume", wire, "2015-03-02", R"("Apple","IBM")", R"("Jane Doe")");
    add("t2", "Trade talks resume in Geneva", wire, "2015-03-03", R"("Apple")", R"("Jane Doe")", "Other Paper");
    add("t3", "Apple results", "Apple reported record results as trade tensions eased.", "2016-07-26", R"("Apple")",
        "");
    add("t4", "IBM buys startup", "IBM agreed to buy a cloud startup; trade analysts cheered.", "2018-10-28",
        R"("IBM")", R"("John Roe")");
    add("t5", "Farm trade", "Soybean farmers watched the trade dispute closely.", "2019-05-13", "", R"("John Roe")");
    add("t6", "Undated", "No date on this trade piece.", "2014-01-01", "", "");
    return out;
}

struct Fixture {
    test::TempDir dir;
    std::string db;
    Fixture() : db(dir.sub("db")) { test::index_into(db, {dir.file("c.jsonl", corpus())}); }
};

SearchRequest request(const std::string& q) {
    SearchRequest r;
    r.query = q;
    r.facets = {FacetField::Company, FacetField::Person, FacetField::Date};
    return r;
}

/// Both results have the same facets: values, in order, and counts.
void check_same_facets(const SearchResult& a, const SearchResult& b) {
    REQUIRE(a.facets.size() == b.facets.size());
    for (std::size_t f = 0; f < a.facets.size(); ++f) {
        REQUIRE(a.facets[f].values.size() == b.facets[f].values.size());
        for (std::size_t j = 0; j < a.facets[f].values.size(); ++j) {
            CHECK(a.facets[f].values[j].id == b.facets[f].values[j].id);
            CHECK(a.facets[f].values[j].count == b.facets[f].values[j].count);
        }
    }
}

std::uint64_t count_of(const Facet& f, const std::string& id) {
    for (const auto& v : f.values)
        if (v.id == id) return v.count;
    return 0;
}

}  // namespace

TEST_CASE("facets are exact, multi-valued, and narrowing gives the same counts") {
    Fixture f;
    Searcher s({f.db});
    auto r = s.search(request("trade"));
    CHECK(r.total == 6);
    CHECK(r.total_exact);
    REQUIRE(r.facets.size() == 3);
    CHECK(count_of(r.facets[0], "apple") == 3);
    CHECK(count_of(r.facets[0], "ibm") == 2);
    CHECK(r.facets[0].distinct == 2);
    CHECK(count_of(r.facets[1], "jane-doe") == 2);
    CHECK(r.facets[0].values[0].name == "Apple");
    for (const auto& v : r.facets[0].values) {
        SearchRequest narrowed = request("trade");
        narrowed.filters = {"company:" + v.id};
        CHECK(s.search(narrowed).total == v.count);
    }
    // Date facet by year over 2014..2019, zero-filled.
    CHECK(r.facets[2].granularity == DateGranularity::Year);
    CHECK(r.facets[2].values.size() == 6);
    CHECK(count_of(r.facets[2], "2015") == 2);
    CHECK(count_of(r.facets[2], "2017") == 0);
}

TEST_CASE("facet limit reports how many more values exist") {
    Fixture f;
    Searcher s({f.db});
    auto r = request("trade");
    r.facet_limit = 1;
    auto res = s.search(r);
    CHECK(res.facets[0].values.size() == 1);
    CHECK(res.facets[0].more == 1);
}

TEST_CASE("near-identical articles collapse into one hit when asked to; by default each is a hit") {
    Fixture f;
    Searcher s({f.db});
    auto r = request("geneva");
    r.collapse_duplicates = true;
    auto res = s.search(r);
    REQUIRE(res.hits.size() == 1);
    CHECK(res.hits[0].similar == 1);
    CHECK(res.total == 2);  // the total counts articles, not hits
    r.collapse_duplicates = false;
    const SearchResult both = s.search(r);
    REQUIRE(both.hits.size() == 2);
    CHECK(both.hits[0].copy_of.empty());
    CHECK(both.hits[1].copy_of == both.hits[0].id);  // an identical copy of the hit above
    CHECK(both.hits[1].similar == 0);
    CHECK_FALSE(SearchRequest{}.collapse_duplicates);
}

TEST_CASE("sorting by date, and recency blending") {
    Fixture f;
    Searcher s({f.db});
    auto r = request("trade");
    r.collapse_duplicates = false;
    r.sort = SortOrder::Newest;
    auto res = s.search(r);
    REQUIRE(res.hits.size() == 6);
    CHECK(res.hits[0].id == "t5");
    r.sort = SortOrder::Oldest;
    CHECK(s.search(r).hits[0].id == "t6");
    r.sort = SortOrder::Relevance;
    r.recency_half_life_days = 1;
    CHECK(s.search(r).hits[0].id == "t5");
}

TEST_CASE("filters: entity names, dates, sources") {
    Fixture f;
    Searcher s({f.db});
    CHECK(s.search(request("company:IBM")).total == 2);
    CHECK(s.search(request("person:\"Jane Doe\" date:2015-03-03")).total == 1);
    CHECK(s.search(request("trade after:2018")).total == 2);
    CHECK(s.search(request("trade before:2015-03-02")).total == 2);
    CHECK(s.search(request("source:\"other paper\"")).total == 1);
    auto unknown = s.search(request("company:nosuch"));
    CHECK(unknown.total == 0);
    CHECK(unknown.notices.size() == 1);
}

TEST_CASE("spelling suggestion for unknown words") {
    Fixture f;
    Searcher s({f.db});
    auto r = s.search(request("soybaen"));
    CHECK(r.total == 0);
    CHECK(r.suggestion == "soybean");
}

TEST_CASE("several databases search as one") {
    test::TempDir dir;
    std::string all = corpus();
    auto half = all.find('\n', all.size() / 2);
    std::string a = dir.sub("a"), b = dir.sub("b"), one = dir.sub("one");
    test::index_into(a, {dir.file("a.jsonl", all.substr(0, half + 1))}, 1);
    test::index_into(b, {dir.file("b.jsonl", all.substr(half + 1))}, 3);
    test::index_into(one, {dir.file("all.jsonl", all)}, 1);
    Searcher split({a, b}), single({one});
    for (const char* q : {"trade", "apple", "company:ibm OR geneva", "\"trade talks\""}) {
        auto r1 = split.search(request(q)), r2 = single.search(request(q));
        CHECK(r1.total == r2.total);
        check_same_facets(r1, r2);
    }
}

TEST_CASE("several databases: display names and aliases known only to a later one") {
    test::TempDir dir;
    std::string a = dir.sub("a"), b = dir.sub("b");
    test::index_into(a, {dir.file("a.jsonl", corpus())}, 2);
    test::index_into(b,
                     {dir.file("b.jsonl", R"({"id":"z1","title":"Zorblax trade","body":"Zorblax Industries )"
                                          R"(traded.","date":"2020-01-02","companies":["Zorblax Industries"]})"
                                          "\n")},
                     1);
    {
        Xapian::WritableDatabase shard(b + "/shard-000");  // an alias only b.db defines
        shard.set_metadata("alias:XCzorbco", "zorblax-industries");
        shard.commit();
    }
    Searcher split({a, b});
    auto r = split.search(request("trade"));
    const Facet& companies = r.facets[0];
    auto zorblax = std::find_if(companies.values.begin(), companies.values.end(),
                                [](const FacetValue& v) { return v.id == "zorblax-industries"; });
    REQUIRE(zorblax != companies.values.end());
    CHECK(zorblax->name == "Zorblax Industries");  // was the slug: names came from a.db only
    CHECK(split.search(request("company:zorbco")).total == 1);
    CHECK(Searcher({b, a}).search(request("company:zorbco")).total == 1);
}

TEST_CASE("JSON document") {
    Fixture f;
    Searcher s({f.db});
    auto j = nlohmann::json::parse(to_json(s.search(request("apple"))));
    CHECK(j["version"] == 1);
    CHECK(j["total"] == 1);
    CHECK(j["hits"][0]["snippet"].get<std::string>().find("**Apple**") != std::string::npos);
    CHECK(j["facets"]["company"]["values"][0]["id"] == "apple");
    CHECK(j["facets"]["date"]["values"][0].contains("value"));
    CHECK(j["suggestion"].is_null());
    CHECK_FALSE(j["hits"][0].contains("copy_of"));  // only on a copy
    Hit copy;
    copy.id = "b";
    copy.copy_of = "a";
    CHECK(nlohmann::json::parse(to_json(copy))["copy_of"] == "a");
}

TEST_CASE("a Searcher keeps its snapshot until reopen()") {
    Fixture f;
    Searcher s({f.db});
    CHECK(s.article_count() == 6);
    test::index_into(f.db, {f.dir.file("more.jsonl", R"({"id":"t7","title":"Late trade news","body":"More trade."})"
                                                     "\n")});
    CHECK(s.search(request("trade")).total == 6);
    s.reopen();
    CHECK(s.article_count() == 7);
    CHECK(s.search(request("trade")).total == 7);
}

TEST_CASE("errors: the user's and the system's") {
    Fixture f;
    Searcher s({f.db});
    CHECK_THROWS_AS(s.search(request("\"open")), UserError);
    CHECK_THROWS_AS(s.search(request("...")), UserError);
    CHECK_THROWS_AS(Searcher({f.dir.sub("missing")}), SystemError);
    std::filesystem::create_directories(f.dir.sub("plain"));
    CHECK_THROWS_AS(Searcher({f.dir.sub("plain")}), UserError);  // a directory, but no database
    CHECK_THROWS_AS(Searcher({f.dir.file("notes.txt", "secret:x:0:0\n")}), UserError);
}

TEST_CASE("a database of several shards (matched in parallel) ranks and counts exactly like one database") {
    test::TempDir dir;
    const std::string corpus = std::string(NEWSDEX_SOURCE_DIR) + "/sample_corpus/jsonl";
    std::string three = dir.sub("three"), one = dir.sub("one");
    test::index_into(three, {corpus}, 3);
    test::index_into(one, {corpus}, 1);
    Searcher split({three}), single({one});
    for (const char* q : {"trade", "trade tariffs", "\"trade talks\"", "chip OR steel", "bank -central",
                          "market company:apple", "the"}) {
        const std::string query_text = q;
        CAPTURE(query_text);
        for (bool collapse : {false, true}) {
            CAPTURE(collapse);
            SearchRequest r = request(q);
            r.limit = 200;
            r.collapse_duplicates = collapse;
            auto a = split.search(r), b = single.search(r);
            CHECK(a.total == b.total);
            REQUIRE(a.hits.size() == b.hits.size());
            // Equal weights tie-break by docid, which differs between the two
            // layouts: compare scores in order, and ids as sets per score.
            auto by_score = [](std::vector<Hit> hits) {
                std::sort(hits.begin(), hits.end(), [](const Hit& x, const Hit& y) {
                    return x.score != y.score ? x.score > y.score : x.id < y.id;
                });
                return hits;
            };
            auto sa = by_score(a.hits), sb = by_score(b.hits);
            for (std::size_t i = 0; i < sa.size(); ++i) {
                CHECK(a.hits[i].score == b.hits[i].score);  // bit for bit
                CHECK(sa[i].score == sb[i].score);
                CHECK(sa[i].similar == sb[i].similar);
                if (!collapse) CHECK(sa[i].id == sb[i].id);
            }
            check_same_facets(a, b);
        }
    }
}
