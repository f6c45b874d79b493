// The values of a filter field over the whole archive, by prefix
// (Searcher::values, newsdex-search --values).
#pragma once

#include "database_set.h"
#include "newsdex/search.h"

#include <string>

namespace newsdex {

/// Values of `field` (a filter field other than id) whose id, or a word of
/// it, starts with `prefix` (folded as a query value is), most articles
/// first.  Counts are term frequencies over every shard of `databases`.
/// Throws UserError for an unknown field.
FieldValues list_field_values(const DatabaseSet& databases, const std::string& field, const std::string& prefix,
                              std::size_t offset, std::size_t limit);

}  // namespace newsdex
