#include "shard_bm25.h"

#include <algorithm>
#include <cmath>
#include <set>
#include <vector>

namespace newsdex {

namespace {

// BM25Weight's parameters as newsdex sets them (bm25_weight()): k2 = 0
// (no extra part), k3 = 1 and min_normlen = 0.5 as Xapian's defaults.
constexpr double kK1 = kBM25K1, kK3 = 1, kB = kBM25B, kMinNormLen = 0.5;

// Xapian 1.4's BM25Weight arithmetic, operation for operation (the weights
// must equal Xapian's to the bit), shared by the weight and the source.

/// BM25Weight::init's term weight, given log(tw).
double bm25_termweight(double log_tw, double factor, double wqf) {
    double termweight = log_tw * factor;
    termweight *= (kK3 + 1) * wqf / (kK3 + wqf);
    termweight *= (kK1 + 1);
    return termweight;
}

/// BM25Weight::init's length factor.
double bm25_len_factor(double average_length) { return average_length != 0 ? 1 / average_length : 0; }

/// BM25Weight::get_sumpart.
double bm25_sumpart(double termweight, double len_factor, Xapian::termcount wdf, Xapian::termcount doclen) {
    double normlen = std::max(doclen * len_factor, kMinNormLen);
    double wdf_double(wdf);
    double denom = kK1 * (normlen * kB + (1 - kB)) + wdf_double;
    return termweight * (wdf_double / denom);
}

/// BM25Weight::get_maxpart.
double bm25_maxpart(double termweight, double len_factor, Xapian::termcount wdf_max, Xapian::termcount doclen_min) {
    double denom = kK1;
    double normlen_lb = std::max(std::max(wdf_max, doclen_min) * len_factor, kMinNormLen);
    denom *= (normlen_lb * kB + (1 - kB));
    double wdf_double(wdf_max);
    denom += wdf_double;
    return termweight * (wdf_double / denom);
}

/// Collect the terms of `query` that may be weighed (not the filter side of
/// OP_FILTER or the excluded side of OP_AND_NOT); false if it holds
/// something whose statistics Xapian estimates rather than reads.
bool collect_terms(const Xapian::Query& query, std::set<std::string>& terms) {
    // An explicit stack, not recursion: a query is as deep as its user made it.
    struct Pending {
        Xapian::Query query;
        bool weighted;  ///< false: the filter side, only checked
    };
    std::vector<Pending> stack{{query, true}};
    while (!stack.empty()) {
        Pending item = std::move(stack.back());
        stack.pop_back();
        const Xapian::Query& q = item.query;
        switch (q.get_type()) {
            case Xapian::Query::LEAF_TERM:
                if (item.weighted) terms.insert(*q.get_terms_begin());
                break;
            case Xapian::Query::LEAF_MATCH_NOTHING: break;
            case Xapian::Query::OP_AND_NOT:
            case Xapian::Query::OP_FILTER:
                for (std::size_t i = 0; i < q.get_num_subqueries(); ++i)
                    stack.push_back({q.get_subquery(i), item.weighted && i == 0});
                break;
            case Xapian::Query::OP_AND:
            case Xapian::Query::OP_OR:
            case Xapian::Query::OP_XOR:
            case Xapian::Query::OP_AND_MAYBE:
            case Xapian::Query::OP_NEAR:
            case Xapian::Query::OP_PHRASE:
            case Xapian::Query::OP_SCALE_WEIGHT:
            case Xapian::Query::OP_MAX:
                for (std::size_t i = 0; i < q.get_num_subqueries(); ++i)
                    stack.push_back({q.get_subquery(i), item.weighted});
                break;
            default: return false;  // OP_SYNONYM, MatchAll, wildcards, value ranges...
        }
    }
    return true;
}

}  // namespace

double bm25_log_term_weight(Xapian::doccount termfreq, Xapian::doccount doccount) {
    double tw = (doccount - termfreq + 0.5) / (termfreq + 0.5);
    // Xapian's adjustment for terms in more than half the documents.
    if (tw < 2) tw = tw * 0.5 + 1;
    return std::log(tw);
}

Xapian::BM25Weight bm25_weight() { return Xapian::BM25Weight(kK1, 0, kK3, kB, kMinNormLen); }

double bm25_term_score(Xapian::doccount termfreq, Xapian::doccount doccount, Xapian::termcount wdf,
                       Xapian::termcount doclen, double average_length) {
    return bm25_sumpart(bm25_termweight(bm25_log_term_weight(termfreq, doccount), 1.0, 1.0),
                        bm25_len_factor(average_length), wdf, doclen);
}

QueryTermWeights shard_term_weights(const Xapian::Query& query, Xapian::doccount doccount,
                                    const std::vector<Xapian::Database>& shards) {
    std::set<std::string> term_set;
    if (!collect_terms(query, term_set)) return {};
    const std::vector<std::string> terms(term_set.begin(), term_set.end());
    std::vector<std::vector<std::pair<Xapian::doccount, Xapian::termcount>>> freqs(shards.size());
    std::vector<Xapian::doccount> total(terms.size(), 0);
    for (std::size_t s = 0; s < shards.size(); ++s)
        for (std::size_t t = 0; t < terms.size(); ++t) {
            freqs[s].emplace_back(shards[s].get_termfreq(terms[t]), shards[s].get_collection_freq(terms[t]));
            total[t] += freqs[s].back().first;
        }
    QueryTermWeights out;
    out.by_shard.resize(shards.size());
    for (std::size_t t = 0; t < terms.size(); ++t) {
        const double weight = bm25_log_term_weight(total[t], doccount);
        QueryTermWeights::Term& term = out.by_term[terms[t]];
        term.log_weight = weight;
        for (std::size_t s = 0; s < shards.size(); ++s) term.termfreqs.push_back(freqs[s][t].first);
        for (std::size_t s = 0; s < shards.size(); ++s) {
            // A term absent from the shard is never weighed there; a term
            // with collection frequency 0 (a boolean term: wdf 0) weighs 0
            // whatever its term weight.  Neither needs telling apart.
            if (freqs[s][t].first == 0 || freqs[s][t].second == 0) continue;
            auto [it, inserted] = out.by_shard[s].emplace(freqs[s][t], weight);
            if (!inserted && it->second != weight) return {};  // ambiguous in this shard
        }
    }
    return out;
}

namespace {

/// BM25 of one term, Xapian's BM25Weight to the bit, with document lengths
/// from an array (see shard_bm25.h).
class BM25PostingSource : public Xapian::PostingSource {
  public:
    BM25PostingSource(std::string term, double log_term_weight, Xapian::doccount termfreq,
                      const std::vector<std::uint32_t>& doclens, double average_length, PostingRecord* record)
        : term_(std::move(term)),
          log_term_weight_(log_term_weight),
          average_length_(average_length),
          termfreq_(termfreq),
          doclens_(doclens),
          termweight_(bm25_termweight(log_term_weight, 1.0, 1.0)),
          len_factor_(bm25_len_factor(average_length)),
          record_(record) {}

