#include "query_parser.h"

#include "common/schema/schema.h"
#include "newsdex/error.h"

#include <doctest/doctest.h>

using newsdex::Analyzer;
using newsdex::QueryParser;
using newsdex::UserError;

namespace {

struct Fixture {
    Xapian::WritableDatabase db = Xapian::WritableDatabase(std::string(), Xapian::DB_BACKEND_INMEMORY);
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
    using V = std::vector<std::string>;
    CHECK(QueryParser::date_range_terms("20150101", "20151231") == V{"Y2015"});
    CHECK(QueryParser::date_range_terms("20150301", "20150430") == V{"M201503", "M201504"});
    CHECK(QueryParser::date_range_terms("20150922", "20150922") == V{"D20150922"});
    CHECK(QueryParser::date_range_terms("20141230", "20160201") ==
          V{"D20141230", "D20141231", "Y2015", "M201601", "D20160201"});
    CHECK(QueryParser::date_range_terms("20160228", "20160301") == V{"D20160228", "D20160229", "D20160301"});
    Fixture f;
    Xapian::Document d;
    d.add_value(newsdex::schema::kSlotDate, "20100105");
    f.db.add_document(d);
    Xapian::Document d2;
    d2.add_value(newsdex::schema::kSlotDate, "20170610");
    f.db.add_document(d2);
    CHECK(f.parse("date:2015") == "Query(0 * Y2015)");
    // Open ends are clamped to the dates the database holds.
    CHECK(f.parse("after:2016") ==
          "Query(0 * (Y2016 OR M201701 OR M201702 OR M201703 OR M201704 OR M201705 OR "
          "D20170601 OR D20170602 OR D20170603 OR D20170604 OR D20170605 OR D20170606 OR "
          "D20170607 OR D20170608 OR D20170609 OR D20170610))");
    CHECK(f.parse("before:2010-01-03") == "Query()");
    CHECK(f.parse("date:1999") == "Query()");
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
    CHECK(error("(markets OR").find("column") != std::string::npos);
    CHECK(error("markets )") == "query: unexpected ')' at column 9");
    CHECK(error("AND markets") == "query: AND needs a query on its left at column 1");
    CHECK(error("markets OR") == "query: OR needs a query on its right at column 9");
    CHECK(error("markets NOT") == "query: NOT needs a query on its right at column 9");
    CHECK(error("date:2015-13").find("invalid date '2015-13'") != std::string::npos);
    CHECK(error("company:").find("needs a value") != std::string::npos);
    CHECK(error("()").find("empty parentheses") != std::string::npos);
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

namespace {

std::string parse_error(Fixture& f, const std::string& q) {
    try {
        f.parse(q);
    } catch (const UserError& e) {
        return e.what();
    }
    return "no error";
}

}  // namespace

TEST_CASE("deep nesting is refused with the column, not a crash") {
    Fixture f;
    std::string nested = std::string(32, '(') + "markets" + std::string(32, ')');
    CHECK(f.parse(nested) == "Query(market)");
    std::string deeper = std::string(33, '(') + "markets" + std::string(33, ')');
    CHECK(parse_error(f, deeper) == "query: parentheses nested more than 32 deep at column 33");
    // What crashed the searcher (issue 9): 10,000 nested, 100,000 unclosed
    // (past the length limit too), and as deep as fits in the length.
    CHECK(parse_error(f, std::string(10000, '(') + "a" + std::string(10000, ')')).find("too long") !=
          std::string::npos);
    CHECK(parse_error(f, std::string(100000, '(')).find("too long") != std::string::npos);
    CHECK(parse_error(f, std::string(8000, '(') + "a" + std::string(8000, ')')) ==
          "query: parentheses nested more than 32 deep at column 33");
    CHECK(parse_error(f, std::string(16000, '(')) == "query: parentheses nested more than 32 deep at column 33");
}

TEST_CASE("the number of clauses and the length are limited") {
    Fixture f;
    auto words = [](std::size_t n, const std::string& op) {
        std::string q = "markets";
        for (std::size_t i = 1; i < n; ++i) q += op + "w" + std::to_string(i);
        return q;
    };
    CHECK(parse_error(f, words(1024, " OR ")) == "no error");
    std::string over = words(1025, " OR ");
    CHECK(parse_error(f, over) ==
          "query: more than 1,024 words, phrases and field clauses (the next one is at column " +
              std::to_string(over.rfind("w1024") + 1) + "); search with fewer");
    CHECK(parse_error(f, words(40000, " OR ")).find("too long") != std::string::npos);
    CHECK(parse_error(f, words(2000, " ")).find("more than 1,024 words") != std::string::npos);
    CHECK(parse_error(f, std::string(16384, ' ')) == "no error");
    CHECK(parse_error(f, std::string(16385, ' ')) ==
          "query: too long: 16,385 bytes, the limit is 16,384 (column 16385 onwards is past it)");
}

TEST_CASE("a long OR is one flat node, and repeats count once") {
    Fixture f;
    CHECK(f.parse("markets OR rallied OR markets") == "Query((market OR ralli))");
    CHECK(f.parse("markets OR markets") == "Query(market)");
    CHECK(f.parse("markets markets") == "Query(market)");
    CHECK(f.parse("a OR b OR c OR d") == "Query((a OR b OR c OR d))");
    CHECK(f.parse("markets -a -a") == "Query((market AND_NOT a))");
}

TEST_CASE("a '*' anywhere but at the end of a word is an error, not ignored") {
    Fixture f;
    CHECK(parse_error(f, "*a") ==
          "query: a wildcard '*' can only end a word (econ*); a leading or inner '*' is not supported at column 1");
    CHECK(parse_error(f, "markets title:*rally").find("at column 15") != std::string::npos);
    CHECK(parse_error(f, "ma*ket").find("at column 3") != std::string::npos);
    CHECK(parse_error(f, "econ*") == "no error");
    CHECK(parse_error(f, "\"*a\"") == "no error");  // inside a phrase: punctuation
}

TEST_CASE("a query that only filters by entities ranks by how much the text names them") {
    Fixture f;
    f.db.set_metadata(newsdex::schema::name_key(newsdex::schema::kPrefixCompany, "ibm"), "IBM");
    QueryParser p(f.db, f.analyzer, {"en"});
    CHECK(p.parse("company:IBM").ranked_by_mentions.empty());  // only when asked for
    auto rank = [&](const char* q) { return p.parse(q, "query", true); };
    auto only = rank("company:IBM");
    CHECK(only.scoring);
    CHECK(only.ranked_by_mentions == std::vector<std::string>{"IBM"});
    CHECK(only.query.get_description() == "Query((0 * XCibm AND_MAYBE ibm))");
    // words of its own: ranked by them, the filter stays a filter
    auto worded = rank("market company:IBM");
    CHECK(worded.ranked_by_mentions.empty());
    CHECK(worded.query.get_description() == "Query((market AND 0 * XCibm))");
    // a negated entity names nothing to rank by
    CHECK(rank("market -company:IBM").ranked_by_mentions.empty());
    // an entity without a display name: nothing to rank by (newest first, in the searcher)
    auto nameless = rank("person:\"Jack Ma\"");
    CHECK(!nameless.scoring);
    CHECK(nameless.ranked_by_mentions.empty());
}
