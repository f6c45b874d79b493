// Helpers for the unit tests of the entity extractor's stages
// (common/entities/stage_*.cpp): the shipped data, and a document state run
// up to a given stage.
#pragma once

#include "common/entities/doc_state.h"

#include <string>
#include <vector>

namespace newsdex::test {

inline const entities::ExtractorData& entity_data() {
    static const entities::ExtractorData d(std::string(NEWSDEX_SOURCE_DIR) + "/common/data");
    return d;
}

inline Article entity_article(const std::string& title, const std::string& body) {
    Article a;
    a.id = "t";
    a.title = title;
    a.body = body;
    return a;
}

/// The stages in pipeline order (doc_state.h).
enum class Stage { Read, RepairTags, Mentions, Marks, Clusters, TextAliases, Headlines, Entities, Metadata };

/// Run the pipeline on `a` up to and including `last`.
inline void run_until(entities::DocState& st, const Article& a, Stage last) {
    const auto& d = entity_data();
    using namespace entities;
    auto done = [&](Stage s) { return int(s) >= int(last); };
    read_document(d, a, st);
    if (done(Stage::Read)) return;
    repair_tags(d, st);
    if (done(Stage::RepairTags)) return;
    build_mentions(d, st);
    if (done(Stage::Mentions)) return;
    add_mark_mentions(d, st);
    if (done(Stage::Marks)) return;
    cluster_mentions(d, st);
    if (done(Stage::Clusters)) return;
    link_text_aliases(d, st);
    if (done(Stage::TextAliases)) return;
    match_headlines(d, st);
    if (done(Stage::Headlines)) return;
    build_entities(d, st);
    if (done(Stage::Entities)) return;
    merge_metadata(d, a, st);
}

/// Surface texts of the mentions, in order.
inline std::vector<std::string> mention_texts(const entities::DocState& st) {
    std::vector<std::string> out;
    for (auto& m : st.mentions) out.push_back(entities::join(m.words, 0, m.words.size()));
    return out;
}

/// Token texts of sentence s tagged with the tagger type `type` (0 PER, 1 ORG), as runs.
inline std::vector<std::string> tagged_runs(const entities::DocState& st, int type) {
    std::vector<std::string> out;
    for (std::size_t s = 0; s < st.tags.size(); ++s) {
        const auto& t = st.tags[s];
        for (std::size_t i = 0; i < t.size(); ++i) {
            if (ner::tag_type(t[i]) != type) continue;
            if (!ner::tag_is_begin(t[i]) && i > 0 && ner::tag_type(t[i - 1]) == type) continue;
            std::string run(st.doc[s][i]);
            for (std::size_t j = i + 1; j < t.size() && ner::tag_type(t[j]) == type && !ner::tag_is_begin(t[j]); ++j)
                run += " " + std::string(st.doc[s][j]);
            out.push_back(run);
        }
    }
    return out;
}

inline bool contains(const std::vector<std::string>& v, const std::string& x) {
    for (auto& y : v)
        if (y == x) return true;
    return false;
}

inline const Entity* entity_by_id(const std::vector<Entity>& es, const std::string& id) {
    for (auto& e : es)
        if (e.id == id) return &e;
    return nullptr;
}

}  // namespace newsdex::test
