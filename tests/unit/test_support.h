// Helpers for unit tests that need files and small databases.
#pragma once

#include "indexer/indexer.h"

#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>

namespace newsdex::test {

/// A fresh temporary directory, removed at scope exit.
struct TempDir {
    std::filesystem::path path;
    TempDir() {
        std::random_device rd;
        path = std::filesystem::temp_directory_path() / ("newsdex-test-" + std::to_string(rd()));
        std::filesystem::create_directories(path);
    }
    ~TempDir() { std::filesystem::remove_all(path); }
    std::string file(const std::string& name, const std::string& content) const {
        auto p = path / name;
        std::filesystem::create_directories(p.parent_path());
        std::ofstream(p, std::ios::binary) << content;
        return p.string();
    }
    std::string sub(const std::string& name) const { return (path / name).string(); }
};

/// Index `paths` into `db` (no entity extraction: metadata entities only).
inline IndexStats index_into(const std::string& db, const std::vector<std::string>& paths, unsigned shards = 2) {
    IndexOptions o;
    o.db_path = db;
    o.extract_entities = false;
    o.shards = shards;
    return index_paths(paths, o);
}

}  // namespace newsdex::test
