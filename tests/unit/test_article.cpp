// Dates: parse_iso_date and the ArticleDate conversions.
#include "common/ingest/article.h"
#include "common/ingest/readers.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using newsdex::Article;
using newsdex::ArticleDate;
using newsdex::BadRecord;
using newsdex::parse_iso_date;
using newsdex::read_buffer;
using newsdex::ReaderOptions;
using newsdex::ReaderSink;
using newsdex::reason_kind;

TEST_CASE("parse_iso_date: date only") {
    auto d = parse_iso_date("2015-09-22");
    REQUIRE(d);
    CHECK(d->year == 2015);
    CHECK(d->month == 9);
    CHECK(d->day == 22);
    CHECK(d->hour == 0);
    CHECK_FALSE(d->utc_offset_minutes);
    CHECK(d->yyyymmdd() == "20150922");
    CHECK(d->iso8601() == "2015-09-22T00:00:00");
}

TEST_CASE("parse_iso_date: basic format 20150922") {
    auto d = parse_iso_date("20150922");
    REQUIRE(d);
    CHECK(d->yyyymmdd() == "20150922");
}

TEST_CASE("parse_iso_date: UTC") {
    auto d = parse_iso_date("2015-09-22T14:05:00Z");
    REQUIRE(d);
    CHECK(d->hour == 14);
    CHECK(d->minute == 5);
    REQUIRE(d->utc_offset_minutes);
    CHECK(*d->utc_offset_minutes == 0);
    CHECK(d->iso8601() == "2015-09-22T14:05:00Z");
    CHECK(d->utc_seconds() == 1442930700);
}

TEST_CASE("parse_iso_date: offsets") {
    auto d = parse_iso_date("2015-09-22T14:05:00+02:00");
    REQUIRE(d);
    CHECK(*d->utc_offset_minutes == 120);
    CHECK(d->iso8601() == "2015-09-22T14:05:00+02:00");
    CHECK(d->utc_seconds() == 1442930700 - 7200);

    auto e = parse_iso_date("2015-09-22T14:05:00.123-0500");
    REQUIRE(e);
    CHECK(e->second == 0);
    CHECK(*e->utc_offset_minutes == -300);
    CHECK(e->iso8601() == "2015-09-22T14:05:00-05:00");
    CHECK(e->utc_seconds() == 1442930700 + 5 * 3600);

    auto f = parse_iso_date("2015-09-22 14:05:00+02:00");
    REQUIRE(f);
    CHECK(*f->utc_offset_minutes == 120);
}

TEST_CASE("parse_iso_date: space separator, no seconds") {
    auto d = parse_iso_date("2015-09-22 14:05");
    REQUIRE(d);
    CHECK(d->hour == 14);
    CHECK(d->minute == 5);
    CHECK(d->second == 0);
    CHECK_FALSE(d->utc_offset_minutes);
}

TEST_CASE("parse_iso_date: local date differs from UTC date") {
    // 23:30 in New York on the 22nd is the 23rd in UTC; the article's date is the 22nd.
    auto d = parse_iso_date("2015-09-22T23:30:00-04:00");
    REQUIRE(d);
    CHECK(d->yyyymmdd() == "20150922");
    CHECK(d->local_day_number() == 16700);
    CHECK(d->utc_seconds() / 86400 == 16701);
}

TEST_CASE("parse_iso_date: rejects malformed and absurd dates") {
    for (const char* bad : {"",
                            "2015",
                            "2015-9-22",
                            "2015-09-22T",
                            "2015-09-22T14",
                            "2015-09-22T14:05:00X",
                            "2015-09-22 junk",
                            "0001-13-45",
                            "1799-12-31",
                            "2201-01-01",
                            "2015-13-01",
                            "2015-00-10",
                            "2015-02-30",
                            "2015-02-29",
                            "2015-04-31",
                            "2015-09-22T24:00",
                            "2015-09-22T12:60",
                            "2015-09-22T12:00:00+25:00",
                            "22/09/2015",
                            "yesterday"}) {
        CAPTURE(bad);
        CHECK_FALSE(parse_iso_date(bad));
    }
    CHECK(parse_iso_date("2016-02-29"));  // leap year
    CHECK(parse_iso_date("2000-02-29"));
    CHECK_FALSE(parse_iso_date("1900-02-29"));
    CHECK(parse_iso_date("1800-01-01"));
    CHECK(parse_iso_date("2200-12-31"));
}

