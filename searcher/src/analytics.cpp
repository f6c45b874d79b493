#include "analytics.h"

#include "common/schema/schema.h"
#include "newsdex/error.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>

namespace newsdex {

const char* entity_kind_name(EntityKind type) { return type == EntityKind::Company ? "company" : "person"; }

namespace analytics {

std::string_view type_prefix(EntityKind type) {
    return type == EntityKind::Company ? schema::kPrefixCompany : schema::kPrefixPerson;
}

namespace {

constexpr std::array<EntityKind, kTypes> kEntityKinds = {EntityKind::Company, EntityKind::Person};

bool is_entity_term(const std::string& term) {
    return term.starts_with(schema::kPrefixCompany) || term.starts_with(schema::kPrefixPerson);
}

void collect_own_terms(const Xapian::Query& query, std::set<std::string>& out) {
    if (query.get_type() == Xapian::Query::LEAF_TERM) {
        const std::string term = *query.get_terms_begin();
        if (is_entity_term(term)) out.insert(term);
        return;
    }
    // Only the left side of AND_NOT is wanted; what is negated is not the query's.
    const std::size_t n = query.get_type() == Xapian::Query::OP_AND_NOT
                              ? std::min<std::size_t>(1, query.get_num_subqueries())
                              : query.get_num_subqueries();
    for (std::size_t i = 0; i < n; ++i) collect_own_terms(query.get_subquery(i), out);
}

/// The slugs of the terms of `own` of one type: looked up by string_view.
std::set<std::string, std::less<>> slugs_of_type(const std::set<std::string>& own, std::size_t t) {
    const std::string_view prefix = type_prefix(kEntityKinds[t]);
    std::set<std::string, std::less<>> out;
    for (const auto& term : own)
        if (term.starts_with(prefix)) out.insert(term.substr(prefix.size()));
    return out;
}

/// x ln(x / e), 0 for x = 0 (the limit).
double g_term(double observed, double expected) {
    return observed > 0 && expected > 0 ? observed * std::log(observed / expected) : 0.0;
}

/// The entities of `all` of one type with at least `min_count` matches, not
/// the query's own, as RelatedEntity with archive counts and scores (a term
/// frequency each: only for these).
std::vector<RelatedEntity> scored(const Xapian::Database& db, const Tally& all, std::size_t t,
                                  const std::set<std::string>& own, std::uint64_t min_count) {
    std::vector<RelatedEntity> out;
    const std::string prefix(type_prefix(kEntityKinds[t]));
    const std::uint64_t archive = db.get_doccount();
    const auto own_slugs = slugs_of_type(own, t);
    for (const auto& e : all.counts[t]) {
        if (e.count < min_count || own_slugs.count(e.slug)) continue;
        const std::string term = prefix + std::string(e.slug);
        RelatedEntity r;
        r.id = e.slug;
        r.count = e.count;
        r.archive_count = db.get_termfreq(term);
        r.score = significance(r.count, all.matches, r.archive_count, archive);
        out.push_back(std::move(r));
    }
    return out;
}

/// The count the `limit`-th most frequent entity of one type has, not
/// counting the query's own (0 when there are fewer): related entities have
/// at least this count, so only those need scores.
std::uint64_t count_of_last_shown(const Tally& all, std::size_t t, const std::set<std::string>& own,
                                  std::size_t limit) {
    if (limit == 0) return std::numeric_limits<std::uint64_t>::max();
    const auto own_slugs = slugs_of_type(own, t);
    std::vector<std::uint64_t> counts;
    counts.reserve(all.counts[t].size());
    for (const auto& e : all.counts[t])
        if (!own_slugs.count(e.slug)) counts.push_back(e.count);
    if (counts.size() <= limit) return 1;
    std::nth_element(counts.begin(), counts.begin() + static_cast<std::ptrdiff_t>(limit - 1), counts.end(),
                     std::greater<>());
    return counts[limit - 1];
}

/// The first `limit` of `list` ordered by `before`, with display names.
template <typename Before>
std::vector<RelatedEntity> best(std::vector<RelatedEntity> list, std::size_t limit, Before before, EntityKind type,
                                const NameLookup& names) {
    const std::size_t shown = std::min(limit, list.size());
    std::partial_sort(list.begin(), list.begin() + static_cast<std::ptrdiff_t>(shown), list.end(), before);
    list.resize(shown);
    for (auto& e : list) e.name = names(type_prefix(type), e.id);
    return list;
}

}  // namespace

std::vector<EntityCount> most_frequent(std::vector<EntityCount> entities, std::size_t limit) {
    const std::size_t shown = std::min(limit, entities.size());
    std::partial_sort(entities.begin(), entities.begin() + static_cast<std::ptrdiff_t>(shown), entities.end(),
                      [](const EntityCount& a, const EntityCount& b) {
                          return a.count != b.count ? a.count > b.count : a.slug < b.slug;
                      });
    entities.resize(shown);
    return entities;
}

std::set<std::string> own_entity_terms(const Xapian::Query& query) {
    std::set<std::string> out;
    collect_own_terms(query, out);
    return out;
}

// Why G2 and not PMI: PMI = log(P(e | matches) / P(e)) is largest for an
// entity named once in the whole archive, in one match -- rare noise tops
// every list.  G2 weighs the same ratio by the evidence (how many articles
// back it), is exact from four counts every shard setup gives alike, and
// behaves on the small counts of news entities where chi-squared does not
// (Dunning 1993, "Accurate methods for the statistics of surprise and
// coincidence").
double significance(std::uint64_t count, std::uint64_t matches, std::uint64_t archive_count, std::uint64_t archive) {
    if (archive == 0 || matches == 0) return 0.0;
    const double n = static_cast<double>(archive), r = static_cast<double>(matches);
    const double k = static_cast<double>(std::min(count, matches));
    const double df = static_cast<double>(std::max(archive_count, count));
    // Cells: in matches with / without e, outside matches with / without e.
    const double a = k, b = r - k, c = df - k, d = n - r - c;
    const double g2 = 2 * (g_term(a, r * df / n) + g_term(b, r * (n - df) / n) + g_term(c, (n - r) * df / n) +
                           g_term(d, (n - r) * (n - df) / n));
    const bool over = a * n > r * df;
    return over ? std::max(g2, 0.0) : -std::max(g2, 0.0);
}

EntityLists related_entities(const Xapian::Database& db, const Tally& all, const std::set<std::string>& own,
                             const SearchRequest& request, const NameLookup& names) {
    EntityLists out;
    for (std::size_t t = 0; t < kTypes; ++t) {
        const std::uint64_t least = count_of_last_shown(all, t, own, request.related_limit);
        auto list = best(
            scored(db, all, t, own, least), request.related_limit,
            [](const RelatedEntity& a, const RelatedEntity& b) {
                if (a.count != b.count) return a.count > b.count;
                if (a.score != b.score) return a.score > b.score;
                return a.id < b.id;
            },
            kEntityKinds[t], names);
        (t == 0 ? out.companies : out.persons) = std::move(list);
    }
    return out;
}

EntityLists significant_entities(const Xapian::Database& db, const Tally& all, const std::set<std::string>& own,
                                 const SearchRequest& request, const NameLookup& names) {
    EntityLists out;
    const std::uint64_t min_count = std::max<std::uint64_t>(1, request.significant_min_count);
    for (std::size_t t = 0; t < kTypes; ++t) {
        auto list = scored(db, all, t, own, min_count);
        std::erase_if(list, [](const RelatedEntity& e) { return e.score <= 0; });  // over-represented only
        list = best(
            std::move(list), request.related_limit,
            [](const RelatedEntity& a, const RelatedEntity& b) {
                if (a.score != b.score) return a.score > b.score;
                if (a.count != b.count) return a.count > b.count;
                return a.id < b.id;
            },
            kEntityKinds[t], names);
        (t == 0 ? out.companies : out.persons) = std::move(list);
    }
    return out;
}

bool wanted(const SearchRequest& r) { return r.related || r.significant || r.trend || r.cooccurrence; }

void compute(const DatabaseSet& databases, const Xapian::Query& query, FacetCounter* counter,
             const SearchRequest& request, const NameLookup& names, SearchResult& result) {
    if (!wanted(request)) return;
    const Xapian::Database& db = databases.combined;
    const std::set<std::string> own = own_entity_terms(query);
    if (request.related)
        for (const auto& term : own)
            if (db.get_termfreq(term) == 0) {
                const bool company = term.starts_with(schema::kPrefixCompany);
                throw UserError(std::string("related: no ") + (company ? "company" : "person") + " '" + term.substr(2) +
                                "' in the archive (list the known ones with --values " +
                                (company ? "company" : "person") + ")");
            }
    std::unique_ptr<MatchSource> source =
        counter && counter->keeps_matches() ? array_source(*counter) : spy_source(db, query);
    const Tally all = source->tally(request.trend);
    if (request.related) result.related = related_entities(db, all, own, request, names);
    if (request.significant) result.significant = significant_entities(db, all, own, request, names);
    if (request.trend) result.trends = entity_trends(*source, all, request, names);
    if (request.cooccurrence) result.graph = cooccurrence_graph(*source, all, request, names);
}

}  // namespace analytics
}  // namespace newsdex
