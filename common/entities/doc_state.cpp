// The document state's helpers and the order of the pipeline stages.
#include "common/entities/doc_state.h"

#include <algorithm>

namespace newsdex::entities {

// A hash set instead of a sorted vector, built on the first question: every
// lower-case word of the article goes in (sorting them all was ~1.5% of
// extraction), few are looked up, and many articles never ask.
bool DocState::used_in_lower_case(std::string_view w) const {
    if (!lower_words_indexed) index_lower_words();
    const std::uint64_t h = lower_hash(w);
    if (h == 0) return lower_hash_zero;
    const std::size_t mask = lower_hashes.size() - 1;
    for (std::size_t p = std::size_t(h) & mask; lower_hashes[p]; p = (p + 1) & mask)
        if (lower_hashes[p] == h) return true;
    return false;
}

void DocState::index_lower_words() const {
    std::size_t n = 0;
    for (auto& sent : doc) n += sent.size();
    std::size_t cap = 16;
    while (cap < 2 * n) cap <<= 1;
    lower_hashes.assign(cap, 0);
    lower_hash_zero = false;
    const std::size_t mask = cap - 1;
    for (auto& sent : doc)
        for (std::size_t t = 1; t < sent.size(); ++t) {
            if (sent[t].empty() || !is_lower_c(sent[t][0])) continue;
            const std::uint64_t h = ner::hash_str(sent[t]);
            if (h == 0) {
                lower_hash_zero = true;
                continue;
            }
            std::size_t p = std::size_t(h) & mask;
            while (lower_hashes[p] && lower_hashes[p] != h) p = (p + 1) & mask;
            lower_hashes[p] = h;
        }
    lower_words_indexed = true;
}

std::string DocState::surface_of(std::size_t b, std::size_t e) const {
    std::string r;
    bool sp = false;
    for (std::size_t i = b; i < e && i < text.size(); ++i) {
        if (is_space(text[i])) {
            sp = true;
            continue;
        }
        if (sp && !r.empty()) r += ' ';
        sp = false;
        r += text[i];
    }
    return r;
}

const Mark* DocState::in_mark(std::size_t b, std::size_t e) const {
    for (auto& m : marks)
        if (b < m.e && e > m.b) return &m;
    return nullptr;
}

std::vector<Entity> run_pipeline(const ExtractorData& data, const Article& article,
                                 std::vector<std::string>* surname_candidates) {
    DocState st;
    read_document(data, article, st);
    repair_tags(data, st);
    build_mentions(data, st);
    add_mark_mentions(data, st);
    cluster_mentions(data, st);
    link_text_aliases(data, st);
    match_headlines(data, st);
    build_entities(data, st);
    merge_metadata(data, article, st);
    if (surname_candidates) *surname_candidates = find_surname_candidates(data, st);
    return std::move(st.entities);
}

}  // namespace newsdex::entities
