#include "date_facet.h"

#include "common/ingest/article.h"

#include <algorithm>
#include <cstdio>
#include <span>
#include <string>
#include <utility>
#include <vector>

namespace newsdex {

namespace {

/// A bucket as a number (YYYY0000, YYYYMM00 or YYYYMMDD) and its count.
using Buckets = std::vector<std::pair<std::uint32_t, std::uint64_t>>;

DateGranularity granularity_for_span(std::uint32_t first, std::uint32_t last) {
    const int y0 = static_cast<int>(first / 10000), m0 = static_cast<int>(first / 100 % 100);
    const int y1 = static_cast<int>(last / 10000), m1 = static_cast<int>(last / 100 % 100);
    const int months = (y1 - y0) * 12 + (m1 - m0);
    return months > 36 ? DateGranularity::Year : months > 3 ? DateGranularity::Month : DateGranularity::Day;
}

std::uint32_t bucket_of(std::uint32_t day, DateGranularity granularity) {
    return granularity == DateGranularity::Year    ? day / 10000 * 10000
           : granularity == DateGranularity::Month ? day / 100 * 100
                                                   : day;
}

/// Every bucket from the one of `first` to the one of `last`, in calendar
/// order, with count 0.
Buckets zero_filled_span(std::uint32_t first, std::uint32_t last, DateGranularity granularity) {
    int y0 = first / 10000, m0 = first / 100 % 100, d0 = first % 100;
    int y1 = last / 10000, m1 = last / 100 % 100, d1 = last % 100;
    Buckets buckets;
    for (int y = y0, m = m0, d = d0;;) {
        buckets.emplace_back(bucket_of(static_cast<std::uint32_t>(y * 10000 + m * 100 + d), granularity), 0);
        if (y == y1 &&
            (granularity == DateGranularity::Year || (m == m1 && (granularity == DateGranularity::Month || d == d1))))
            break;
        if (granularity == DateGranularity::Year)
            ++y;
        else if (granularity == DateGranularity::Month || ++d > days_in_month(y, m)) {
            d = 1;
            if (++m > 12) m = 1, ++y;
        }
        if (y > y1 + 1) break;  // safety
    }
    return buckets;
}

/// Add each day's count to its bucket.  A day the calendar walk does not
/// reach (not a real date, e.g. 20150231) gets a bucket of its own, in order.
void add_day_counts(Buckets& buckets, std::span<const std::pair<std::uint32_t, std::uint64_t>> days,
                    DateGranularity granularity) {
    bool outside_span = false;
    std::size_t next = 0;
    for (const auto& [day, count] : days) {
        const std::uint32_t b = bucket_of(day, granularity);
        while (next < buckets.size() && buckets[next].first < b) ++next;
        if (next < buckets.size() && buckets[next].first == b) {
            buckets[next].second += count;
        } else {
            buckets.emplace_back(b, count);
            outside_span = true;
        }
    }
    if (!outside_span) return;
    std::sort(buckets.begin(), buckets.end());
    Buckets merged;
    for (const auto& b : buckets) {
        if (!merged.empty() && merged.back().first == b.first)
            merged.back().second += b.second;
        else
            merged.push_back(b);
    }
    buckets = std::move(merged);
}

/// "YYYY", "YYYY-MM" or "YYYY-MM-DD" of a bucket (digits written directly:
/// a day facet over decades has thousands of buckets).
std::string bucket_text(std::uint32_t bucket, DateGranularity granularity) {
    const unsigned y = bucket / 10000, m = bucket / 100 % 100, d = bucket % 100;
    if (y > 9999) {  // not a date the indexer writes; printed as it is
        char text[32];
        if (granularity == DateGranularity::Year)
            std::snprintf(text, sizeof text, "%04u", y);
        else if (granularity == DateGranularity::Month)
            std::snprintf(text, sizeof text, "%04u-%02u", y, m);
        else
            std::snprintf(text, sizeof text, "%04u-%02u-%02u", y, m, d);
        return text;
    }
    char text[10] = {static_cast<char>('0' + y / 1000),
                     static_cast<char>('0' + y / 100 % 10),
                     static_cast<char>('0' + y / 10 % 10),
                     static_cast<char>('0' + y % 10),
                     '-',
                     static_cast<char>('0' + m / 10),
                     static_cast<char>('0' + m % 10),
                     '-',
                     static_cast<char>('0' + d / 10),
                     static_cast<char>('0' + d % 10)};
    const std::size_t size = granularity == DateGranularity::Year ? 4 : granularity == DateGranularity::Month ? 7 : 10;
    return std::string(text, size);
}

}  // namespace

Facet make_date_facet(std::span<const std::pair<std::uint32_t, std::uint64_t>> days, DateGranularity granularity) {
    Facet facet;
    facet.field = FacetField::Date;
    if (days.empty()) {
        facet.granularity = granularity == DateGranularity::Auto ? DateGranularity::Year : granularity;
        return facet;
    }
    const std::uint32_t first = days.begin()->first, last = days.rbegin()->first;
    if (granularity == DateGranularity::Auto) granularity = granularity_for_span(first, last);
    facet.granularity = granularity;
    Buckets buckets = zero_filled_span(first, last, granularity);
    add_day_counts(buckets, days, granularity);
    facet.values.reserve(buckets.size());
    for (const auto& [bucket, count] : buckets) {
        std::string text = bucket_text(bucket, granularity);
        facet.values.push_back({text, text, count});
        if (count) ++facet.distinct;
    }
    return facet;
}

Facet make_date_facet(const std::map<std::uint32_t, std::uint64_t>& days, DateGranularity granularity) {
    const std::vector<std::pair<std::uint32_t, std::uint64_t>> list(days.begin(), days.end());
    return make_date_facet(std::span<const std::pair<std::uint32_t, std::uint64_t>>(list), granularity);
}

}  // namespace newsdex
