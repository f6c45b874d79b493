// The indexing library: reads inputs, analyses articles on worker threads and
// writes them into a newsdex database (see common/schema/schema.h for its layout).
#pragma once

#include "common/ingest/article.h"
#include "common/ingest/readers.h"

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

namespace newsdex {

class EntityExtractor;

struct IndexOptions {
    std::string db_path;           ///< database directory
    ReaderOptions reader;          ///< format, size limit
    bool strict = false;           ///< first bad record is fatal (UserError)
    bool extract_entities = true;  ///< run the entity extractor
    std::string aliases_file;      ///< user alias table for the extractor
    unsigned shards = 0;           ///< shards of a new database (0: one per core, at most 4); one writer thread each
    unsigned commit_every =
        300;  ///< documents per shard between commits (small batches write fastest, see docs/benchmarks.md)
    std::string default_language = "en";  ///< for articles that do not say
};

/// What a run did.
struct IndexStats {
    std::uint64_t added = 0, replaced = 0, unchanged = 0, skipped = 0, deleted = 0, not_found = 0;
    std::uint64_t text_bytes = 0;                       ///< title + body bytes analysed
    std::map<std::string, std::uint64_t> skip_reasons;  ///< reason kind -> count
    double seconds = 0;
};

/// Progress and messages, all optional.
struct IndexObserver {
    std::function<void(const BadRecord&)> bad_record;
    /// bytes read so far, total input bytes (0 unknown), articles done
    std::function<void(std::uint64_t, std::uint64_t, std::uint64_t)> progress;
};

/// Index every path (file, directory or "-") into the database, creating it
/// if needed.  Throws UserError (with --strict, on the first bad record; bad
/// options) or SystemError (database locked, I/O); everything committed
/// before the error stays in the database.
IndexStats index_paths(const std::vector<std::string>& paths, const IndexOptions& options,
                       const IndexObserver& observer = {});

/// Remove articles by id.  Counts deleted / not_found.
IndexStats delete_ids(const std::vector<std::string>& ids, const IndexOptions& options);

/// What compact_database did.
struct CompactStats {
    std::size_t shards_before = 0;
    std::size_t shards_after = 0;
    std::uint64_t bytes_before = 0, bytes_after = 0;  ///< shards and their column files (.facets)
    double seconds = 0;
};

/// How compact_database lays out the compacted database.
enum class CompactLayout {
    /// Each shard compacted on its own, same docids, same count: as small as
    /// one merged shard (+0.1% at 1M articles) and still matched on one thread
    /// per shard, with one writer per shard for later runs.
    KeepShards,
    /// Every shard merged into one: one set of files to open or to serve.
    MergeIntoOne,
};

/// Rewrite every shard of the local database at `db_path` with Xapian's
/// compactor, for a bulk-built archive that is mostly searched from now on
/// (about 0.65 of the size as written).  Holds the write lock throughout.
/// Crash-safe: the new shards and their column files are complete and synced
/// before the stub file is switched to them atomically; the old shards are
/// removed only after that, and leftovers of an interrupted compaction are
/// removed by the next one.  Throws UserError (not a newsdex database, remote
/// shards) or SystemError.
/// `progress`, when set, is called after each table of each shard is written,
/// with the bytes of the tables compacted so far and of all of them.
using CompactProgress = std::function<void(std::uint64_t done_bytes, std::uint64_t total_bytes)>;
CompactStats compact_database(const std::string& db_path, CompactLayout layout = CompactLayout::KeepShards,
                              const CompactProgress& progress = {});

}  // namespace newsdex
