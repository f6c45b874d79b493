#include "query_parser.h"

#include "common/schema.h"
#include "newsdex/error.h"

#include <doctest/doctest.h>

using newsdex::Analyzer;
using newsdex::QueryParser;
using newsdex::UserError;

namespace {

struct Fixture {
    Xapian::WritableDatabase db = Xapian::InMemory::open();
    Analyzer analyzer;
    Fixture() {
        Xapian::Document d;
        d.add_posting("market", 1);
        d.add_posting("ralli", 2);
        d.add_boolean_term("XCibm");
        db.add_document(d);
        db.set_metadata("alias:XPjack-ma", "ma-yun");
        Xapian::Document d2;
        d2.add_boolean_term("XPma-yun");
        db.add_document(d2);
    }
    std::string parse(const std::string& q) {
        QueryParser p(db, analyzer, {"en"});
        return p.parse(q).query.get_description();
    }
};

}  // namespace

TEST_CASE("words, implicit AND, OR, NOT, +/-") {
    Fixture f;
    CHECK(f.parse("markets") == "Query(market)");
    CHECK(f.parse("markets rallied") == "Query((market AND ralli))");
    CHECK(f.parse("markets AND rallied") == "Query((market AND ralli))");
    CHECK(f.parse("markets OR rallied") == "Query((market OR ralli))");
    CHECK(f.parse("markets NOT rallied") == "Query((market AND_NOT ralli))");
    CHECK(f.parse("markets -rallied") == "Query((market AND_NOT ralli))");
    CHECK(f.parse("+markets") == "Query(market)");
    CHECK(f.parse("(a OR b) c").find("AND") != std::string::npos);
}

TEST_CASE("phrases, hyphens and title:") {
    Fixture f;
    CHECK(f.parse("\"interest rates\"") == "Query((interest PHRASE 2 rate))");
    CHECK(f.parse("state-of-the-art") == "Query((state PHRASE 4 of PHRASE 4 the PHRASE 4 art))");
    CHECK(f.parse("title:markets") == "Query(Smarket)");
    CHECK(f.parse("title:\"interest rates\"") == "Query((Sinterest PHRASE 2 Srate))");
    CHECK(f.parse("中国经济") == "Query((中 PHRASE 4 国 PHRASE 4 经 PHRASE 4 济))");
}

TEST_CASE("wildcards expand the folded prefix and its stem") {
    Fixture f;
    Xapian::Document d;
    for (const char* t : {"economi", "econom", "ecolog", "Seconomi"}) d.add_term(t);
    f.db.add_document(d);
    CHECK(f.parse("econ*") == "Query((econom SYNONYM economi))");
    CHECK(f.parse("economy*") == "Query(economi)");  // via the stem of the prefix
    CHECK(f.parse("title:econ*") == "Query(Seconomi)");
    CHECK(f.parse("zzz*") == "Query()");
}

TEST_CASE("filters resolve aliases and never weigh") {
    Fixture f;
    CHECK(f.parse("company:IBM") == "Query(0 * XCibm)");
    CHECK(f.parse("person:\"Jack Ma\"") == "Query(0 * XPma-yun)");
    QueryParser p(f.db, f.analyzer, {"en"});
    auto parsed = p.parse("company:nosuchco");
    REQUIRE(parsed.notices.size() == 1);
    CHECK(parsed.notices[0] == "no company matches 'nosuchco'");
}

TEST_CASE("dates and ranges") {
    CHECK(QueryParser::date_bounds("2015") == std::make_pair(std::string("20150101"), std::string("20151231")));
    CHECK(QueryParser::date_bounds("2016-02") == std::make_pair(std::string("20160201"), std::string("20160229")));
    CHECK(QueryParser::date_bounds("2015-09-22") == std::make_pair(std::string("20150922"), std::string("20150922")));
    CHECK(QueryParser::date_bounds("2015-09-01..2015-10-15") ==
          std::make_pair(std::string("20150901"), std::string("20151015")));
    CHECK(QueryParser::date_bounds("..2015-12-31").first == "00000000");
    CHECK(QueryParser::date_bounds("2016..").second == "99999999");
    CHECK_THROWS_AS(QueryParser::date_bounds("2015-13"), UserError);
    CHECK_THROWS_AS(QueryParser::date_bounds("2015-02-30"), UserError);
    CHECK_THROWS_AS(QueryParser::date_bounds("15"), UserError);
    CHECK_THROWS_AS(QueryParser::date_bounds(".."), UserError);
    CHECK_THROWS_AS(QueryParser::date_bounds("2016..2015"), UserError);
    Fixture f;
    CHECK(f.parse("date:2015").find("VALUE_RANGE 0 20150101 20151231") != std::string::npos);
    CHECK(f.parse("after:2016").find("VALUE_RANGE 0 20160101 99999999") != std::string::npos);
    CHECK(f.parse("before:2016").find("VALUE_RANGE 0 00000000 20161231") != std::string::npos);
}

TEST_CASE("malformed queries name the column") {
    Fixture f;
    auto error = [&](const std::string& q) {
        try {
            f.parse(q);
        } catch (const UserError& e) {
            return std::string(e.what());
        }
        return std::string("no error");
    };
    CHECK(error("\"open phrase") == "query: unterminated phrase: the quote at column 1 is never closed");
    CHECK(error("(markets OR") .find("column") != std::string::npos);
    CHECK(error("markets )") == "query: unexpected ')' at column 9");
    CHECK(error("AND markets") == "query: AND needs a query on its left at column 1");
    CHECK(error("markets OR") == "query: OR needs a query on its right at column 9");
    CHECK(error("markets NOT") == "query: NOT needs a query on its right at column 9");
    CHECK(error("date:2015-13").find("invalid date '2015-13'") != std::string::npos);
    CHECK(error("company:") .find("needs a value") != std::string::npos);
    CHECK(error("()") .find("empty parentheses") != std::string::npos);
    CHECK(error("*") == "no error");  // only punctuation: no clause at all
}

TEST_CASE("unknown words are reported for spelling suggestions") {
    Fixture f;
    QueryParser p(f.db, f.analyzer, {"en"});
    auto parsed = p.parse("markets zzyzx");
    REQUIRE(parsed.words.size() == 2);
    CHECK_FALSE(parsed.words[0].unknown);
    CHECK(parsed.words[1].unknown);
    CHECK(parsed.words[1].start == 8);
}
