// Collapsing identical copies only (docs/ranking.md, "Collapse").
//
// The index groups near-duplicates by their first 40 body words
// (schema::kSlotDupKey).  Such a group holds word-for-word copies (a story
// sent again) and versions that differ further down (updates,
// corrections, a longer take).  By default only the copies fold into
// their best hit: the matcher keeps up to kKeptPerGroup members of a group
// and fold_copies drops those whose body is identical to a better one's.
// SearchRequest::collapse_similar folds the whole group, as the matcher's
// collapse key alone does.
#pragma once

#include "rerank.h"

#include <cstddef>
#include <vector>

#include <xapian.h>

namespace newsdex {

/// Members of one near-duplicate group the matcher keeps when only copies
/// fold: a group rarely holds more than 8 versions that differ.
inline constexpr Xapian::doccount kKeptPerGroup = 8;

/// Drop from `list` (best first) each candidate whose stored body (its
/// first schema::kMaxStoredBody bytes) is identical to that of a better
/// candidate of its group (same dup_key).  Reads the bodies of candidates
/// sharing a group only.  Returns how many were dropped.
std::size_t fold_copies(const Xapian::Database& db, std::vector<Candidate>& list);

/// For each of `shown` (docids of `db`, with their dup_key): how many other
/// articles matching `query` are identical copies of it (same group, same
/// body): its `+N similar`.  One boolean match over `db`, filtered to the
/// shown hits' groups; works on remote shards alike.
std::vector<Xapian::doccount> count_copies(const Xapian::Database& db, const Xapian::Query& query,
                                           const std::vector<Candidate>& shown);

}  // namespace newsdex
