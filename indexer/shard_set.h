// Opening and creating the shards of a newsdex database directory for writing
// (layout in common/schema/schema.h).
#pragma once

#include <string>
#include <vector>

#include <xapian.h>

namespace newsdex {

/// Open the database at `path` for writing, creating it with `new_shards`
/// shards if it does not exist.  Throws UserError if `path` is something else
/// (a file, a non-newsdex directory, a stub of remote shards) and SystemError
/// if it is locked or unreadable.
/// `paths`, when given, receives each shard's directory.
std::vector<Xapian::WritableDatabase> open_shards_for_writing(const std::string& path, unsigned new_shards,
                                                              std::vector<std::string>* paths = nullptr);

/// Save each shard's per-document columns (common/schema/doc_columns.h) beside it, for the
/// state just committed.  Throws SystemError.
void save_columns(std::vector<Xapian::WritableDatabase>& shards, const std::vector<std::string>& paths);

/// Write the stub file of `dir` listing `shards` (names relative to `dir`),
/// atomically: a temporary file, synced, renamed over the old one.  Throws
/// SystemError.
void write_stub(const std::string& dir, const std::vector<std::string>& shards);

/// fsync every file below `dir` and the directories themselves (shards are
/// written with DB_NO_SYNC; a run makes its end durable in one go).
void sync_tree(const std::string& dir);

}  // namespace newsdex
