// newsdex-search's terminal output for entity analytics (--related,
// --significant, --trend) and the --graph file.
#pragma once

#include "text_output.h"

#include <string>

namespace newsdex::cli {

/// The related, significant and trend tables of `r`, each when present.
void print_analytics(const SearchResult& r, const TextLayout& layout);

/// A sparkline of `counts` (one cell per count, "·" for 0), at most
/// `width` cells: neighbouring counts are summed into one cell when there
/// are more.  `*cell_of` receives how many counts each cell holds.
std::string sparkline(const std::vector<std::uint64_t>& counts, std::size_t width, std::size_t peak,
                      const term::Style& style, std::size_t* counts_per_cell = nullptr);

/// Graph file formats of --graph, chosen by the file name's ending.
enum class GraphFormat { Json, GraphML };

/// The format of --graph FILE: ".json" or ".graphml"; UserError otherwise.
GraphFormat graph_format(const std::string& path);

/// Write the graph to `path` in the format its name asks for; SystemError
/// when it cannot be written.
void write_graph(const CooccurrenceGraph& graph, const std::string& path);

}  // namespace newsdex::cli