    BM25PostingSource* clone() const override {
        return new BM25PostingSource(term_, log_term_weight_, termfreq_, doclens_, average_length_, record_);
    }

    void init(const Xapian::Database& db) override {
        postings_ = db.postlist_begin(term_);
        started_ = false;
        if (record_) record_->skipped = record_->ended = false;
        set_maxweight(
            bm25_maxpart(termweight_, len_factor_, db.get_wdf_upper_bound(term_), db.get_doclength_lower_bound()));
    }

    Xapian::doccount get_termfreq_min() const override { return termfreq_; }
    Xapian::doccount get_termfreq_est() const override { return termfreq_; }
    Xapian::doccount get_termfreq_max() const override { return termfreq_; }

    void next(double) override {
        if (started_) ++postings_;
        started_ = true;
        if (record_) {
            if (at_end())
                record_->ended = true;
            else
                record_->docids->add(*postings_);
        }
    }
    void skip_to(Xapian::docid did, double) override {
        started_ = true;
        postings_.skip_to(did);
        if (record_) record_->skipped = true;
    }
    bool at_end() const override { return postings_ == Xapian::PostingIterator(); }
    Xapian::docid get_docid() const override { return *postings_; }

    double get_weight() const override {
        const Xapian::docid did = *postings_;
        return bm25_sumpart(termweight_, len_factor_, postings_.get_wdf(), did < doclens_.size() ? doclens_[did] : 0);
    }

