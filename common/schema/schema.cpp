#include "common/schema/schema.h"

#include "common/schema/fnv.h"

#include <stdexcept>

#include <cstdint>
#include <cstdio>

namespace newsdex::schema {

const std::vector<FilterField>& filter_fields() {
    using S = FieldSource;
    static const std::vector<FilterField> fields = {
        {"company", kPrefixCompany, true, S::Company, true,
         "a company: id, name or alias (company:ibm, company:\"Berkshire Hathaway\")"},
        {"person", kPrefixPerson, true, S::Person, true, "a person: id, name or alias (person:\"jack ma\")"},
        {"org", kPrefixOrganization, true, S::Organization, true, "another organisation (org:opec)"},
        {"source", kPrefixSource, false, S::Source, true, "publisher or feed (source:reuters)"},
        {"lang", kPrefixLanguage, false, S::Language, false, "language code (lang:zh)"},
        {"topic", kPrefixTopic, false, S::Topic, false, "Reuters topic (topic:cocoa)"},
        {"place", kPrefixPlace, false, S::Place, false, "Reuters place (place:usa)"},
        {"author", kPrefixAuthor, false, S::Author, true, "an author (author:\"jane doe\")"},
        {"id", kPrefixId, false, S::Id, false, "an article id (id:reuters-1)"},
    };
    return fields;
}

bool readable_schema_version(const std::string& version) {
    for (int v = kOldestReadableSchemaVersion; v <= kSchemaVersion; ++v)
        if (version == std::to_string(v)) return true;
    return false;
}

std::vector<std::string> surname_keys(std::string_view person) {
    std::vector<std::string> keys;
    if (person.empty()) return keys;
    const std::size_t last = person.rfind('-');
    const std::size_t before = last == std::string_view::npos || last == 0 ? std::string_view::npos
                                                                          : person.rfind('-', last - 1);
    std::string one(last == std::string_view::npos ? person : person.substr(last + 1));
    if (!one.empty()) keys.push_back(std::move(one));
    if (last != std::string_view::npos) {
        std::string two(before == std::string_view::npos ? person : person.substr(before + 1));
        if (!two.empty() && (keys.empty() || two != keys.front())) keys.push_back(std::move(two));
    }
    return keys;
}

std::vector<std::string> person_surname_terms(std::string_view person) {
    std::vector<std::string> terms;
    for (const auto& key : surname_keys(person)) {
        std::string term = std::string(kPrefixPersonSurname) + key + ":";
        term.append(person.substr(0, person.size() - key.size()));
        if (term.size() <= kMaxXapianTermBytes) terms.push_back(std::move(term));
    }
    return terms;
}

const FilterField& filter_field(FieldSource source) {
    for (const auto& field : filter_fields())
        if (field.source == source) return field;
    throw std::logic_error("schema: no filter field for a field source");  // the table covers every source
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

std::uint64_t fnv1a64(std::string_view data, std::uint64_t h) { return fnv::hash(data, h); }

namespace {

/// Shortest shortened id term: "Q", the prefix less a cut UTF-8 character
/// (at most 3 bytes), "#", 16 hex digits.
constexpr std::size_t kMinShortenedIdTerm = 1 + (kShortenedIdPrefixBytes - 3) + 1 + 16;
static_assert(1 + kShortenedIdPrefixBytes + 1 + 16 <= kMaxXapianTermBytes);
}  // namespace

unsigned shard_for_id(std::string_view id, unsigned count) {
    return count == 0 ? 0 : static_cast<unsigned>(fnv1a64(id) % count);
}

std::string id_term(std::string_view id) {
    std::string term(kPrefixId);
    if (term.size() + id.size() <= kMaxXapianTermBytes) return term.append(id);
    std::size_t keep = kShortenedIdPrefixBytes;
    while (keep > 0 && (static_cast<unsigned char>(id[keep]) & 0xC0) == 0x80) --keep;  // not inside a character
    char digest[24];
    std::snprintf(digest, sizeof digest, "#%016llx", static_cast<unsigned long long>(fnv1a64(id)));
    return term.append(id.substr(0, keep)).append(digest);
}

bool id_term_is_exact(std::string_view term) { return term.size() < kMinShortenedIdTerm; }

}  // namespace newsdex::schema
