// "Did you mean": each query word no article contains replaced by the closest
// word the database knows (edit distance over the index terms).
#pragma once

#include "common/text/analyzer.h"
#include "query_parser.h"

#include <optional>
#include <string>
#include <vector>

#include <xapian.h>

namespace newsdex {

/// The surface form (as written in an article) of the most frequent known
/// word within edit distance 1 (words of up to 4 bytes) or 2 of `folded`
/// or of its stem in `language`; empty when there is none.
std::string spelling_correction(const Xapian::Database& db, Analyzer& analyzer, const std::string& language,
                                const std::string& folded);

/// `text` with each unknown word of `words` replaced by its correction, or
/// nullopt when no word was unknown or none could be corrected.
std::optional<std::string> spelling_suggestion(const Xapian::Database& db, Analyzer& analyzer,
                                               const std::string& language, const std::string& text,
                                               const std::vector<QueryWord>& words);

}  // namespace newsdex
