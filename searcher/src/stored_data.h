// Reading the document data the indexer stores (common/schema/schema.h): a JSON
// object, a NUL byte, then the body.
#pragma once

#include "newsdex/search.h"

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <xapian.h>

namespace newsdex {

struct StoredData {
    nlohmann::json meta;    ///< id, title, date, source, url, language, entities...
    std::string_view body;  ///< points into the data string given to parse_stored_data
};

/// Split and parse; throws SystemError when the data is not newsdex's.  The
/// entity lists stay in the form stored (schema 2's objects or schema 3's
/// compact entries): read them with stored_entity_names or
/// schema::read_stored_entity (common/schema/stored_entities.h); a key the
/// data leaves out (schema 3: "url", "title", "source" when empty,
/// "language" when schema::kDefaultStoredLanguage) is read with that default.
StoredData parse_stored_data(const std::string& data);

/// The body alone, not parsing the metadata (a view into `data`; empty
/// when there is none).
std::string_view stored_body(const std::string& data);

/// The {id, name} of each entry of the array `key` ("companies", "persons",
/// "organizations") of stored metadata, in either stored form; anything
/// else in it is skipped.
std::vector<EntityName> stored_entity_names(const nlohmann::json& meta, const char* key);

/// The strings of the array `key` ("authors") of stored metadata.
std::vector<std::string> stored_strings(const nlohmann::json& meta, const char* key);

/// The document data of one search's candidates, each read once (a docdata
/// lookup and its inflate, ~15-25 us): the re-ranking step reads the
/// page's bodies (the table penalty) and entity lists (the entity bonus),
/// folding reads bodies where no digest tells, and the hits are then loaded
/// from the same data instead of reading it again.  Filled from one thread;
/// find() may be called from several threads once nothing is added.
class StoredDataCache {
  public:
    explicit StoredDataCache(const Xapian::Database& db) : db_(&db) {}
    /// The data of document `docid` of the database given, read on first ask.
    const std::string& data(Xapian::docid docid);
    /// The data if it was read, else null (reads nothing: thread-safe while
    /// nothing is added).
    const std::string* find(Xapian::docid docid) const;
    /// How many documents were read (for tests).
    std::size_t reads() const { return data_.size(); }

  private:
    const Xapian::Database* db_;
    std::unordered_map<Xapian::docid, std::string> data_;
};

}  // namespace newsdex
