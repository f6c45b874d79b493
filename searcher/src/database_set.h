// Opening what the user names with --db: newsdex directories (a stub listing
// local shards), plain Xapian databases, and stub files listing remote shards.
#pragma once

#include <string>
#include <vector>

#include <xapian.h>

namespace newsdex {

struct DatabaseSet {
    Xapian::Database combined;             ///< all shards, searched as one
    std::vector<Xapian::Database> shards;  ///< each shard, in the order added to `combined`
    std::vector<std::string> shard_paths;  ///< each shard's directory ("" for a remote shard)
    bool all_local = true;                 ///< no remote shard (fast facet path possible)
    /// When all_local: a second handle on each shard, for the worker threads
    /// (a Xapian object is used by one thread at a time; these are opened
    /// together with the main ones, so both see the same committed state).
    std::vector<Xapian::Database> worker_shards;

    /// The value of metadata `key` (display name, alias) from the first
    /// shard that has it.  Xapian's combined database answers from its first
    /// shard only, and databases indexed apart (a.db and b.db, or remote
    /// servers) each hold only their own articles' names and aliases.
    /// Asked per key rather than merged at open time: a remote shard would
    /// send every name over the network before the first search.
    std::string metadata(const std::string& key) const;
};

/// Throws SystemError naming the path when something cannot be opened.
DatabaseSet open_database_set(const std::vector<std::string>& paths);

}  // namespace newsdex
