// A query word that is a known person's surname names that person for the
// re-ranking step (searcher/src/surnames.h, docs/ranking.md "Surnames"):
// the person's articles rank above those that only repeat the word, a
// title word before the name does not block it but a first name that is
// not the person's does, an ambiguous surname or a common word names no
// one, and the same person terms give the same person over one database,
// shards and several.
#include "newsdex/newsdex.h"

#include "common/schema/schema.h"
#include "surnames.h"
#include "test_support.h"

#include <doctest/doctest.h>
#include <filesystem>
#include <map>
#include <set>
#include <nlohmann/json.hpp>
#include <xapian.h>

using namespace newsdex;

namespace {

std::string article(const std::string& id, const std::string& title, const std::string& body) {
    return nlohmann::json{{"id", id}, {"title", title}, {"body", body}, {"date", "2020-01-01"}}.dump() + "\n";
}

std::string index(const test::TempDir& dir, const std::string& name, const std::string& jsonl, unsigned shards) {
    IndexOptions o;
    o.db_path = dir.sub(name);
    o.extract_entities = true;  // as newsdex-index does
    o.shards = shards;
    index_paths({dir.file(name + ".jsonl", jsonl)}, o);
    return o.db_path;
}

SearchRequest request(const std::string& q) {
    SearchRequest r;
    r.query = q;
    r.collapse_duplicates = false;
    r.ranking.explain = true;
    r.ranking.or_fallback = false;
    return r;
}

std::vector<std::string> ids(const SearchResult& r) {
    std::vector<std::string> out;
    for (const auto& h : r.hits) out.push_back(h.id);
    return out;
}

/// The detail of `h`'s entity part, or "" when it has none.
std::string entity_part(const Hit& h) {
    for (const auto& p : h.explanation)
        if (p.kind == "entity") return p.detail;
    return {};
}

// James Baker named in a1 (and t2); the word "baker" repeated in a2; the
// words "secretary" and "baker" in a3 but no person.
const std::string kBaker =
    article("a1", "Dollar steady",
            "Treasury Secretary James Baker said on Monday the dollar was stable against the yen. "
            "Baker told reporters in Washington that talks with Japan would go on.") +
    article("a2", "Guild meets",
            "A baker said the baker guild, founded by a baker, would back every baker and each baker's "
            "apprentice. The baker fair is held near the market, baker stalls and all.") +
    article("a3", "Guild elects", "The guild's secretary, a baker by trade, was elected on Friday.") +
    article("a4", "Yen talks", "James Baker met Japan's finance minister in Tokyo. Baker said talks went well.");

}  // namespace

TEST_CASE("a surname alone: an article naming the person ranks above one that only repeats the word") {
    test::TempDir dir;
    Searcher s({index(dir, "db", kBaker, 2)});
    SearchRequest r = request("baker");
    r.ranking.headline = false;
    r.ranking.surnames = false;
    SearchResult off = s.search(r);
    REQUIRE(off.hits.size() == 4);
    CHECK(off.hits[0].id == "a2");  // BM25 alone: the repeated word wins
    for (const auto& h : off.hits) CHECK(entity_part(h).empty());
    r.ranking.surnames = true;
    SearchResult on = s.search(r);
    REQUIRE(on.hits.size() == 4);
    // Both articles naming James Baker first, then the word's.
    CHECK(((on.hits[0].id == "a1" && on.hits[1].id == "a4") || (on.hits[0].id == "a4" && on.hits[1].id == "a1")));
    CHECK(entity_part(on.hits[0]) == "James Baker, by surname baker");
    CHECK(entity_part(on.hits[1]) == "James Baker, by surname baker");
    CHECK(entity_part(on.hits[2]).empty());
    // Only with entity matching.
    r.ranking.entities = false;
    for (const auto& h : s.search(r).hits) CHECK(entity_part(h).empty());
}

