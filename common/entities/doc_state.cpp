// The document state's helpers and the order of the pipeline stages.
#include "common/entities/doc_state.h"

#include <algorithm>

namespace newsdex::entities {

bool DocState::used_in_lower_case(std::string_view w) const {
    return std::binary_search(lower_hashes.begin(), lower_hashes.end(), lower_hash(w));
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

std::vector<Entity> run_pipeline(const ExtractorData& data, const Article& article) {
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
    return std::move(st.entities);
}

}  // namespace newsdex::entities
