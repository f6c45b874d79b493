// Entity extraction: tokenise, tag (common/entities/ner.h), clean, classify,
// resolve short mentions and aliases, merge metadata.  See docs/entities.md.
#include "common/entities/entities.h"

#include "common/entities/doc_state.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <array>
#include <fstream>
#include <map>
#include <numeric>
#include <set>
#include <unordered_map>
#include <unordered_set>

namespace newsdex {

const char* entity_type_name(EntityType type) {
    switch (type) {
        case EntityType::Person: return "person";
        case EntityType::Company: return "company";
        case EntityType::Organization: return "organization";
    }
    return "?";
}

// ---------------------------------------------------------------------------
// EntityExtractor: the shared data and the pipeline (doc_state.h)
// ---------------------------------------------------------------------------

struct EntityExtractor::Impl {
    entities::ExtractorData data;
    Impl(const std::string& dir, const std::string& user_aliases) : data(dir, user_aliases) {}
};

EntityExtractor::EntityExtractor(const std::string& data_dir, const std::string& user_aliases)
    : impl_(std::make_unique<Impl>(data_dir, user_aliases)) {}

EntityExtractor::~EntityExtractor() = default;

const std::string& EntityExtractor::data_dir() const { return impl_->data.dir; }

std::vector<std::vector<TokenMention>> EntityExtractor::tag_document(
    const std::vector<std::vector<std::string>>& sentences) const {
    std::vector<std::vector<std::string_view>> doc;
    doc.reserve(sentences.size());
    for (auto& s : sentences) doc.emplace_back(s.begin(), s.end());
    auto tags = impl_->data.tag(doc);
    std::vector<std::vector<TokenMention>> out(sentences.size());
    for (std::size_t s = 0; s < tags.size(); ++s) {
        const auto& t = tags[s];
        for (std::size_t i = 0; i < t.size(); ++i) {
            int type = ner::tag_type(t[i]);
            if (type != 0 && type != 1) continue;
            if (!ner::tag_is_begin(t[i]) && i > 0 && ner::tag_type(t[i - 1]) == type) continue;
            std::size_t j = i + 1;
            while (j < t.size() && ner::tag_type(t[j]) == type && !ner::tag_is_begin(t[j])) ++j;
            out[s].push_back({type == 0 ? "PER" : "ORG", i, j});
        }
    }
    return out;
}

std::vector<TokenMention> EntityExtractor::tag_tokens(const std::vector<std::string>& tokens) const {
    return tag_document({tokens})[0];
}

std::string EntityExtractor::canonical_id(std::string_view name, EntityType type) const {
    return impl_->data.canonical_id(name, type);
}

std::vector<std::pair<std::string, std::string>> EntityExtractor::aliases(EntityType type) const {
    std::vector<std::pair<std::string, std::string>> out;
    for (auto& [slug, idx] : impl_->data.alias_index[entities::type_index(type)]) {
        const auto& e = impl_->data.alias_entries[entities::type_index(type)][idx];
        if (slug != e.id) out.emplace_back(slug, e.id);
    }
    std::sort(out.begin(), out.end());
    return out;
}

std::vector<Entity> EntityExtractor::extract(const Article& article) const {
    return entities::run_pipeline(impl_->data, article);
}

std::vector<Entity> EntityExtractor::extract(const Article& article,
                                             std::vector<std::string>& surname_candidates) const {
    return entities::run_pipeline(impl_->data, article, &surname_candidates);
}

}  // namespace newsdex