TEST_CASE("a title word before the surname does not block it: the person's articles without it match too") {
    test::TempDir dir;
    Searcher s({index(dir, "db", kBaker, 2)});
    SearchRequest r = request("secretary baker");
    r.ranking.surnames = false;
    CHECK(ids(s.search(r)) == std::vector<std::string>{"a1", "a3"});  // every word (no OR fallback)
    r.ranking.surnames = true;
    SearchResult on = s.search(r);
    REQUIRE(ids(on) == std::vector<std::string>{"a1", "a3", "a4"});  // a4 names James Baker, without "secretary"
    CHECK(entity_part(on.hits[0]) == "James Baker, by surname baker");
    CHECK(entity_part(on.hits[1]).empty());
    CHECK(entity_part(on.hits[2]) == "James Baker, by surname baker");
}

TEST_CASE("an ambiguous surname or a word that is mostly a word names no one") {
    test::TempDir dir;
    const std::string db = index(
        dir, "db",
        article("p1", "Volcker speaks", "Fed chairman Paul Volcker said rates would hold. Volcker spoke in Dallas.") +
            article("p2", "Steel", "Liberal leader David Steel said the alliance would win. Steel spoke in Leeds.") +
            article("p3", "Senate", "Senator Howard Baker said the bill would pass.") +
            article("p4", "Treasury", "Treasury Secretary James Baker said the dollar was stable.") +
            article("s1", "Steel output", "Steel output rose. Steel mills said steel prices held.") +
            article("s2", "Steel imports", "Steel imports fell in March, steel makers said.") +
            article("s3", "Steel strike", "Steel workers went on strike at two steel plants."),
        1);
    Xapian::Database x(db + "/shard-000");
    const SurnameIndex index(x);
    CHECK(index.person({"volcker", 1}) == "paul-volcker");
    CHECK(index.person({"paul-volcker", 1}) == "paul-volcker");  // a slug of two words by itself
    CHECK(index.person({"steel", 1}) == "david-steel");
    CHECK(index.person({"steel", 4}).empty());  // in 1 of the 4 articles holding the word: a word
    CHECK(index.person({"baker", 2}).empty());  // two Bakers, one article each
    CHECK(index.person({"greenspan", 1}).empty());
    // Through the searcher: "steel" names no one, "volcker" names Paul Volcker.
    Searcher s({db});
    for (const auto& h : s.search(request("steel")).hits) CHECK(entity_part(h).empty());
    SearchResult v = s.search(request("volcker"));
    REQUIRE(v.hits.size() == 1);
    CHECK(entity_part(v.hits[0]) == "Paul Volcker, by surname volcker");
}

TEST_CASE("a surname names the same person over one database, shards and several databases") {
    test::TempDir dir;
    // The lone "Baker" of a5 and a second James Baker article in the other database.
    const std::string more =
        article("a5", "Talks", "Baker said the talks would go on.") +
        article("a6", "Dollar", "U.S. Treasury Secretary James Baker said the dollar was stable. Baker added more.");
    const std::string jsonl = kBaker + more;
    const std::string one = index(dir, "one", jsonl, 1);
    const std::string sharded = index(dir, "sharded", jsonl, 3);
    const std::vector<std::string> several = {index(dir, "a", kBaker, 1), index(dir, "b", more, 1)};
    SearchRequest r = request("baker");
    SearchResult base = Searcher({one}).search(r);
    REQUIRE(base.hits.size() == 6);
    REQUIRE(entity_part(base.hits[0]) == "James Baker, by surname baker");
    for (const auto& dbs : {std::vector<std::string>{sharded}, several}) {
        SearchResult other = Searcher(dbs).search(r);
        REQUIRE(ids(other) == ids(base));
        for (std::size_t i = 0; i < base.hits.size(); ++i) {
            CHECK(other.hits[i].score == doctest::Approx(base.hits[i].score).epsilon(1e-12));
            CHECK(entity_part(other.hits[i]) == entity_part(base.hits[i]));
        }
    }
}

TEST_CASE("the surname index counts a lone surname as a bearer") {
    test::TempDir dir;
    Xapian::WritableDatabase w(dir.sub("x"), Xapian::DB_CREATE_OR_OPEN);
    auto add = [&](const std::vector<std::string>& terms) {
        Xapian::Document d;
        for (const auto& t : terms) d.add_term(t);
        d.add_term("body");
        w.add_document(d);
        w.commit();
    };
    for (int i = 0; i < 4; ++i) add({"XPpaul-volcker"});
    CHECK(SurnameIndex(w).person({"volcker", 4}) == "paul-volcker");
    add({"XPvolcker"});  // a lone "Volcker": 4 of 5 articles, at the share
    CHECK(SurnameIndex(w).person({"volcker", 5}) == "paul-volcker");
    add({"XPvolcker"});  // 4 of 6: below it
    CHECK(SurnameIndex(w).person({"volcker", 6}).empty());
}

