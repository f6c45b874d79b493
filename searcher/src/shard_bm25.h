// BM25 with collection statistics from the whole database set, so that each
// local shard can be matched on its own thread and the per-shard weights are
// exactly (bit for bit) the weights one match over all shards gives.
//
// Xapian's BM25Weight reads a term's frequency, the collection size and the
// average document length from the database it matches; matched alone, a
// shard would weigh by its own statistics.  Weight::init is not told which
// term it is for, but it is told the term's frequency and collection
// frequency in the shard: ShardTermWeights maps that pair, for each term of
// the query, to the term's weight over all shards, computed beforehand.  A
// query where two terms share a pair but not a weight (or whose statistics
// Xapian estimates: OP_SYNONYM, MatchAll) cannot be split this way;
// shard_split_possible() says so and the caller matches it as one database.
// The arithmetic is Xapian 1.4's BM25Weight with kBM25K1 and kBM25B.
//
// Xapian reads each scored document's length from the shard's length list,
// which costs more than everything else in matching a term.  So the terms
// that are weighed on their own (not in a phrase) are also replaced by a
// BM25PostingSource: the same postings, the same weight, with the length
// read from the shard's in-memory array (common/schema/doc_columns.h).  Phrases keep
// Xapian's terms (they need positions), weighed by GlobalStatsBM25Weight.
#pragma once

#include "posting_eval.h"

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include <xapian.h>

namespace newsdex {

/// BM25's k1 (how fast a term's weight saturates with its frequency in a
/// document): 1.2, not Xapian's 1.  Chosen on bench/relevance's tune and
/// dev splits together and cross-validated (docs/ranking.md, "Re-choosing
/// the knobs"): 0.8 to 2 score within 0.005 of each other at b 0.15, and
/// 1.2 was the choice of 16 of 17 fits (on tune, on dev, 15 on 5 folds),
/// +0.003 people nDCG@10 held out.
inline constexpr double kBM25K1 = 1.2;
/// BM25's b (how much a long document is penalised): 0.15, not Xapian's
/// 0.5.  Tuned on bench/relevance (docs/ranking.md): a long news article
/// is long because it is about its subject more, not because it rambles.
inline constexpr double kBM25B = 0.15;

/// The weighting scheme of a match over all shards: Xapian's BM25 with
/// kBM25K1 and kBM25B (GlobalStatsBM25Weight's arithmetic).
Xapian::BM25Weight bm25_weight();

/// log of BM25's term weight for a term in `termfreq` of `doccount`
/// documents, as Xapian::BM25Weight computes it (without relevance sets).
double bm25_log_term_weight(Xapian::doccount termfreq, Xapian::doccount doccount);

/// BM25 of one term in one document, as bm25_weight() (within-query
/// frequency 1) computes it: the term in
/// `termfreq` of `doccount` documents, `wdf` times in a document of length
/// `doclen`, the average length `average_length`.
double bm25_term_score(Xapian::doccount termfreq, Xapian::doccount doccount, Xapian::termcount wdf,
                       Xapian::termcount doclen, double average_length);

/// For one shard: a term's (frequency, collection frequency) in the shard ->
/// its log term weight over all shards.
using ShardTermWeights = std::map<std::pair<Xapian::doccount, Xapian::termcount>, double>;

/// The weights of a query's terms over all shards.
struct QueryTermWeights {
    struct Term {
        double log_weight = 0;                    ///< log term weight over all shards
        std::vector<Xapian::doccount> termfreqs;  ///< its frequency in each shard
    };
    std::map<std::string, Term> by_term;
    std::vector<ShardTermWeights> by_shard;  ///< the weights per shard, by shard statistics
    bool empty() const { return by_shard.empty(); }
};

/// The term weights of `query`'s terms for each of `shards` (together: a
/// database of `doccount` documents), or empty when the query cannot be
/// matched shard by shard with exact weights (see above).
QueryTermWeights shard_term_weights(const Xapian::Query& query, Xapian::doccount doccount,
                                    const std::vector<Xapian::Database>& shards);

/// The docids a term's BM25PostingSource hands to the matcher, and whether
/// they were its whole posting list (read with next() to its end, never
/// skipped), in which case they are the matches of a one-term query: facet
/// counting then need not read the list again (facet_counts.h).
struct PostingRecord {
    DocidSet* docids = nullptr;  ///< where each docid is added
    bool skipped = false;        ///< skip_to was called: some may be missing
    bool ended = false;          ///< the list was read to its end
    bool whole() const { return ended && !skipped; }
};

/// `query` for shard `shard`: each term weighed on its own replaced by a
/// BM25PostingSource over `doclens` (the shard's document lengths) with the
/// term's weight from `weights` and `average_length` over all shards.
/// Phrases, filters, excluded and scaled parts are kept as they are.  The
/// query parser's terms have within-query frequency 1, as assumed here.
/// `record`: when `query` is one term, its source records into it.
Xapian::Query with_length_sources(const Xapian::Query& query, const QueryTermWeights& weights, std::size_t shard,
                                  const std::vector<std::uint32_t>& doclens, double average_length,
                                  PostingRecord* record = nullptr);

/// BM25 taking term weights and the average document length from the whole
/// database set (see above).
class GlobalStatsBM25Weight : public Xapian::Weight {
  public:
    GlobalStatsBM25Weight(std::shared_ptr<const ShardTermWeights> weights, double average_length);

    std::string name() const override;
    GlobalStatsBM25Weight* clone() const override;
    void init(double factor) override;
    double get_sumpart(Xapian::termcount wdf, Xapian::termcount doclen, Xapian::termcount uniqterms) const override;
    double get_maxpart() const override;
    double get_sumextra(Xapian::termcount doclen, Xapian::termcount uniqterms) const override;
    double get_maxextra() const override;

  private:
    std::shared_ptr<const ShardTermWeights> weights_;
    double average_length_;
    double termweight_ = 0;
    double len_factor_ = 0;
};

}  // namespace newsdex
