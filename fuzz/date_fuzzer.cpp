// libFuzzer harness: the article date parser (common/ingest/article.h) and the
// query's date expressions (QueryParser::date_bounds / date_range_terms).
#include "common/ingest/article.h"
#include "newsdex/error.h"
#include "query_parser.h"

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

namespace {

[[noreturn]] void broken_promise(const char* what, const std::string& detail) {
    std::fprintf(stderr, "fuzz: broken promise: %s: %s\n", what, detail.c_str());
    std::abort();
}

/// A parsed date is a real calendar date and survives iso8601() -> parse.
void check_article_date(const std::string& text) {
    auto date = newsdex::parse_iso_date(text);
    if (!date) return;
    if (date->year < 1800 || date->year > 2200 || date->month < 1 || date->month > 12 || date->day < 1 ||
        date->day > newsdex::days_in_month(date->year, date->month))
        broken_promise("accepted an impossible date", text);
    std::string iso = date->iso8601();
    auto again = newsdex::parse_iso_date(iso);
    if (!again || again->iso8601() != iso || again->yyyymmdd() != date->yyyymmdd())
        broken_promise("iso8601() does not parse back to the same date", text + " -> " + iso);
}

/// Date bounds are ordered and, clamped to the range an index can hold (as
/// the parser clamps them to the database's dates), covered by Y/M/D terms.
void check_query_date(const std::string& text) {
    std::pair<std::string, std::string> bounds;
    try {
        bounds = newsdex::QueryParser::date_bounds(text);
    } catch (const newsdex::UserError&) {
        return;
    }
    if (bounds.first > bounds.second) broken_promise("date bounds out of order", text);
    std::string low = std::max(bounds.first, std::string("18000101"));
    std::string high = std::min(bounds.second, std::string("22001231"));
    if (low <= high && newsdex::QueryParser::date_range_terms(low, high).empty())
        broken_promise("no terms for a non-empty date range", text);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string text(reinterpret_cast<const char*>(data), size);
    check_article_date(text);
    check_query_date(text);
    return 0;
}
