// searcher/src/date_facet: day counts into zero-filled year, month or day buckets.
#include "date_facet.h"

#include <doctest/doctest.h>

#include <map>
#include <string>
#include <utility>
#include <vector>

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
    CHECK(make_date_facet(std::map<std::uint32_t, std::uint64_t>{}, DateGranularity::Auto).values.empty());
    Facet m = make_date_facet({{19871231, 1}, {19880101, 1}}, DateGranularity::Month);
    CHECK(m.values.size() == 2);
}

TEST_CASE("date facet: the automatic granularity's boundaries") {
    // Months between the first and the last day: up to 3 -> days, up to 36 -> months.
    CHECK(make_date_facet({{20150101, 1}, {20150430, 1}}, DateGranularity::Auto).granularity == DateGranularity::Day);
    CHECK(make_date_facet({{20150101, 1}, {20150501, 1}}, DateGranularity::Auto).granularity == DateGranularity::Month);
    CHECK(make_date_facet({{20150101, 1}, {20180131, 1}}, DateGranularity::Auto).granularity == DateGranularity::Month);
    CHECK(make_date_facet({{20150101, 1}, {20180201, 1}}, DateGranularity::Auto).granularity == DateGranularity::Year);
    CHECK(make_date_facet({{20150101, 1}}, DateGranularity::Auto).granularity == DateGranularity::Day);
}

TEST_CASE("date facet: counts land in their buckets; distinct counts the non-empty ones") {
    Facet f = make_date_facet({{20141230, 1}, {20141231, 2}, {20150102, 4}}, DateGranularity::Day);
    REQUIRE(f.values.size() == 4);
    CHECK(f.values[0].id == "2014-12-30");
    CHECK(f.values[1].count == 2);
    CHECK(f.values[2].id == "2015-01-01");
    CHECK(f.values[2].count == 0);
    CHECK(f.values[3].count == 4);
    CHECK(f.values[3].name == f.values[3].id);
    CHECK(f.distinct == 3);
    CHECK(f.field == FacetField::Date);

    Facet months =
        make_date_facet({{20141130, 1}, {20141201, 2}, {20141215, 3}, {20150201, 1}}, DateGranularity::Month);
    REQUIRE(months.values.size() == 4);  // 2014-11, 2014-12, 2015-01, 2015-02
    CHECK(months.values[1].id == "2014-12");
    CHECK(months.values[1].count == 5);
    CHECK(months.values[2].count == 0);
    CHECK(months.distinct == 3);
}

TEST_CASE("date facet: a day that is not a calendar date still counts, in its own bucket") {
    // 2015-02-30 is not on the calendar walk from 02-27 to 03-02: its count is kept, in order.
    Facet f = make_date_facet({{20150227, 1}, {20150230, 2}, {20150302, 1}}, DateGranularity::Day);
    std::uint64_t total = 0;
    for (const auto& v : f.values) total += v.count;
    CHECK(total == 4);
    std::vector<std::string> ids;
    for (const auto& v : f.values) ids.push_back(v.id);
    CHECK(ids == std::vector<std::string>{"2015-02-27", "2015-02-28", "2015-02-30", "2015-03-01", "2015-03-02"});
}

TEST_CASE("date facet: a sorted list of day counts gives what the map gives, ids written digit by digit") {
    const std::map<std::uint32_t, std::uint64_t> map = {{19870301, 2}, {19870302, 5}, {20091231, 1}, {20100101, 7}};
    const std::vector<std::pair<std::uint32_t, std::uint64_t>> list(map.begin(), map.end());
    for (DateGranularity g :
         {DateGranularity::Auto, DateGranularity::Year, DateGranularity::Month, DateGranularity::Day}) {
        CAPTURE(static_cast<int>(g));
        const Facet from_map = make_date_facet(map, g), from_list = make_date_facet(list, g);
        REQUIRE(from_map.values.size() == from_list.values.size());
        for (std::size_t i = 0; i < from_map.values.size(); ++i) {
            CHECK(from_map.values[i].id == from_list.values[i].id);
            CHECK(from_map.values[i].count == from_list.values[i].count);
        }
        CHECK(from_map.distinct == from_list.distinct);
    }
    const Facet days = make_date_facet(list, DateGranularity::Day);
    CHECK(days.values.front().id == "1987-03-01");
    CHECK(days.values.front().name == "1987-03-01");
    CHECK(days.values.back().id == "2010-01-01");
    CHECK(make_date_facet(list, DateGranularity::Month).values[1].id == "1987-04");
    CHECK(make_date_facet(list, DateGranularity::Year).values.back().id == "2010");
}