    std::string get_description() const override { return "BM25PostingSource(" + term_ + ")"; }

  private:
    std::string term_;
    double log_term_weight_, average_length_;
    Xapian::doccount termfreq_;
    const std::vector<std::uint32_t>& doclens_;
    double termweight_, len_factor_;
    Xapian::PostingIterator postings_;
    bool started_ = false;
    PostingRecord* record_;  ///< null, or where the docids read go (with_length_sources)
};

}  // namespace

Xapian::Query with_length_sources(const Xapian::Query& query, const QueryTermWeights& weights, std::size_t shard,
                                  const std::vector<std::uint32_t>& doclens, double average_length,
                                  PostingRecord* record) {
    const auto type = query.get_type();
    auto rebuild = [&](std::size_t weighted_parts) {
        std::vector<Xapian::Query> parts;
        for (std::size_t i = 0; i < query.get_num_subqueries(); ++i)
            parts.push_back(i < weighted_parts
                                ? with_length_sources(query.get_subquery(i), weights, shard, doclens, average_length)
                                : query.get_subquery(i));
        return Xapian::Query(type, parts.begin(), parts.end());
    };
    switch (type) {
        case Xapian::Query::LEAF_TERM: {
            const std::string term = *query.get_terms_begin();
            auto it = weights.by_term.find(term);
            if (it == weights.by_term.end()) return query;
            return Xapian::Query((new BM25PostingSource(term, it->second.log_weight, it->second.termfreqs.at(shard),
                                                        doclens, average_length, record))
                                     ->release());
        }
        case Xapian::Query::OP_AND:
        case Xapian::Query::OP_OR:
        case Xapian::Query::OP_XOR:
        case Xapian::Query::OP_MAX:
        case Xapian::Query::OP_AND_MAYBE: return rebuild(query.get_num_subqueries());
        case Xapian::Query::OP_AND_NOT:
        case Xapian::Query::OP_FILTER: return rebuild(1);  // the rest is unweighted
        default: return query;                             // phrases, weight scaling (filters), nothing
    }
}

GlobalStatsBM25Weight::GlobalStatsBM25Weight(std::shared_ptr<const ShardTermWeights> weights, double average_length)
    : weights_(std::move(weights)), average_length_(average_length) {
    need_stat(TERMFREQ);
    need_stat(COLLECTION_FREQ);
    need_stat(WDF);
    need_stat(WDF_MAX);
    need_stat(DOC_LENGTH);
    need_stat(DOC_LENGTH_MIN);
    need_stat(WQF);
}

std::string GlobalStatsBM25Weight::name() const { return "newsdex::GlobalStatsBM25Weight"; }

GlobalStatsBM25Weight* GlobalStatsBM25Weight::clone() const {
    return new GlobalStatsBM25Weight(weights_, average_length_);
}

void GlobalStatsBM25Weight::init(double factor) {
    // BM25Weight::init with log(tw) looked up instead of computed from this
    // shard's statistics; the same operations in the same order.
    auto it = weights_->find({get_termfreq(), get_collection_freq()});
    // Not found: a term that weighs nothing here (unweighted, absent, or
    // wdf 0); anything else means the statistics changed under us.
    if (it == weights_->end() && factor != 0 && get_termfreq() != 0 && get_collection_freq() != 0)
        throw Xapian::DatabaseModifiedError("shard statistics differ from those the query was weighed with");
    termweight_ = bm25_termweight(it == weights_->end() ? 0.0 : it->second, factor, get_wqf());
    len_factor_ = bm25_len_factor(average_length_);
}

double GlobalStatsBM25Weight::get_sumpart(Xapian::termcount wdf, Xapian::termcount doclen, Xapian::termcount) const {
    return bm25_sumpart(termweight_, len_factor_, wdf, doclen);
}

double GlobalStatsBM25Weight::get_maxpart() const {
    return bm25_maxpart(termweight_, len_factor_, get_wdf_upper_bound(), get_doclength_lower_bound());
}

double GlobalStatsBM25Weight::get_sumextra(Xapian::termcount, Xapian::termcount) const { return 0; }
double GlobalStatsBM25Weight::get_maxextra() const { return 0; }

}  // namespace newsdex
