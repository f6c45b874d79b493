#include "search_cli.h"

#include "common/cli.h"
#include "common/terminal.h"
#include "newsdex/newsdex.h"

#include <boost/program_options.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <iostream>

namespace po = boost::program_options;

namespace newsdex::cli {

namespace {

const char* kUsage =
    "Usage: newsdex-search [options] QUERY...\n"
    "Search a newsdex database.  Query syntax (docs/query-syntax.md): words,\n"
    "\"phrases\", AND OR NOT, +word -word, (groups), title:word, econ*, company:NAME,\n"
    "person:NAME, org:NAME, source:NAME, date:2015-09, date:2015..2016-06,\n"
    "after:2016, before:2015-03-01.\n\n"
    "Exit status: 0 ok (with or without hits), 2 bad query or option, 3 system error.\n";

const std::vector<Choice<SortOrder>> kSortChoices = {
    {"relevance", SortOrder::Relevance}, {"newest", SortOrder::Newest}, {"oldest", SortOrder::Oldest}};
const std::vector<Choice<DateGranularity>> kGranularityChoices = {
    {"auto", DateGranularity::Auto}, {"year", DateGranularity::Year},
    {"month", DateGranularity::Month}, {"day", DateGranularity::Day}};
const std::vector<Choice<FacetField>> kFacetChoices = {
    {"company", FacetField::Company}, {"person", FacetField::Person}, {"date", FacetField::Date}};

std::vector<FacetField> parse_facets(const std::string& list) {
    std::vector<FacetField> out;
    if (list == "none" || list.empty()) return out;
    std::size_t start = 0;
    while (start <= list.size()) {
        auto comma = list.find(',', start);
        std::string name = list.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
        if (!name.empty()) {
            FacetField f = parse_choice("--facets", name, kFacetChoices);
            if (std::find(out.begin(), out.end(), f) == out.end()) out.push_back(f);
        }
        if (comma == std::string::npos) break;
        start = comma + 1;
    }
    return out;
}

/// `text` with control characters (C0, DEL, C1) shown as escapes, so that
/// a query or a message quoting one cannot drive the terminal.
std::string printable(const std::string& text) {
    std::string out;
    char buf[12];
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        const bool c1 = c == 0xC2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) >= 0x80 &&
                        static_cast<unsigned char>(text[i + 1]) <= 0x9F;
        if (c < 0x20 || c == 0x7F) {
            std::snprintf(buf, sizeof buf, "\\x%02X", c);
            out += buf;
        } else if (c1) {
            std::snprintf(buf, sizeof buf, "\\u%04X", static_cast<unsigned char>(text[++i]));
            out += buf;
        } else {
            out += text[i];
        }
    }
    return out;
}

/// A whole number option in [low, high]; the message gives the range.
std::size_t parse_count(const char* option, const std::string& text, std::size_t low, std::size_t high) {
    std::size_t value = 0;
    bool ok = !text.empty() && text.size() <= 19 && text.find_first_not_of("0123456789") == std::string::npos;
    if (ok) value = std::stoull(text);
    if (!ok || value < low || value > high)
        throw UserError(std::string(option) + ": '" + printable(text) + "' is not a whole number from " +
                        term::thousands(low) + " to " + term::thousands(high));
    return value;
}

/// "30d", "12h", "2w", "1y", "45" (days) -> days.
double parse_half_life(const std::string& text) {
    std::size_t used = 0;
    double value = 0;
    try {
        value = std::stod(text, &used);
    } catch (const std::exception&) {
        used = 0;
    }
    std::string unit = text.substr(used);
    double days = unit.empty() || unit == "d" ? value : unit == "h" ? value / 24 : unit == "w" ? value * 7
                  : unit == "m" ? value * 30 : unit == "y" ? value * 365 : -1;
    if (used == 0 || days <= 0 || !std::isfinite(days))
        throw UserError("--recency: invalid half-life '" + text + "' (e.g. 30d, 12h, 2w, 1y)");
    return days;
}

