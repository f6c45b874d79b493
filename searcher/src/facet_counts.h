// Exact facet counting over every matching article: the company, person and
// day counts of one search, and its exact number of matches.
//
// Two ways to count, with the same results:
// - local shards: a compact in-memory per-document array of entity ordinals
//   and dates (like Lucene's doc values), built once per Searcher from each
//   shard's saved arrays (common/schema/doc_columns.h); the matches of each shard
//   come from the posting-list evaluator (posting_eval.h), then counting is
//   array lookups.
// - any remote shard: Xapian's built-in ValueCountMatchSpy, one per facet
//   value slot (schema.h), which xapian-tcpsrv runs next to its shard.
#pragma once

#include "database_set.h"
#include "shard_bm25.h"
#include "worker_pool.h"

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include <xapian.h>

namespace newsdex {

/// The most frequent values of an entity facet.
struct TopCounts {
    std::vector<std::pair<std::string, std::uint64_t>> top;  ///< by count desc, then slug
    std::size_t distinct = 0;                                ///< values with a count > 0
};

/// Keep the `limit` most frequent of (slug, count) pairs, in order.
TopCounts top_counts(std::vector<std::pair<std::string, std::uint64_t>> all, std::size_t limit);

/// Day (YYYYMMDD) and its count, ascending by day, counts > 0.
using DayCountList = std::vector<std::pair<std::uint32_t, std::uint64_t>>;

/// Counts of one search: top entity values, day counts.
struct FacetCounts {
    TopCounts companies, persons;
    DayCountList days;
    std::uint64_t matches = 0;  ///< matching documents seen
};

/// How a local shard's matches are counted (FacetIndex picks per shard and
/// search; tests force each).  All give the same counts.
enum class CountMethod {
    Auto,        ///< by the number of matches, as below
    Sparse,      ///< few matches: remember which counts were touched, reset only those
    Dense,       ///< many: plain increments, then one scan of the count arrays
    Complement,  ///< most of the shard: the shard's totals less the documents that do not match
};

/// Counts facets for one search.  Usage: attach(enquire) before the main
/// get_mset (run with check_at_least = doccount when needs_full_match()),
/// then counts(query).  A counter for local shards can instead be given
/// each shard from the task that matches that shard (count_shard), before
/// counts().
class FacetCounter {
  public:
    virtual ~FacetCounter() = default;
    /// Attach match spies to the main enquire, if this counter uses them.
    virtual void attach(Xapian::Enquire& enquire) = 0;
    /// True when the main match must visit every match (spies).
    virtual bool needs_full_match() const = 0;
    /// Start counting `query` in the background, if this counter can (called
    /// before the main get_mset, so both run at once).
    virtual void start(const Xapian::Query& query) { (void)query; }
    /// Local counters only: count local shard `s` for `query` on the calling
    /// thread; each shard once, from any thread, concurrently for different
    /// shards.
    virtual void count_shard(std::size_t s, const Xapian::Query& query) { (void)s, (void)query; }
    /// Local counters only, from the task that matches local shard `s`,
    /// before its count_shard(s, query): where that shard's ranked match
    /// should record the docids of `query`'s term (with_length_sources in
    /// shard_bm25.h) when `query` is one term, else null.  When the ranked
    /// match read the term's whole posting list, count_shard counts those
    /// docids instead of reading the list again.
    virtual PostingRecord* shard_record(std::size_t s, const Xapian::Query& query) {
        (void)s, (void)query;
        return nullptr;
    }
    /// The counts for `query` (the query given to the main enquire).
    virtual FacetCounts counts(const Xapian::Query& query) = 0;
    /// True when this counter keeps the set of matches (local shards), so
    /// that matches_with_term() can answer.
    virtual bool keeps_matches() const { return false; }
    /// After counts(), and if keeps_matches(): how many matching documents
    /// are indexed by `term`.  Reads the main shard handles (the caller's
    /// thread), so worker threads may meanwhile use theirs.
    virtual std::uint64_t matches_with_term(const std::string& term) {
        (void)term;
        return 0;
    }

    /// For entity analytics (analytics.h): after counts(), and if
    /// keeps_matches(), call `visit` once per matching document with its day
    /// (YYYYMMDD, 0 when undated) and its company and person ordinals, which
    /// index entity_slugs().
    using MatchVisitor = std::function<void(std::uint32_t day, std::span<const std::uint32_t> companies,
                                            std::span<const std::uint32_t> persons)>;
    virtual void visit_matches(const MatchVisitor& visit) { (void)visit; }
    /// The slugs the ordinals of visit_matches() stand for (persons or companies).
    virtual const std::vector<std::string>& entity_slugs(bool persons) const {
        static const std::vector<std::string> none;
        (void)persons;
        return none;
    }
};

/// Holds the per-document arrays for local shards (built on first use).
class FacetIndex {
  public:
    /// `workers`: the threads that count local shards.  `use_arrays`
    /// false: count local shards with match spies as remote ones are
    /// (no per-document arrays to build: see Searcher's retries).
    /// `method`: Auto, or one way for every shard (tests).
    FacetIndex(const DatabaseSet& databases, WorkerPool& workers, bool use_arrays = true,
               CountMethod method = CountMethod::Auto);
    ~FacetIndex();
    /// True when every shard is local and has per-document arrays: loaded
    /// from its .facets file, or built (on first use) when that is missing
    /// or stale -- unless an indexer is writing the shard, whose next commit
    /// would make them stale again.
    bool arrays_available();
    /// The document lengths of local shard `s`; only if arrays_available().
    const std::vector<std::uint32_t>& document_lengths(std::size_t s);
    /// The stored bodies' digests of local shard `s`
    /// (ShardColumns::body_digests: may be empty); only if arrays_available().
    const std::vector<std::uint64_t>& body_digests(std::size_t s);

    /// A counter for one search: array lookups when arrays_available(),
    /// else match spies.  `limit`: entity values to keep per facet.
    std::unique_ptr<FacetCounter> make_counter(bool want_companies, bool want_persons, bool want_dates,
                                               std::size_t limit);

    struct Impl;  ///< the arrays (defined in facet_counts.cpp)

  private:
    std::unique_ptr<Impl> impl_;
    bool use_arrays_;
};

}  // namespace newsdex
