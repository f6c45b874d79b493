// Reading the document data the indexer stores (common/schema.h): a JSON
// object, a NUL byte, then the body.
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>

namespace newsdex {

struct StoredData {
    nlohmann::json meta;    ///< id, title, date, source, url, language, entities...
    std::string_view body;  ///< points into the data string given to parse_stored_data
};

/// Split and parse; throws SystemError when the data is not newsdex's.
StoredData parse_stored_data(const std::string& data);

}  // namespace newsdex
