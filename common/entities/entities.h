// Entity extraction: the companies, persons and other organisations an
// article mentions, canonicalised and alias-merged.
//
// Pipeline (see docs/entities.md): tokenise -> statistical tagger (averaged
// perceptron, model in common/data/) finds PER/ORG mentions -> each ORG is
// classified company / other organisation -> within the article short
// mentions resolve to full ones ("Kalanick" -> "Travis Kalanick") -> aliases
// (shipped table, user table, "X (also known as Y)" in the text) map names to
// one canonical entity -> metadata entities (JSON companies/persons, Reuters
// PEOPLE/ORGS tags) merge in under the same ids.
#pragma once

#include "common/ingest/article.h"
#include "common/text/slug.h"

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace newsdex {

enum class EntityType { Person, Company, Organization };

/// "person", "company", "organization".
const char* entity_type_name(EntityType type);

/// One canonical entity found in one article.
struct Entity {
    std::string id;    ///< stable slug, e.g. "berkshire-hathaway", "ma-yun"
    std::string name;  ///< canonical display name, e.g. "Berkshire Hathaway", "Ma Yun"
    EntityType type = EntityType::Person;
    std::size_t mentions = 0;  ///< number of mentions in the text (0 if only in metadata)
    /// Byte offsets [start, end) of each mention in the text the extractor saw
    /// (title + "\n\n" + body, see EntityExtractor::extract).
    std::vector<std::pair<std::size_t, std::size_t>> offsets;
    /// Other names this entity goes by (surface forms seen in the article,
    /// alias-table names, "X (also known as Y)" links); the indexer stores
    /// them so that a search for any of them finds the entity.
    std::vector<std::string> aliases;
};

/// A tagged mention in a token sequence (CoNLL evaluation): tokens [start, end).
struct TokenMention {
    std::string type;  ///< "PER" or "ORG"
    std::size_t start = 0, end = 0;
};

/// Finds and canonicalises entities.  Thread-safe for concurrent extract()
/// calls once constructed.  Loading the model takes a moment: share one.
class EntityExtractor {
  public:
    /// Load the shipped model and alias table from `data_dir` (empty: the
    /// default data directory), plus an optional user alias table.
    /// Throws SystemError if the data cannot be read, UserError for a bad
    /// user alias file (naming file:line).
    explicit EntityExtractor(const std::string& data_dir = "", const std::string& user_aliases = "");
    ~EntityExtractor();
    EntityExtractor(const EntityExtractor&) = delete;
    EntityExtractor& operator=(const EntityExtractor&) = delete;

    /// Entities of an article: extracted from title + "\n\n" + body, merged
    /// with its metadata entities.  Sorted by type, then by mentions (desc).
    std::vector<Entity> extract(const Article& article) const;
    /// The same, and the article's *surname candidates*: slugs of lone
    /// capitalised words the tagger did not tag that may be the surname of a
    /// person named in full elsewhere in the archive ("Boesky").  They are
    /// no entities: the indexer's archive-level pass links one only to the
    /// one full name the archive has for it (docs/entities.md).
    std::vector<Entity> extract(const Article& article, std::vector<std::string>& surname_candidates) const;

    /// Tag a pre-tokenised sentence (CoNLL evaluation): PER/ORG mentions.
    std::vector<TokenMention> tag_tokens(const std::vector<std::string>& tokens) const;

    /// Tag a pre-tokenised document (sentences of tokens) with document-level
    /// context (CoNLL evaluation): PER/ORG mentions per sentence.
    std::vector<std::vector<TokenMention>> tag_document(const std::vector<std::vector<std::string>>& sentences) const;

    /// Canonical id for a name typed by a user or given as metadata
    /// ("Jack Ma" -> "ma-yun", "IBM" -> "ibm", "james-baker" -> "james-baker"),
    /// using the alias tables.  Returns entity_slug(name) when no alias applies.
    std::string canonical_id(std::string_view name, EntityType type) const;

    /// All alias pairs (alias slug -> canonical id) for a type, so the indexer
    /// can store them in the database for the searcher.
    std::vector<std::pair<std::string, std::string>> aliases(EntityType type) const;

    /// The data directory in use.
    const std::string& data_dir() const;

  private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace newsdex