namespace {

// Paul Volcker (v1, v2), Alan Greenspan (g1), Willy De Clercq (d1: no lone
// "De Clercq", which the extractor would make an alias, named by a run) and
// John Smith (j1), whose first name is not Paul Volcker's.
const std::string kPersons =
    article("v1", "Volcker speaks", "Fed chairman Paul Volcker said rates would hold. Volcker spoke in Dallas.") +
    article("v2", "Dollar", "Paul Volcker said the dollar was stable. Volcker spoke in New York.") +
    article("g1", "Rates", "The economist Alan Greenspan said rates would rise. Greenspan spoke in Boston.") +
    article("d1", "Brussels",
            "Belgian finance minister Willy De Clercq said the budget would pass. He spoke in Brussels.") +
    article("j1", "Sales", "The company's president, John Smith, said sales rose. Smith spoke in Chicago.") +
    // A person given by the source whose id starts with an honorific (ms-dos).
    nlohmann::json{{"id", "m1"}, {"title", "Software"}, {"body", "The program ran on a personal computer."},
                   {"date", "2020-01-01"}, {"persons", {"Ms Dos"}}}.dump() + "\n";

/// The entity parts of every hit of `q` (none without explain), by id.
std::map<std::string, std::string> entities_of(Searcher& s, const std::string& q) {
    std::map<std::string, std::string> out;
    for (const auto& h : s.search(request(q)).hits) out[h.id] = entity_part(h);
    return out;
}

}  // namespace

TEST_CASE("a first name that is not the person's blocks the surname, a title word does not") {
    test::TempDir dir;
    Searcher s({index(dir, "db", kPersons, 2)});
    // "john" is John Smith's first name, not Paul Volcker's: no article
    // holds both words and none names a "John Volcker".
    CHECK(entities_of(s, "john volcker").empty());
    // Titles are no one's first name; the person's own first name is a run.
    using M = std::map<std::string, std::string>;
    CHECK(entities_of(s, "fed chairman volcker") ==
          M{{"v1", "Paul Volcker, by surname volcker"}, {"v2", "Paul Volcker, by surname volcker"}});
    CHECK(entities_of(s, "volcker") ==
          M{{"v1", "Paul Volcker, by surname volcker"}, {"v2", "Paul Volcker, by surname volcker"}});
    CHECK(entities_of(s, "paul volcker") == M{{"v1", "Paul Volcker"}, {"v2", "Paul Volcker"}});
    // An honorific is no one's first name, though a person id starts with it.
    REQUIRE(is_first_name(Xapian::Database(dir.sub("db")), "john"));
    CHECK(entities_of(s, "ms volcker") ==
          M{{"v1", "Paul Volcker, by surname volcker"}, {"v2", "Paul Volcker, by surname volcker"}});
}

TEST_CASE("two-word surnames, two surnames in one query, a surname whose person a run named") {
    test::TempDir dir;
    Searcher s({index(dir, "db", kPersons, 2)});
    using M = std::map<std::string, std::string>;
    // The key of the last two slug words ("de-clercq"), with a title or the
    // person's own first name before it (the run "willy de clercq" names him).
    CHECK(entities_of(s, "de clercq") == M{{"d1", "Willy De Clercq, by surname de clercq"}});
    CHECK(entities_of(s, "minister de clercq") == M{{"d1", "Willy De Clercq, by surname de clercq"}});
    CHECK(entities_of(s, "willy de clercq") == M{{"d1", "Willy De Clercq"}});
    // Both named: each article names one of them and holds one of the words.
    CHECK(entities_of(s, "volcker greenspan") == M{{"v1", "Paul Volcker, by surname volcker"},
                                                   {"v2", "Paul Volcker, by surname volcker"},
                                                   {"g1", "Alan Greenspan, by surname greenspan"}});
    // The run named Paul Volcker: the surname after it adds no second entity.
    SearchRequest r = request("paul volcker volcker");
    SearchResult res = s.search(r);
    REQUIRE(ids(res).size() == 2);
    for (const auto& h : res.hits) {
        std::size_t parts = 0;
        for (const auto& p : h.explanation) parts += p.kind == "entity";
        CHECK(parts == 1);
        CHECK(entity_part(h) == "Paul Volcker");
    }
}

