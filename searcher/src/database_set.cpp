#include "database_set.h"

#include "common/schema/schema.h"
#include "newsdex/error.h"

#include <filesystem>
#include <fstream>
#include <sstream>

namespace fs = std::filesystem;

namespace newsdex {

namespace {

Xapian::Database open_remote(const std::string& spec, const std::string& where) {
    // "remote :HOST:PORT" (TCP, as Xapian writes it), "remote HOST:PORT", or
    // "remote PROGRAM ARGS..." (e.g. ssh ... xapian-progsrv).
    std::string s = spec;
    if (!s.empty() && s[0] == ':') s.erase(0, 1);
    auto colon = s.rfind(':');
    bool tcp = colon != std::string::npos && s.find(' ') == std::string::npos && colon + 1 < s.size() &&
               s.find_first_not_of("0123456789", colon + 1) == std::string::npos;
    try {
        if (tcp) {
            std::string host = s.substr(0, colon);
            if (host.size() > 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
            return Xapian::Remote::open(host, static_cast<unsigned>(std::stoul(s.substr(colon + 1))));
        }
        auto space = s.find(' ');
        return Xapian::Remote::open(s.substr(0, space), space == std::string::npos ? "" : s.substr(space + 1));
    } catch (const Xapian::Error& e) {
        throw SystemError("cannot reach remote shard '" + spec + "' (" + where + "): " + e.get_msg());
    }
}

Xapian::Database open_local(const fs::path& path) {
    try {
        return Xapian::Database(path.string());
    } catch (const Xapian::DatabaseNotFoundError&) {
        throw SystemError("no database at " + path.string());
    } catch (const Xapian::DatabaseModifiedError&) {
        throw;  // an indexer committed while this opened: the caller opens again
    } catch (const Xapian::DatabaseCorruptError& e) {
        // Kept a Xapian error: opening while an indexer commits can read a
        // block the writer just reused, which Xapian reports as corruption;
        // the caller opens again, and only reports what persists.
        throw Xapian::DatabaseCorruptError("database " + path.string() + " is corrupt: " + e.get_msg());
    } catch (const Xapian::Error& e) {
        throw SystemError("cannot open " + path.string() + ": " + e.get_msg());
    }
}

void add_stub(const fs::path& stub, DatabaseSet& set) {
    std::ifstream in(stub);
    if (!in) throw SystemError("cannot read " + stub.string());
    std::string line;
    int line_number = 0;
    while (std::getline(in, line)) {
        ++line_number;
        auto first = line.find_first_not_of(" \t\r");  // "\r": a blank line of a CRLF stub is blank
        if (first == std::string::npos || line[first] == '#') continue;
        std::istringstream words(line.substr(first));
        std::string kind, rest;
        words >> kind;
        std::getline(words, rest);
        rest.erase(0, rest.find_first_not_of(" \t"));
        while (!rest.empty() && (rest.back() == ' ' || rest.back() == '\r')) rest.pop_back();
        std::string where = stub.string() + ":" + std::to_string(line_number);
        Xapian::Database db;
        std::string local_path;
        if (kind == "remote") {
            db = open_remote(rest, where);
            set.all_local = false;
        } else {
            const bool typed = kind == "auto" || kind == "glass" || kind == "chert";
            fs::path target = typed ? fs::path(rest) : fs::path(kind);
            if (target.is_relative()) target = stub.parent_path() / target;
            std::error_code ec;
            // Any file can be named by --db: a line that is neither a typed
            // stub line nor an existing path says it is not a stub, and its
            // text (someone's /etc/passwd) is not repeated.
            if (!typed && !fs::is_directory(target, ec))
                throw UserError(where +
                                ": not a database stub line (expected 'auto PATH', 'glass PATH' or "
                                "'remote :HOST:PORT'): is " +
                                stub.string() + " a newsdex database?");
            db = open_local(target);
            local_path = target.string();
        }
        set.shards.push_back(db);
        set.shard_paths.push_back(local_path);
        set.combined.add_database(db);
    }
}

}  // namespace

namespace {

DatabaseSet open_once(const std::vector<std::string>& paths) {
    DatabaseSet set;
    for (const auto& p : paths) {
        fs::path path(p);
        std::error_code ec;
        if (fs::is_directory(path, ec)) {
            if (fs::exists(path / schema::kStubFile, ec))
                add_stub(path / schema::kStubFile, set);
            else {
                if (!fs::exists(path / "iamglass", ec) && !fs::exists(path / "iamchert", ec) &&
                    !fs::exists(path / "iamhoney", ec))
                    throw UserError(p + " is not a newsdex database (a directory with no " +
                                    std::string(schema::kStubFile) + " stub and no Xapian database)");
                auto db = open_local(path);
                set.shards.push_back(db);
                set.shard_paths.push_back(path.string());
                set.combined.add_database(db);
            }
        } else if (fs::is_regular_file(path, ec)) {
            add_stub(path, set);
        } else {
            throw SystemError("no database at " + p + " (create one with newsdex-index --db " + p + ")");
        }
    }
    if (set.shards.empty()) throw SystemError("no database given");
    if (set.all_local)
        for (const auto& path : set.shard_paths) set.worker_shards.push_back(open_local(path));
    return set;
}

}  // namespace

std::string DatabaseSet::metadata(const std::string& key) const {
    for (const auto& shard : shards) {
        std::string value = shard.get_metadata(key);
        if (!value.empty()) return value;
    }
    return {};
}

DatabaseSet open_database_set(const std::vector<std::string>& paths) {
    DatabaseSet set = open_once(paths);
    // The worker handles must see the revisions the main ones see; an
    // indexer committing in between (at --commit-every 1, all the time)
    // moves one of them on: bring both to the newest revision until they
    // agree.  Only that shard is reopened, and reopening is cheap.
    for (std::size_t i = 0; i < set.worker_shards.size(); ++i)
        for (int attempt = 0; set.worker_shards[i].get_revision() != set.shards[i].get_revision(); ++attempt) {
            if (attempt == 100)
                throw SystemError("shard " + set.shard_paths[i] +
                                  " kept changing while it was being opened; try again");
            set.shards[i].reopen();  // shares its state with `combined`
            set.worker_shards[i].reopen();
        }
    return set;
}

}  // namespace newsdex
