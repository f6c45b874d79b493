// Entity pipeline, stages cluster_mentions, link_text_aliases and
// match_headlines (stage_clusters.cpp).
#include <doctest/doctest.h>

#include "entity_stage_support.h"

using namespace newsdex;
using namespace newsdex::test;

namespace {
int cluster_of(const entities::DocState& st, const std::string& text) {
    for (auto& m : st.mentions)
        if (entities::join(m.words, 0, m.words.size()) == text) return st.find(m.cluster);
    return -2;
}
}  // namespace

TEST_CASE("cluster_mentions: short mentions join the full name") {
    entities::DocState st;
    run_until(st,
              entity_article("",
                             "Travis Kalanick founded the firm. Kalanick later left. Amoco Corp and Amoco "
                             "Fabrics Co merged, Amoco said."),
              Stage::Clusters);
    CHECK(cluster_of(st, "Kalanick") == cluster_of(st, "Travis Kalanick"));
    CHECK(cluster_of(st, "Kalanick") >= 0);
    // an explicit full name is not folded into a longer one; the short form
    // goes to the full form with a legal suffix
    CHECK(cluster_of(st, "Amoco Corp") != cluster_of(st, "Amoco Fabrics Co"));
    CHECK(cluster_of(st, "Amoco") == cluster_of(st, "Amoco Corp"));
}

TEST_CASE("link_text_aliases: 'X (Y)' and 'X, also known as Y'") {
    entities::DocState st;
    run_until(st,
              entity_article("",
                             "International Business Machines Corp (IBM) said Ma Yun, also known as Jack "
                             "Ma, visited."),
              Stage::TextAliases);
    CHECK(cluster_of(st, "IBM") == cluster_of(st, "International Business Machines Corp"));
    CHECK(cluster_of(st, "Jack Ma") == cluster_of(st, "Ma Yun"));
}

TEST_CASE("match_headlines: ALL-CAPS titles mention names found in the body") {
    entities::DocState st;
    run_until(st, entity_article("KALANICK QUITS", "Travis Kalanick resigned on Tuesday. Kalanick thanked staff."),
              Stage::Headlines);
    int n = 0;
    for (auto& m : st.mentions)
        if (m.b < 14) {
            ++n;
            CHECK(st.find(m.cluster) == cluster_of(st, "Travis Kalanick"));
        }
    CHECK(n == 1);
}
