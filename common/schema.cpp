#include "common/schema.h"

#include <cstdint>
#include <cstdio>

namespace newsdex::schema {

const std::vector<FilterField>& filter_fields() {
    static const std::vector<FilterField> fields = {
        {"company", kPrefixCompany, true, "a company: id, name or alias (company:ibm, company:\"Berkshire Hathaway\")"},
        {"person", kPrefixPerson, true, "a person: id, name or alias (person:\"jack ma\")"},
        {"org", kPrefixOrganization, true, "another organisation (org:opec)"},
        {"source", kPrefixSource, false, "publisher or feed (source:reuters)"},
        {"lang", kPrefixLanguage, false, "language code (lang:zh)"},
        {"topic", kPrefixTopic, false, "Reuters topic (topic:cocoa)"},
        {"place", kPrefixPlace, false, "Reuters place (place:usa)"},
        {"author", kPrefixAuthor, false, "an author (author:\"jane doe\")"},
        {"id", kPrefixId, false, "an article id (id:reuters-1)"},
    };
    return fields;
}

const FilterField* find_filter_field(std::string_view name) {
    for (const auto& field : filter_fields())
        if (field.name == name) return &field;
    return nullptr;
}

std::string name_key(std::string_view prefix, std::string_view slug) {
    std::string key = "name:";
    key.append(prefix).append(slug);
    return key;
}

std::string alias_key(std::string_view prefix, std::string_view alias_slug) {
    std::string key = "alias:";
    key.append(prefix).append(alias_slug);
    return key;
}

std::string shard_name(unsigned index) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "shard-%03u", index);
    return buf;
}

unsigned shard_for_id(std::string_view id, unsigned count) {
    std::uint64_t h = 1469598103934665603ULL;
    for (unsigned char c : id) {
        h ^= c;
        h *= 1099511628211ULL;
    }
    return count == 0 ? 0 : static_cast<unsigned>(h % count);
}

}  // namespace newsdex::schema
