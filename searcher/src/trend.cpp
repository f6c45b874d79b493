// Per-entity trend series over the date facet's buckets.
#include "analytics.h"
#include "facets.h"

#include <algorithm>
#include <unordered_map>

namespace newsdex::analytics {

Trends entity_trends(MatchSource& source, const Tally& all, const SearchRequest& request, const NameLookup& names) {
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
    // The trend_limit most frequent of each type (ties by slug), companies first.
    std::vector<EntityRef> entities;
    std::vector<std::uint64_t> totals;
    for (EntityKind kind : {EntityKind::Company, EntityKind::Person}) {
        for (const auto& e : most_frequent(all.counts[static_cast<std::size_t>(kind)], request.trend_limit)) {
            entities.push_back({kind, std::string(e.slug), e.ordinal});
            totals.push_back(e.count);
        }
    }
    const std::vector<DayCounts> days = source.days_naming(entities);
    for (std::size_t i = 0; i < entities.size(); ++i) {
        TrendSeries series;
        series.type = entities[i].kind;
        series.id = entities[i].slug;
        series.name = names(type_prefix(series.type), series.id);
        series.total = totals[i];
        series.counts.assign(out.buckets.size(), 0);
        // Its days are some of all the matches' days: each falls in one of their buckets.
        for (const auto& v : make_date_facet(days[i], out.granularity).values) {
            auto at = bucket_index.find(v.id);
            if (at != bucket_index.end()) series.counts[at->second] += v.count;
        }
        series.peak = series.counts.empty()
                          ? 0
                          : static_cast<std::size_t>(std::max_element(series.counts.begin(), series.counts.end()) -
                                                     series.counts.begin());
        out.series.push_back(std::move(series));
    }
    return out;
}

}  // namespace newsdex::analytics
