#include "analytics_output.h"

#include "cli/cli.h"
#include "newsdex/error.h"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>

namespace newsdex::cli {

namespace {

void put(const std::string& text) { std::fwrite(text.data(), 1, text.size(), stdout); }

std::string score_text(double score) {
    char text[32];
    std::snprintf(text, sizeof text, "%.1f", score);
    return text;
}

/// One table of entities: name, count, (archive), score, id.
void print_entities(const char* heading, const std::vector<RelatedEntity>& list, bool archive,
                    const TextLayout& layout) {
    if (list.empty()) return;
    const term::Style& s = layout.style;
    std::size_t name_width = 4, count_width = 5, archive_width = 7, score_width = 5;
    for (const auto& e : list) {
        name_width = std::max(name_width, term::display_width(printable(e.name)));
        count_width = std::max(count_width, term::thousands(e.count).size());
        archive_width = std::max(archive_width, term::thousands(e.archive_count).size());
        score_width = std::max(score_width, score_text(e.score).size());
    }
    const std::size_t numbers = count_width + score_width + (archive ? archive_width + 2 : 0) + 4;
    const std::size_t room = layout.width > numbers + 22 ? layout.width - numbers - 22 : 10;
    name_width = std::min({name_width, std::size_t{40}, room});
    auto right = [](const std::string& text, std::size_t width) {
        return std::string(width > text.size() ? width - text.size() : 0, ' ') + text;
    };
    put(s.bold + heading + s.reset + "\n");
    std::string header = "  " + term::fit("name", name_width) + "  " + right("count", count_width);
    if (archive) header += "  " + right("archive", archive_width);
    header += "  " + right("score", score_width) + "  id";
    put(s.dim + header + s.reset + "\n");
    for (const auto& e : list) {
        std::string line =
            "  " + term::fit(printable(e.name), name_width) + "  " + right(term::thousands(e.count), count_width);
        if (archive) line += "  " + right(term::thousands(e.archive_count), archive_width);
        line += "  " + right(score_text(e.score), score_width) + "  " + s.dim + printable(e.id) + s.reset;
        put(line + "\n");
    }
    put("\n");
}

void print_lists(const char* what, const EntityLists& lists, bool archive, const TextLayout& layout) {
    if (lists.companies.empty() && lists.persons.empty()) {
        put(layout.style.bold + std::string(what) + layout.style.reset + ": none\n\n");
        return;
    }
    print_entities((std::string(what) + " companies").c_str(), lists.companies, archive, layout);
    print_entities((std::string(what) + " persons").c_str(), lists.persons, archive, layout);
}

void print_trends(const Trends& trends, const TextLayout& layout) {
    const term::Style& s = layout.style;
    std::string heading = s.bold + "Trend" + s.reset + " " + s.dim + "(by " + date_granularity_name(trends.granularity);
    if (!trends.buckets.empty()) heading += ", " + trends.buckets.front() + " … " + trends.buckets.back();
    put(heading + ")" + s.reset + "\n");
    if (trends.series.empty() || trends.buckets.empty()) {
        put("  no dated matches\n\n");
        return;
    }
    std::size_t name_width = 4, total_width = 5;
    for (const auto& t : trends.series) {
        name_width = std::max(name_width, term::display_width(printable(t.name)));
        total_width = std::max(total_width, term::thousands(t.total).size());
    }
    name_width = std::min(name_width, std::size_t{30});
    // Name, total, cells, then "peak 1987-04: 12".
    const std::size_t fixed = 2 + name_width + 2 + total_width + 2 + 2 + 5 + trends.buckets.front().size() + 2 + 6;
    const std::size_t cells = layout.width > fixed + 8 ? layout.width - fixed : 8;
    std::size_t per_cell = 1;
    for (const auto& t : trends.series) {
        const std::string line = sparkline(t.counts, cells, t.peak, s, &per_cell);
        put("  " + term::fit(printable(t.name), name_width) + "  " +
            std::string(total_width - std::min(total_width, term::thousands(t.total).size()), ' ') +
            term::thousands(t.total) + "  " + line + "  " + s.dim + "peak " + trends.buckets.at(t.peak) + ": " +
            term::thousands(t.counts.at(t.peak)) + s.reset + "\n");
    }
    if (per_cell > 1) put("  " + s.dim + "(each cell sums " + std::to_string(per_cell) + " buckets)" + s.reset + "\n");
    put("\n");
}

}  // namespace

std::string sparkline(const std::vector<std::uint64_t>& counts, std::size_t width, std::size_t peak,
                      const term::Style& style, std::size_t* counts_per_cell) {
    static const char* levels[] = {"▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"};
    const std::size_t per_cell =
        counts.empty() ? 1 : (counts.size() + std::max<std::size_t>(width, 1) - 1) / std::max<std::size_t>(width, 1);
    if (counts_per_cell) *counts_per_cell = per_cell;
    std::vector<std::uint64_t> cells;
    for (std::size_t i = 0; i < counts.size(); i += per_cell) {
        std::uint64_t sum = 0;
        for (std::size_t j = i; j < std::min(counts.size(), i + per_cell); ++j) sum += counts[j];
        cells.push_back(sum);
    }
    const std::uint64_t max = cells.empty() ? 0 : *std::max_element(cells.begin(), cells.end());
    const std::size_t peak_cell = peak / per_cell;
    std::string out;
    for (std::size_t i = 0; i < cells.size(); ++i) {
        if (cells[i] == 0) {
            out += style.dim + "·" + style.reset;
            continue;
        }
        const std::size_t level = std::clamp<std::size_t>((cells[i] * 8 + max - 1) / max, 1, 8) - 1;
        // The peak stands out in colour; without colour "peak ..." names it.
        if (i == peak_cell)
            out += style.bold + style.red + levels[level] + style.reset;
        else
            out += style.green + levels[level] + style.reset;
    }
    return out;
}

void print_analytics(const SearchResult& r, const TextLayout& layout) {
    if (r.related) print_lists("Related", *r.related, false, layout);
    if (r.significant) print_lists("Significant", *r.significant, true, layout);
    if (r.trends) print_trends(*r.trends, layout);
}

GraphFormat graph_format(const std::string& path) {
    static const std::vector<Choice<GraphFormat>> kGraphFormats = {{".json", GraphFormat::Json},
                                                                   {".graphml", GraphFormat::GraphML}};
    const auto dot = path.rfind('.');
    const std::string ending = dot == std::string::npos ? std::string() : path.substr(dot);
    for (const auto& c : kGraphFormats)
        if (c.name == ending) return c.value;
    throw UserError("--graph: '" + printable(path) + "' must end in .json (node-link JSON) or .graphml (GraphML)");
}

void write_graph(const CooccurrenceGraph& graph, const std::string& path) {
    const std::string text = graph_format(path) == GraphFormat::Json ? graph_to_json(graph) : graph_to_graphml(graph);
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    if (out) out.write(text.data(), static_cast<std::streamsize>(text.size()));
    if (!out || !out.flush())
        throw SystemError("--graph: cannot write '" + printable(path) + "': " + std::strerror(errno));
}

}  // namespace newsdex::cli