/// Wrap text at `width` columns with an indent (keeps ANSI escapes intact).
std::string wrap(const std::string& text, std::size_t width, const std::string& indent) {
    std::string out = indent, word;
    std::size_t column = 0;
    auto flush = [&] {
        if (word.empty()) return;
        std::string visible;
        for (std::size_t i = 0; i < word.size(); ++i) {
            if (word[i] == '\033') {
                while (i < word.size() && word[i] != 'm') ++i;
                continue;
            }
            visible += word[i];
        }
        std::size_t w = term::display_width(visible);
        if (column > 0 && column + 1 + w > width) {
            out += "\n" + indent;
            column = 0;
        } else if (column > 0) {
            out += ' ';
            ++column;
        }
        out += word;
        column += w;
        word.clear();
    };
    for (char c : text) {
        if (c == ' ') flush();
        else word += c;
    }
    flush();
    return out;
}

void print_text(const SearchResult& r, const SearchRequest& request, const std::string& db_label) {
    term::Style s = term::Style::for_stream(stdout);
    std::string total = term::thousands(r.total);
    std::printf("%s%s%s %s for %s%s%s  %s(%.1f ms, %s)%s\n", s.bold.c_str(), total.c_str(),
                r.total_exact ? "" : "+", r.total == 1 ? "match" : "matches", s.bold.c_str(),
                r.query.empty() ? "(all)" : ("\"" + printable(r.query) + "\"").c_str(), s.reset.c_str(), s.dim.c_str(),
                r.elapsed_ms, db_label.c_str(), s.reset.c_str());
    if (!r.total_exact) std::printf("%s(+ means an estimate; --exact counts every match)%s\n", s.dim.c_str(), s.reset.c_str());
    for (const auto& n : r.notices)
        std::printf("%snote:%s %s\n", s.yellow.c_str(), s.reset.c_str(), printable(n).c_str());
    if (!r.suggestion.empty())
        std::printf("did you mean: %s%s%s\n", s.bold.c_str(), printable(r.suggestion).c_str(), s.reset.c_str());
    std::printf("\n");
    std::size_t rank_width = std::to_string(request.offset + r.hits.size()).size();
    for (const auto& h : r.hits) {
        std::string date = h.date.substr(0, 10);
        std::printf("%*zu. %s%s%s\n", static_cast<int>(rank_width), h.rank, s.bold.c_str(),
                    h.title.empty() ? "(untitled)" : h.title.c_str(), s.reset.c_str());
        std::string meta = date.empty() ? "" : date;
        if (!h.source.empty()) meta += (meta.empty() ? "" : " · ") + h.source;
        meta += (meta.empty() ? "" : " · ") + h.id;
        if (h.similar) meta += " · +" + std::to_string(h.similar) + " similar";
        std::string indent(rank_width + 2, ' ');
        std::printf("%s%s%s%s\n", indent.c_str(), s.cyan.c_str(), meta.c_str(), s.reset.c_str());
        if (!h.snippet.empty()) std::printf("%s\n", wrap(marked_snippet(h, s.bold + s.yellow, s.reset), 88, indent).c_str());
        std::printf("\n");
    }
    if (r.hits.empty() && r.total == 0) std::printf("No articles match.\n\n");

    // Facet panel: entity names with aligned counts, the date as a bar chart.
    for (const auto& f : r.facets) {
        if (f.field == FacetField::Date) continue;
        if (f.values.empty()) continue;
        std::printf("%s%s%s\n", s.bold.c_str(), f.field == FacetField::Company ? "Companies" : "Persons", s.reset.c_str());
        std::size_t name_width = 0, count_width = 0;
        for (const auto& v : f.values) {
            name_width = std::max(name_width, term::display_width(v.name));
            count_width = std::max(count_width, term::thousands(v.count).size());
        }
        name_width = std::min<std::size_t>(name_width, 40);
        for (const auto& v : f.values)
            std::printf("  %s %*s  %s%s%s\n", term::fit(v.name, name_width).c_str(), static_cast<int>(count_width),
                        term::thousands(v.count).c_str(), s.dim.c_str(), v.id.c_str(), s.reset.c_str());
        if (f.more) std::printf("  %s… and %s more%s\n", s.dim.c_str(), term::thousands(f.more).c_str(), s.reset.c_str());
        std::printf("\n");
    }
    for (const auto& f : r.facets) {
        if (f.field != FacetField::Date || f.values.empty()) continue;
        std::printf("%sDate%s %s(by %s)%s\n", s.bold.c_str(), s.reset.c_str(), s.dim.c_str(),
                    date_granularity_name(f.granularity), s.reset.c_str());
        std::uint64_t max = 1;
        std::size_t count_width = 1;
        for (const auto& v : f.values) {
            max = std::max(max, v.count);
            count_width = std::max(count_width, term::thousands(v.count).size());
        }
        const int bar_width = 40;
        for (const auto& v : f.values) {
            int cells8 = static_cast<int>(std::lround(static_cast<double>(v.count) * bar_width * 8 / max));
            std::string bar;
            for (int i = 0; i < cells8 / 8; ++i) bar += "█";
            static const char* partial[] = {"", "▏", "▎", "▍", "▌", "▋", "▊", "▉"};
            bar += partial[cells8 % 8];
            std::printf("  %-10s %*s %s%s%s\n", v.id.c_str(), static_cast<int>(count_width),
                        term::thousands(v.count).c_str(), s.green.c_str(), bar.c_str(), s.reset.c_str());
        }
        std::printf("\n");
    }
}

}  // namespace

