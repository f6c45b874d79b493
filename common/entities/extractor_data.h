// What the entity extractor loads once and shares between threads: the
// tagger's model and gazetteers, the ticker table, the alias tables and the
// word lists.  Every pipeline stage reads it; none changes it.
//
// Internal header: used by common/entities/*.cpp and their unit tests.
#pragma once

#include "common/entities/domain.h"
#include "common/entities/entities.h"
#include "common/entities/ner.h"
#include "common/entities/word_lists.h"

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace newsdex::entities {

struct AliasEntry {
    std::string id;                  ///< canonical id
    std::string display;             ///< canonical display name
    std::vector<std::string> names;  ///< all names on the line
};

inline int type_index(EntityType t) { return int(t); }

struct ExtractorData {
    /// Load everything from `data_dir` (empty: the default data directory)
    /// plus an optional user alias table.  Throws SystemError for missing
    /// shipped data, UserError for a bad user alias file (file:line).
    explicit ExtractorData(const std::string& data_dir = "", const std::string& user_aliases = "");

    std::string dir;
    ner::Lexicon lex;
    ner::Model model;  ///< ner.model: CoNLL-2003 only; tags news (the default domain)
    /// ner_encyclopedic.model (optional: empty = `model` tags everything):
    /// CoNLL-2003 + tools/data/encyclopedic_train.conll; tags the documents
    /// guess_domain() calls encyclopedic (domain.h).
    ner::Model encyclopedic_model;
    WordLists words;
    std::unordered_map<std::string, std::string> tickers;  ///< TICKER -> company name
    /// Per type: alias slug -> entry index; entries.
    std::unordered_map<std::string, std::size_t> alias_index[3];
    std::vector<AliasEntry> alias_entries[3];
    /// Multi-token alias-table names (lower-case token hashes, ' '-joined as
    /// in Lexicon::add_company) -> 1 person, 2 organisation; and their prefixes.
    ner::HashMap64<std::uint8_t> phrases, phrase_prefixes;
    std::size_t max_phrase_tokens = 0;
    /// One-word company / organisation names of the alias tables ("Walmart").
    ner::HashMap64<std::uint8_t> single_names;
    /// Whole names (lower-case) that are places / not entities at all
    /// (optional lists places.txt, not_entities.txt).
    WordSet places{}, not_entities{};

    const AliasEntry* lookup(EntityType t, const std::string& slug) const {
        auto it = alias_index[type_index(t)].find(slug);
        return it == alias_index[type_index(t)].end() ? nullptr : &alias_entries[type_index(t)][it->second];
    }
    /// Slug of a name as an id of type t (companies without legal suffixes).
    std::string name_slug(std::string_view name, EntityType t) const {
        return entity_slug(t == EntityType::Company ? strip_company(name, words.legal_suffixes) : std::string(name));
    }
    std::string canonical_id(std::string_view name, EntityType type) const;
    bool is_legal_suffix(std::string_view w) const { return words.legal_suffixes.count(w) > 0; }
    /// Tagger output (ner::k* tags) for each sentence, by the model of the
    /// document's domain (guess_domain).
    /// `domain` (optional) receives the domain guessed.
    std::vector<std::vector<int>> tag(const std::vector<std::vector<std::string_view>>& doc, bool tag_caps = true,
                                      TextDomain* domain = nullptr) const;

  private:
    void add_phrase(std::string_view name, EntityType t);
    void load_aliases(const std::string& path, bool user);
};

/// Read an optional list of whole names into `set` (a missing file leaves it empty).
void load_optional_names(const std::string& path, WordSet& set);

}  // namespace newsdex::entities
