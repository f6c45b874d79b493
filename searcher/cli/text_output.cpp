#include "text_output.h"

#include "layout.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string_view>
#include <unordered_map>

namespace newsdex::cli {

std::string printable(const std::string& text, bool keep_newlines) {
    std::string out;
    char buf[12];
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        const bool c1 = c == 0xC2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) >= 0x80 &&
                        static_cast<unsigned char>(text[i + 1]) <= 0x9F;
        if (c == '\n' && keep_newlines) {
            out += '\n';
        } else if (c < 0x20 || c == 0x7F) {
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

namespace {

/// `text` made printable, each highlight wrapped in `open` and `close`.
std::string styled(const std::string& text, const std::vector<Highlight>& highlights, const std::string& open,
                   const std::string& close, bool keep_newlines = false) {
    std::string out;
    std::size_t at = 0;
    for (const auto& h : highlights) {
        if (h.start < at || h.end > text.size() || h.start > h.end) continue;
        out += printable(text.substr(at, h.start - at), keep_newlines) + open +
               printable(text.substr(h.start, h.end - h.start), keep_newlines) + close;
        at = h.end;
    }
    return out + printable(text.substr(at), keep_newlines);
}

void put(const std::string& text) { std::fwrite(text.data(), 1, text.size(), stdout); }

/// "1987-03-26 · Reuters · reuters-42 · +2 similar" (the URL follows it)
std::string hit_meta(const Hit& h) {
    std::string meta = h.date.substr(0, 10);
    auto add = [&](const std::string& part) {
        if (!part.empty()) meta += (meta.empty() ? "" : " · ") + part;
    };
    add(h.source);
    // An id made from the canonical URL is the URL, shown whole after the meta.
    if (h.id != h.url) add(h.id);
    // A no-break space keeps "+2 similar" on one line.
    if (h.similar) add("+" + std::to_string(h.similar) + "\u00A0similar");
    return meta;
}

/// --explain: "score 7.12 = bm25 coffee 2.31 + bm25 prices 3.02 + headline (2 of 2 words) 1.79"
std::string explanation_line(const Hit& h) {
    auto number = [](double v) {
        char buf[32];
        std::snprintf(buf, sizeof buf, "%.2f", v);
        return std::string(buf);
    };
    std::string line = "score " + number(h.score) + " =";
    bool first = true;
    for (const auto& p : h.explanation) {
        std::string part = p.kind;
        if (!p.detail.empty()) part += p.kind == "bm25" ? " " + printable(p.detail) : " (" + printable(p.detail) + ")";
        line += (first         ? " "
                 : p.value < 0 ? " - "
                               : " + ") +
                part + " " + number(first || p.value >= 0 ? p.value : -p.value);
        first = false;
    }
    return line;
}

/// The least room a copy's title keeps on its line before its source and id
/// are left out.
constexpr std::size_t kCopyTitleRoom = 20;

/// The rank of the first hit of each id in `hits`: where a copy's original is
/// shown (built once, so a long page stays linear).
std::unordered_map<std::string_view, std::size_t> ranks_by_id(const std::vector<Hit>& hits) {
    std::unordered_map<std::string_view, std::size_t> ranks;
    for (const Hit& h : hits) ranks.try_emplace(h.id, h.rank);
    return ranks;
}

/// A copy of a hit above (`original` is that hit's rank) on one line: rank,
/// title cut to fit, "· copy of N", then which outlet carried the copy and its
/// id to open it, when the line leaves the title room to be read.
void print_copy_line(const Hit& h, std::size_t original, std::size_t rank_width, const TextLayout& layout) {
    const term::Style& s = layout.style;
    const std::size_t indent = rank_width + 2;
    const std::string rank = std::to_string(h.rank);
    std::string title = printable(h.title.empty() ? "(untitled)" : h.title);
    std::string tail = " · copy of " + std::to_string(original);
    const std::string where = (h.source.empty() ? "" : " · " + printable(h.source)) + " · " + printable(h.id);
    if (layout.width >= indent + term::display_width(tail + where) + kCopyTitleRoom) tail += where;
    const std::size_t room =
        layout.width > indent + term::display_width(tail) + 1 ? layout.width - indent - term::display_width(tail) : 1;
    if (term::display_width(title) > room) title = term::fit(title, room);
    put(std::string(rank_width - rank.size(), ' ') + rank + ". " + s.bold + title + s.reset + s.dim + tail + s.reset +
        "\n");
    if (!h.explanation.empty())
        put(wrap(s.dim + explanation_line(h) + s.reset, layout.width, std::string(indent, ' ')) + "\n");
    put("\n");
}

void print_hits(const SearchResult& r, const SearchRequest& request, const TextLayout& layout) {
    const term::Style& s = layout.style;
    const std::size_t rank_width = std::to_string(request.offset + r.hits.size()).size();
    const std::string indent(rank_width + 2, ' ');
    const auto ranks = ranks_by_id(r.hits);
    for (std::size_t i = 0; i < r.hits.size(); ++i) {
        const Hit& h = r.hits[i];
        std::string rank = std::to_string(h.rank);
        std::string title = printable(h.title.empty() ? "(untitled)" : h.title);
        const auto original_at = h.copy_of.empty() ? ranks.end() : ranks.find(h.copy_of);
        if (original_at != ranks.end() && original_at->second < h.rank) {
            print_copy_line(h, original_at->second, rank_width, layout);
            continue;
        }
        // The title wrapped under itself, its first indent replaced by the rank.
        std::string lines = wrap(s.bold + title + s.reset, layout.width, indent);
        lines.replace(0, indent.size(), std::string(rank_width - rank.size(), ' ') + rank + ". ");
        put(lines + "\n");
        std::string meta = wrap(s.cyan + hit_meta(h) + s.reset, layout.width, indent);
        // The URL whole (to copy or click): after the meta when it fits, else on its own line.
        if (!h.url.empty()) {
            const std::string url = printable(h.url);
            const std::size_t last_line = meta.rfind('\n') == std::string::npos ? 0 : meta.rfind('\n') + 1;
            if (visible_width(meta.substr(last_line)) + 3 + term::display_width(url) <= layout.width)
                meta += s.cyan + " · " + url + s.reset;
            else
                meta += "\n" + indent + s.cyan + url + s.reset;
        }
        put(meta + "\n");
        if (!h.snippet.empty())
            put(wrap(styled(h.snippet, h.highlights, s.bold + s.yellow, s.reset), layout.width, indent) + "\n");
        if (!h.explanation.empty()) put(wrap(s.dim + explanation_line(h) + s.reset, layout.width, indent) + "\n");
        put("\n");
    }
}

const char* facet_heading(FacetField field) {
    switch (field) {
        case FacetField::Company: return "Companies";
        case FacetField::Person: return "Persons";
        case FacetField::Source: return "Sources";
        case FacetField::Organization: return "Organizations";
        case FacetField::Topic: return "Topics";
        case FacetField::Place: return "Places";
        case FacetField::Author: return "Authors";
        case FacetField::Language: return "Languages";
        case FacetField::Date: return "Date";
    }
    return "?";
}

void print_entity_facet(const Facet& f, const TextLayout& layout) {
    const term::Style& s = layout.style;
    std::printf("%s%s%s\n", s.bold.c_str(), facet_heading(f.field), s.reset.c_str());
    std::size_t name_width = 0, count_width = 0;
    for (const auto& v : f.values) {
        name_width = std::max(name_width, term::display_width(v.name));
        count_width = std::max(count_width, term::thousands(v.count).size());
    }
    // Names get what the line leaves after the count and a short id.
    const std::size_t room = layout.width > count_width + 20 ? layout.width - count_width - 20 : 10;
    name_width = std::min({name_width, std::size_t{40}, room});
    for (const auto& v : f.values)
        std::printf("  %s %*s  %s%s%s\n", term::fit(printable(v.name), name_width).c_str(),
                    static_cast<int>(count_width), term::thousands(v.count).c_str(), s.dim.c_str(),
                    printable(v.id).c_str(), s.reset.c_str());
    if (f.more) std::printf("  %s… and %s more%s\n", s.dim.c_str(), term::thousands(f.more).c_str(), s.reset.c_str());
    std::printf("\n");
}

const char* bucket_plural(DateGranularity g) {
    return g == DateGranularity::Year ? "years" : g == DateGranularity::Day ? "days" : "months";
}

/// The date facet as bars.  When most buckets are empty (a few hits over a
/// long span), each run of two or more empty buckets is one "⋮" row.
void print_date_facet(const Facet& f, const TextLayout& layout) {
    const term::Style& s = layout.style;
    std::printf("%sDate%s %s(by %s)%s\n", s.bold.c_str(), s.reset.c_str(), s.dim.c_str(),
                date_granularity_name(f.granularity), s.reset.c_str());
    std::uint64_t max = 1;
    std::size_t count_width = 1, empty = 0;
    for (const auto& v : f.values) {
        max = std::max(max, v.count);
        count_width = std::max(count_width, term::thousands(v.count).size());
        empty += v.count == 0;
    }
    const bool fold = empty * 2 > f.values.size();
    const std::size_t used = 2 + 10 + 1 + count_width + 1;
    const int bar_width =
        static_cast<int>(std::clamp<std::size_t>(layout.width > used ? layout.width - used : 1, 1, 40));
    for (std::size_t i = 0; i < f.values.size(); ++i) {
        const auto& v = f.values[i];
        std::size_t run = 0;
        while (fold && i + run < f.values.size() && f.values[i + run].count == 0) ++run;
        if (run >= 2) {
            std::printf("  %s⋮ %zu empty %s%s\n", s.dim.c_str(), run, bucket_plural(f.granularity), s.reset.c_str());
            i += run - 1;
            continue;
        }
        int cells8 = static_cast<int>(std::lround(static_cast<double>(v.count) * bar_width * 8 / max));
        std::string bar;
        for (int c = 0; c < cells8 / 8; ++c) bar += "█";
        static const char* partial[] = {"", "▏", "▎", "▍", "▌", "▋", "▊", "▉"};
        bar += partial[cells8 % 8];
        std::printf("  %-10s %*s %s%s%s\n", v.id.c_str(), static_cast<int>(count_width),
                    term::thousands(v.count).c_str(), s.green.c_str(), bar.c_str(), s.reset.c_str());
    }
    std::printf("\n");
}

}  // namespace

void print_result(const SearchResult& r, const SearchRequest& request, const std::string& db_label,
                  const TextLayout& layout) {
    const term::Style& s = layout.style;
    std::string total = term::thousands(r.total);
    std::string header = s.bold + total + (r.total_exact ? "" : "+") + (r.total == 1 ? " match" : " matches") +
                         " for " + (r.query.empty() ? "(all)" : "\"" + printable(r.query) + "\"") + s.reset;
    char elapsed[32];
    std::snprintf(elapsed, sizeof elapsed, "%.1f ms", r.elapsed_ms);
    // Time and database after the query when they fit, else on a line of
    // their own, whole (a path breaks badly).
    // A path too long for one line with the time goes alone on the next line,
    // so that only an unbreakable path can overflow the width.
    std::string where = std::string("(") + elapsed + ", " + printable(db_label) + ")";
    if (term::display_width(where) > layout.width) where = std::string("(") + elapsed + ")\n" + printable(db_label);
    header = wrap(header, layout.width, "");
    const std::size_t last_line = header.rfind('\n') == std::string::npos ? 0 : header.rfind('\n') + 1;
    header += where.find('\n') == std::string::npos &&
                      visible_width(header.substr(last_line)) + 2 + term::display_width(where) <= layout.width
                  ? "  "
                  : "\n";
    put(header + s.dim + where + s.reset + "\n");
    if (!r.total_exact)
        std::printf("%s(+ means an estimate; --exact counts every match)%s\n", s.dim.c_str(), s.reset.c_str());
    for (const auto& n : r.notices)
        put(wrap(s.yellow + "note:" + s.reset + " " + printable(n), layout.width, "") + "\n");
    if (!r.suggestion.empty())
        std::printf("did you mean: %s%s%s\n", s.bold.c_str(), printable(r.suggestion).c_str(), s.reset.c_str());
    std::printf("\n");
    print_hits(r, request, layout);
    if (r.hits.empty() && r.total == 0) std::printf("No articles match.\n\n");
    for (const auto& f : r.facets)
        if (f.field != FacetField::Date && !f.values.empty()) print_entity_facet(f, layout);
    for (const auto& f : r.facets)
        if (f.field == FacetField::Date && !f.values.empty()) print_date_facet(f, layout);
}

void print_article(const StoredArticle& a, const TextLayout& layout) {
    const term::Style& s = layout.style;
    const std::string open = s.bold + s.yellow;
    put(wrap(s.bold + styled(a.title.empty() ? "(untitled)" : a.title, a.title_highlights, open, s.reset + s.bold) +
                 s.reset,
             layout.width, "") +
        "\n");
    auto field = [&](const char* label, const std::string& value, bool whole = false) {
        if (value.empty()) return;
        std::string line = s.cyan + label + s.reset + " " + printable(value);
        put((whole ? line : wrap(line, layout.width, "")) + "\n");  // a URL whole, to copy
    };
    auto names = [](const std::vector<EntityName>& list) {
        std::string out;
        for (const auto& e : list) out += (out.empty() ? "" : ", ") + e.name;
        return out;
    };
    std::string authors;
    for (const auto& author : a.authors) authors += (authors.empty() ? "" : ", ") + author;
    field("date:     ", a.date);
    field("source:   ", a.source);
    field("id:       ", a.id);
    field("url:      ", a.url, true);
    field("authors:  ", authors);
    field("companies:", names(a.companies));
    field("persons:  ", names(a.persons));
    put("\n");
    // Paragraphs as the article had them; each wrapped.
    std::string body = a.body;
    for (char& c : body)
        if (c == '\t' || c == '\r') c = ' ';
    put(wrap(styled(body, a.body_highlights, open, s.reset, true), layout.width, "") + "\n");
    if (a.body_truncated)
        std::printf("\n%s[the index keeps only the beginning of this article]%s\n", s.dim.c_str(), s.reset.c_str());
}

void print_values(const FieldValues& v, const TextLayout& layout) {
    const term::Style& s = layout.style;
    std::string shown = term::thousands(v.values.size()), of = term::thousands(v.distinct);
    std::string header = s.bold + v.field + s.reset + " values";
    if (!v.prefix.empty()) header += " starting with '" + printable(v.prefix) + "'";
    header += v.values.size() == v.distinct ? " (" + of + ")" : " (" + shown + " of " + of + ")";
    put(header + ", articles over the whole archive:\n");
    std::size_t count_width = 0, name_width = 0;
    for (const auto& value : v.values) {
        count_width = std::max(count_width, term::thousands(value.count).size());
        name_width = std::max(name_width, term::display_width(printable(value.name)));
    }
    for (const auto& value : v.values) {
        std::string count = term::thousands(value.count), name = printable(value.name);
        std::string line = "  " + std::string(count_width - count.size(), ' ') + count + "  " + name;
        if (value.name != value.id)
            line +=
                std::string(name_width - term::display_width(name), ' ') + "  " + s.dim + printable(value.id) + s.reset;
        put(line + "\n");
    }
    if (v.more) put(s.dim + "  ... and " + term::thousands(v.more) + " more (--offset to page)" + s.reset + "\n");
}

}  // namespace newsdex::cli
