// The co-occurrence graph: exact pair counts among a bounded candidate set.
//
// The candidates are the request.graph_nodes entities the matches name most.
// For each candidate c, one match of the query filtered by c counts every
// entity named together with c; the count of candidate e there is the number
// of matching articles naming both c and e -- exact, and only pairs of
// candidates are reported, so no reported count misses an article.  The
// work is the sum of the candidates' match counts (at most graph_nodes x
// matches), never the matches squared.
#include "analytics.h"

#include <algorithm>
#include <tuple>
#include <unordered_map>

namespace newsdex::analytics {

CooccurrenceGraph cooccurrence_graph(const Xapian::Database& db, const Xapian::Query& query, const Tally& all,
                                     const SearchRequest& request, const NameLookup& names) {
    CooccurrenceGraph graph;
    graph.matches = all.matches;
    graph.min_weight = std::max<std::uint64_t>(1, request.graph_min_weight);
    for (EntityKind type : {EntityKind::Company, EntityKind::Person})
        for (const auto& [slug, count] : all.counts[static_cast<std::size_t>(type)])
            graph.nodes.push_back({type, slug, std::string(), count});
    const std::size_t kept = std::min(request.graph_nodes, graph.nodes.size());
    std::partial_sort(graph.nodes.begin(), graph.nodes.begin() + static_cast<std::ptrdiff_t>(kept), graph.nodes.end(),
                      [](const GraphNode& a, const GraphNode& b) {
                          return std::tie(b.count, a.type, a.id) < std::tie(a.count, b.type, b.id);
                      });
    graph.nodes.resize(kept);
    std::array<std::unordered_map<std::string, std::size_t>, kTypes> index;
    for (std::size_t i = 0; i < graph.nodes.size(); ++i) {
        GraphNode& node = graph.nodes[i];
        node.name = names(type_prefix(node.type), node.id);
        index[static_cast<std::size_t>(node.type)].emplace(node.id, i);
    }
    // Each pair once: from the first of its two nodes' filtered matches.
    for (std::size_t i = 0; i + 1 < graph.nodes.size(); ++i) {
        const GraphNode& node = graph.nodes[i];
        const Tally together = tally(
            db, Xapian::Query(Xapian::Query::OP_FILTER, query, Xapian::Query(std::string(type_prefix(node.type)) + node.id)),
            true, true, false);
        for (std::size_t t = 0; t < kTypes; ++t)
            for (const auto& [slug, both] : together.counts[t]) {
                auto at = index[t].find(slug);
                if (at == index[t].end() || at->second <= i || both < graph.min_weight) continue;
                graph.edges.push_back({i, at->second, both});
            }
    }
    std::sort(graph.edges.begin(), graph.edges.end(), [](const GraphEdge& a, const GraphEdge& b) {
        return std::tie(b.weight, a.source, a.target) < std::tie(a.weight, b.source, b.target);
    });
    return graph;
}

}  // namespace newsdex::analytics
