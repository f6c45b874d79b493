#include "common/schema/stored_entities.h"

#include <cstdint>

namespace newsdex::schema {

std::string stored_id_of_name(std::string_view name) {
    std::string id;
    bool gap = false;
    for (char c : name) {
        const auto u = static_cast<unsigned char>(c);
        if (u >= 0x80) return {};
        const bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
        if (!alnum) {
            gap = true;
            continue;
        }
        if (gap && !id.empty()) id += '-';
        gap = false;
        id += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    }
    return id;
}

nlohmann::json encode_stored_entity(const std::string& id, const std::string& name, std::size_t mentions) {
    const bool derived = !id.empty() && stored_id_of_name(name) == id;
    if (derived && mentions == 1) return name;
    nlohmann::json entry = nlohmann::json::array({name, mentions});
    if (!derived) entry.push_back(id);
    return entry;
}

nlohmann::json decode_stored_entity(const nlohmann::json& entry) {
    if (entry.is_string()) {
        const std::string& name = entry.get_ref<const std::string&>();
        return {{"id", stored_id_of_name(name)}, {"mentions", 1}, {"name", name}};
    }
    if (entry.is_array() && (entry.size() == 2 || entry.size() == 3) && entry[0].is_string() &&
        entry[1].is_number_integer() && (entry.size() == 2 || entry[2].is_string())) {
        const std::string& name = entry[0].get_ref<const std::string&>();
        return {{"id", entry.size() == 3 ? entry[2].get<std::string>() : stored_id_of_name(name)},
                {"mentions", entry[1]},
                {"name", name}};
    }
    return entry;
}

void expand_stored_entities(nlohmann::json& meta) {
    if (!meta.is_object()) return;
    for (const char* key : kStoredEntityLists) {
        auto it = meta.find(key);
        if (it == meta.end() || !it->is_array()) continue;
        for (auto& entry : *it)
            if (!entry.is_object()) entry = decode_stored_entity(entry);
    }
}

void compact_stored_entities(nlohmann::json& meta) {
    if (!meta.is_object()) return;
    for (const char* key : kStoredEntityLists) {
        auto it = meta.find(key);
        if (it == meta.end() || !it->is_array()) continue;
        for (auto& entry : *it) {
            if (!entry.is_object()) continue;
            auto id = entry.find("id"), name = entry.find("name"), mentions = entry.find("mentions");
            if (id == entry.end() || !id->is_string() || name == entry.end() || !name->is_string() ||
                mentions == entry.end() || !mentions->is_number_integer() || mentions->get<std::int64_t>() < 0 ||
                entry.size() != 3)
                continue;  // not an entry the builder writes: left as it is
            entry =
                encode_stored_entity(id->get<std::string>(), name->get<std::string>(), mentions->get<std::size_t>());
        }
    }
}

}  // namespace newsdex::schema
