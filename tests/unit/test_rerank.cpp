// The re-ranking step (searcher/src/rerank.h, docs/ranking.md): each bonus
// on a small fixture where plain BM25 orders the other way, the OR
// fallback, and --explain's parts adding up to the score.
#include "newsdex/newsdex.h"

#include "acronyms.h"
#include "rerank.h"
#include "test_support.h"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
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
    r.ranking.or_fallback = false;  // under a page of matches: the fallback would add b2 and b3 by their words
    SearchResult on = s.search(r);
    CHECK(on.fallback.empty());
    REQUIRE(on.hits.size() == 3);
    CHECK(on.hits[2].id == "b2");  // it lacks "jack" but names him
    for (const auto& h : on.hits) CHECK(has_part(h, "entity"));
    r.ranking.entities = false;
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
              article("o3", "Lead", "Lead was flat.") + article("o4", "Tin again", "Tin prices were steady.") +
              article("o5", "Tin mines", "Tin, tin and more tin: tin output rose."));
    Searcher s({f.db});
    SearchRequest r = request("zinc tin lead");
    SearchResult res = s.search(r);
    CHECK(res.fallback == "or");
    CHECK(res.notices.back().find("no article matches every word") != std::string::npos);
    REQUIRE(ids(res).size() == 5);
    CHECK(res.hits[0].id == "o2");  // two of the three words
    CHECK(has_part(res.hits[0], "matched-words"));
    CHECK(to_json(res).find("\"fallback\":\"or\"") != std::string::npos);
    r.ranking.or_fallback = false;
    SearchResult strict = s.search(r);
    CHECK(strict.hits.empty());
    CHECK(strict.fallback.empty());
    CHECK(to_json(strict).find("fallback") == std::string::npos);
    // Fewer than a page (or_fallback_below, 10) of articles with every word:
    // they come first, and the page is filled with those holding some.
    SearchResult filled = s.search(request("tin prices"));
    CHECK(filled.fallback == "or");
    CHECK(filled.notices.back().find("only 3 articles match the query") != std::string::npos);
    REQUIRE(ids(filled).size() == 4);  // o3 holds neither word
    std::vector<std::string> exact(filled.hits.size() - 1);
    std::transform(filled.hits.begin(), filled.hits.end() - 1, exact.begin(), [](const Hit& h) { return h.id; });
    std::sort(exact.begin(), exact.end());
    CHECK(exact == std::vector<std::string>{"o1", "o2", "o4"});  // every word first
    CHECK(filled.hits[3].id == "o5");                            // then "tin" alone, said four times
    // Enough matches of every word: no fallback.
    SearchRequest enough = request("tin prices");
    enough.ranking.or_fallback_below = 3;
    CHECK(s.search(enough).fallback.empty());
}

