// --recency HALF-LIFE: blending relevance with the age of an article.
#pragma once

#include "rerank.h"

#include <vector>

#include <xapian.h>

namespace newsdex {

/// The candidates this many at least are blended with recency, so that a
/// recent article well below the first page can still rise into it.
inline constexpr std::size_t kRecencyDepth = 1000;

/// Replace each candidate's score by log(score) - log 2 x age / half-life,
/// the age counted in days back from the newest candidate (an article
/// without a date counts as a million days old), and sort by it (stable:
/// equal scores keep the matcher's order).  With `words_matched` (the OR
/// fallback's words per candidate, in the candidates' order), those holding
/// more words stay first, as without recency.
void apply_recency(const Xapian::Database& db, std::vector<Candidate>& candidates, double half_life_days,
                   const std::vector<std::size_t>* words_matched = nullptr);

}  // namespace newsdex
