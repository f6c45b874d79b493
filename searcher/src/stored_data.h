// Reading the document data the indexer stores (common/schema/schema.h): a JSON
// object, a NUL byte, then the body.
#pragma once

#include "newsdex/search.h"

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace newsdex {

struct StoredData {
    nlohmann::json meta;    ///< id, title, date, source, url, language, entities...
    std::string_view body;  ///< points into the data string given to parse_stored_data
};

/// Split and parse; throws SystemError when the data is not newsdex's.
StoredData parse_stored_data(const std::string& data);

/// The body alone, not parsing the metadata (a view into `data`; empty
/// when there is none).
std::string_view stored_body(const std::string& data);

/// The {id, name} objects of the array `key` ("companies", "persons",
/// "organizations") of stored metadata; anything else in it is skipped.
std::vector<EntityName> stored_entity_names(const nlohmann::json& meta, const char* key);

/// The strings of the array `key` ("authors") of stored metadata.
std::vector<std::string> stored_strings(const nlohmann::json& meta, const char* key);

}  // namespace newsdex
