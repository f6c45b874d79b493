#include "recency.h"

#include "common/schema/schema.h"

#include <algorithm>
#include <cmath>

namespace newsdex {

void apply_recency(const Xapian::Database& db, std::vector<Candidate>& candidates, double half_life_days,
                   const std::vector<std::size_t>* words_matched) {
    if (candidates.empty()) return;
    constexpr double kUndated = -1e18;
    double newest = kUndated;
    std::vector<double> times;
    times.reserve(candidates.size());
    for (const auto& c : candidates) {
        std::string v = db.get_document(c.docid).get_value(schema::kSlotTime);
        times.push_back(v.empty() ? kUndated : Xapian::sortable_unserialise(v));
        newest = std::max(newest, times.back());
    }
    for (std::size_t i = 0; i < candidates.size(); ++i) {
        double age_days = times[i] < kUndated / 10 ? 1e6 : (newest - times[i]) / 86400.0;
        candidates[i].score = std::log(std::max(candidates[i].score, 1e-9)) - std::log(2.0) * age_days / half_life_days;
    }
    std::vector<std::size_t> order(candidates.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    auto words = [&](std::size_t i) {
        return words_matched && i < words_matched->size() ? (*words_matched)[i] : std::size_t{0};
    };
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        if (words(a) != words(b)) return words(a) > words(b);
        return candidates[a].score > candidates[b].score;
    });
    std::vector<Candidate> sorted;
    sorted.reserve(candidates.size());
    for (std::size_t i : order) sorted.push_back(std::move(candidates[i]));
    candidates = std::move(sorted);
}

}  // namespace newsdex
