// The co-occurrence graph: exact pair counts among a bounded candidate set.
//
// The candidates are the request.graph_nodes entities the matches name most.
// The MatchSource counts, for each pair of candidates, the matching articles
// naming both -- exact -- and only pairs of candidates are reported, so no
// reported count misses an article.  The work is one pass over the matches
// (arrays) or one filtered match per candidate (spies), never the matches
// squared.
#include "analytics.h"

#include <algorithm>
#include <tuple>

namespace newsdex::analytics {

CooccurrenceGraph cooccurrence_graph(MatchSource& source, const Tally& all, const SearchRequest& request,
                                     const NameLookup& names) {
    CooccurrenceGraph graph;
    graph.matches = all.matches;
    graph.min_weight = std::max<std::uint64_t>(1, request.graph_min_weight);
    // The most frequent of each type, then of both: by count, companies first, then slug.
    const std::size_t nodes = std::min(request.graph_nodes, kMaxGraphNodes);
    std::vector<std::pair<EntityKind, EntityCount>> both;
    for (EntityKind kind : {EntityKind::Company, EntityKind::Person})
        for (const auto& e : most_frequent(all.counts[static_cast<std::size_t>(kind)], nodes))
            both.emplace_back(kind, e);
    const std::size_t kept = std::min(nodes, both.size());
    std::partial_sort(
        both.begin(), both.begin() + static_cast<std::ptrdiff_t>(kept), both.end(), [](const auto& a, const auto& b) {
            return std::tie(b.second.count, a.first, a.second.slug) < std::tie(a.second.count, b.first, b.second.slug);
        });
    both.resize(kept);
    std::vector<EntityRef> candidates;
    for (const auto& [kind, e] : both) {
        graph.nodes.push_back({kind, std::string(e.slug), names(type_prefix(kind), std::string(e.slug)), e.count});
        candidates.push_back({kind, std::string(e.slug), e.ordinal});
    }
    for (const auto& [pair, both] : source.pairs_among(candidates))
        if (both >= graph.min_weight) graph.edges.push_back({pair.first, pair.second, both});
    std::sort(graph.edges.begin(), graph.edges.end(), [](const GraphEdge& a, const GraphEdge& b) {
        return std::tie(b.weight, a.source, a.target) < std::tie(a.weight, b.source, b.target);
    });
    return graph;
}

}  // namespace newsdex::analytics
