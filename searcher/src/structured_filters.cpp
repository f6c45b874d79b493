#include "structured_filters.h"

#include "common/schema/schema.h"
#include "newsdex/error.h"

#include <algorithm>

namespace newsdex {

namespace {

bool is_date(const std::string& value) {
    return value.size() >= 4 && value.size() <= 10 &&
           std::all_of(value.begin(), value.end(), [](char c) { return (c >= '0' && c <= '9') || c == '-'; });
}

std::string field_names() {
    std::string out;
    for (const auto& f : schema::filter_fields()) out += (out.empty() ? "" : ", ") + std::string(f.name);
    return out;
}

Xapian::Query parsed(QueryParser& parser, const std::string& text, const std::string& what,
                     std::vector<std::string>& notices) {
    ParsedQuery p = parser.parse(text, what);
    notices.insert(notices.end(), p.notices.begin(), p.notices.end());
    return p.query;
}

}  // namespace

std::vector<Xapian::Query> structured_filter_queries(const SearchRequest& request, QueryParser& parser,
                                                     std::vector<std::string>& notices) {
    std::vector<Xapian::Query> out;
    for (const auto& f : request.field_filters) {
        const std::string what = "field filter " + f.field;
        const schema::FilterField* field = schema::find_filter_field(f.field);
        if (!field) throw UserError(what + ": unknown field (valid: " + field_names() + ")");
        if (f.value.find_first_not_of(" \t\r\n") == std::string::npos) throw UserError(what + ": empty value");
        if (field->prefix == schema::kPrefixId) {
            // An id is a term as the indexer spells it (shortened with a
            // digest when too long): no query text could hold every id.
            out.push_back(Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query(schema::id_term(f.value)), 0.0));
            continue;
        }
        // Every other field's value becomes a slug (or a language code), in
        // which a quote is a separator like a space: so the value, quotes
        // made spaces, quoted, is the same clause whatever it holds, and is
        // resolved (aliases, notices) by the one parser.
        std::string value = f.value;
        std::replace(value.begin(), value.end(), '"', ' ');
        out.push_back(parsed(parser, std::string(field->name) + ":\"" + value + "\"", what, notices));
    }
    for (const auto& range : request.date_ranges) {
        for (const std::string* end : {&range.from, &range.to})
            if (!end->empty() && !is_date(*end))
                throw UserError("date range: '" + *end + "' is not a date (2015, 2015-09 or 2015-09-22)");
        if (range.from.empty() && range.to.empty()) throw UserError("date range: give a first or a last date");
        out.push_back(parsed(parser, "date:" + range.from + ".." + range.to, "date range", notices));
    }
    return out;
}

}  // namespace newsdex
