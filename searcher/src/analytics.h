// Entity analytics (issue 13): related entities, significant entities,
// per-entity trends and the co-occurrence graph of one search's matches.
//
// Every count is taken with Xapian's built-in ValueCountMatchSpy over the
// combined database -- the joined company and person slugs and the date of
// each match (schema.h slots) -- so that remote shards count next to their
// data and one database, several, or remote shards give the same numbers by
// construction.  Counts that need two things of one article at once (an
// entity and a date, two entities) come from one more match of the query
// filtered by one entity: the counts of that match are the joint counts,
// exact, and the work is the entity's matches, never matches x matches.
#pragma once

#include "database_set.h"
#include "newsdex/search.h"

#include <array>
#include <cstdint>
#include <functional>
#include <map>
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

/// What the spies saw over the matches of one query.
struct Tally {
    std::uint64_t matches = 0;
    /// Per type: slug -> matching articles naming it.
    std::array<std::map<std::string, std::uint64_t>, kTypes> counts;
    /// YYYYMMDD -> matching articles of that day (when dates were asked for).
    std::map<std::uint32_t, std::uint64_t> days;
};

/// Count the matches of `query` in `db`: entities of the types asked for,
/// days when `dates`.
Tally tally(const Xapian::Database& db, const Xapian::Query& query, bool companies, bool persons, bool dates);

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
Trends entity_trends(const Xapian::Database& db, const Xapian::Query& query, const Tally& all,
                     const SearchRequest& request, const NameLookup& names);

/// The co-occurrence graph among the request.graph_nodes most frequent entities (cooccurrence.cpp).
CooccurrenceGraph cooccurrence_graph(const Xapian::Database& db, const Xapian::Query& query, const Tally& all,
                                     const SearchRequest& request, const NameLookup& names);

/// True when the request asks for any analytics.
bool wanted(const SearchRequest& request);

/// Fill result.related / significant / trends / graph as the request asks,
/// for the matches of `query` (the final query: text and every filter).
/// Throws UserError when related entities are asked of a query naming an
/// entity the archive does not know.
void compute(const DatabaseSet& databases, const Xapian::Query& query, const SearchRequest& request,
             const NameLookup& names, SearchResult& result);

}  // namespace newsdex::analytics
