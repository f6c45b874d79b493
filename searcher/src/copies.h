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
#include <limits>
#include <string>
#include <unordered_map>
#include <vector>

#include <xapian.h>

namespace newsdex {

/// Members of one near-duplicate group the matcher keeps when only copies
/// fold: a group rarely holds more than 8 versions that differ.
inline constexpr Xapian::doccount kKeptPerGroup = 8;

/// The stored bodies (first schema::kMaxStoredBody bytes) of `db`'s
/// documents, each read once.  One search shares it between its folding
/// rounds (each deeper match starts with the previous one's candidates)
/// and count_copies: reading a body is what folding costs (a docdata
/// lookup and its inflate, ~15 us), and at Reuters 8x, where every story
/// has 8 copies, the rounds read the same bodies again and again.
class StoredBodies {
  public:
    explicit StoredBodies(const Xapian::Database& db) : db_(&db) {}
    const std::string& of(Xapian::docid docid);
    /// How many bodies were read (for tests).
    std::size_t reads() const { return bodies_.size(); }

  private:
    const Xapian::Database* db_;
    std::unordered_map<Xapian::docid, std::string> bodies_;
};

/// Drop from `list` (best first) each candidate whose stored body is
/// identical to that of a better candidate of its group (same dup_key),
/// and cut the list once it holds `keep` candidates.  A body is read only
/// when a second member of its group comes (so a group of one is never
/// read), and the result is the first `keep` of folding the whole list.
/// Returns how many of `list` were looked at: up to and including the
/// `keep`-th kept, or all of them.
std::size_t fold_copies(StoredBodies& bodies, std::vector<Candidate>& list,
                        std::size_t keep = std::numeric_limits<std::size_t>::max());

/// For each of `shown` (docids of `db`, with their dup_key): how many other
/// articles matching `query` are identical copies of it (same group, same
/// body): its `+N similar`.  One boolean match over `db`, filtered to the
/// shown hits' groups; works on remote shards alike.  `bodies` reads `db`.
std::vector<Xapian::doccount> count_copies(const Xapian::Database& db, const Xapian::Query& query,
                                           const std::vector<Candidate>& shown, StoredBodies& bodies);

}  // namespace newsdex
