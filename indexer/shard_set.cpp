#include "indexer/shard_set.h"

#include "common/schema/doc_columns.h"
#include "common/schema/schema.h"
#include "newsdex/error.h"

#include <fcntl.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace fs = std::filesystem;

namespace newsdex {

namespace {

std::vector<std::string> read_stub_shards(const fs::path& stub) {
    std::ifstream in(stub);
    if (!in) throw SystemError("cannot read " + stub.string());
    std::vector<std::string> shards;
    std::string line;
    while (std::getline(in, line)) {
        if (line.empty() || line[0] == '#') continue;
        std::istringstream words(line);
        std::string kind, target;
        words >> kind >> target;
        if (kind == "remote" || kind == "tcp" || kind == "prog")
            throw UserError(stub.parent_path().string() +
                            " lists remote shards; index into the shards where they are served instead");
        if (kind == "auto" || kind == "glass")
            shards.push_back(target);
        else if (!kind.empty())
            shards.push_back(kind);  // bare path
    }
    return shards;
}

Xapian::WritableDatabase open_one(const fs::path& shard, int flags) {
    try {
        // No fsync at every commit: a killed process loses nothing (commits are
        // atomic and the page cache keeps them); index_paths syncs once at the end.
        Xapian::WritableDatabase db(shard.string(), flags | Xapian::DB_BACKEND_GLASS | Xapian::DB_NO_SYNC);
        return db;
    } catch (const Xapian::DatabaseLockError&) {
        throw SystemError(shard.parent_path().string() + " is being written by another process (locked)");
    } catch (const Xapian::Error& e) {
        throw SystemError("cannot open " + shard.string() + ": " + e.get_msg());
    }
}

}  // namespace

std::vector<Xapian::WritableDatabase> open_shards_for_writing(const std::string& path, unsigned new_shards,
                                                              std::vector<std::string>* paths) {
    fs::path dir(path);
    std::error_code ec;
    if (fs::exists(dir, ec) && !fs::is_directory(dir, ec))
        throw UserError(path + " exists and is not a newsdex database directory");
    std::vector<Xapian::WritableDatabase> shards;
    fs::path stub = dir / schema::kStubFile;
    if (fs::exists(stub, ec)) {
        for (const auto& name : read_stub_shards(stub)) {
            fs::path shard = fs::path(name).is_absolute() ? fs::path(name) : dir / name;
            shards.push_back(open_one(shard, Xapian::DB_OPEN));
            if (paths) paths->push_back(shard.string());
        }
        if (shards.empty()) throw UserError(stub.string() + " lists no shards");
        std::string version = shards.front().get_metadata(schema::kSchemaVersionKey);
        if (!schema::readable_schema_version(version))
            throw UserError(path + " was written with index schema " + version + " and this newsdex writes schema " +
                            std::to_string(schema::kSchemaVersion) + ": index into a new database");
        // An older schema this newsdex still reads: what it writes now is
        // schema 4, so the database says so (an older newsdex, which would
        // misread the new documents' data, then refuses it).
        if (version != std::to_string(schema::kSchemaVersion))
            for (auto& shard : shards)
                shard.set_metadata(schema::kSchemaVersionKey, std::to_string(schema::kSchemaVersion));
        return shards;
    }
    // No stub: a new database, or one whose creation was interrupted after
    // some shards were made (then the existing shards are reused).
    unsigned existing = 0;
    if (fs::exists(dir, ec)) {
        for (const auto& entry : fs::directory_iterator(dir)) {
            std::string name = entry.path().filename().string();
            if (name.rfind("shard-", 0) == 0 && entry.is_directory())
                ++existing;
            else if (name.rfind("shard-", 0) == 0)
                continue;  // a column file (shard-NNN.facets)
            else if (name == "iamglass" || name == "postlist.glass")
                throw UserError(path + " is a plain Xapian database, not a newsdex database");
            else if (name != std::string(schema::kStubFile) + ".tmp")
                throw UserError(path + " is not empty and is not a newsdex database");
        }
    } else {
        fs::create_directories(dir, ec);
        if (ec) throw SystemError("cannot create " + path + ": " + ec.message());
    }
    unsigned count = existing ? existing : std::max(1u, new_shards);
    for (unsigned i = 0; i < count; ++i) {
        auto db = open_one(dir / schema::shard_name(i), Xapian::DB_CREATE_OR_OPEN);
        if (paths) paths->push_back((dir / schema::shard_name(i)).string());
        db.set_metadata(schema::kSchemaVersionKey, std::to_string(schema::kSchemaVersion));
        // Every document of a shard begun empty gets its XW terms (schema.h).
        if (db.get_lastdocid() == 0) db.set_metadata(schema::kSurnameTermsKey, "1");
        db.commit();
        shards.push_back(std::move(db));
    }
    std::vector<std::string> names;
    for (unsigned i = 0; i < count; ++i) names.push_back(schema::shard_name(i));
    write_stub(dir.string(), names);
    return shards;
}

void save_columns(std::vector<Xapian::WritableDatabase>& shards, const std::vector<std::string>& paths) {
    try {
        for (std::size_t i = 0; i < shards.size() && i < paths.size(); ++i)
            ShardColumns::build(shards[i]).save(paths[i] + schema::kColumnsSuffix);
    } catch (const Xapian::Error& e) {
        throw SystemError("building the facet cache: " + e.get_description());
    }
}

void write_stub(const std::string& dir, const std::vector<std::string>& shards) {
    fs::path tmp = fs::path(dir) / (std::string(schema::kStubFile) + ".tmp");
    {
        std::ofstream out(tmp, std::ios::trunc);
        out << "# newsdex database: " << shards.size() << " shard(s), searched as one (Xapian stub database)\n";
        for (const auto& name : shards) out << "auto " << name << "\n";
        out.flush();
        if (!out) throw SystemError("cannot write " + tmp.string());
    }
    // The new stub must be on disk before it replaces the old one: after a
    // crash the stub names either the old shards or the new ones, whole.
    int fd = ::open(tmp.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0 || ::fsync(fd) != 0) {
        if (fd >= 0) ::close(fd);
        throw SystemError("cannot write " + tmp.string());
    }
    ::close(fd);
    std::error_code ec;
    fs::rename(tmp, fs::path(dir) / schema::kStubFile, ec);
    if (ec) throw SystemError("cannot write " + (fs::path(dir) / schema::kStubFile).string() + ": " + ec.message());
    fd = ::open(dir.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd >= 0) {
        ::fsync(fd);
        ::close(fd);
    }
}

void sync_tree(const std::string& dir) {
    std::error_code ec;
    for (auto it = fs::recursive_directory_iterator(dir, ec); !ec && it != fs::recursive_directory_iterator();
         it.increment(ec)) {
        int fd = ::open(it->path().c_str(), O_RDONLY | O_CLOEXEC);
        if (fd >= 0) {
            ::fsync(fd);
            ::close(fd);
        }
    }
    int fd = ::open(dir.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd >= 0) {
        ::fsync(fd);
        ::close(fd);
    }
}

}  // namespace newsdex
