// Entity analytics (issue 13): related entities, significant entities,
// per-entity trends and the co-occurrence graph of one search's matches.
//
// The counts come from a MatchSource, in one of two ways with the same
// results:
// - local shards (the facet counter kept the matches): the per-document
//   arrays of the facet index (facets.h) -- one pass over the matches for
//   the entity and day counts, one more for an entity's days or the pairs
//   of a set of entities;
// - otherwise (remote shards, an indexer writing): Xapian's built-in
//   ValueCountMatchSpy over the combined database, on the joined company and
//   person slugs and the date of each match (schema.h slots), which remote
//   shards run next to their data.  Counts of two things of one article at
//   once (an entity and a date, two entities) come from one more match of
//   the query filtered by one entity: exact, and the work is that entity's
//   matches.
// Either way pairs are counted only among a bounded set of entities, so the
// work never grows with the matches squared.
#pragma once

#include "database_set.h"
#include "facets.h"
#include "newsdex/search.h"

#include <array>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

namespace newsdex::analytics {

/// Display name of an entity: (term prefix, slug) -> name.
using NameLookup = std::function<std::string(std::string_view prefix, const std::string& slug)>;

/// The two entity types, as indices of the arrays below.
inline constexpr std::size_t kTypes = 2;
/// Term prefix of each type (schema.h).
std::string_view type_prefix(EntityKind type);

/// An entity of the matches with its count.
struct EntityCount {
    std::string_view slug;      ///< into storage of the Tally or MatchSource (valid while both live)
    std::uint64_t count = 0;    ///< matching articles naming it
    std::uint32_t ordinal = 0;  ///< the MatchSource's own number for it
};

/// Day (YYYYMMDD) -> matching articles of that day.
using DayCounts = std::map<std::uint32_t, std::uint64_t>;

/// What a MatchSource counted over the matches of one query.  Slugs are
/// string views, and strings are made only for the entities shown: a broad
/// query names thousands.
struct Tally {
    std::uint64_t matches = 0;
    /// Per type: the entities named by at least one match, in no order.
    std::array<std::vector<EntityCount>, kTypes> counts;
    /// Days of the matches (when dates were asked for).
    DayCounts days;
    /// Slugs owned here (spy counts), which `counts` views; map nodes do not move.
    std::array<std::map<std::string, std::uint64_t>, kTypes> owned;

    Tally() = default;
    Tally(Tally&&) = default;
    Tally& operator=(Tally&&) = default;
    Tally(const Tally&) = delete;  ///< the views would point into the original
};

/// The `limit` most frequent of `entities` (ties by slug), most frequent first.
std::vector<EntityCount> most_frequent(std::vector<EntityCount> entities, std::size_t limit);

/// An entity named by its type and slug.
struct EntityRef {
    EntityKind kind = EntityKind::Company;
    std::string slug;
    std::uint32_t ordinal = 0;  ///< EntityCount::ordinal of the same source's tally
};
/// (i, j), i < j, indices into a list of entities -> matches naming both.
using PairCounts = std::map<std::pair<std::size_t, std::size_t>, std::uint64_t>;

/// Where the counts of one search's matches come from.
class MatchSource {
  public:
    virtual ~MatchSource() = default;
    /// Entity counts over every match, and day counts when `dates`.
    virtual Tally tally(bool dates) = 0;
    /// For each of `entities`, the days of the matches naming it (undated ones left out).
    virtual std::vector<DayCounts> days_naming(const std::vector<EntityRef>& entities) = 0;
    /// The matches naming both of each pair of `entities` (pairs with none left out).
    virtual PairCounts pairs_among(const std::vector<EntityRef>& entities) = 0;
};

/// Counts by match spies over `db` (any shards, remote too) for `query`.
std::unique_ptr<MatchSource> spy_source(const Xapian::Database& db, const Xapian::Query& query);
/// Counts from the facet counter's kept matches and per-document arrays;
/// only when counter.keeps_matches(), after counter.counts().
std::unique_ptr<MatchSource> array_source(FacetCounter& counter);

/// The company and person terms (prefix + slug) the query requires or
/// prefers -- not those under NOT: the query's own entities.
std::set<std::string> own_entity_terms(const Xapian::Query& query);

/// Dunning's signed log-likelihood ratio for an entity named by `count` of
/// `matches` matching articles and by `archive_count` of `archive` articles.
double significance(std::uint64_t count, std::uint64_t matches, std::uint64_t archive_count, std::uint64_t archive);

/// Related entities (by count) and significant ones (by score) from `all`.
EntityLists related_entities(const Xapian::Database& db, const Tally& all, const std::set<std::string>& own,
                             const SearchRequest& request, const NameLookup& names);
EntityLists significant_entities(const Xapian::Database& db, const Tally& all, const std::set<std::string>& own,
                                 const SearchRequest& request, const NameLookup& names);

/// Trend series of the request.trend_limit most frequent companies and persons (trend.cpp).
Trends entity_trends(MatchSource& source, const Tally& all, const SearchRequest& request, const NameLookup& names);

/// The co-occurrence graph among the request.graph_nodes most frequent entities (cooccurrence.cpp).
CooccurrenceGraph cooccurrence_graph(MatchSource& source, const Tally& all, const SearchRequest& request,
                                     const NameLookup& names);

/// True when the request asks for any analytics.
bool wanted(const SearchRequest& request);

/// Fill result.related / significant / trends / graph as the request asks,
/// for the matches of `query` (the final query: text and every filter).
/// `counter`: the search's facet counter (after counts()), whose kept
/// matches are used when it kept them; may be null.
/// Throws UserError when related entities are asked of a query naming an
/// entity the archive does not know.
void compute(const DatabaseSet& databases, const Xapian::Query& query, FacetCounter* counter,
             const SearchRequest& request, const NameLookup& names, SearchResult& result);

}  // namespace newsdex::analytics