TEST_CASE("the OR fallback: the articles holding every word come first even when past the window") {
    // One article holds "tea" and "auction" once each; sixty say "tea" ten
    // times (BM25: a rarer word repeated outweighs two words said once), a
    // hundred say "auction" once, and filler makes the words rare.  The OR
    // match ranks the one exact match past its best 50; it still comes first.
    std::string jsonl = article("x1", "Market day", "The tea auction opened on Monday in the port.");
    std::string tea;
    for (int i = 0; i < 10; ++i) tea += "Tea was sold, and tea was bought. ";
    for (int i = 0; i < 60; ++i) jsonl += article("t1-" + std::to_string(i), "Leaves " + std::to_string(i), tea);
    for (int i = 0; i < 100; ++i)
        jsonl += article("a1-" + std::to_string(i), "Sale " + std::to_string(i), "The auction ended on Friday.");
    for (int i = 0; i < 140; ++i)
        jsonl += article("f1-" + std::to_string(i), "Weather " + std::to_string(i), "Rain fell on the hills.");
    Fixture f(jsonl);
    Searcher s({f.db});
    SearchRequest r = request("tea auction");
    r.limit = 70;
    SearchResult all = s.search(r);
    CHECK(all.fallback == "or");
    REQUIRE(all.hits.size() == 70);
    CHECK(all.hits[0].id == "x1");
    // Pages agree with one long page.
    std::vector<std::string> paged;
    for (r.offset = 0; r.offset < 70; r.offset += 10) {
        r.limit = 10;
        for (const auto& h : s.search(r).hits) paged.push_back(h.id);
    }
    CHECK(paged == ids(all));
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

TEST_CASE("an article naming the person in its lead ranks above one naming them further down") {
    const std::string filler = " Markets were quiet and dealers said trade was thin ahead of the holiday weekend.";
    std::string others;
    for (int i = 0; i < 4; ++i) others += article("z" + std::to_string(i), "Tin", "Tin was flat." + filler);
    Fixture f(article("l1", "Dollar steady",
                      "Treasury Secretary James Baker said the dollar was stable against the yen." + filler + filler +
                          filler + " Baker spoke in Washington.") +
              article("l2", "Dollar steady",
                      "The dollar was stable against the yen on Monday." + filler + filler + filler +
                          " Treasury Secretary James Baker said so in Washington. Baker added that Baker's "
                          "talks would go on.") +
              others);
    Searcher s({f.db});
    SearchRequest r = request("james baker");
    r.ranking.lead = false;
    SearchResult off = s.search(r);
    REQUIRE(ids(off) == std::vector<std::string>{"l2", "l1"});  // BM25 and the other bonuses: l2 says Baker thrice
    for (const auto& h : off.hits) CHECK(has_part(h, "entity"));
    r.ranking.lead = true;
    SearchResult on = s.search(r);
    REQUIRE(ids(on) == std::vector<std::string>{"l1", "l2"});
    CHECK(has_part(on.hits[0], "lead"));
    CHECK_FALSE(has_part(on.hits[1], "lead"));
    // Only for a query naming an entity the article names: without entity matching, no lead bonus.
    r.ranking.entities = false;
    for (const auto& h : s.search(r).hits) CHECK_FALSE(has_part(h, "lead"));
}

namespace {

std::string dated(const std::string& id, const std::string& date, const std::string& title, const std::string& body) {
    return nlohmann::json{{"id", id}, {"title", title}, {"body", body}, {"date", date}}.dump() + "\n";
}

}  // namespace

TEST_CASE("with recency, a candidate past the re-ranking window keeps its bonuses") {
    // 60 reports say copper ten times: BM25 puts the one headlined "Copper"
    // last, past kRerankWindow, where without recency the matcher's order
    // stands.  Recency reorders all 61: h must compete with its bonus.
    std::string jsonl;
    for (int i = 0; i < 60; ++i)
        jsonl += dated("m" + std::to_string(i), "2020-01-05", "Metals report " + std::to_string(i),
                       "Copper rose, copper fell, copper firmed, copper eased, copper held, copper slid, copper "
                       "gained, copper dipped, copper rallied and copper closed.");
    for (int i = 0; i < 60; ++i)
        jsonl += dated("t" + std::to_string(i), "2020-01-05", "Tin report " + std::to_string(i), "Tin was flat.");
    jsonl += dated("h", "2020-01-05", "Copper", "Copper rose.");
    static_assert(kRerankWindow < 60, "the fixture must put h past the window");
    Fixture f(jsonl);
    Searcher s({f.db});
    SearchRequest r = request("copper");
    r.limit = 100;
    r.ranking.headline = false;
    CHECK(ids(s.search(r)).back() == "h");  // BM25 alone: last of 61
    r.ranking.headline = true;
    CHECK(ids(s.search(r)).back() == "h");  // past the window
    r.recency_half_life_days = 30;          // every article the same day: the scores decide
    SearchResult recent = s.search(r);
    REQUIRE(recent.hits.size() == 61);
    CHECK(recent.hits.front().id == "h");
    CHECK(has_part(recent.hits.front(), "headline"));
}

TEST_CASE("with recency, the OR fallback still puts the articles holding the most words first") {
    Fixture f(dated("o1", "2020-01-09", "Tin", "Tin prices fell.") +
              dated("o2", "2015-01-01", "Zinc", "Zinc and tin prices rose.") +
              dated("o3", "2020-01-08", "Lead", "Lead was flat.") +
              dated("o4", "2020-01-07", "Tin again", "Tin prices were steady."));
    Searcher s({f.db});
    SearchRequest r = request("zinc tin lead");
    r.recency_half_life_days = 30;
    SearchResult res = s.search(r);
    CHECK(res.fallback == "or");
    REQUIRE(res.hits.size() == 4);
    CHECK(res.hits[0].id == "o2");  // two of the three words, though five years older
    for (const auto& h : res.hits) CHECK(has_part(h, "recency"));
}

TEST_CASE("a query word that is only part of a company's name in an article ranks that article lower") {
    // Steel once in each; BM25 favours the shorter c1, where it is part of
    // Nippon Steel Corp's name; c2 is about steel.
    Fixture f(article("c1", "Dividend cut", "Nippon Steel Corp said it would cut its dividend for the year to March.") +
              article("c2", "Output report",
                      "Steel production in the region rose two pct in the week to March, the institute said, as "
                      "mills ran near full capacity."));
    Searcher s({f.db});
    SearchRequest r = request("steel");
    r.ranking.headline = false;
    r.ranking.company_names = false;
    CHECK(ids(s.search(r)) == std::vector<std::string>{"c1", "c2"});  // BM25 alone
    r.ranking.company_names = true;
    SearchResult on = s.search(r);
    REQUIRE(ids(on) == std::vector<std::string>{"c2", "c1"});
    CHECK(has_part(on.hits[1], "company-name"));
    CHECK_FALSE(has_part(on.hits[0], "company-name"));
    // A query naming an entity is about a name: no penalty.
    r.query = "nippon steel";
    for (const auto& h : s.search(r).hits) CHECK_FALSE(has_part(h, "company-name"));
}

TEST_CASE("a query word that is a company's whole name is not penalised in articles naming it") {
    Fixture f(article("d1", "Results", "Apple Inc said its quarterly profit rose on strong iPhone sales.") +
              article("d2", "Orchards", "Growers said the apple harvest was late this year."));
    Searcher s({f.db});
    SearchResult res = s.search(request("apple"));
    REQUIRE(res.hits.size() == 2);
    for (const auto& h : res.hits) {
        // The penalty is off anyway for a query that names an entity: this
        // case is only the whole-name exception if "apple" names none.
        CHECK_FALSE(has_part(h, "entity"));
        CHECK_FALSE(has_part(h, "company-name"));
    }
}

TEST_CASE("an article that is a table of figures ranks below prose") {
    // Cattle twice in each; BM25 favours the shorter table n1.
    Fixture f(article("n1", "Receipts", "Cattle receipts: 100 500 2,700 2,700 200 3,000 cattle 1.50 64.50-69.00") +
              article("n2", "Herd grows",
                      "Ranchers said the cattle herd grew as rain restored pasture; cattle feeders were glad."));
    Searcher s({f.db});
    SearchRequest r = request("cattle");
    r.ranking.headline = false;
    r.ranking.tables = false;
    CHECK(ids(s.search(r)) == std::vector<std::string>{"n1", "n2"});  // BM25 alone
    r.ranking.tables = true;
    SearchResult on = s.search(r);
    REQUIRE(ids(on) == std::vector<std::string>{"n2", "n1"});
    CHECK(has_part(on.hits[1], "table"));
    CHECK_FALSE(has_part(on.hits[0], "table"));
    // Only the page's candidates are read, again after each re-sort: a
    // page of one is the first of the whole order.
    r.limit = 1;
    CHECK(ids(s.search(r)) == std::vector<std::string>{"n2"});
}

namespace {

/// Articles about coffee (the feedback: arabica, harvest, Brazil), one that
/// shares their terms and names coffee once (x1), one that says coffee
/// twice in passing (x2), one with their terms but no coffee (x3), and
/// filler.
std::string coffee_articles() {
    std::string out;
    for (int i = 1; i <= 3; ++i)
        out += article("c" + std::to_string(i), "Coffee harvest " + std::to_string(i),
                       "The coffee harvest in Brazil brought arabica beans: coffee growers said the arabica "
                       "harvest and the coffee crop were large, and Brazil exported coffee." +
                           std::string(i == 1   ? ""
                                       : i == 2 ? " Beans."
                                                : " Beans, beans."));  // no ties
    out += article("x1", "Growers wait",
                   "The arabica harvest in Brazil was late, growers said, and coffee buyers waited.");
    out += article("x2", "Office", "Coffee machine broke; cold coffee again.");
    out += article("x3", "Brazil", "The arabica harvest in Brazil was late, growers said.");
    // Enough others that the feedback terms are in under 5% of the
    // articles (expansion leaves out more frequent ones).
    const char* filler[] = {"Steel output rose in Japan.",         "The bank cut its rates on Monday.",
                            "Oil prices fell in London trading.",  "The union called a strike at the port.",
                            "Wheat exports to Egypt were steady.", "The tin council met in London."};
    for (int i = 0; i < 120; ++i) out += article("f" + std::to_string(i + 1), "News", filler[i % 6]);
    return out;
}

}  // namespace

TEST_CASE("query expansion ranks an article with the feedback terms above a passing mention, adding no match") {
    Fixture f(coffee_articles());
    Searcher s({f.db});
    SearchRequest r = request("coffee");
    r.ranking.expansion_docs = 3;
    r.ranking.headline = false;  // c1-c3 lead either way; x1 and x2 have no coffee in the headline
    r.ranking.expansion = false;
    std::vector<std::string> off = ids(s.search(r));
    REQUIRE(off.size() == 5);
    CHECK(off[3] == "x2");  // BM25 alone: coffee twice in a short article wins
    CHECK(off[4] == "x1");
    r.ranking.expansion = true;
    SearchResult on = s.search(r);
    REQUIRE(ids(on).size() == 5);  // x3 (the terms, no coffee) is not matched
    CHECK(on.hits[3].id == "x1");
    CHECK(on.hits[4].id == "x2");
    CHECK(has_part(on.hits[3], "expansion"));
    CHECK_FALSE(has_part(on.hits[4], "expansion"));
    for (const auto& h : on.hits) {
        double sum = 0;
        for (const auto& p : h.explanation) sum += p.value;
        CHECK(sum == doctest::Approx(h.score).epsilon(1e-9));
        for (const auto& p : h.explanation) CHECK(p.kind != "other");  // the expansion is its own part
    }
    for (const auto& p : on.hits[3].explanation)
        if (p.kind == "expansion") CHECK(p.detail.find("arabica") != std::string::npos);
    CHECK(to_json(on).find("\"expansion\"") != std::string::npos);
}

TEST_CASE("query expansion gives the same hits and scores over one database, shards and several databases") {
    const std::string jsonl = coffee_articles();
    test::TempDir dir;
    auto index = [&](const std::string& name, const std::string& content, int shards) {
        IndexOptions o;
        o.db_path = dir.sub(name);
        o.extract_entities = true;
        o.shards = shards;
        index_paths({dir.file(name + ".jsonl", content)}, o);
        return o.db_path;
    };
    const std::string one = index("one", jsonl, 1);
    const std::string sharded = index("sharded", jsonl, 3);
    // The same articles split between two databases indexed apart.
    std::string first, second;
    std::size_t line = 0;
    for (std::size_t start = 0; start < jsonl.size(); ++line) {
        std::size_t end = jsonl.find('\n', start) + 1;
        (line % 2 ? second : first) += jsonl.substr(start, end - start);
        start = end;
    }
    const std::vector<std::string> several = {index("a", first, 1), index("b", second, 1)};
    SearchRequest r = request("coffee");
    r.ranking.expansion = true;
    r.ranking.expansion_docs = 3;
    SearchResult base = Searcher({one}).search(r);
    REQUIRE(has_part(base.hits[0], "expansion"));
    REQUIRE(base.hits.size() == 5);
    for (const auto& dbs : {std::vector<std::string>{sharded}, several}) {
        SearchResult other = Searcher(dbs).search(r);
        REQUIRE(ids(other) == ids(base));
        for (std::size_t i = 0; i < base.hits.size(); ++i) {
            CHECK(other.hits[i].score == doctest::Approx(base.hits[i].score).epsilon(1e-12));
            REQUIRE(other.hits[i].explanation.size() == base.hits[i].explanation.size());
            for (std::size_t p = 0; p < base.hits[i].explanation.size(); ++p)
                CHECK(other.hits[i].explanation[p].detail == base.hits[i].explanation[p].detail);
        }
    }
}

TEST_CASE("the acronym list: acronym, tab, long form; comments and malformed lines skipped") {
    auto list = parse_acronyms(
        "# comment\ngnp\tgross national product\nbad line\nx\tone\n\nimf\tinternational monetary fund\n");
    REQUIRE(list.size() == 2);  // "x" has a one-word long form: not an acronym
    CHECK(list[0].acronym == "gnp");
    CHECK(list[0].long_form == std::vector<std::string>{"gross", "national", "product"});
    CHECK(list[1].acronym == "imf");
    bool shipped = false;
    for (const auto& a : shipped_acronyms()) shipped |= a.acronym == "gnp";
    CHECK(shipped);
}

TEST_CASE("a query spelling out an acronym also matches the acronym, and the acronym the long form") {
    Fixture f(article("g1", "Japan GNP rises", "Japan's GNP rose two pct in the fourth quarter, officials said.") +
              article("g2", "Economy", "The gross national product of Japan rose in the quarter, officials said.") +
              article("g3", "Output", "National output of gross tonnage rose; the product sold well.") +
              article("g4", "Steel", "Steel output rose in the quarter."));
    Searcher s({f.db});
    SearchRequest r = request("gross national product");
    r.ranking.or_fallback = false;
    auto sorted = [](std::vector<std::string> v) {
        std::sort(v.begin(), v.end());
        return v;
    };
    // g3 holds the three words apart: it matches the AND, not the acronym.
    CHECK(sorted(ids(s.search(r))) == std::vector<std::string>{"g1", "g2", "g3"});
    SearchRequest acronym = request("gnp");
    acronym.ranking.or_fallback = false;
    CHECK(sorted(ids(s.search(acronym))) == std::vector<std::string>{"g1", "g2"});  // the phrase, not g3
    r.ranking.acronyms = false;
    acronym.ranking.acronyms = false;
    CHECK(sorted(ids(s.search(r))) == std::vector<std::string>{"g2", "g3"});
    CHECK(ids(s.search(acronym)) == std::vector<std::string>{"g1"});
    // The words out of order are no long form.
    SearchRequest shuffled = request("national gross product");
    shuffled.ranking.or_fallback = false;
    CHECK(sorted(ids(s.search(shuffled))) == std::vector<std::string>{"g2", "g3"});
}

TEST_CASE("the OR fallback keeps an article that matched only through an acronym") {
    // Two articles hold "gross national product" or GNP: under the fallback's
    // threshold (3), so the query relaxes to any word -- or its acronym.
    Fixture f(article("g1", "Japan GNP rises", "Japan's GNP rose two pct in the fourth quarter, officials said.") +
              article("g2", "Economy", "The gross national product of Japan rose in the quarter, officials said.") +
              article("g4", "Steel", "Steel output rose in the quarter."));
    Searcher s({f.db});
    SearchResult fallback = s.search(request("gross national product"));
    CHECK(fallback.fallback == "or");
    std::vector<std::string> found = ids(fallback);
    std::sort(found.begin(), found.end());
    CHECK(found == std::vector<std::string>{"g1", "g2"});
}

TEST_CASE("an acronym clause: one term per distinct stem, repeated words once") {
    const std::vector<Acronym> list = parse_acronyms("gnp\tgross national product\n");
    auto word = [](const std::string& w) { return RankingWord{w, {w}}; };
    auto one_language = [](const std::string& w) { return std::vector<std::string>{w}; };
    auto two_languages = [](const std::string& w) { return std::vector<std::string>{w, w}; };  // en + de alike
    const std::vector<RankingWord> spelled = {word("gross"), word("national"), word("product")};
    // A synonym of a term with itself would weigh it as a rarer, lighter term.
    CHECK(with_acronyms(spelled, list, two_languages, 1, 1).query.serialise() ==
          with_acronyms(spelled, list, one_language, 1, 1).query.serialise());
    // "gnp gnp" is "gnp", as the parser makes it.
    CHECK(with_acronyms({word("gnp"), word("gnp")}, list, one_language, 1, 1).query.serialise() ==
          with_acronyms({word("gnp")}, list, one_language, 1, 1).query.serialise());
}

TEST_CASE("query expansion: page by page is one long page, with or without re-ranking bonuses") {
    Fixture f(coffee_articles());
    Searcher s({f.db});
    for (bool bonuses : {true, false}) {
        SearchRequest r = request("coffee");
        r.ranking.expansion = true;
        r.ranking.expansion_docs = 3;
        r.ranking.headline = r.ranking.proximity = r.ranking.tables = r.ranking.company_names = bonuses;
        r.limit = 5;
        SearchResult whole = s.search(r);
        REQUIRE(whole.hits.size() == 5);
        r.limit = 1;
        for (std::size_t i = 0; i < whole.hits.size(); ++i) {
            r.offset = i;
            SearchResult page = s.search(r);
            REQUIRE(page.hits.size() == 1);
            CHECK(page.hits[0].id == whole.hits[i].id);
            CHECK(page.hits[0].score == doctest::Approx(whole.hits[i].score).epsilon(1e-12));
        }
    }
}

TEST_CASE("a negative or NaN ranking weight is the caller's error") {
    Fixture f(article("g1", "Japan GNP rises", "Japan's GNP rose two pct in the fourth quarter, officials said."));
    Searcher s({f.db});
    SearchRequest r = request("gnp");
    r.ranking.acronym_short_weight = -1;
    CHECK_THROWS_AS(s.search(r), UserError);
    r.ranking.acronym_short_weight = 1;
    r.ranking.expansion_weight = std::nan("");
    CHECK_THROWS_AS(s.search(r), UserError);
}
