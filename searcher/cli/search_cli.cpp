#include "search_cli.h"

#include "analytics_output.h"
#include "export.h"
#include "layout.h"
#include "text_output.h"

#include "cli/cli.h"
#include "cli/terminal.h"
#include "newsdex/newsdex.h"

#include <boost/program_options.hpp>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <optional>
#include <cstdio>
#include <iostream>

namespace po = boost::program_options;

namespace newsdex::cli {

namespace {

const char* kUsage =
    "Usage: newsdex-search [options] QUERY...\n"
    "       newsdex-search [options] --show ID [QUERY...]\n"
    "       newsdex-search [--json] [-n N] --values FIELD [--prefix TEXT]\n"
    "Search a newsdex database, or print one whole article (--show) with QUERY's\n"
    "words highlighted.  Query syntax (docs/query-syntax.md): words, \"phrases\",\n"
    "AND OR NOT, +word -word, (groups), title:word, econ*, company:NAME,\n"
    "person:NAME, org:NAME, source:NAME, date:2015-09, date:2015..2016-06,\n"
    "after:2016, before:2015-03-01.  A query starting with - goes after --.\n\n"
    "Entity analytics of the matches: --related 'company:alibaba' (or any query),\n"
    "--significant, --trend, --graph FILE.json|FILE.graphml (docs/cli.md).\n\n"
    "Exit status: 0 something matched, 1 nothing matched (or no article ID),\n"
    "2 bad query or option (also: --related with an entity the archive does not\n"
    "know), 3 system error.\n";

const std::vector<Choice<SortOrder>> kSortChoices = {
    {"relevance", SortOrder::Relevance}, {"newest", SortOrder::Newest}, {"oldest", SortOrder::Oldest}};
const std::vector<Choice<DateGranularity>> kGranularityChoices = {{"auto", DateGranularity::Auto},
                                                                  {"year", DateGranularity::Year},
                                                                  {"month", DateGranularity::Month},
                                                                  {"day", DateGranularity::Day}};
const std::vector<Choice<FacetField>> kFacetChoices = {
    {"company", FacetField::Company}, {"person", FacetField::Person},    {"date", FacetField::Date},
    {"source", FacetField::Source},   {"org", FacetField::Organization}, {"topic", FacetField::Topic},
    {"place", FacetField::Place},     {"author", FacetField::Author},    {"lang", FacetField::Language}};

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
    double days = unit.empty() || unit == "d" ? value
                  : unit == "h"               ? value / 24
                  : unit == "w"               ? value * 7
                  : unit == "m"               ? value * 30
                  : unit == "y"               ? value * 365
                                              : -1;
    if (used == 0 || days <= 0 || !std::isfinite(days))
        throw UserError("--recency: invalid half-life '" + text + "' (e.g. 30d, 12h, 2w, 1y)");
    return days;
}

const std::vector<Choice<Format>> kFormatChoices = {{"text", Format::Text},
                                                    {"json", Format::Json},
                                                    {"jsonl", Format::Jsonl},
                                                    {"csv", Format::Csv},
                                                    {"tsv", Format::Tsv}};
const std::vector<Choice<ColorMode>> kColorChoices = {
    {"auto", ColorMode::Auto}, {"always", ColorMode::Always}, {"never", ColorMode::Never}};

/// Exit status when nothing matched (or --show names no article), as grep's.
constexpr int kNothingMatched = 1;
/// Hits per search while --all pages through the matches: the memory bound.
constexpr std::size_t kExportPage = 1000;

/// The command line, as given.
struct Options {
    std::vector<std::string> dbs, words, filters;
    std::string limit = "10", offset = "0", facet_limit = "10", facet_offset = "0";
    std::string facets = "company,person,date", granularity = "auto", sort = "relevance", recency;
    std::string format, color = "auto", show, values, prefix;
    std::string min_count = "3", trend_limit = "5", graph, graph_nodes = "50", graph_min_weight = "1";
    po::variables_map vm;
    bool given(const char* option) const { return vm.count(option) > 0 && !vm[option].defaulted(); }
};

po::options_description describe(Options& o) {
    po::options_description options("Options");
    options.add_options()("help,h", "show this help")("version", "print the version")(
        "db", po::value(&o.dbs),
        "database (repeatable; a newsdex directory, Xapian database or stub file "
        "listing remote shards); default $NEWSDEX_DB, else ./newsdex.db")(
        "limit,n", po::value(&o.limit), "hits to show (default 10)")("offset", po::value(&o.offset),
                                                                     "hits to skip (default 0)")(
        "format", po::value(&o.format), "text (default), json, jsonl (one hit per line), csv, tsv (one row per hit)")(
        "json", "the same as --format json: one JSON document (docs/json-output.md)")(
        "all", "export every match (with --format jsonl, csv or tsv), streamed page by page")(
        "count", "print only the number of matches")(
        "show", po::value(&o.show), "print the whole article with this id; QUERY words are highlighted")(
        "values", po::value(&o.values),
        "list the values of a filter field (company, person, org, source, lang, "
        "topic, place, author) with their article counts; -n, --offset page them")(
        "prefix", po::value(&o.prefix), "with --values: only values whose id or a word of it starts with this")(
        "facets", po::value(&o.facets),
        "facets to count: company,person,date,source,org,topic,place,author,lang or none "
        "(default company,person,date)")("facet-limit", po::value(&o.facet_limit), "values per facet (default 10)")(
        "facet-offset", po::value(&o.facet_offset), "values to skip per facet but date, to page (default 0)")(
        "date-granularity", po::value(&o.granularity), "date facet buckets: auto, year, month, day")(
        "sort", po::value(&o.sort), "relevance (default), newest, oldest")(
        "recency", po::value(&o.recency), "blend relevance with recency, half-life such as 30d, 12h, 1y")(
        "filter", po::value(&o.filters), "extra clause every hit must match, e.g. company:ibm (repeatable)")(
        "collapse", "fold identical copies of an article into its best hit (+N similar) before the page is cut")(
        "no-collapse", "the default: every article is a hit of its own, a copy of a hit above says so")(
        "collapse-similar", "fold near-identical articles (updates, corrections) into one hit too, not only copies")(
        "explain", "show what made each hit's score: BM25 per query word, then the bonuses")(
        "no-headline-bonus", "rank without the bonus for query words in the headline")(
        "no-proximity", "rank without the bonus for the query's words standing close together")(
        "no-entity-match", "do not also match and boost articles naming a person or company the query names")(
        "no-surname-match", "do not take a query word that is a known person's surname as naming that person")(
        "no-lead-bonus", "rank without the bonus for an article naming the query's person or company in its lead")(
        "no-company-name-penalty", "rank without the penalty for a query word that is part of a company's name")(
        "no-table-penalty", "rank without the penalty for an article that is a table of figures")(
        "no-or-fallback", "when a query matches under a page of articles, show only those, not then those matching any word")(
        "no-acronyms", "do not also match an acronym for its long form (GNP for gross national product) and back")(
        "expansion", "query expansion: also rank by the terms that stand out in the best hits (off by default)")(
        "exact", "count every match exactly even without facets")(
        "color", po::value(&o.color), "colour: auto (a terminal, NO_COLOR unset), always, never");
    po::options_description analytics("Entity analytics (over every match; docs/cli.md)");
    analytics.add_options()("related",
                            "the companies and persons the matches name most, the query's own left out, with a "
                            "strength score (G2 vs the archive); e.g. --related 'company:alibaba'")(
        "significant", "the entities over-represented in the matches compared with the whole archive")(
        "min-count", po::value(&o.min_count), "with --significant: matches an entity must appear in (default 3)")(
        "trend", "counts per date bucket of the most frequent companies and persons, one sparkline each")(
        "trend-limit", po::value(&o.trend_limit), "with --trend: companies and persons each (default 5)")(
        "graph", po::value(&o.graph),
        "write the co-occurrence graph of the matches to FILE.json (node-link) "
        "or FILE.graphml")("graph-nodes", po::value(&o.graph_nodes),
                           "with --graph: the most frequent entities kept as nodes (default 50)")(
        "graph-min-weight", po::value(&o.graph_min_weight),
        "with --graph: leave out pairs named together in fewer matches (default 1)");
    options.add(analytics);
    return options;
}

/// An unknown option such as "-apple" is most likely a query word meant as NOT.
bool looks_like_negated_word(const std::string& option) {
    std::size_t start = option.find_first_not_of('-');
    return start == 1 && option.size() > 2 && std::all_of(option.begin() + 1, option.end(), [](char c) {
               return static_cast<unsigned char>(c) >= 0x80 || std::isalnum(static_cast<unsigned char>(c));
           });
}

/// Parse the command line; false after --help or --version (exit 0).
bool parse(int argc, char** argv, Options& o) {
    po::options_description options = describe(o);
    try {
        if (!parse_command_line(argc, argv, options, o.words, kUsage, o.vm)) return false;
    } catch (const po::unknown_option& e) {
        std::string option = e.get_option_name();
        std::string message = std::string("unknown option '") + printable(option) + "'";
        if (looks_like_negated_word(option))
            message += "; to leave out articles with '" + printable(option.substr(1)) +
                       "', put the query after --: newsdex-search -- '" + printable(option) + "'";
        throw UserError(message);
    }
    if (o.vm.count("version")) {
        std::printf("%s\n", version_line("newsdex-search").c_str());
        return false;
    }
    return true;
}

/// --values lists a field over the whole archive: no query, no hits.
void check_values_conflicts(const Options& o, Format format) {
    const bool values = o.given("values");
    if (o.given("prefix") && !values) throw UserError("--prefix needs --values FIELD");
    if (!values) return;
    for (const char* option :
         {"show", "count", "all", "facets", "facet-limit", "facet-offset", "sort", "recency", "filter"})
        if (o.vm.count(option) && !o.vm[option].defaulted())
            throw UserError(std::string("--values and --") + option + " cannot be combined: --values lists a field");
    if (!o.words.empty())
        throw UserError("--values counts over the whole archive and takes no query (got '" + printable(o.words[0]) +
                        "')");
    if (format != Format::Text && format != Format::Json)
        throw UserError("--values and --format " + o.format +
                        " cannot be combined: values are printed as text or json");
}

/// Analytics are a search's: not with --show, --values, --count, --all or rows.
void check_analytics_conflicts(const Options& o, Format format) {
    const char* asked = nullptr;
    for (const char* option : {"related", "significant", "trend", "graph"})
        if (o.vm.count(option) && !asked) asked = option;
    for (const char* option : {"min-count", "trend-limit", "graph-nodes", "graph-min-weight"}) {
        const std::string needs = std::string(option) == "min-count"     ? "significant"
                                  : std::string(option) == "trend-limit" ? "trend"
                                                                         : "graph";
        if (o.given(option) && !o.vm.count(needs)) throw UserError(std::string("--") + option + " needs --" + needs);
    }
    if (!asked) return;
    for (const char* option : {"show", "values", "count", "all"})
        if (o.vm.count(option))
            throw UserError(std::string("--") + asked + " and --" + option +
                            " cannot be combined: entity analytics describe a search's matches");
    if (format != Format::Text && format != Format::Json)
        throw UserError(std::string("--") + asked + " and --format " + o.format +
                        " cannot be combined: analytics are printed as text or json");
    if (o.vm.count("graph")) graph_format(o.graph);  // a bad name fails before the search
}

/// Options that cannot go together: an error rather than one silently ignored.
void check_conflicts(const Options& o, Format format) {
    auto conflict = [](const std::string& a, const std::string& b, const std::string& why) {
        throw UserError(a + " and " + b + " cannot be combined: " + why);
    };
    if (o.vm.count("json") && o.given("format") && format != Format::Json)
        conflict("--json", "--format " + o.format, "--json is --format json");
    if (!o.recency.empty() && o.sort != "relevance")
        conflict("--recency", "--sort " + o.sort,
                 "--recency reorders relevance by age; --sort " + o.sort + " orders by date alone");
    const bool show = o.given("show"), count = o.vm.count("count") > 0, all = o.vm.count("all") > 0;
    for (const char* option :
         {"limit", "offset", "facets", "facet-limit", "facet-offset", "sort", "recency", "filter"}) {
        if (show && o.given(option)) conflict("--show", std::string("--") + option, "--show prints one article");
        if (all && (std::string(option) == "limit" || std::string(option) == "offset") && o.given(option))
            conflict("--all", std::string("--") + option, "--all exports every match");
    }
    check_values_conflicts(o, format);
    check_analytics_conflicts(o, format);
    if (show && (all || count)) conflict("--show", all ? "--all" : "--count", "--show prints one article");
    if (count && all) conflict("--count", "--all", "--count prints only the number");
    for (const char* folding : {"collapse", "collapse-similar"})
        if (o.vm.count("no-collapse") && o.vm.count(folding))
            conflict("--no-collapse", std::string("--") + folding,
                     std::string("--") + folding +
                         (std::string(folding) == "collapse" ? " folds copies" : " folds near-duplicates") +
                         ", --no-collapse nothing");
    // Recency re-ranks the top hits against the newest of them: pages of
    // growing depth would rank differently, repeating or skipping rows.
    if (all && !o.recency.empty()) conflict("--all", "--recency", "--all exports by relevance or by date");
    if (count && (o.given("format") || o.vm.count("json")))
        conflict("--count", "--format", "--count prints only the number");
    if (show && format != Format::Text && format != Format::Json)
        conflict("--show", "--format " + o.format, "an article is printed as text or json");
    if (all && format != Format::Jsonl && format != Format::Csv && format != Format::Tsv)
        conflict("--all", "--format " + (o.format.empty() ? std::string("text") : o.format),
                 "--all streams rows: use --format jsonl, csv or tsv");
}

SearchRequest make_request(const Options& o) {
    SearchRequest request;
    for (std::size_t i = 0; i < o.words.size(); ++i) request.query += (i ? " " : "") + o.words[i];
    request.filters = o.filters;
    // Bounded so that offset + limit hits (per shard) stay a sane amount of memory.
    request.limit = parse_count("--limit", o.limit, 0, 100000);
    request.offset = parse_count("--offset", o.offset, 0, 1000000);
    request.facets = parse_facets(o.facets);
    request.facet_limit = parse_count("--facet-limit", o.facet_limit, 1, 100000);
    request.facet_offset = parse_count("--facet-offset", o.facet_offset, 0, 1000000);
    request.date_granularity = parse_choice("--date-granularity", o.granularity, kGranularityChoices);
    request.sort = parse_choice("--sort", o.sort, kSortChoices);
    if (!o.recency.empty()) request.recency_half_life_days = parse_half_life(o.recency);
    request.collapse_similar = o.vm.count("collapse-similar") > 0;
    request.collapse_duplicates = o.vm.count("collapse") > 0 || request.collapse_similar;
    request.ranking.explain = o.vm.count("explain") > 0;
    request.ranking.headline = o.vm.count("no-headline-bonus") == 0;
    request.ranking.proximity = o.vm.count("no-proximity") == 0;
    request.ranking.entities = o.vm.count("no-entity-match") == 0;
    request.ranking.company_names = o.vm.count("no-company-name-penalty") == 0;
    request.ranking.tables = o.vm.count("no-table-penalty") == 0;
    request.ranking.lead = o.vm.count("no-lead-bonus") == 0;
    request.ranking.surnames = o.vm.count("no-surname-match") == 0;
    request.ranking.or_fallback = o.vm.count("no-or-fallback") == 0;
    request.ranking.expansion = o.vm.count("expansion") > 0;
    request.ranking.acronyms = o.vm.count("no-acronyms") == 0;
    request.exact_total = o.vm.count("exact") > 0;
    request.related = o.vm.count("related") > 0;
    request.significant = o.vm.count("significant") > 0;
    request.trend = o.vm.count("trend") > 0;
    request.cooccurrence = o.vm.count("graph") > 0;
    request.related_limit = request.facet_limit;
    request.significant_min_count = parse_count("--min-count", o.min_count, 1, 1000000000);
    request.trend_limit = parse_count("--trend-limit", o.trend_limit, 1, 1000);
    request.graph_nodes = parse_count("--graph-nodes", o.graph_nodes, 2, kMaxGraphNodes);
    request.graph_min_weight = parse_count("--graph-min-weight", o.graph_min_weight, 1, 1000000000);
    // The analytics tables take the place of the facet panel unless --facets says otherwise.
    if ((request.related || request.significant || request.trend || request.cooccurrence) && !o.given("facets"))
        request.facets.clear();
    return request;
}

SearchResult run_search(Searcher& searcher, const SearchRequest& request) {
    try {
        return searcher.search(request);
    } catch (const UserError& e) {
        throw UserError(printable(e.what()));  // it may quote the query
    }
}

int show_article(Searcher& searcher, const Options& o, const SearchRequest& request, Format format,
                 const TextLayout& layout) {
    std::optional<StoredArticle> article;
    try {
        article = searcher.article(o.show, request.query);
    } catch (const UserError& e) {
        throw UserError(printable(e.what()));
    }
    if (!article) {
        std::fprintf(stderr, "newsdex-search: no article with id '%s'\n", printable(o.show).c_str());
        return kNothingMatched;
    }
    if (format == Format::Json)
        std::printf("%s\n", to_json(*article).c_str());
    else
        print_article(*article, layout);
    return kOk;
}

int list_values(Searcher& searcher, const Options& o, const SearchRequest& request, Format format,
                const TextLayout& layout) {
    FieldValues values = searcher.values(o.values, o.prefix, request.limit, request.offset);
    if (format == Format::Json)
        std::printf("%s\n", to_json(values).c_str());
    else
        print_values(values, layout);
    return values.distinct ? kOk : kNothingMatched;  // as a search: values beyond the page count
}

int count_matches(Searcher& searcher, SearchRequest request) {
    const bool blank = request.query.find_first_not_of(" \t\r\n") == std::string::npos && request.filters.empty();
    std::uint64_t total = 0;
    if (blank) {
        total = searcher.article_count();
    } else {
        request.limit = 0;
        request.offset = 0;
        request.facets.clear();
        request.snippets = false;
        request.exact_total = true;
        request.ranking.or_fallback = false;  // the query's matches, not a page filled with partial ones
        total = run_search(searcher, request).total;
    }
    std::printf("%llu\n", static_cast<unsigned long long>(total));
    return total ? kOk : kNothingMatched;
}

/// Rows for every match, one page of kExportPage hits at a time: memory stays
/// bounded however many match.
int export_all(Searcher& searcher, SearchRequest request, Format format) {
    RowWriter writer(format, stdout);
    writer.header();
    request.facets.clear();
    request.ranking.or_fallback = false;  // every match of the query, not a page filled with partial ones
    request.limit = kExportPage;
    request.snippets = format == Format::Jsonl;
    std::size_t rows = 0;
    for (request.offset = 0;; request.offset += kExportPage) {
        SearchResult page = run_search(searcher, request);
        for (const auto& hit : page.hits) writer.row(hit);
        rows += page.hits.size();
        std::fflush(stdout);
        if (page.hits.size() < kExportPage) break;
    }
    return rows ? kOk : kNothingMatched;
}

}  // namespace

