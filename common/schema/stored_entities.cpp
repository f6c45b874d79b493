#include "common/schema/stored_entities.h"

#include <cstdint>

namespace newsdex::schema {

namespace {

// The two character rules of stored_id_of_name, shared with stored_id_of_name_is.
bool is_ascii_alnum(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }
char ascii_lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

}  // namespace

std::string stored_id_of_name(std::string_view name) {
    std::string id;
    bool gap = false;
    for (char c : name) {
        const auto u = static_cast<unsigned char>(c);
        if (u >= 0x80) return {};
        if (!is_ascii_alnum(c)) {
            gap = true;
            continue;
        }
        if (gap && !id.empty()) id += '-';
        gap = false;
        id += ascii_lower(c);
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

bool stored_id_of_name_is(std::string_view name, std::string_view id) {
    // stored_id_of_name, compared as it goes (a non-ASCII byte anywhere gives no id).
    for (char c : name)
        if (static_cast<unsigned char>(c) >= 0x80) return id.empty();
    std::size_t at = 0;
    bool gap = false, any = false;
    for (char c : name) {
        if (!is_ascii_alnum(c)) {
            gap = true;
            continue;
        }
        if (gap && any) {
            if (at >= id.size() || id[at] != '-') return false;
            ++at;
        }
        gap = false;
        any = true;
        if (at >= id.size() || id[at] != ascii_lower(c)) return false;
        ++at;
    }
    return at == id.size();
}

namespace {

std::string_view string_or_empty(const nlohmann::json& object, const char* key) {
    auto it = object.find(key);
    return it != object.end() && it->is_string() ? std::string_view(it->get_ref<const std::string&>())
                                                 : std::string_view();
}

}  // namespace

bool read_stored_entity(const nlohmann::json& entry, StoredEntity& out) {
    out = StoredEntity{};
    if (entry.is_string()) {
        out.name = entry.get_ref<const std::string&>();
        out.id_from_name = true;
        out.mentions = 1;
        return true;
    }
    if (entry.is_array()) {
        if ((entry.size() != 2 && entry.size() != 3) || !entry[0].is_string() || !entry[1].is_number_integer() ||
            (entry.size() == 3 && !entry[2].is_string()))
            return false;
        out.name = entry[0].get_ref<const std::string&>();
        out.mentions = entry[1].get<std::int64_t>();
        if (entry.size() == 3)
            out.stored_id = entry[2].get_ref<const std::string&>();
        else
            out.id_from_name = true;
        return true;
    }
    if (!entry.is_object()) return false;
    out.name = string_or_empty(entry, "name");
    out.stored_id = string_or_empty(entry, "id");
    auto mentions = entry.find("mentions");
    if (mentions != entry.end() && mentions->is_number()) out.mentions = mentions->get<std::int64_t>();
    return true;
}

nlohmann::json decode_stored_entity(const nlohmann::json& entry) {
    StoredEntity e;
    if (entry.is_object() || !read_stored_entity(entry, e)) return entry;
    return {{"id", e.id()}, {"mentions", e.mentions}, {"name", std::string(e.name)}};
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
