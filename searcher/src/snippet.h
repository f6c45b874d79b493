// Snippets: the stretch of a body with the most query words, highlighted.
#pragma once

#include "common/text/analyzer.h"
#include "newsdex/search.h"

#include <string>
#include <unordered_set>
#include <vector>

namespace newsdex {

struct Snippet {
    std::string text;
    std::vector<Highlight> highlights;
};

/// What to highlight: index terms (stems, CJK characters) and folded
/// wildcard prefixes.
struct HighlightSet {
    std::unordered_set<std::string> terms;
    std::vector<std::string> prefixes;
    bool empty() const { return terms.empty() && prefixes.empty(); }
};

/// A snippet of about `max_bytes` from `body` (analysed in `language`, as the
/// indexer did), whitespace collapsed, "…" where cut.
Snippet make_snippet(Analyzer& analyzer, const std::string& body, const std::string& language,
                     const HighlightSet& highlight, std::size_t max_bytes);

}  // namespace newsdex
