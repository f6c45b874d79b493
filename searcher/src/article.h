// One whole stored article by id (Searcher::article), with a query's words
// marked in its title and body.
#pragma once

#include "common/text/analyzer.h"
#include "database_set.h"
#include "newsdex/search.h"

#include <optional>
#include <string>
#include <vector>

namespace newsdex {

/// The article whose id term is Q<id> in `databases`, or nullopt.  `query`
/// (may be empty) is parsed as a search would parse it, in `languages`, and
/// its words are marked.  Throws UserError for a malformed query.
std::optional<StoredArticle> load_article(const DatabaseSet& databases, Analyzer& analyzer,
                                          const std::vector<std::string>& languages, const std::string& id,
                                          const std::string& query);

}  // namespace newsdex
