// Builds the Xapian document of an article, following common/schema/schema.h.
#pragma once

#include "common/text/analyzer.h"
#include "common/ingest/article.h"
#include "common/entities/entities.h"

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include <xapian.h>

namespace newsdex {

/// A built document plus what the writer needs besides it.
struct BuiltDocument {
    Xapian::Document document;
    std::string id_term;             ///< schema::id_term(id)
    std::uint64_t content_hash = 0;  ///< in kSlotHash (see same_content)
    /// The JSON part of the data as built, before the link guesses of
    /// LinkHints change the document's data (same_content reads it).
    std::string built_json;
    std::string language;            ///< stemming language used
    /// (metadata key, value) pairs to store in every shard: display names, aliases
    std::vector<std::pair<std::string, std::string>> metadata;
    std::size_t text_bytes = 0;
    /// Non-empty when the article cannot be indexed (a value too long for a
    /// Xapian term or key): a bad-record reason; `document` must not be written.
    std::string problem;
};

/// Not thread-safe (owns an Analyzer): one per worker thread.
class DocumentBuilder {
  public:
    /// `extractor` may be null (no entity extraction); it must outlive this.
    DocumentBuilder(const EntityExtractor* extractor, std::string default_language);
    BuiltDocument build(const Article& article);
    /// Why `built` cannot be written (see BuiltDocument::problem), or "".
    static std::string find_problem(const BuiltDocument& built);

  private:
    /// The article's entities: extracted, or (without an extractor) the ones
    /// it gives as metadata.
    /// `surname_candidates`: see EntityExtractor::extract (none without an extractor).
    std::vector<Entity> extract_entities(const Article& article, std::vector<std::string>& surname_candidates) const;
    void index_text(Xapian::Document& doc, std::string_view text, const std::string& language, unsigned& position,
                    unsigned title_wdf, bool title);
    Analyzer analyzer_;
    const EntityExtractor* extractor_;
    std::string default_language_;
    std::vector<AnalyzedTerm> terms_;
};

/// Whether `stored_hash`, the kSlotHash of the stored document of `article`,
/// says that `built` (its new build) has the same content: built's hash as 8
/// raw bytes (schema 3), or as 16 hex digits of the hash over the schema-2
/// spelling of built's data (a database written before schema 3, whose
/// unchanged articles a re-run thus leaves alone).
bool same_content(const std::string& stored_hash, const BuiltDocument& built, const Article& article);

/// The article id stored in a document's data by DocumentBuilder ("" if none).
std::string stored_article_id(const Xapian::Document& doc);

/// The document of article `id` in `db`, or 0.  Exact even for long ids whose
/// shortened terms are shared (schema::id_term): then the stored ids decide.
Xapian::docid find_article(const Xapian::Database& db, const std::string& id);

}  // namespace newsdex