TEST_CASE("the OR fallback puts the articles the query matched first, those naming the person included") {
    // "treasury secretary baker": a1 holds the three words, a4 names James
    // Baker (by surname) with neither title word: two matches of the query,
    // under a page, so the fallback adds a3 (two of the words, no person)
    // and a2 (the word "baker" repeated).  a4 matched the query and comes
    // before them, though it holds fewer words.
    test::TempDir dir;
    Searcher s({index(dir, "db", kBaker, 2)});
    SearchRequest r = request("treasury secretary baker");
    r.ranking.or_fallback = true;
    SearchResult res = s.search(r);
    CHECK(res.fallback == "or");
    REQUIRE(ids(res) == std::vector<std::string>{"a1", "a4", "a3", "a2"});
    CHECK(res.notices.back().find("only 2 articles match the query") != std::string::npos);
    r.ranking.surnames = false;  // a4 is then no match of the query: the most words first
    SearchResult words = s.search(r);
    REQUIRE(words.hits.size() == 4);
    CHECK(std::vector<std::string>{words.hits[0].id, words.hits[1].id} == std::vector<std::string>{"a1", "a3"});
}

namespace {

/// Whether every document of every shard of `db` holds the XW terms of its
/// XP terms and no others (schema.h: they come and go together, also when
/// the resolution pass links a lone surname to its person).
bool surname_terms_follow_person_terms(const std::string& db) {
    bool ok = true;
    for (const auto& entry : std::filesystem::directory_iterator(db)) {
        const std::string name = entry.path().filename().string();
        if (name.rfind("shard-", 0) != 0 || !entry.is_directory()) continue;
        Xapian::Database shard(entry.path().string());
        for (auto d = shard.postlist_begin(""); d != shard.postlist_end(""); ++d) {
            std::set<std::string> expected, actual;
            for (auto t = shard.termlist_begin(*d); t != shard.termlist_end(*d); ++t) {
                const std::string term = *t;
                if (term.rfind("XP", 0) == 0)
                    for (const auto& w : schema::person_surname_terms(term.substr(2))) expected.insert(w);
                if (term.rfind("XW", 0) == 0) actual.insert(term);
            }
            ok = ok && expected == actual;
        }
    }
    return ok;
}

}  // namespace

TEST_CASE("surname keys and terms of a person slug") {
    CHECK(schema::surname_keys("paul-volcker") == std::vector<std::string>{"volcker", "paul-volcker"});
    CHECK(schema::surname_keys("willy-de-clercq") == std::vector<std::string>{"clercq", "de-clercq"});
    CHECK(schema::surname_keys("subroto") == std::vector<std::string>{"subroto"});
    CHECK(schema::surname_keys("").empty());
    CHECK(schema::person_surname_terms("willy-de-clercq") ==
          std::vector<std::string>{"XWclercq:willy-de-", "XWde-clercq:willy-"});
    CHECK(schema::person_surname_terms("subroto") == std::vector<std::string>{"XWsubroto:"});
    CHECK(schema::person_surname_terms(std::string(250, 'a')).empty());  // longer than a term may be
}

