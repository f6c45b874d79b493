// Per-document values of one shard, in compact arrays (like Lucene's field
// cache): the companies, persons, date and length of every docid.  The
// searcher counts facets by array lookups instead of reading Xapian values
// for every match, and weighs matches with lengths read from memory rather
// than from the shard's document length list (shard_bm25.h).
//
// The indexer builds the arrays of each shard at the end of a run and saves
// them beside the shard (schema::kFacetCacheFile), stamped with the shard's
// revision; the searcher loads that file, or builds the arrays itself when
// the file is missing or stale (e.g. after a crash mid-run).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <xapian.h>

namespace newsdex {

/// Values of docid d are values[offsets[d] .. offsets[d+1]), local ordinals
/// into `slugs`.
struct FacetRows {
    std::vector<std::string> slugs;
    std::vector<std::uint32_t> offsets;
    std::vector<std::uint32_t> values;
};

struct ShardFacetCache {
    Xapian::rev revision = 0;          ///< shard revision the arrays describe
    std::string uuid;                  ///< the shard's UUID (a recreated shard may reuse a revision)
    FacetRows companies, persons;
    std::vector<std::uint32_t> days;   ///< YYYYMMDD per docid, 0 when undated
    std::vector<std::uint32_t> doclens;  ///< document length per docid (0: no document)

    /// Build from a shard's entity terms and date values.
    static ShardFacetCache build(const Xapian::Database& shard);
    /// Load `path` if it exists and describes `shard` as it is now (same
    /// UUID and revision, consistent sizes and total length); nullopt
    /// otherwise (missing, stale, older format, damaged).
    static std::optional<ShardFacetCache> load(const std::string& path, const Xapian::Database& shard);
    /// Write to `path` (atomically: temporary file + rename).  Throws SystemError.
    void save(const std::string& path) const;
};

}  // namespace newsdex