int search_main(int argc, char** argv) {
    return run("newsdex-search", [&]() -> int {
        Options o;
        if (!parse(argc, argv, o)) return kOk;
        Format format = o.vm.count("json") ? Format::Json : Format::Text;
        if (o.given("format")) format = parse_choice("--format", o.format, kFormatChoices);
        check_conflicts(o, format);
        SearchRequest request = make_request(o);
        TextLayout layout{style_for(parse_choice("--color", o.color, kColorChoices), stdout), output_width(stdout)};
        std::vector<std::string> dbs = o.dbs;
        if (dbs.empty()) dbs.push_back(default_db_path());

        Searcher searcher(dbs);
        if (o.given("show")) return show_article(searcher, o, request, format, layout);
        if (o.given("values")) return list_values(searcher, o, request, format, layout);
        if (o.vm.count("count")) return count_matches(searcher, request);
        if (o.vm.count("all")) return export_all(searcher, request, format);
        const bool rows = format == Format::Jsonl || format == Format::Csv || format == Format::Tsv;
        if (rows) request.snippets = format == Format::Jsonl;
        SearchResult result = run_search(searcher, request);
        if (result.graph) write_graph(*result.graph, o.graph);
        if (format == Format::Json) {
            std::printf("%s\n", to_json(result).c_str());
        } else if (rows) {
            RowWriter writer(format, stdout);
            writer.header();
            for (const auto& hit : result.hits) writer.row(hit);
        } else {
            std::string label = dbs.size() == 1 ? dbs[0] : std::to_string(dbs.size()) + " databases";
            print_result(result, request, label, layout);
            print_analytics(result, layout);
            if (result.graph)
                std::printf("%s%s: %zu nodes, %zu edges%s\n", layout.style.dim.c_str(), printable(o.graph).c_str(),
                            result.graph->nodes.size(), result.graph->edges.size(), layout.style.reset.c_str());
        }
        return result.total ? kOk : kNothingMatched;
    });
}

}  // namespace newsdex::cli
