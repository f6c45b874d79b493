// SearchRequest::field_filters and date_ranges: filtering without query text,
// whatever the value holds; SearchResult::facet.
#include "newsdex/newsdex.h"

#include "test_support.h"

#include <doctest/doctest.h>

using namespace newsdex;

namespace {

std::string corpus() {
    return R"({"id":"q\"1","title":"Toy sales","body":"Toy sales rose in the holiday quarter.","date":"2015-12-01","source":"The \"Quoted\" Times","companies":["Toys \"R\" Us"],"persons":["Jane Doe"]})"
           "\n"
           R"({"id":"q2","title":"More toy sales","body":"Toy sales fell in spring.","date":"2016-04-02","source":"Wire","companies":["Toys \"R\" Us","Mattel"],"persons":[]})"
           "\n"
           R"({"id":"q3","title":"Dolls","body":"Doll makers merged.","date":"2017-06-03","source":"Wire","companies":["Mattel"],"persons":["Jane Doe"]})"
           "\n";
}

struct Fixture {
    test::TempDir dir;
    std::string db;
    Fixture() : db(dir.sub("db")) { test::index_into(db, {dir.file("c.jsonl", corpus())}); }
};

std::vector<std::string> ids(const SearchResult& r) {
    std::vector<std::string> out;
    for (const auto& h : r.hits) out.push_back(h.id);
    std::sort(out.begin(), out.end());
    return out;
}

}  // namespace

TEST_CASE("field filters take values with quotes as they are") {
    Fixture f;
    Searcher s({f.db});
    SearchRequest r;
    r.field_filters = {{"company", "Toys \"R\" Us"}};
    CHECK(ids(s.search(r)) == std::vector<std::string>{"q\"1", "q2"});
    r.field_filters = {{"source", "The \"Quoted\" Times"}};
    CHECK(ids(s.search(r)) == std::vector<std::string>{"q\"1"});
    r.field_filters = {{"id", "q\"1"}};
    CHECK(ids(s.search(r)) == std::vector<std::string>{"q\"1"});
    // Beside a query and with each other: all must match.
    r.query = "toy";
    r.field_filters = {{"company", "Toys \"R\" Us"}, {"person", "jane doe"}};
    CHECK(ids(s.search(r)) == std::vector<std::string>{"q\"1"});
    // A value that names nothing: no match and a notice, as in query text.
    r.field_filters = {{"company", "No \"Such\" Co"}};
    auto none = s.search(r);
    CHECK(none.total == 0);
    CHECK(none.notices.size() == 1);
}

TEST_CASE("date ranges, open at either end") {
    Fixture f;
    Searcher s({f.db});
    SearchRequest r;
    r.date_ranges = {{"2015", "2016-04"}};
    CHECK(ids(s.search(r)) == std::vector<std::string>{"q\"1", "q2"});
    r.date_ranges = {{"2016-04-03", ""}};
    CHECK(ids(s.search(r)) == std::vector<std::string>{"q3"});
    r.date_ranges = {{"", "2015-12-01"}};
    CHECK(ids(s.search(r)) == std::vector<std::string>{"q\"1"});
    r.field_filters = {{"company", "mattel"}};
    r.date_ranges = {{"2017", "2017"}};
    CHECK(ids(s.search(r)) == std::vector<std::string>{"q3"});
}

TEST_CASE("bad structured filters are user errors naming the filter") {
    Fixture f;
    Searcher s({f.db});
    SearchRequest r;
    r.field_filters = {{"colour", "red"}};
    CHECK_THROWS_WITH_AS(s.search(r), doctest::Contains("field filter colour: unknown field"), UserError);
    r.field_filters = {{"company", "  "}};
    CHECK_THROWS_WITH_AS(s.search(r), doctest::Contains("empty value"), UserError);
    r.field_filters.clear();
    r.date_ranges = {{"2015\" OR x", ""}};
    CHECK_THROWS_WITH_AS(s.search(r), doctest::Contains("is not a date"), UserError);
    r.date_ranges = {{"", ""}};
    CHECK_THROWS_AS(s.search(r), UserError);
    r.date_ranges = {{"2015-13", ""}};
    CHECK_THROWS_AS(s.search(r), UserError);
}

TEST_CASE("SearchResult::facet finds a facet by field") {
    Fixture f;
    Searcher s({f.db});
    SearchRequest r;
    r.query = "toy";
    r.facets = {FacetField::Person, FacetField::Company};
    auto result = s.search(r);
    REQUIRE(result.facet(FacetField::Company) != nullptr);
    CHECK(result.facet(FacetField::Company)->field == FacetField::Company);
    CHECK(result.facet(FacetField::Company)->values.front().id == "toys-r-us");
    CHECK(result.facet(FacetField::Person) == &result.facets[0]);
    CHECK(result.facet(FacetField::Date) == nullptr);
}
