// SearchRequest::field_filters and date_ranges as Xapian queries, resolved
// exactly as the same clauses typed in query text.
#pragma once

#include "newsdex/search.h"
#include "query_parser.h"

#include <string>
#include <vector>

#include <xapian.h>

namespace newsdex {

/// One query per structured filter of `request`, in order: field filters,
/// then date ranges.  Notices ("no company matches ...") are appended to
/// `notices`.  Throws UserError naming the filter for an unknown field, an
/// empty value or a malformed date.
std::vector<Xapian::Query> structured_filter_queries(const SearchRequest& request, QueryParser& parser,
                                                     std::vector<std::string>& notices);

}  // namespace newsdex
