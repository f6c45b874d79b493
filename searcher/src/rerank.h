// The one re-ranking step between candidate generation (the matcher's BM25
// order, searcher.cpp) and the page of hits (docs/ranking.md).
//
// The matcher orders by Xapian's BM25.  Its best kRerankWindow candidates
// are then scored again: BM25 plus bonuses for query words in the headline,
// for the words standing close together, for naming an entity (person or
// company) the query names and for naming it in the lead, less for a query
// word that is only part of a company's name in the article and for a
// body that is a table of figures; each a share of the window's best BM25
// so that it weighs the same in every query.  Candidates after the window keep the matcher's order, so that
// pages cut at any depth agree (--all pages through them).  Recency
// (--recency) reorders all it blends (kRecencyDepth), each with its
// bonuses, and the page the request asked for is cut.
#pragma once

#include "newsdex/search.h"
#include "expansion.h"
#include "query_parser.h"
#include "stored_data.h"
#include "surnames.h"

#include <functional>
#include <string>
#include <vector>

#include <xapian.h>

namespace newsdex {

/// One hit of a match: docid in the combined numbering.
struct Candidate {
    Xapian::docid docid;
    double score;
    std::string dup_key;                 ///< its duplicate group (collapse key), if any
    double matcher_score = 0;            ///< the matcher's weight, before re-ranking
    std::vector<ScorePart> explanation;  ///< with RankingOptions::explain
};

/// The matcher's candidates in its order, starting at result rank `first`
/// (0, or the request's offset when nothing reorders them).
struct Candidates {
    std::vector<Candidate> list;
    std::size_t first = 0;
};

/// The candidates the bonuses are computed for: deeper costs a position
/// read per word and candidate.  50 gives the same nDCG@10 on the relevance
/// benchmark's tune split as 200 (topics 0.864, people 0.933; 20 loses
/// 0.004 on topics) and cuts the top-10 p50 on Reuters 1x by ~20%
/// (newsdex-query-bench, docs/ranking.md).
inline constexpr std::size_t kRerankWindow = 50;

/// The bonuses' weights: shares of the window's best BM25 score.  Tuned on
/// the tune split of bench/relevance (docs/ranking.md).
struct BonusWeights {
    double headline = 0.15;  ///< times the share of the query's words in the headline
    double proximity = 0.2;  ///< times (words - 1) / (span - 1) of the tightest span holding them
    double entity = 0.3;     ///< for naming an entity the query names
    /// Times the share of the query's words in the lead, for an article
    /// naming an entity the query names (is the article about it?).
    double lead = 0.1;
    /// Taken off, times the share of the query's words that are part of
    /// the name of a company the article names (RankingOptions::company_names).
    double company_name = 0.15;
    /// Taken off an article whose body is a table of figures (kTableShare).
    double table = 0.2;
};

/// A body with more than this share of its tokens figures (digits, no
/// letters) is a table: Reuters' market reports and statistics, which hold
/// a topic's words but are rarely what is searched for.  0.25 to 0.4 and
/// weights 0.2 to 0.5 scored alike on the tune split (docs/ranking.md).
inline constexpr double kTableShare = 0.3;

/// The lead: positions up to this far past the headline-to-body gap
/// (schema::kTitleBodyGap), that is the body's first 30 words less the
/// headline's (about 23 in Reuters, its first sentence).  20 and 40 scored
/// lower on the tune split (docs/ranking.md).
inline constexpr Xapian::termpos kLeadPositions = 30;

/// What the query gives the re-ranking step: its plain words and the
/// entities they name.
struct RankingQuery {
    std::vector<RankingWord> words;
    struct Entity {
        std::string term;  ///< XP<slug> or XC<slug>
        std::string name;  ///< display name
        /// The query's words that named it as a surname ("volcker"), or
        /// empty when a run naming the entity did (surnames.h).
        std::string surname;
    };
    std::vector<Entity> entities;
    /// The matcher's query and RankingQuery were relaxed to an OR of the words.
    bool or_fallback = false;
    /// With or_fallback: the articles the query itself matched (fewer than
    /// RankingOptions::or_fallback_below; sorted).  They come first: an
    /// article naming the query's person is a match however few of its
    /// words it holds ("treasury secretary baker" for one naming James
    /// Baker), so the most words first applies to those after them.
    std::vector<Xapian::docid> query_matches;
    /// The terms query expansion added to the matcher's query (expansion.h).
    std::vector<ExpansionTerm> expansion;
};

/// Metadata by key over every database searched (display names, aliases).
using MetadataLookup = std::function<std::string(const std::string&)>;

/// The ranking words of `parsed` and (RankingOptions::entities) the persons
/// and companies a run of them names: the longest run first, by slug or
/// alias, a term the database holds; then (RankingOptions::surnames, with
/// `surnames`) the persons named by surname among the words left
/// (surnames.h).
RankingQuery make_ranking_query(const Xapian::Database& db, const MetadataLookup& metadata, const ParsedQuery& parsed,
                                const RankingOptions& options, const SurnameIndex* surnames = nullptr);

/// `query` that also matches the articles naming one of `ranking`'s
/// entities and holding some of its words (OP_MAX: an article matching
/// `query` keeps its weight).  `query` itself when there are no entities.
Xapian::Query with_entity_matches(const Xapian::Query& query, const RankingQuery& ranking);

/// An OR of `ranking`'s words (each a synonym of its stems): the fallback
/// when their AND matches too few articles.
Xapian::Query any_word_query(const RankingQuery& ranking);

/// Whether `request` reorders the matcher's candidates, so that the matcher
/// must hand over its best from rank 0 (not just the page asked for).
bool reranks(const SearchRequest& request, const RankingQuery& ranking);

/// How many of the matcher's best candidates the re-ranking step needs.
std::size_t rerank_depth(const SearchRequest& request, const RankingQuery& ranking);

/// Re-rank `candidates` and cut them to the page [offset, offset + limit).
/// The document data it reads (`documents`, of `db`) is kept for the hits.
/// `all_local`: no shard of `db` is remote (values are then read from one
/// value stream; over a remote shard, from each candidate's document).
void rerank(const Xapian::Database& db, StoredDataCache& documents, const SearchRequest& request,
            const RankingQuery& ranking, Candidates& candidates, const BonusWeights& weights = {},
            bool all_local = true);

}  // namespace newsdex
