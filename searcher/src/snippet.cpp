#include "snippet.h"
#include "common/text/ascii.h"

#include <algorithm>

namespace newsdex {

namespace {

using ascii::is_space;

/// Move `pos` back to the start of a UTF-8 character.
std::size_t char_start(const std::string& s, std::size_t pos) {
    while (pos > 0 && pos < s.size() && (static_cast<unsigned char>(s[pos]) & 0xC0) == 0x80) --pos;
    return pos;
}

}  // namespace

Snippet make_snippet(Analyzer& analyzer, const std::string& body, const std::string& language,
                     const HighlightSet& highlight, std::size_t max_bytes) {
    // Analyse only as much of the body as a snippet could reasonably come from.
    std::vector<AnalyzedTerm> terms;
    if (!highlight.empty()) analyzer.analyze(body, language, terms);
    std::vector<std::pair<std::size_t, std::size_t>> hits;  // byte ranges of matching words
    std::vector<std::string> hit_terms;
    for (const auto& t : terms) {
        if (!t.positional) continue;
        bool match = highlight.terms.count(t.term) > 0;
        for (const auto& p : highlight.prefixes)
            if (!match && t.folded.compare(0, p.size(), p) == 0) match = true;
        if (match) {
            hits.emplace_back(t.start, t.end);
            hit_terms.push_back(t.term);
        }
    }

    // Choose the window with the most distinct matching words.
    std::size_t begin = 0;
    if (!hits.empty()) {
        std::size_t best_distinct = 0, best_total = 0, best_start = hits[0].first;
        for (std::size_t i = 0; i < hits.size(); ++i) {
            std::unordered_set<std::string> distinct;
            std::size_t total = 0;
            for (std::size_t j = i; j < hits.size() && hits[j].second <= hits[i].first + max_bytes * 3 / 4; ++j) {
                distinct.insert(hit_terms[j]);
                ++total;
            }
            if (distinct.size() > best_distinct || (distinct.size() == best_distinct && total > best_total)) {
                best_distinct = distinct.size();
                best_total = total;
                best_start = hits[i].first;
            }
        }
        // Start a little before the first match, at a word boundary.
        std::size_t lead = max_bytes / 5;
        begin = best_start > lead ? best_start - lead : 0;
        if (begin > 0) {
            std::size_t space = body.find_first_of(" \n\t", begin);
            begin = (space != std::string::npos && space < best_start) ? space + 1 : char_start(body, begin);
        }
    }
    std::size_t end = std::min(body.size(), begin + max_bytes);
    if (end < body.size()) {
        std::size_t space = body.find_last_of(" \n\t", end);
        end = (space != std::string::npos && space > begin) ? space : char_start(body, end);
    }

    // Copy [begin, end) with whitespace collapsed, mapping the highlights.
    Snippet out;
    if (begin > 0) out.text = "… ";
    auto next_hit = std::lower_bound(hits.begin(), hits.end(), std::make_pair(begin, std::size_t{0}));
    bool in_space = false;
    for (std::size_t i = begin; i < end; ++i) {
        if (next_hit != hits.end() && i == next_hit->first && next_hit->second <= end) {
            if (in_space) out.text += ' ', in_space = false;
            Highlight h;
            h.start = out.text.size();
            out.text.append(body, next_hit->first, next_hit->second - next_hit->first);
            h.end = out.text.size();
            // Merge with an adjacent highlight (CJK characters, phrases without spaces).
            if (!out.highlights.empty() && out.highlights.back().end == h.start)
                out.highlights.back().end = h.end;
            else
                out.highlights.push_back(h);
            i = next_hit->second - 1;
            ++next_hit;
            continue;
        }
        if (is_space(body[i])) {
            in_space = !out.text.empty() && out.text.back() != ' ';
            continue;
        }
        if (in_space) out.text += ' ', in_space = false;
        out.text += body[i];
    }
    if (end < body.size()) out.text += " …";
    return out;
}

}  // namespace newsdex
