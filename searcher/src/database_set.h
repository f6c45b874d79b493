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
};

/// Throws SystemError naming the path when something cannot be opened.
DatabaseSet open_database_set(const std::vector<std::string>& paths);

}  // namespace newsdex
