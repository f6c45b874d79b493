// The per-document column store of one shard: for every docid its
// companies and persons (entity rows, for facets), its date (the date facet)
// and its length (BM25, shard_bm25.h), in compact arrays like Lucene's doc
// values.  The searcher counts facets by array lookups instead of reading
// Xapian values for every match, and weighs matches with lengths read from
// memory rather than from the shard's document length list.
//
// The indexer builds the columns of each shard at the end of a run and saves
// them beside the shard (shard-NNN + schema::kColumnsSuffix, ".facets": the
// file name stays; format NDXFC004 adds the body digests, and a file of
// format NDXFC003 still loads, without them), stamped with the
// shard's UUID and revision; the searcher loads that file, or builds the
// columns itself when the file is missing or stale (e.g. after a crash
// mid-run).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <xapian.h>

namespace newsdex {

/// A multi-valued entity column: the values of docid d are
/// values[offsets[d] .. offsets[d+1]), local ordinals into `slugs`.
struct EntityRows {
    std::vector<std::string> slugs;
    std::vector<std::uint32_t> offsets;
    std::vector<std::uint32_t> values;
};

/// Every column of one shard.
struct ShardColumns {
    Xapian::rev revision = 0;  ///< shard revision the columns describe
    std::string uuid;          ///< the shard's UUID (a recreated shard may reuse a revision)
    EntityRows companies, persons;
    std::vector<std::uint32_t> days;     ///< YYYYMMDD per docid, 0 when undated
    std::vector<std::uint32_t> doclens;  ///< document length per docid (0: no document)
    /// The stored body's digest per docid (schema::kSlotBodyDigest), two
    /// words each: docid d at [2d, 2d + 2); both 0 when the document has
    /// none (indexed before the slot existed).  Empty when no document has
    /// one, or loaded from a file of format 003.
    std::vector<std::uint64_t> body_digests;

    /// Build from a shard's entity terms and date and body digest values.
    static ShardColumns build(const Xapian::Database& shard);
    /// Load `path` if it exists and describes `shard` as it is now (same
    /// UUID and revision, consistent sizes and total length); nullopt
    /// otherwise (missing, stale, older format, damaged).
    static std::optional<ShardColumns> load(const std::string& path, const Xapian::Database& shard);
    /// Write to `path` (atomically: temporary file + rename).  Throws SystemError.
    void save(const std::string& path) const;
};

}  // namespace newsdex
