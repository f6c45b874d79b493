// Opening what the user names with --db: newsdex directories (a stub listing
// local shards), plain Xapian databases, and stub files listing remote shards.
#pragma once

#include <string>
#include <vector>

#include <xapian.h>

namespace newsdex {

struct DatabaseSet {
    Xapian::Database combined;            ///< all shards, searched as one
    std::vector<Xapian::Database> shards; ///< each shard, in the order added to `combined`
    std::vector<std::string> shard_paths; ///< each shard's directory ("" for a remote shard)
    bool all_local = true;                ///< no remote shard (fast facet path possible)
    /// When all_local: a second handle on each shard, for the worker threads
    /// (a Xapian object is used by one thread at a time; these are opened
    /// together with the main ones, so both see the same committed state).
    std::vector<Xapian::Database> worker_shards;
};

/// Throws SystemError naming the path when something cannot be opened.
DatabaseSet open_database_set(const std::vector<std::string>& paths);

}  // namespace newsdex
