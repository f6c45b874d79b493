#include "edit_distance.h"

#include <algorithm>
#include <vector>

namespace newsdex {

std::size_t edit_distance(const std::string& a, const std::string& b, std::size_t limit) {
    if (a.size() > b.size() + limit || b.size() > a.size() + limit) return limit + 1;
    // Three rolling rows (two back, for transpositions), reused across calls:
    // the spelling scan calls this for many terms.
    thread_local std::vector<std::size_t> before, previous, current;
    const std::size_t n = b.size() + 1;
    before.assign(n, 0);
    previous.resize(n);
    current.resize(n);
    for (std::size_t j = 0; j < n; ++j) previous[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        current[0] = i;
        std::size_t row_min = current[0];
        for (std::size_t j = 1; j < n; ++j) {
            std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
            current[j] = std::min({previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                current[j] = std::min(current[j], before[j - 2] + 1);
            row_min = std::min(row_min, current[j]);
        }
        if (row_min > limit) return limit + 1;
        std::swap(before, previous);
        std::swap(previous, current);
    }
    return previous[n - 1];
}

}  // namespace newsdex
