// Per-entity trend series over the date facet's buckets.
#include "analytics.h"
#include "facets.h"

#include <algorithm>
#include <unordered_map>

namespace newsdex::analytics {

namespace {

/// The `limit` most frequent slugs of one type, ties by slug.
std::vector<std::pair<std::string, std::uint64_t>> most_frequent(const std::map<std::string, std::uint64_t>& counts,
                                                                 std::size_t limit) {
    return top_counts({counts.begin(), counts.end()}, limit).top;
}

}  // namespace

Trends entity_trends(const Xapian::Database& db, const Xapian::Query& query, const Tally& all,
                     const SearchRequest& request, const NameLookup& names) {
    // The buckets are the date facet's for the same matches: the same
    // granularity rule, the same zero-filled span.
    const Facet dates = make_date_facet(all.days, request.date_granularity);
    Trends out;
    out.granularity = dates.granularity;
    std::unordered_map<std::string, std::size_t> bucket_index;
    for (const auto& v : dates.values) {
        bucket_index.emplace(v.id, out.buckets.size());
        out.buckets.push_back(v.id);
    }
    for (EntityKind type : {EntityKind::Company, EntityKind::Person}) {
        const std::string prefix(type_prefix(type));
        for (const auto& [slug, total] : most_frequent(all.counts[static_cast<std::size_t>(type)], request.trend_limit)) {
            // The entity's matches by day: the query filtered by the entity.
            const Tally own = tally(db, Xapian::Query(Xapian::Query::OP_FILTER, query, Xapian::Query(prefix + slug)),
                                    false, false, true);
            TrendSeries series;
            series.type = type;
            series.id = slug;
            series.name = names(prefix, slug);
            series.total = total;
            series.counts.assign(out.buckets.size(), 0);
            // Its days are some of all the matches' days: each falls in one of their buckets.
            for (const auto& v : make_date_facet(own.days, out.granularity).values) {
                auto at = bucket_index.find(v.id);
                if (at != bucket_index.end()) series.counts[at->second] += v.count;
            }
            series.peak = static_cast<std::size_t>(
                std::max_element(series.counts.begin(), series.counts.end()) - series.counts.begin());
            if (series.counts.empty()) series.peak = 0;
            out.series.push_back(std::move(series));
        }
    }
    return out;
}

}  // namespace newsdex::analytics