TEST_CASE("the surname index by XW terms answers as the scan of the person terms does") {
    test::TempDir dir;
    // The lone "Baker" of a5 is linked to James Baker by the resolution pass.
    const std::string jsonl =
        kBaker + article("a5", "Talks", "Baker said the talks would go on.") +
        article("p1", "Volcker speaks", "Fed chairman Paul Volcker said rates would hold. Volcker spoke in Dallas.") +
        article("p3", "Senate", "Senator Howard Baker said the bill would pass.") +
        article("p5", "Brussels",
                "Belgian finance minister Willy De Clercq said the budget would pass. "
                "De Clercq spoke in Brussels.");
    const std::string db = index(dir, "db", jsonl, 2);
    CHECK(surname_terms_follow_person_terms(db));
    std::vector<Xapian::Database> shards;
    Xapian::Database combined;
    for (const char* name : {"/shard-000", "/shard-001"}) {
        shards.emplace_back(db + name);
        combined.add_database(shards.back());
    }
    REQUIRE(SurnameIndex::has_surname_terms(shards));
    const SurnameIndex scanned(combined, false), by_terms(combined, true);
    for (const std::string key : {"baker", "james-baker", "howard-baker", "volcker", "paul-volcker", "clercq",
                                  "de-clercq", "greenspan", "said"})
        for (Xapian::doccount articles : {1u, 3u, 10u}) {
            CAPTURE(key);
            CAPTURE(articles);
            CHECK(scanned.person({key, articles}) == by_terms.person({key, articles}));
            CHECK(scanned.person({key, articles}, 0.5, 0.1) == by_terms.person({key, articles}, 0.5, 0.1));
        }
    CHECK(by_terms.person({"volcker", 1}) == "paul-volcker");
    CHECK(by_terms.person({"de-clercq", 1}) == "willy-de-clercq");
    CHECK_FALSE(SurnameIndex::has_surname_terms({}));
}

TEST_CASE("equal bearers by XW terms: the first slug wins, as in the scan") {
    test::TempDir dir;
    Xapian::WritableDatabase w(dir.sub("x"), Xapian::DB_CREATE_OR_OPEN);
    auto add = [&](const std::string& person) {
        Xapian::Document d;
        d.add_term("XP" + person);
        for (const auto& t : schema::person_surname_terms(person)) d.add_term(t);
        w.add_document(d);
    };
    // "john-paul-smith" sorts before "john-smith", though "john-" after "john-paul-".
    for (const char* p : {"john-smith", "john-paul-smith", "john-smith", "john-paul-smith"}) add(p);
    w.commit();
    const SurnameIndex scanned(w, false), by_terms(w, true);
    CHECK(scanned.person({"smith", 1}, 0.4, 0) == "john-paul-smith");
    CHECK(by_terms.person({"smith", 1}, 0.4, 0) == "john-paul-smith");
    CHECK(by_terms.person({"smith", 1}).empty());  // two bearers, half each
}

TEST_CASE("a database without the XW terms is scanned, with the same results") {
    test::TempDir dir;
    const std::string jsonl = kBaker + article("a5", "Talks", "Baker said the talks would go on.");
    const std::string with = index(dir, "with", jsonl, 2);
    const std::string without = index(dir, "without", jsonl, 2);
    // As a database begun before schema 4 (the indexer then adds to it without the marker).
    for (const char* name : {"/shard-000", "/shard-001"}) {
        Xapian::WritableDatabase shard(without + name);
        shard.set_metadata(schema::kSurnameTermsKey, "");
        shard.commit();
        CHECK(Xapian::Database(with + name).get_metadata(schema::kSurnameTermsKey) == "1");
    }
    CHECK_FALSE(SurnameIndex::has_surname_terms({Xapian::Database(without + "/shard-000")}));
    for (const std::string q : {"baker", "secretary baker", "james baker"}) {
        CAPTURE(q);
        SearchResult a = Searcher({with}).search(request(q)), b = Searcher({without}).search(request(q));
        REQUIRE(ids(a) == ids(b));
        for (std::size_t i = 0; i < a.hits.size(); ++i) {
            CHECK(a.hits[i].score == doctest::Approx(b.hits[i].score).epsilon(1e-12));
            CHECK(entity_part(a.hits[i]) == entity_part(b.hits[i]));
        }
        // A mix, one database with the terms and one without, is scanned: as two with them.
        SearchResult mixed = Searcher({with, without}).search(request(q));
        SearchResult both = Searcher({with, with}).search(request(q));
        REQUIRE(ids(mixed) == ids(both));
        for (std::size_t i = 0; i < both.hits.size(); ++i)
            CHECK(entity_part(mixed.hits[i]) == entity_part(both.hits[i]));
    }
}
