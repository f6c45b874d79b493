#include "stored_data.h"

#include "common/schema/schema.h"
#include "common/schema/stored_entities.h"
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

std::string_view stored_body(const std::string& data) {
    auto nul = data.find(schema::kDataBodySeparator);
    return nul == std::string::npos ? std::string_view() : std::string_view(data).substr(nul + 1);
}

std::vector<EntityName> stored_entity_names(const nlohmann::json& meta, const char* key) {
    std::vector<EntityName> out;
    auto it = meta.find(key);
    if (it == meta.end() || !it->is_array()) return out;
    out.reserve(it->size());
    schema::StoredEntity e;
    for (const auto& entry : *it)
        if (schema::read_stored_entity(entry, e)) out.push_back({e.id(), std::string(e.name)});
    return out;
}

std::vector<std::string> stored_strings(const nlohmann::json& meta, const char* key) {
    std::vector<std::string> out;
    auto it = meta.find(key);
    if (it == meta.end() || !it->is_array()) return out;
    for (const auto& v : *it)
        if (v.is_string()) out.push_back(v.get<std::string>());
    return out;
}

const std::string& StoredDataCache::data(Xapian::docid docid) {
    auto it = data_.find(docid);
    if (it == data_.end()) it = data_.emplace(docid, db_->get_document(docid, Xapian::DOC_ASSUME_VALID).get_data()).first;
    return it->second;
}

const std::string* StoredDataCache::find(Xapian::docid docid) const {
    auto it = data_.find(docid);
    return it == data_.end() ? nullptr : &it->second;
}

}  // namespace newsdex
