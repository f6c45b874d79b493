// Identical copies of an article (docs/ranking.md, "Collapse").
//
// The index groups near-duplicates by their first 40 body words
// (schema::kSlotDupKey).  Such a group holds word-for-word copies (a story
// sent again) and versions that differ further down (updates,
// corrections, a longer take).  By default nothing folds: mark_copies
// tells which hits of a page are copies of a higher one.  With
// SearchRequest::collapse_duplicates only the copies fold into their best
// hit: the matcher keeps up to kKeptPerGroup members of a group and
// fold_copies drops those whose body is identical to a better one's.
// SearchRequest::collapse_similar folds the whole group, as the matcher's
// collapse key alone does.
#pragma once

#include "rerank.h"
#include "stored_data.h"

#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include <xapian.h>

namespace newsdex {

/// Members of one near-duplicate group the matcher keeps when only copies
/// fold: a group rarely holds more than 8 versions that differ.
inline constexpr Xapian::doccount kKeptPerGroup = 8;

/// The digests of the stored bodies (schema::kSlotBodyDigest) of the local
/// shards, kept in memory with the other per-document columns
/// (FacetIndex::body_digests), by docid of the combined database: shard
/// (d - 1) % n, its docid (d - 1) / n + 1.  Default: none known.
class BodyDigests {
  public:
    using Digest = std::pair<std::uint64_t, std::uint64_t>;
    BodyDigests() = default;
    /// `shards`: each local shard's ShardColumns::body_digests (empty ones allowed).
    explicit BodyDigests(std::vector<const std::vector<std::uint64_t>*> shards) : shards_(std::move(shards)) {}
    /// The digest of document `docid`, or nullopt when unknown (remote
    /// shards, a shard without the column, a document indexed without it).
    std::optional<Digest> of(Xapian::docid docid) const;
    /// Whether any digest may be known.
    bool any() const { return !shards_.empty(); }

  private:
    std::vector<const std::vector<std::uint64_t>*> shards_;
};

/// Whether the stored bodies of two documents are identical, each body read
/// once (StoredDataCache).  Two documents whose digests are both known compare their digests
/// (SHA-256, 128 bits: equal digests are equal bodies), reading nothing;
/// otherwise the stored bodies (first schema::kMaxStoredBody bytes) are read
/// and compared.  One search shares it between its folding rounds (each
/// deeper match starts with the previous one's candidates) and
/// count_copies: reading a body (a docdata lookup and its inflate, ~15 us)
/// was what folding cost, and at Reuters 8x, where every story has 8
/// copies, about 400 of them per query.
class StoredBodies {
  public:
    explicit StoredBodies(StoredDataCache& documents, BodyDigests digests = {})
        : documents_(&documents), digests_(std::move(digests)) {}
    bool same(Xapian::docid a, Xapian::docid b);
    /// How many documents' data were read (for tests).
    std::size_t reads() const { return documents_->reads(); }
    /// Whether digests may spare reading (count_copies then also spares
    /// reading the matches' collapse keys: local shards).
    bool has_digests() const { return digests_.any(); }
    /// The digest of document `docid`'s stored body, when known (BodyDigests::of).
    std::optional<BodyDigests::Digest> digest(Xapian::docid docid) const { return digests_.of(docid); }

  private:
    StoredDataCache* documents_;
    BodyDigests digests_;
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

/// What mark_copies gives a hit that is no copy.
inline constexpr std::size_t kNotACopy = static_cast<std::size_t>(-1);

/// For each hit of `page` (docids of `db`, best first), the index in `page`
/// of the first hit before it of which it is an identical copy: the same
/// near-duplicate group (a non-empty kSlotDupKey) and the same stored body;
/// kNotACopy when none.  Cheap: with the bodies' digests known (local
/// shards) the digests are compared in memory and a group key is read
/// (one value lookup) only for hits whose digest an earlier one shares;
/// otherwise every hit's group key is read and bodies are compared only
/// within a group.
std::vector<std::size_t> mark_copies(const Xapian::Database& db, const std::vector<Xapian::docid>& page,
                                     StoredBodies& bodies);

/// For each of `shown` (docids of `db`, with their dup_key): how many other
/// articles matching `query` are identical copies of it (same group, same
/// body): its `+N similar`.  One boolean match over `db`, filtered to the
/// shown hits' groups; works on remote shards alike.  `bodies` reads `db`.
/// With digests, each match's group comes from the groups' posting lists
/// (XD terms), not from its collapse key (a value read per match).
std::vector<Xapian::doccount> count_copies(const Xapian::Database& db, const Xapian::Query& query,
                                           const std::vector<Candidate>& shown, StoredBodies& bodies);

}  // namespace newsdex
