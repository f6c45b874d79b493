// The re-ranking step (searcher/src/rerank.h, docs/ranking.md): each bonus
// on a small fixture where plain BM25 orders the other way, the OR
// fallback, and --explain's parts adding up to the score.
#include "newsdex/newsdex.h"

#include "rerank.h"
#include "test_support.h"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <cmath>

using namespace newsdex;

namespace {

std::string article(const std::string& id, const std::string& title, const std::string& body) {
    return nlohmann::json{{"id", id}, {"title", title}, {"body", body}, {"date", "2020-01-0" + id.substr(1, 1)}}
               .dump() +
           "\n";
}

/// One database of `jsonl`, entities extracted from the text (as newsdex-index does).
struct Fixture {
    test::TempDir dir;
    std::string db;
    explicit Fixture(const std::string& jsonl) : db(dir.sub("db")) {
        IndexOptions o;
        o.db_path = db;
        o.extract_entities = true;
        o.shards = 2;
        index_paths({dir.file("c.jsonl", jsonl)}, o);
    }
};

SearchRequest request(const std::string& q) {
    SearchRequest r;
    r.query = q;
    r.collapse_duplicates = false;
    r.ranking.explain = true;
    return r;
}

std::vector<std::string> ids(const SearchResult& r) {
    std::vector<std::string> out;
    for (const auto& h : r.hits) out.push_back(h.id);
    return out;
}

bool has_part(const Hit& h, const std::string& kind) {
    for (const auto& p : h.explanation)
        if (p.kind == kind) return true;
    return false;
}

}  // namespace

TEST_CASE("an article naming the person ranks above one that only repeats the surname") {
    Fixture f(article("a1", "Dollar steady",
                      "Treasury Secretary James Baker said on Monday the dollar was stable against the yen. "
                      "Baker told reporters in Washington that talks with Japan would go on.") +
              article("a2", "Bakers meet",
                      "A baker said the baker guild, founded by a baker, would back every baker and each baker's "
                      "apprentice. The baker fair is held near St James market, baker stalls and all."));
    Searcher s({f.db});
    SearchRequest r = request("james baker");
    r.ranking.proximity = false;  // the phrase would favour a1 on its own
    r.ranking.headline = false;
    r.ranking.entities = false;
    CHECK(ids(s.search(r)) == std::vector<std::string>{"a2", "a1"});  // BM25 alone: the repeated surname wins
    r.ranking.entities = true;
    SearchResult on = s.search(r);
    REQUIRE(ids(on) == std::vector<std::string>{"a1", "a2"});
    CHECK(has_part(on.hits[0], "entity"));
    CHECK_FALSE(has_part(on.hits[1], "entity"));
}

TEST_CASE("a query naming a known person also matches the articles naming them by another name") {
    // The extractor's alias table knows Jack Ma as Ma Yun (ma-yun).
    Fixture f(article("b1", "Alibaba founder speaks", "Alibaba founder Jack Ma spoke in Hangzhou on Monday.") +
              article("b2", "Exports grew", "Ma Yun, the founder of Alibaba, said exports grew in March.") +
              article("b3", "Home", "Jack went home early.") +
              article("b4", "Alibaba", "Jack Ma, Alibaba's founder, was not in Hangzhou."));
    Searcher s({f.db});
    SearchRequest r = request("jack ma");
    SearchResult on = s.search(r);
    CHECK(on.fallback.empty());
    REQUIRE(on.hits.size() == 3);
    CHECK(on.hits[2].id == "b2");  // it lacks "jack" but names him
    for (const auto& h : on.hits) CHECK(has_part(h, "entity"));
    r.ranking.entities = false;
    r.ranking.or_fallback = false;        // two articles hold both words: the fallback would add b2
    CHECK(ids(s.search(r)).size() == 2);  // without it: every word must match
}

TEST_CASE("a headline match ranks above a body mention") {
    Fixture f(article("h1", "Copper prices climb", "Metals were mixed on the London exchange on Tuesday morning.") +
              article("h2", "Metals report",
                      "Copper led the session: copper rose, copper stocks fell, copper demand in China grew and "
                      "copper traders said copper would stay firm while copper output lagged."));
    Searcher s({f.db});
    SearchRequest r = request("copper");
    r.ranking.headline = false;
    CHECK(ids(s.search(r)) == std::vector<std::string>{"h2", "h1"});  // BM25 alone: the body's frequency wins
    r.ranking.headline = true;
    SearchResult on = s.search(r);
    REQUIRE(ids(on) == std::vector<std::string>{"h1", "h2"});
    CHECK(has_part(on.hits[0], "headline"));
}

TEST_CASE("words side by side rank above the same words far apart") {
    const std::string filler = " The report covered many other matters of the week in some detail.";
    Fixture f(
        article("p1", "Energy", "Natural gas output rose." + filler + filler) +
        article("p2", "Energy", "Gas output rose." + filler + " Natural causes were blamed, gas men said." + filler));
    Searcher s({f.db});
    SearchRequest r = request("natural gas");
    r.ranking.proximity = false;
    CHECK(ids(s.search(r)) == std::vector<std::string>{"p2", "p1"});  // BM25 alone: p2 says gas twice
    r.ranking.proximity = true;
    SearchResult on = s.search(r);
    REQUIRE(ids(on) == std::vector<std::string>{"p1", "p2"});
    CHECK(has_part(on.hits[0], "proximity"));
}

TEST_CASE("too few articles with every word: the OR of the words, most words first, said in the result") {
    Fixture f(article("o1", "Tin", "Tin prices fell.") + article("o2", "Zinc", "Zinc and tin prices rose.") +
              article("o3", "Lead", "Lead was flat.") + article("o4", "Tin again", "Tin prices were steady."));
    Searcher s({f.db});
    SearchRequest r = request("zinc tin lead");
    SearchResult res = s.search(r);
    CHECK(res.fallback == "or");
    CHECK(res.notices.back().find("no article matches every word") != std::string::npos);
    REQUIRE(ids(res).size() == 4);
    CHECK(res.hits[0].id == "o2");  // two of the three words
    CHECK(has_part(res.hits[0], "matched-words"));
    CHECK(to_json(res).find("\"fallback\":\"or\"") != std::string::npos);
    r.ranking.or_fallback = false;
    SearchResult strict = s.search(r);
    CHECK(strict.hits.empty());
    CHECK(strict.fallback.empty());
    CHECK(to_json(strict).find("fallback") == std::string::npos);
    // Enough matches of every word: no fallback.
    CHECK(s.search(request("tin prices")).fallback.empty());
}

TEST_CASE("the explanation's parts add up to the score, on both matching paths") {
    Fixture f(article("e1", "Copper prices climb", "Copper prices rose as copper demand grew.") +
              article("e2", "Metals", "Prices of copper were firm.") + article("e3", "Copper", "Copper fell."));
    Searcher s({f.db});
    for (bool recency : {false, true}) {
        SearchRequest r = request("copper prices");
        r.ranking.or_fallback = false;               // e3 lacks "prices"
        if (recency) r.recency_half_life_days = 30;  // one combined match, then recency
        SearchResult res = s.search(r);
        REQUIRE(res.hits.size() == 2);
        for (const auto& h : res.hits) {
            double sum = 0;
            for (const auto& p : h.explanation) sum += p.value;
            CHECK(sum == doctest::Approx(h.score).epsilon(1e-9));
            CHECK(h.explanation.front().kind == "bm25");
        }
    }
    SearchRequest plain = request("copper prices");
    plain.ranking.explain = false;
    CHECK(s.search(plain).hits[0].explanation.empty());
}