TEST_CASE("parse_iso_date: UTC offsets run to +-14:00, minutes below 60") {
    for (const char* ok : {"2015-09-22T12:00:00+14:00", "2015-09-22T12:00:00-14:00", "2015-09-22T12:00+1400",
                           "2015-09-22T12:00:00+05:45", "2015-09-22T12:00:00-09:30", "2015-09-22T12:00:00+00"}) {
        CAPTURE(ok);
        CHECK(parse_iso_date(ok));
    }
    CHECK(*parse_iso_date("2015-09-22T12:00:00-14:00")->utc_offset_minutes == -840);
    struct Bad {
        const char* text;
        const char* why;
    };
    for (const Bad& b : {Bad{"2015-09-22T12:00:00+18:01", "UTC offset beyond \u00b114:00"},
                         Bad{"2015-09-22T12:00:00+14:01", "UTC offset beyond \u00b114:00"},
                         Bad{"2015-09-22T12:00:00-15:00", "UTC offset beyond \u00b114:00"},
                         Bad{"2015-09-22T12:00:00+1800", "UTC offset beyond \u00b114:00"},
                         Bad{"2015-09-22T12:00:00+05:60", "UTC offset minutes above 59"},
                         Bad{"2015-09-22T12:00:00-0099", "UTC offset minutes above 59"},
                         Bad{"2015-09-22T12:00:00+5", "not an ISO 8601 date"}, Bad{"2015-02-30", "day out of range"},
                         Bad{"2015-09-22T25:00", "time out of range"}}) {
        CAPTURE(b.text);
        std::string why;
        CHECK_FALSE(parse_iso_date(b.text, &why));
        CHECK(why == b.why);
    }
}

TEST_CASE("readers name the reason a date was refused") {
    std::vector<BadRecord> bad;
    ReaderSink s;
    s.article = [](Article&&) {};
    s.bad = [&](const BadRecord& b) { bad.push_back(b); };
    read_buffer(R"({"title":"t","date":"2015-09-22T12:00:00+18:01"})", "f.jsonl", ReaderOptions{}, s);
    read_buffer("Title: t\nDate: 2015-09-22T12:00:00-23:59\n\nbody", "f.txt", ReaderOptions{}, s);
    REQUIRE(bad.size() == 2);
    CHECK(bad[0].where == "f.jsonl:1");
    CHECK(bad[0].reason == "invalid date '2015-09-22T12:00:00+18:01' (UTC offset beyond \u00b114:00)");
    CHECK(bad[1].where == "f.txt:2");
    CHECK(bad[1].reason == "invalid date '2015-09-22T12:00:00-23:59' (UTC offset beyond \u00b114:00)");
    CHECK(reason_kind(bad[0].reason) == "invalid date");
}

namespace {
ArticleDate make(int y, int m, int d, int hh = 0, int mm = 0, int ss = 0) {
    ArticleDate a;
    a.year = y, a.month = m, a.day = d, a.hour = hh, a.minute = mm, a.second = ss;
    return a;
}
}  // namespace

TEST_CASE("ArticleDate: day numbers") {
    ArticleDate epoch = make(1970, 1, 1);
    CHECK(epoch.local_day_number() == 0);
    CHECK(epoch.utc_seconds() == 0);
    ArticleDate before = make(1969, 12, 31);
    CHECK(before.local_day_number() == -1);
    ArticleDate reuters = make(1987, 2, 26, 15, 1, 1);
    CHECK(reuters.local_day_number() == 6265);
    CHECK(reuters.utc_seconds() == 6265 * 86400LL + 15 * 3600 + 61);
    CHECK(make(1800, 1, 1).local_day_number() == -62091);
    CHECK(make(2200, 12, 31).yyyymmdd() == "22001231");
}
