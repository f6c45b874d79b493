// The date facet: day counts (YYYYMMDD -> matches, from facet_counts.h)
// turned into year, month or day buckets, zero-filled across the span.
#pragma once

#include "newsdex/search.h"

#include <cstdint>
#include <map>
#include <span>
#include <utility>
#include <vector>

namespace newsdex {

/// Turn raw day counts into date buckets at a granularity (Auto: from the
/// span -- days up to 3 months, months up to 36, else years), zero-filled
/// inside the span.  Bucket ids: "2015", "2015-03", "2015-03-02".  `days`:
/// (YYYYMMDD, count) ascending by day, each day once.
Facet make_date_facet(std::span<const std::pair<std::uint32_t, std::uint64_t>> days, DateGranularity granularity);

/// The same from a map of day counts (entity trends, analytics.h).
Facet make_date_facet(const std::map<std::uint32_t, std::uint64_t>& days, DateGranularity granularity);

}  // namespace newsdex
