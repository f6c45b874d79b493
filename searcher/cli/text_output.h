// newsdex-search's terminal output: hits with snippets, the facet panel, and
// one whole article (--show), wrapped to the output width.
#pragma once

#include "cli/terminal.h"
#include "newsdex/search.h"

#include <string>

namespace newsdex::cli {

/// How the terminal output looks.
struct TextLayout {
    term::Style style;        ///< colours (empty strings for none)
    std::size_t width = 100;  ///< columns to fill
};

/// `text` with control characters (C0, DEL, C1) shown as escapes, so that
/// a query or a message quoting one cannot drive the terminal.  With
/// `keep_newlines`, LF stays a line break.
std::string printable(const std::string& text, bool keep_newlines = false);

/// A search result: header, hits, facets.
void print_result(const SearchResult& r, const SearchRequest& request, const std::string& db_label,
                  const TextLayout& layout);

/// One article: title, date, source, URL, authors, entities, then the body.
void print_article(const StoredArticle& a, const TextLayout& layout);

/// A field's values (--values): count, display name and id per line.
void print_values(const FieldValues& values, const TextLayout& layout);

}  // namespace newsdex::cli
