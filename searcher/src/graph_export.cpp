// The co-occurrence graph as files other tools read (docs/json-output.md,
// "Co-occurrence graph files"): node-link JSON and GraphML.
#include "newsdex/search.h"

#include <nlohmann/json.hpp>

namespace newsdex {

namespace {

/// "company:ibm": unique across types (a company and a person may share a slug).
std::string node_key(const GraphNode& node) { return std::string(entity_kind_name(node.type)) + ":" + node.id; }

std::string xml_escaped(const std::string& text) {
    std::string out;
    for (char c : text) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            default:
                // Control characters are not allowed in XML 1.0 (but tab, LF, CR).
                if (static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n' && c != '\r')
                    out += ' ';
                else
                    out += c;
        }
    }
    return out;
}

}  // namespace

std::string graph_to_json(const CooccurrenceGraph& graph) {
    nlohmann::json nodes = nlohmann::json::array(), links = nlohmann::json::array();
    for (const auto& n : graph.nodes)
        nodes.push_back({{"id", node_key(n)},
                         {"type", entity_kind_name(n.type)},
                         {"slug", n.id},
                         {"name", n.name},
                         {"count", n.count}});
    for (const auto& e : graph.edges)
        links.push_back({{"source", node_key(graph.nodes.at(e.source))},
                         {"target", node_key(graph.nodes.at(e.target))},
                         {"weight", e.weight}});
    nlohmann::json doc = {
        {"directed", false},
        {"multigraph", false},
        {"graph", {{"matches", graph.matches}, {"min_weight", graph.min_weight}}},
        {"nodes", nodes},
        {"links", links},
    };
    return doc.dump(1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

std::string graph_to_graphml(const CooccurrenceGraph& graph) {
    std::string out =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">\n"
        "  <key id=\"type\" for=\"node\" attr.name=\"type\" attr.type=\"string\"/>\n"
        "  <key id=\"name\" for=\"node\" attr.name=\"name\" attr.type=\"string\"/>\n"
        "  <key id=\"count\" for=\"node\" attr.name=\"count\" attr.type=\"long\"/>\n"
        "  <key id=\"weight\" for=\"edge\" attr.name=\"weight\" attr.type=\"long\"/>\n"
        "  <graph id=\"cooccurrence\" edgedefault=\"undirected\">\n";
    for (const auto& n : graph.nodes)
        out += "    <node id=\"" + xml_escaped(node_key(n)) + "\"><data key=\"type\">" + entity_kind_name(n.type) +
               "</data><data key=\"name\">" + xml_escaped(n.name) + "</data><data key=\"count\">" +
               std::to_string(n.count) + "</data></node>\n";
    for (const auto& e : graph.edges)
        out += "    <edge source=\"" + xml_escaped(node_key(graph.nodes.at(e.source))) + "\" target=\"" +
               xml_escaped(node_key(graph.nodes.at(e.target))) + "\"><data key=\"weight\">" + std::to_string(e.weight) +
               "</data></edge>\n";
    out += "  </graph>\n</graphml>\n";
    return out;
}

}  // namespace newsdex
