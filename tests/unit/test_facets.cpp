#include "facets.h"

#include <doctest/doctest.h>

using namespace newsdex;

TEST_CASE("date facet: automatic granularity from the span, zero-filled") {
    Facet years = make_date_facet({{20140301, 2}, {20170102, 1}, {20190505, 4}}, DateGranularity::Auto);
    CHECK(years.granularity == DateGranularity::Year);
    REQUIRE(years.values.size() == 6);
    CHECK(years.values[0].id == "2014");
    CHECK(years.values[0].count == 2);
    CHECK(years.values[1].count == 0);
    CHECK(years.values[5].id == "2019");

    Facet months = make_date_facet({{20150110, 1}, {20150820, 3}}, DateGranularity::Auto);
    CHECK(months.granularity == DateGranularity::Month);
    CHECK(months.values.size() == 8);
    CHECK(months.values.back().id == "2015-08");

    Facet days = make_date_facet({{20160227, 1}, {20160302, 1}}, DateGranularity::Auto);
    CHECK(days.granularity == DateGranularity::Day);
    CHECK(days.values.size() == 5);  // 27, 28, 29 (leap year), 1, 2
    CHECK(days.values[2].id == "2016-02-29");
}

TEST_CASE("date facet: forced granularity and empty input") {
    Facet f = make_date_facet({{20150110, 1}, {20150112, 2}}, DateGranularity::Year);
    REQUIRE(f.values.size() == 1);
    CHECK(f.values[0].count == 3);
    CHECK(make_date_facet({}, DateGranularity::Auto).values.empty());
    Facet m = make_date_facet({{19871231, 1}, {19880101, 1}}, DateGranularity::Month);
    CHECK(m.values.size() == 2);
}
