#include "person_lookup.h"
#include "query_parser.h"

#include "common/schema/schema.h"

#include <doctest/doctest.h>

using newsdex::person_fallback;

namespace {

void add_person_articles(Xapian::WritableDatabase& db, const std::string& slug, int articles) {
    for (int i = 0; i < articles; ++i) {
        Xapian::Document d;
        d.add_boolean_term("XP" + slug);
        db.add_document(d);
    }
}

/// Two databases indexed apart, searched as one: each holds only its own
/// persons' display names, as DatabaseSet::metadata sees them.
struct TwoDatabases {
    Xapian::WritableDatabase a = Xapian::WritableDatabase(std::string(), Xapian::DB_BACKEND_INMEMORY);
    Xapian::WritableDatabase b = Xapian::WritableDatabase(std::string(), Xapian::DB_BACKEND_INMEMORY);
    Xapian::Database combined;
    newsdex::Analyzer analyzer;
    TwoDatabases() {
        add_person_articles(a, "ronald-reagan", 3);
        a.set_metadata("name:XPronald-reagan", "Ronald Reagan");
        add_person_articles(a, "james-baker", 2);
        a.set_metadata("name:XPjames-baker", "James Baker");
        add_person_articles(b, "nancy-reagan", 1);
        b.set_metadata("name:XPnancy-reagan", "Nancy Reagan");
        add_person_articles(b, "reaganomics-fan", 1);  // "reagan" inside, not the surname
        add_person_articles(b, "paul-volcker", 4);
        b.set_metadata("name:XPpaul-volcker", "Paul Volcker");
        add_person_articles(b, "howard-baker", 1);
        combined.add_database(a);
        combined.add_database(b);
    }
    std::string metadata(const std::string& key) const {
        for (const auto* db : {&a, &b}) {
            std::string v = db->get_metadata(key);
            if (!v.empty()) return v;
        }
        return "";
    }
    std::function<std::string(const std::string&)> lookup() {
        return [this](const std::string& key) { return metadata(key); };
    }
};

}  // namespace

TEST_CASE("a surname matches every person of that surname, over both databases") {
    TwoDatabases t;
    auto f = person_fallback(t.combined, "reagan", "reagan", "reagan", t.lookup());
    CHECK(f.terms == std::vector<std::string>{"XPronald-reagan", "XPnancy-reagan"});
    CHECK(f.notice == "person:reagan matched by surname: Ronald Reagan (3), Nancy Reagan (1)");
}

TEST_CASE("an alias from the surname to one person, or a lone surname term, does not hide the others") {
    TwoDatabases t;
    t.a.set_metadata("alias:XPreagan", "ronald-reagan");
    auto f = person_fallback(t.combined, "reagan", "ronald-reagan", "Reagan", t.lookup());
    CHECK(f.terms == std::vector<std::string>{"XPronald-reagan", "XPnancy-reagan"});
    add_person_articles(t.b, "reagan", 2);  // "Reagan" alone, not joined to a full name
    auto g = person_fallback(t.combined, "reagan", "reagan", "reagan", t.lookup());
    CHECK(g.terms == std::vector<std::string>{"XPronald-reagan", "XPreagan", "XPnancy-reagan"});
    CHECK(g.notice == "person:reagan matched by surname: Ronald Reagan (3), reagan (2), Nancy Reagan (1)");
}

TEST_CASE("a full name, or a single name no one bears as a surname, is left as it is") {
    TwoDatabases t;
    auto f = person_fallback(t.combined, "ronald-reagan", "ronald-reagan", "ronald reagan", t.lookup());
    CHECK(f.terms.empty());
    CHECK(f.notice.empty());
    add_person_articles(t.b, "madonna", 1);
    auto g = person_fallback(t.combined, "madonna", "madonna", "madonna", t.lookup());
    CHECK(g.terms.empty());
    CHECK(g.notice.empty());
}

TEST_CASE("a near miss of a surname shared by several persons suggests the surname") {
    TwoDatabases t;
    auto f = person_fallback(t.combined, "reagn", "reagn", "Reagn", t.lookup());
    CHECK(f.terms.empty());
    CHECK(f.notice == "no person matches 'Reagn'; did you mean person:reagan?");
    auto g = person_fallback(t.combined, "bakr", "bakr", "bakr", t.lookup());
    CHECK(g.notice == "no person matches 'bakr'; did you mean person:baker?");
}

TEST_CASE("a near miss of one person suggests the full name, quoted for the query") {
    TwoDatabases t;
    auto f = person_fallback(t.combined, "volker", "volker", "volker", t.lookup());
    CHECK(f.terms.empty());
    CHECK(f.notice == "no person matches 'volker'; did you mean person:\"Paul Volcker\"?");
    auto g = person_fallback(t.combined, "paul-volker", "paul-volker", "paul volker", t.lookup());
    CHECK(g.notice == "no person matches 'paul volker'; did you mean person:\"Paul Volcker\"?");
}

TEST_CASE("nothing near: the plain notice") {
    TwoDatabases t;
    auto f = person_fallback(t.combined, "zzyzx", "zzyzx", "zzyzx", t.lookup());
    CHECK(f.terms.empty());
    CHECK(f.notice == "no person matches 'zzyzx'");
}

TEST_CASE("the query parser matches by surname only when no full name or alias does") {
    TwoDatabases t;
    newsdex::QueryParser parser(t.combined, t.analyzer, {"en"}, t.lookup());
    auto surname = parser.parse("person:reagan");
    REQUIRE(surname.notices.size() == 1);
    CHECK(surname.notices[0].find("matched by surname") != std::string::npos);
    Xapian::Enquire enquire(t.combined);
    enquire.set_query(surname.query);
    CHECK(enquire.get_mset(0, 10).get_matches_estimated() == 4);
    auto full = parser.parse("person:\"ronald reagan\"");
    CHECK(full.notices.empty());
    enquire.set_query(full.query);
    CHECK(enquire.get_mset(0, 10).size() == 3);
}
