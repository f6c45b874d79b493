#include "spelling.h"

#include "edit_distance.h"
#include "stored_data.h"

#include <algorithm>

namespace newsdex {

std::string spelling_correction(const Xapian::Database& db, Analyzer& analyzer, const std::string& language,
                                const std::string& folded) {
    std::string stem = analyzer.stem(folded, language);
    std::size_t limit = folded.size() <= 4 ? 1 : 2;
    std::string first = folded.substr(0, 1);
    std::string best;
    std::size_t best_distance = limit + 1;
    Xapian::doccount best_freq = 0;
    std::size_t scanned = 0;
    for (auto t = db.allterms_begin(first); t != db.allterms_end(first) && scanned < 200000; ++t, ++scanned) {
        const std::string& term = *t;
        std::size_t d = std::min(edit_distance(stem, term, limit), edit_distance(folded, term, limit));
        if (d > limit) continue;
        Xapian::doccount freq = t.get_termfreq();
        if (d < best_distance || (d == best_distance && freq > best_freq)) {
            best = term;
            best_distance = d;
            best_freq = freq;
        }
    }
    if (best.empty()) return "";
    // Show a word as written in an article, not the stem.
    auto p = db.postlist_begin(best);
    if (p == db.postlist_end(best)) return best;
    try {
        std::string data = db.get_document(*p).get_data();
        StoredData stored = parse_stored_data(data);
        std::string text = stored.meta.value("title", "") + "\n" + std::string(stored.body);
        std::vector<AnalyzedTerm> terms;
        analyzer.analyze(text, stemming_language(stored.meta.value("language", "en")), terms);
        for (const auto& t : terms)
            if (t.term == best) return t.folded;
    } catch (const std::exception&) {}
    return best;
}

std::optional<std::string> spelling_suggestion(const Xapian::Database& db, Analyzer& analyzer,
                                               const std::string& language, const std::string& text,
                                               const std::vector<QueryWord>& words) {
    bool any_unknown = false;
    std::string suggestion = text;
    // From the last word back, so earlier byte ranges stay valid.
    for (auto w = words.rbegin(); w != words.rend(); ++w) {
        if (!w->unknown) continue;
        std::string fix = spelling_correction(db, analyzer, language, w->folded);
        if (fix.empty() || fix == w->folded) continue;
        suggestion.replace(w->start, w->end - w->start, fix);
        any_unknown = true;
    }
    if (!any_unknown) return std::nullopt;
    return suggestion;
}

}  // namespace newsdex