int search_main(int argc, char** argv) {
    return run("newsdex-search", [&]() -> int {
        std::vector<std::string> dbs, words, filters;
        std::string limit = "10", offset = "0", facet_limit = "10";
        std::string facets = "company,person,date", granularity = "auto", sort = "relevance", recency;
        po::options_description options("Options");
        options.add_options()
            ("help,h", "show this help")
            ("db", po::value(&dbs), "database (repeatable; a newsdex directory, Xapian database or stub file "
                                    "listing remote shards); default $NEWSDEX_DB, else ./newsdex.db")
            ("limit,n", po::value(&limit), "hits to show (default 10)")
            ("offset", po::value(&offset), "hits to skip (default 0)")
            ("json", "print one JSON document (docs/json-output.md)")
            ("facets", po::value(&facets), "facets to count: company,person,date or none (default all three)")
            ("facet-limit", po::value(&facet_limit), "values per facet (default 10)")
            ("date-granularity", po::value(&granularity), "date facet buckets: auto, year, month, day")
            ("sort", po::value(&sort), "relevance (default), newest, oldest")
            ("recency", po::value(&recency), "blend relevance with recency, half-life such as 30d, 12h, 1y")
            ("filter", po::value(&filters), "extra clause every hit must match, e.g. company:ibm (repeatable)")
            ("no-collapse", "show near-identical articles separately")
            ("exact", "count every match exactly even without facets");
        po::variables_map vm;
        if (!parse_command_line(argc, argv, options, words, kUsage, vm)) return kOk;
        SearchRequest request;
        for (std::size_t i = 0; i < words.size(); ++i) request.query += (i ? " " : "") + words[i];
        request.filters = filters;
        // Bounded so that offset + limit hits (per shard) stay a sane amount of memory.
        request.limit = parse_count("--limit", limit, 0, 100000);
        request.offset = parse_count("--offset", offset, 0, 1000000);
        request.facets = parse_facets(facets);
        request.facet_limit = parse_count("--facet-limit", facet_limit, 1, 100000);
        request.date_granularity = parse_choice("--date-granularity", granularity, kGranularityChoices);
        request.sort = parse_choice("--sort", sort, kSortChoices);
        if (!recency.empty()) request.recency_half_life_days = parse_half_life(recency);
        request.collapse_duplicates = vm.count("no-collapse") == 0;
        request.exact_total = vm.count("exact") > 0;
        if (dbs.empty()) dbs.push_back(default_db_path());

        Searcher searcher(dbs);
        SearchResult result;
        try {
            result = searcher.search(request);
        } catch (const UserError& e) {
            throw UserError(printable(e.what()));  // it may quote the query
        }
        if (vm.count("json")) {
            std::printf("%s\n", to_json(result).c_str());
        } else {
            std::string label = dbs.size() == 1 ? dbs[0] : std::to_string(dbs.size()) + " databases";
            print_text(result, request, label);
        }
        return kOk;
    });
}

}  // namespace newsdex::cli
