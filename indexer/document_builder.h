// Builds the Xapian document of an article, following common/schema.h.
#pragma once

#include "common/analyzer.h"
#include "common/article.h"
#include "common/entities/entities.h"

#include <string>
#include <utility>
#include <vector>

#include <xapian.h>

namespace newsdex {

/// A built document plus what the writer needs besides it.
struct BuiltDocument {
    Xapian::Document document;
    std::string id_term;       ///< Q<id>
    std::string content_hash;  ///< also in kSlotHash
    std::string language;      ///< stemming language used
    /// (metadata key, value) pairs to store in every shard: display names, aliases
    std::vector<std::pair<std::string, std::string>> metadata;
    std::size_t text_bytes = 0;
};

/// Not thread-safe (owns an Analyzer): one per worker thread.
class DocumentBuilder {
  public:
    /// `extractor` may be null (no entity extraction); it must outlive this.
    DocumentBuilder(const EntityExtractor* extractor, std::string default_language);
    BuiltDocument build(const Article& article);

  private:
    void index_text(Xapian::Document& doc, std::string_view text, const std::string& language,
                    unsigned& position, unsigned title_wdf, bool title);
    Analyzer analyzer_;
    const EntityExtractor* extractor_;
    std::string default_language_;
    std::vector<AnalyzedTerm> terms_;
};

}  // namespace newsdex
