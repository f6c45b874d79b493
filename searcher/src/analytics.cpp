#include "analytics.h"

#include "common/schema.h"
#include "newsdex/error.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <memory>

namespace newsdex {

const char* entity_kind_name(EntityKind type) { return type == EntityKind::Company ? "company" : "person"; }

namespace analytics {

std::string_view type_prefix(EntityKind type) {
    return type == EntityKind::Company ? schema::kPrefixCompany : schema::kPrefixPerson;
}

namespace {

constexpr std::array<EntityKind, kTypes> kEntityKinds = {EntityKind::Company, EntityKind::Person};
constexpr std::array<Xapian::valueno, kTypes> kEntitySlots = {schema::kSlotCompanies, schema::kSlotPersons};

/// Add each slug of a joined value (schema::kValueSeparator) `n` times.
void add_joined(const std::string& joined, std::uint64_t n, std::map<std::string, std::uint64_t>& into) {
    std::size_t start = 0;
    while (start <= joined.size()) {
        auto end = joined.find(schema::kValueSeparator, start);
        if (end == std::string::npos) end = joined.size();
        if (end > start) into[joined.substr(start, end - start)] += n;
        start = end + 1;
    }
}

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
    const std::size_t n = query.get_type() == Xapian::Query::OP_AND_NOT ? std::min<std::size_t>(1, query.get_num_subqueries())
                                                                       : query.get_num_subqueries();
    for (std::size_t i = 0; i < n; ++i) collect_own_terms(query.get_subquery(i), out);
}

/// x ln(x / e), 0 for x = 0 (the limit).
double g_term(double observed, double expected) {
    return observed > 0 && expected > 0 ? observed * std::log(observed / expected) : 0.0;
}

/// Every entity of `all` of one type, not the query's own, as RelatedEntity
/// with archive counts and scores; `keep` says which are wanted before the
/// archive is asked (a term frequency each).
template <typename Keep>
std::vector<RelatedEntity> scored(const Xapian::Database& db, const Tally& all, std::size_t t,
                                  const std::set<std::string>& own, Keep keep) {
    std::vector<RelatedEntity> out;
    const std::string prefix(type_prefix(kEntityKinds[t]));
    const std::uint64_t archive = db.get_doccount();
    for (const auto& [slug, count] : all.counts[t]) {
        if (own.count(prefix + slug) || !keep(count)) continue;
        RelatedEntity e;
        e.id = slug;
        e.count = count;
        e.archive_count = db.get_termfreq(prefix + slug);
        e.score = significance(count, all.matches, e.archive_count, archive);
        out.push_back(std::move(e));
    }
    return out;
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

Tally tally(const Xapian::Database& db, const Xapian::Query& query, bool companies, bool persons, bool dates) {
    std::array<std::unique_ptr<Xapian::ValueCountMatchSpy>, kTypes> entity_spies;
    std::unique_ptr<Xapian::ValueCountMatchSpy> date_spy;
    Xapian::Enquire enquire(db);
    enquire.set_query(query);
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    const std::array<bool, kTypes> wanted_types = {companies, persons};
    for (std::size_t t = 0; t < kTypes; ++t)
        if (wanted_types[t]) {
            entity_spies[t] = std::make_unique<Xapian::ValueCountMatchSpy>(kEntitySlots[t]);
            enquire.add_matchspy(entity_spies[t].get());
        }
    // The date spy also counts the matches when no entity is asked for
    // (every spy sees every match, with a value or not).
    if (dates || (!companies && !persons)) {
        date_spy = std::make_unique<Xapian::ValueCountMatchSpy>(schema::kSlotDate);
        enquire.add_matchspy(date_spy.get());
    }
    enquire.get_mset(0, 0, db.get_doccount());
    Tally out;
    for (std::size_t t = 0; t < kTypes; ++t) {
        if (!entity_spies[t]) continue;
        out.matches = entity_spies[t]->get_total();
        for (auto v = entity_spies[t]->values_begin(); v != entity_spies[t]->values_end(); ++v)
            add_joined(*v, v.get_termfreq(), out.counts[t]);
    }
    if (date_spy) {
        out.matches = date_spy->get_total();
        if (dates)
            for (auto v = date_spy->values_begin(); v != date_spy->values_end(); ++v)
                out.days[static_cast<std::uint32_t>(std::strtoul((*v).c_str(), nullptr, 10))] += v.get_termfreq();
    }
    return out;
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
        auto list = best(scored(db, all, t, own, [](std::uint64_t) { return true; }), request.related_limit,
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
        auto list = scored(db, all, t, own, [&](std::uint64_t count) { return count >= min_count; });
        std::erase_if(list, [](const RelatedEntity& e) { return e.score <= 0; });  // over-represented only
        list = best(std::move(list), request.related_limit,
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

void compute(const DatabaseSet& databases, const Xapian::Query& query, const SearchRequest& request,
             const NameLookup& names, SearchResult& result) {
    if (!wanted(request)) return;
    const Xapian::Database& db = databases.combined;
    const std::set<std::string> own = own_entity_terms(query);
    if (request.related)
        for (const auto& term : own)
            if (db.get_termfreq(term) == 0) {
                const bool company = term.starts_with(schema::kPrefixCompany);
                throw UserError(std::string("related: no ") + (company ? "company" : "person") + " '" +
                                term.substr(2) + "' in the archive (list the known ones with --values " +
                                (company ? "company" : "person") + ")");
            }
    const Tally all = tally(db, query, true, true, request.trend);
    if (request.related) result.related = related_entities(db, all, own, request, names);
    if (request.significant) result.significant = significant_entities(db, all, own, request, names);
    if (request.trend) result.trends = entity_trends(db, query, all, request, names);
    if (request.cooccurrence) result.graph = cooccurrence_graph(db, query, all, request, names);
}

}  // namespace analytics
}  // namespace newsdex
