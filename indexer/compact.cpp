// newsdex-index --compact: rewrite the shards with Xapian's compactor, each on
// its own (the default) or merged into one.
#include "indexer/indexer.h"

#include "common/schema/doc_columns.h"
#include "common/schema/schema.h"
#include "indexer/shard_set.h"
#include "newsdex/error.h"

#include <algorithm>
#include <chrono>
#include <filesystem>

#include <xapian.h>

namespace fs = std::filesystem;

namespace newsdex {

namespace {

/// The compactor writes here first; never listed in the stub.
constexpr const char* kCompactingDir = "compacting.tmp";

std::uint64_t tree_bytes(const fs::path& path) {
    std::error_code ec;
    if (fs::is_regular_file(path, ec)) return fs::file_size(path, ec);
    std::uint64_t total = 0;
    for (auto it = fs::recursive_directory_iterator(path, ec); !ec && it != fs::recursive_directory_iterator();
         it.increment(ec))
        if (it->is_regular_file(ec)) total += it->file_size(ec);
    return total;
}

std::uint64_t shard_bytes(const std::vector<std::string>& shards) {
    std::uint64_t total = 0;
    for (const auto& shard : shards) total += tree_bytes(shard) + tree_bytes(shard + schema::kColumnsSuffix);
    return total;
}

/// Shard directories and column files in `dir` that the stub does not list:
/// what an interrupted compaction left behind (before or after the switch).
void remove_unlisted(const fs::path& dir, const std::vector<std::string>& listed) {
    auto is_listed = [&](const fs::path& p) {
        return std::any_of(listed.begin(), listed.end(), [&](const std::string& shard) {
            return fs::path(shard) == p || fs::path(shard + schema::kColumnsSuffix) == p;
        });
    };
    std::vector<fs::path> stale;
    for (const auto& entry : fs::directory_iterator(dir)) {
        std::string name = entry.path().filename().string();
        if ((name.rfind("shard-", 0) == 0 || name == kCompactingDir) && !is_listed(entry.path()))
            stale.push_back(entry.path());
    }
    for (const auto& p : stale) fs::remove_all(p);
}

std::string unused_shard_name(const fs::path& dir) {
    for (unsigned i = 0;; ++i) {
        std::string name = schema::shard_name(i);
        std::error_code ec;
        if (!fs::exists(dir / name, ec) && !fs::exists(dir / (name + schema::kColumnsSuffix), ec)) return name;
    }
}

/// Bytes of a shard's Xapian tables (its `.glass` files): what progress counts.
std::uint64_t table_bytes(const std::string& shard, const std::string& table = "") {
    std::uint64_t total = 0;
    std::error_code ec;
    for (auto it = fs::directory_iterator(shard, ec); !ec && it != fs::directory_iterator(); it.increment(ec)) {
        const fs::path& p = it->path();
        if (p.extension() == ".glass" && (table.empty() || p.stem() == table)) total += it->file_size(ec);
    }
    return total;
}

/// Xapian's compactor reports each table when it starts (empty status) and
/// when it is done; a finished table adds its sources' bytes to the progress.
class ProgressCompactor : public Xapian::Compactor {
  public:
    ProgressCompactor(const std::vector<std::string>& sources, std::uint64_t& done, std::uint64_t total,
                      const CompactProgress& progress)
        : sources_(sources), done_(done), total_(total), progress_(progress) {}

    void set_status(const std::string& table, const std::string& status) override {
        if (status.empty() || !progress_) return;
        for (const auto& shard : sources_) done_ += table_bytes(shard, table);
        progress_(std::min(done_, total_), total_);
    }

  private:
    const std::vector<std::string>& sources_;
    std::uint64_t& done_;
    std::uint64_t total_;
    const CompactProgress& progress_;
};

/// Compact `sources` into the staging directory `staging` and move the result
/// to a fresh shard name in `dir`; returns that name.  Each shard compacted on
/// its own keeps its docids (DBCOMPACT_NO_RENUMBER), so the database answers
/// to the docid exactly as before, ties included.
std::string compact_into_new_shard(const fs::path& dir, const std::vector<std::string>& sources,
                                   const fs::path& staging, ProgressCompactor& compactor) {
    Xapian::Database source;
    for (const auto& shard : sources) source.add_database(Xapian::Database(shard));
    const unsigned keep_docids = sources.size() == 1 ? Xapian::DBCOMPACT_NO_RENUMBER : 0;
    // Block size 0: Xapian's default 8 KiB.  16 KiB made the compacted database
    // 1.2% smaller but cost 9% more CPU per top-10 query (docs/scaling.md).
    source.compact(staging.string(), Xapian::Compactor::FULL | keep_docids, 0, compactor);
    std::string name = unused_shard_name(dir);
    fs::path compacted = dir / name;
    fs::rename(staging, compacted);
    ShardColumns::build(Xapian::Database(compacted.string())).save(compacted.string() + schema::kColumnsSuffix);
    return name;
}

}  // namespace

CompactStats compact_database(const std::string& db_path, CompactLayout layout, const CompactProgress& progress) {
    auto started = std::chrono::steady_clock::now();
    fs::path dir(db_path);
    std::error_code ec;
    if (!fs::exists(dir / schema::kStubFile, ec)) throw UserError("no newsdex database at " + db_path);
    std::vector<std::string> shards;
    // Holding the shards open for writing keeps every other writer out.
    auto writers = open_shards_for_writing(db_path, 1, &shards);
    CompactStats stats;
    stats.shards_before = shards.size();
    try {
        remove_unlisted(dir, shards);
        stats.bytes_before = shard_bytes(shards);
        fs::path staging = dir / kCompactingDir;
        std::vector<std::string> compacted;
        std::uint64_t done = 0, total = 0;
        for (const auto& shard : shards) total += table_bytes(shard);
        if (layout == CompactLayout::MergeIntoOne || shards.size() == 1) {
            ProgressCompactor compactor(shards, done, total, progress);
            compacted.push_back(compact_into_new_shard(dir, shards, staging, compactor));
        } else {
            // One after the other, in the stub's order: a shard's place in the
            // stub is what routes an id to it (schema::shard_for_id).
            fs::create_directory(staging);
            for (std::size_t i = 0; i < shards.size(); ++i) {
                const std::vector<std::string> one{shards[i]};
                ProgressCompactor compactor(one, done, total, progress);
                compacted.push_back(compact_into_new_shard(dir, one, staging / std::to_string(i), compactor));
            }
        }
        sync_tree(db_path);
        write_stub(db_path, compacted);  // the switch: before it the old shards, after it the new ones
        for (auto& w : writers) w.close();
        for (const auto& shard : shards) {
            if (fs::path(shard).parent_path() != dir) continue;  // listed from elsewhere: not ours to remove
            fs::remove_all(shard);
            fs::remove(shard + schema::kColumnsSuffix, ec);
        }
        fs::remove_all(staging, ec);
        std::vector<std::string> paths;
        for (const auto& name : compacted) paths.push_back((dir / name).string());
        stats.shards_after = compacted.size();
        stats.bytes_after = shard_bytes(paths);
    } catch (const Xapian::Error& e) {
        throw SystemError("compacting " + db_path + ": " + e.get_description());
    } catch (const fs::filesystem_error& e) {
        throw SystemError("compacting " + db_path + ": " + e.what());
    }
    stats.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return stats;
}

}  // namespace newsdex
