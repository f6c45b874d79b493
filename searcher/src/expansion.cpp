#include "expansion.h"

#include "shard_bm25.h"

#include <algorithm>

namespace newsdex {

namespace {

/// Terms in more than this share of the articles are not added: the
/// expand set's weight favours frequent words ("said", "the") otherwise.
/// 0.02 and 0.1 scored no better on the tune split (docs/ranking.md).
constexpr double kExpansionMaxShare = 0.05;

/// Expand-set terms worth adding: words of the text (lower case or not
/// Latin: prefixed terms -- booleans, titles, entities -- start with a
/// capital), without figures, not the query's own.
class WordsOnly : public Xapian::ExpandDecider {
  public:
    WordsOnly(const Xapian::Database& db, const std::vector<std::vector<std::string>>& words)
        : db_(db), most_(static_cast<Xapian::doccount>(kExpansionMaxShare * db.get_doccount())) {
        for (const auto& w : words) own_.insert(own_.end(), w.begin(), w.end());
    }
    bool operator()(const std::string& term) const override {
        if (term.size() < 3 || (term[0] >= 'A' && term[0] <= 'Z')) return false;
        if (std::any_of(term.begin(), term.end(), [](char c) { return c >= '0' && c <= '9'; })) return false;
        if (std::find(own_.begin(), own_.end(), term) != own_.end()) return false;
        return db_.get_termfreq(term) <= most_;
    }

  private:
    const Xapian::Database& db_;
    Xapian::doccount most_;
    std::vector<std::string> own_;
};

}  // namespace

std::vector<ExpansionTerm> expansion_terms(const Xapian::Database& db, const std::vector<Xapian::docid>& feedback,
                                           const std::vector<std::vector<std::string>>& words,
                                           const RankingOptions& options) {
    std::vector<ExpansionTerm> out;
    if (feedback.empty() || options.expansion_terms == 0 || options.expansion_weight <= 0) return out;
    Xapian::RSet rset;
    for (auto d : feedback) rset.add_document(d);
    Xapian::Enquire enquire(db);
    WordsOnly decider(db, words);
    // Exact term frequencies: over several databases Xapian would otherwise
    // estimate them, and the terms would differ from one database's.
    Xapian::ESet eset = enquire.get_eset(static_cast<Xapian::termcount>(options.expansion_terms), rset,
                                         Xapian::Enquire::USE_EXACT_TERMFREQ, &decider);
    double best = 0;
    for (auto t = eset.begin(); t != eset.end(); ++t) best = std::max(best, t.get_weight());
    if (best <= 0) return out;
    for (auto t = eset.begin(); t != eset.end(); ++t)
        if (t.get_weight() > 0) out.push_back({*t, options.expansion_weight * t.get_weight() / best});
    return out;
}

Xapian::Query with_expansion(const Xapian::Query& query, const std::vector<ExpansionTerm>& terms) {
    if (terms.empty()) return query;
    std::vector<Xapian::Query> scaled;
    for (const auto& t : terms) scaled.emplace_back(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query(t.term), t.factor);
    return Xapian::Query(Xapian::Query::OP_AND_MAYBE, query,
                         Xapian::Query(Xapian::Query::OP_OR, scaled.begin(), scaled.end()));
}

std::vector<ExpansionPart> expansion_parts(const Xapian::Database& db, const std::vector<Xapian::docid>& docids,
                                           const std::vector<ExpansionTerm>& terms) {
    const std::size_t n = docids.size();
    std::vector<ExpansionPart> out(n);
    if (terms.empty() || n == 0) return out;
    std::vector<std::size_t> order(n);
    for (std::size_t i = 0; i < n; ++i) order[i] = i;
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return docids[a] < docids[b]; });
    const Xapian::doccount doccount = db.get_doccount();
    const double average_length = db.get_avlength();
    std::vector<Xapian::termcount> doclens(n, 0);
    for (std::size_t i = 0; i < n; ++i) doclens[i] = db.get_doclength(docids[i]);
    for (const auto& t : terms) {
        const Xapian::doccount termfreq = std::min(db.get_termfreq(t.term), doccount);
        auto p = db.postlist_begin(t.term);
        const auto end = db.postlist_end(t.term);
        for (std::size_t i : order) {
            if (p == end) break;
            p.skip_to(docids[i]);
            if (p == end || *p != docids[i]) continue;
            out[i].held.push_back(t.term);
            out[i].score += t.factor * bm25_term_score(termfreq, doccount, p.get_wdf(), doclens[i], average_length);
        }
    }
    return out;
}

}  // namespace newsdex
