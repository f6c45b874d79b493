// The entity lists of the stored document data ("companies", "persons",
// "organizations" of the JSON object, docs/index-schema.md), in the two forms
// databases hold:
//
//   schema 2 (newsdex before schema 3):  {"id": "ivan-boesky", "mentions": 1, "name": "Ivan Boesky"}
//   schema 3:  "Ivan Boesky"                         id = stored_id_of_name(name), 1 mention
//              ["Ivan Boesky", 3]                    id = stored_id_of_name(name)
//              ["Boesky", 1, "ivan-boesky"]          any other id
//
// Xapian compresses each document's data on its own, so the keys of every
// entry and the id (nearly always a spelling of the name) cost their bytes in
// every article: the schema-3 form saves about 70 bytes per article of the
// synthetic archive (docs/scaling.md).  The searcher reads either form in
// place (read_stored_entity); the indexer writes the compact one
// (compact_stored_entities) and its resolution pass edits the object form
// (expand_stored_entities, then compact again).
#pragma once

#include <nlohmann/json.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace newsdex::schema {

/// The keys of the stored JSON that hold entity lists.
inline constexpr const char* kStoredEntityLists[] = {"companies", "persons", "organizations"};

/// The id an entity stored without one has: `name` lower-cased, its runs of
/// ASCII letters and digits joined by '-' (nothing for a name with a
/// non-ASCII byte, whose id is always stored).  Deliberately not
/// entity_slug(): this rule is part of the stored format and must never
/// change (tests/unit/test_stored_entities.cpp pins it), while entity_slug()
/// may; the indexer omits the id only when this gives it exactly.
std::string stored_id_of_name(std::string_view name);

/// Whether stored_id_of_name(name) is `id`, without building it (the
/// searcher's re-ranking asks this of every candidate's entries).
bool stored_id_of_name_is(std::string_view name, std::string_view id);

/// One entry of a stored entity list as read in place, in either form:
/// views into the parsed JSON, nothing built.
struct StoredEntity {
    std::string_view name;
    std::string_view stored_id;  ///< the id as stored; empty when the name gives it
    bool id_from_name = false;   ///< schema 3's "Name" / [name, mentions]: id = stored_id_of_name(name)
    std::int64_t mentions = 0;

    /// The entity's id, whichever form held it.
    std::string id() const { return id_from_name ? stored_id_of_name(name) : std::string(stored_id); }
    /// Whether the entity's id is `id`, building nothing.
    bool has_id(std::string_view id) const { return id_from_name ? stored_id_of_name_is(name, id) : stored_id == id; }
};

/// Read one entry of a stored entity list: the object form (a missing or
/// mistyped key reads as "" or 0, as readers always took it) or either
/// schema-3 form.  False for anything else (readers skip it).  Readers call
/// this on the entries as parsed, so a compact entry is never turned into an
/// object (that cost the searcher ~5% CPU per top-10 query).
bool read_stored_entity(const nlohmann::json& entry, StoredEntity& out);

/// One entry of a stored entity list in the schema-3 form.
nlohmann::json encode_stored_entity(const std::string& id, const std::string& name, std::size_t mentions);

/// An entry in either form as the object {"id", "mentions", "name"}; an
/// entry that is neither form is returned as it is (readers skip it).
nlohmann::json decode_stored_entity(const nlohmann::json& entry);

/// In place, on a stored JSON object: every entity list's entries in the
/// object form.  Object-form entries are left untouched.
void expand_stored_entities(nlohmann::json& meta);

/// In place: every object-form entry of the entity lists in the schema-3
/// form (what the indexer and the resolution pass write).
void compact_stored_entities(nlohmann::json& meta);

}  // namespace newsdex::schema
