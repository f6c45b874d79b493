#include "stored_data.h"

#include "common/schema.h"
#include "newsdex/error.h"

namespace newsdex {

StoredData parse_stored_data(const std::string& data) {
    StoredData out;
    auto nul = data.find(schema::kDataBodySeparator);
    std::string_view json(data.data(), nul == std::string::npos ? data.size() : nul);
    if (nul != std::string::npos) out.body = std::string_view(data).substr(nul + 1);
    try {
        out.meta = nlohmann::json::parse(json);
    } catch (const nlohmann::json::exception&) {
        throw SystemError("a document's data is not newsdex's (was this database written by newsdex-index?)");
    }
    if (!out.meta.is_object()) throw SystemError("a document's data is not newsdex's");
    return out;
}

}  // namespace newsdex
