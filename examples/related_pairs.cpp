// The entities named together most often in the articles matching a query:
// the co-occurrence graph of newsdex's entity analytics, its heaviest edges.
//   related_pairs DB QUERY [PAIRS]
#include <newsdex/newsdex.h>

#include <cstdlib>
#include <iostream>

int main(int argc, char** argv) {
    if (argc < 3) {
        std::cerr << "usage: related_pairs DB QUERY [PAIRS]\n";
        return 2;
    }
    const std::size_t pairs = argc > 3 ? std::strtoul(argv[3], nullptr, 10) : 10;
    try {
        newsdex::Searcher searcher({argv[1]});
        newsdex::SearchRequest request;
        request.query = argv[2];
        request.limit = 0;  // no hits: only the analytics
        request.facets = {};
        request.cooccurrence = true;
        request.graph_nodes = 30;  // pairs are counted exactly among the 30 most frequent entities
        newsdex::SearchResult result = searcher.search(request);

        const newsdex::CooccurrenceGraph& graph = *result.graph;
        std::cout << graph.matches << " articles match \"" << result.query << "\"; top co-occurring pairs:\n";
        auto label = [&](std::size_t node) {
            const newsdex::GraphNode& n = graph.nodes[node];
            return std::string(newsdex::entity_kind_name(n.type)) + " " + n.name;
        };
        // Edges come heaviest first.
        for (std::size_t i = 0; i < graph.edges.size() && i < pairs; ++i) {
            const newsdex::GraphEdge& e = graph.edges[i];
            std::cout << "  " << e.weight << "  " << label(e.source) << " + " << label(e.target) << "\n";
        }
    } catch (const newsdex::UserError& e) {
        std::cerr << "bad query: " << e.what() << "\n";
        return 2;
    } catch (const newsdex::SystemError& e) {
        std::cerr << "error: " << e.what() << "\n";
        return 3;
    }
    return 0;
}
