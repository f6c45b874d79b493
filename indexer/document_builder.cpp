#include "indexer/document_builder.h"
#include "indexer/surname_resolution.h"

#include "common/ingest/sha256.h"
#include "common/schema/schema.h"
#include "common/schema/stored_entities.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <cstdio>

namespace newsdex {

namespace {

std::string hex64(std::uint64_t v) {
    char buf[17];
    std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(v));
    return buf;
}

// Keep whole UTF-8 characters when cutting text to a byte budget.
std::string_view utf8_prefix(std::string_view s, std::size_t max_bytes) {
    if (s.size() <= max_bytes) return s;
    std::size_t n = max_bytes;
    while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
    return s.substr(0, n);
}

/// One value of a filter field: what the article says (a name, a code, an
/// id) and, for entities, the display name and other names.
struct FieldValue {
    const std::string& value;                           ///< spelled into the term (slug, code, id)
    const std::string* name = nullptr;                  ///< display name when not `value` itself
    const std::vector<std::string>* aliases = nullptr;  ///< other names ("alias:" metadata)
};

schema::FieldSource field_source(EntityType type) {
    switch (type) {
        case EntityType::Company: return schema::FieldSource::Company;
        case EntityType::Person: return schema::FieldSource::Person;
        case EntityType::Organization: break;
    }
    return schema::FieldSource::Organization;
}

/// The values the field fed by `source` takes from the article.  An entity's
/// value is its id (a slug already), with its display name and aliases.
std::vector<FieldValue> field_values(schema::FieldSource source, const Article& article, const std::string& language,
                                     const std::vector<Entity>& entities) {
    using S = schema::FieldSource;
    std::vector<FieldValue> out;
    auto tag = [&](const char* key) {
        if (auto it = article.tags.find(key); it != article.tags.end())
            for (const auto& v : it->second) out.push_back({v});
    };
    switch (source) {
        case S::Company:
        case S::Person:
        case S::Organization:
            for (const auto& e : entities)
                if (!e.id.empty() && field_source(e.type) == source) out.push_back({e.id, &e.name, &e.aliases});
            break;
        case S::Source:
            if (!article.source.empty()) out.push_back({article.source});
            break;
        case S::Author:
            for (const auto& author : article.authors) out.push_back({author});
            break;
        case S::Language: out.push_back({language}); break;
        case S::Topic: tag("topics"); break;
        case S::Place: tag("places"); break;
        case S::Id: out.push_back({article.id}); break;
    }
    return out;
}

/// Near-duplicate key: a digest of the first 40 words of the body, folded, as
/// a value and a boolean term (too short a body has none).
void add_duplicate_key(Xapian::Document& doc, const std::vector<AnalyzedTerm>& body_terms) {
    std::string key;
    int words = 0;
    for (std::size_t i = 0; i < body_terms.size() && words < 40; ++i) {
        if (!body_terms[i].positional) continue;
        key += body_terms[i].folded;
        key += ' ';
        ++words;
    }
    if (words < 20) return;
    std::string dup = hex64(schema::fnv1a64(key));
    doc.add_value(schema::kSlotDupKey, dup);
    doc.add_boolean_term(std::string(schema::kPrefixDupKey) + dup);
}

/// Boolean terms: one per value of each filter field of the schema's table
/// (schema::filter_fields(), which the query parser reads too), and the
/// display names and aliases of the values that have them.
void add_filter_terms(BuiltDocument& built, const Article& article, const std::string& language,
                      const std::vector<Entity>& entities) {
    for (const auto& field : schema::filter_fields()) {
        for (const FieldValue& v : field_values(field.source, article, language, entities)) {
            if (field.source == schema::FieldSource::Id) {
                built.id_term = schema::id_term(v.value);
                built.document.add_boolean_term(built.id_term);
                continue;
            }
            // Entity ids are slugs and language codes are codes already;
            // every other value is spelled as a slug.
            const bool spelled = field.entity || field.source == schema::FieldSource::Language;
            std::string term_value = spelled ? v.value : entity_slug(v.value);
            if (term_value.empty()) continue;
            // An over-long value is kept here and refused in find_problem.
            built.document.add_boolean_term(std::string(field.prefix) + term_value);
            // A person by its surname keys (schema 4), looked up by the searcher's SurnameIndex.
            if (field.prefix == schema::kPrefixPerson)
                for (const auto& t : schema::person_surname_terms(term_value)) built.document.add_boolean_term(t);
            if (!field.stores_name) continue;
            built.metadata.emplace_back(schema::name_key(field.prefix, term_value), v.name ? *v.name : v.value);
            if (v.aliases)
                for (const auto& alias : *v.aliases) {
                    std::string alias_slug = entity_slug(alias);
                    if (!alias_slug.empty() && alias_slug != term_value && alias_slug.size() < 200)
                        built.metadata.emplace_back(schema::alias_key(field.prefix, alias_slug), term_value);
                }
        }
    }
}

/// The entity lists of the stored data, by type.
struct EntityLists {
    nlohmann::json companies = nlohmann::json::array();
    nlohmann::json persons = nlohmann::json::array();
    nlohmann::json organizations = nlohmann::json::array();
};

/// Sorted, distinct ids joined for a multi-valued facet slot.
std::string joined_ids(std::vector<std::string> ids) {
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    std::string out;
    for (const auto& id : ids) {
        if (!out.empty()) out += schema::kValueSeparator;
        out += id;
    }
    return out;
}

/// The archive-level resolution terms of each entity, the company and person
/// slots (for remote facet counting), and the lists the stored data keeps.
EntityLists add_entity_terms_and_values(Xapian::Document& doc, const std::vector<Entity>& entities) {
    EntityLists lists;
    std::vector<std::string> company_ids, person_ids;
    for (const auto& e : entities) {
        if (e.id.empty()) continue;
        add_resolution_terms(doc, e);  // archive-level links are made later (surname_resolution.h)
        nlohmann::json j = schema::encode_stored_entity(e.id, e.name, e.mentions);  // schema 3's form
        if (e.type == EntityType::Company) {
            company_ids.push_back(e.id);
            lists.companies.push_back(std::move(j));
        } else if (e.type == EntityType::Person) {
            person_ids.push_back(e.id);
            lists.persons.push_back(std::move(j));
        } else {
            lists.organizations.push_back(std::move(j));
        }
    }
    if (!company_ids.empty()) doc.add_value(schema::kSlotCompanies, joined_ids(std::move(company_ids)));
    if (!person_ids.empty()) doc.add_value(schema::kSlotPersons, joined_ids(std::move(person_ids)));
    return lists;
}

/// Year, month and day terms (date filters) and the date and time slots.
void add_date(Xapian::Document& doc, const Article& article) {
    if (!article.date) return;
    std::string ymd = article.date->yyyymmdd();
    doc.add_boolean_term(std::string(schema::kPrefixYear) + ymd.substr(0, 4));
    doc.add_boolean_term(std::string(schema::kPrefixMonth) + ymd.substr(0, 6));
    doc.add_boolean_term(std::string(schema::kPrefixDay) + ymd);
    doc.add_value(schema::kSlotDate, ymd);
    doc.add_value(schema::kSlotTime, Xapian::sortable_serialise(static_cast<double>(article.date->utc_seconds())));
}

/// The 8 bytes of `v`, most significant first (kSlotHash since schema 3).
std::string raw64(std::uint64_t v) {
    std::string out(8, '\0');
    for (int i = 7; i >= 0; --i, v >>= 8) out[static_cast<std::size_t>(i)] = static_cast<char>(v & 0xff);
    return out;
}

/// Data: what the searcher shows (JSON, a NUL, the body), and the content
/// hash that tells an unchanged re-index.
void set_stored_data(BuiltDocument& built, const Article& article, const std::string& language, EntityLists lists) {
    // Schema 3 (docs/index-schema.md): what the readers default to is left out.
    nlohmann::json data = {{"id", article.id}};
    if (!article.title.empty()) data["title"] = article.title;
    if (!article.source.empty()) data["source"] = article.source;
    if (!article.url.empty()) data["url"] = article.url;
    if (language != schema::kDefaultStoredLanguage) data["language"] = language;
    if (article.date) data["date"] = article.date->iso8601();
    if (!article.authors.empty()) data["authors"] = article.authors;
    if (!article.dateline.empty()) data["dateline"] = article.dateline;
    if (!lists.companies.empty()) data["companies"] = std::move(lists.companies);
    if (!lists.persons.empty()) data["persons"] = std::move(lists.persons);
    if (!lists.organizations.empty()) data["organizations"] = std::move(lists.organizations);
    if (!article.tags.empty()) data["tags"] = article.tags;
    std::string serialized = data.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    built.content_hash = schema::fnv1a64(article.body, schema::fnv1a64(serialized));
    built.document.add_value(schema::kSlotHash, raw64(built.content_hash));
    built.built_json = serialized;
    serialized += schema::kDataBodySeparator;
    const std::string_view body = utf8_prefix(article.body, schema::kMaxStoredBody);
    serialized.append(body);
    built.document.set_data(std::move(serialized));
    // The stored body's digest: the searcher folds identical copies by
    // comparing these in memory instead of reading every candidate's body.
    Sha256 sha;
    sha.update(body);
    const auto digest = sha.finish();
    built.document.add_value(schema::kSlotBodyDigest,
                             std::string(reinterpret_cast<const char*>(digest.data()), schema::kBodyDigestBytes));
}

}  // namespace

std::vector<Entity> DocumentBuilder::extract_entities(const Article& article,
                                                      std::vector<std::string>& surname_candidates) const {
    if (extractor_) return extractor_->extract(article, surname_candidates);
    // No extractor: the entities the article gives as metadata, as they are.
    std::vector<Entity> entities;
    auto add_meta = [&](const std::vector<std::string>& names, EntityType type) {
        for (const auto& name : names) {
            Entity e;
            e.id = entity_slug(name);
            e.name = name;
            e.type = type;
            if (!e.id.empty()) entities.push_back(std::move(e));
        }
    };
    add_meta(article.companies, EntityType::Company);
    add_meta(article.persons, EntityType::Person);
    add_meta(article.organizations, EntityType::Organization);
    return entities;
}

DocumentBuilder::DocumentBuilder(const EntityExtractor* extractor, std::string default_language)
    : extractor_(extractor), default_language_(std::move(default_language)) {}

void DocumentBuilder::index_text(Xapian::Document& doc, std::string_view text, const std::string& language,
                                 unsigned& position, unsigned title_wdf, bool title) {
    terms_.clear();
    analyzer_.analyze(text, language, terms_);
    const std::string title_prefix(schema::kPrefixTitle);
    for (const auto& t : terms_) {
        if (!t.positional) {
            doc.add_term(t.term, title_wdf);
            if (title) doc.add_term(title_prefix + t.term);
            continue;
        }
        ++position;
        doc.add_posting(t.term, position, title_wdf);
        if (title) doc.add_posting(title_prefix + t.term, position);
    }
}

BuiltDocument DocumentBuilder::build(const Article& article) {
    BuiltDocument built;
    Xapian::Document& doc = built.document;
    built.language = stemming_language(article.language.empty() ? default_language_ : article.language);
    built.text_bytes = article.title.size() + article.body.size();

    // Text: title (weighted, also S-prefixed), a gap, then the body.
    unsigned position = 0;
    index_text(doc, article.title, built.language, position, schema::kTitleWeight, true);
    position += schema::kTitleBodyGap;
    index_text(doc, article.body, built.language, position, 1, false);
    add_duplicate_key(doc, terms_);  // terms_ holds the body's terms now

    std::vector<std::string> surname_candidates;
    const std::vector<Entity> entities = extract_entities(article, surname_candidates);
    add_surname_candidate_terms(doc, surname_candidates);  // linked or not by the archive-level pass
    const std::string language = language_code(article.language.empty() ? default_language_ : article.language);
    add_filter_terms(built, article, language, entities);
    EntityLists lists = add_entity_terms_and_values(doc, entities);
    add_date(doc, article);
    set_stored_data(built, article, language, std::move(lists));
    built.problem = find_problem(built);
    return built;
}

namespace {

/// The filter field whose prefix `term` carries ("word" for text terms, no
/// prefix counted), for messages.
std::pair<std::string, std::size_t> term_field(const std::string& term) {
    std::pair<std::string, std::size_t> best{"word", 0};
    for (const auto& field : schema::filter_fields())
        if (term.rfind(field.prefix, 0) == 0 && field.prefix.size() > best.second)
            best = {std::string(field.name), field.prefix.size()};
    return best;
}

}  // namespace

std::string DocumentBuilder::find_problem(const BuiltDocument& built) {
    // Xapian would throw at add_document (InvalidArgumentError), or at the
    // commit for metadata, failing the whole batch: refuse the article
    // instead.  Its reason kind is "value too long to index".
    const Xapian::Document& doc = built.document;
    for (auto it = doc.termlist_begin(); it != doc.termlist_end(); ++it) {
        std::string term = *it;
        if (term.size() <= schema::kMaxXapianTermBytes) continue;
        auto [field, prefix] = term_field(term);
        return "value too long to index: " + field + ", " + std::to_string(term.size() - prefix) + " bytes (at most " +
               std::to_string(schema::kMaxXapianTermBytes - prefix) + ")";
    }
    for (const auto& [key, value] : built.metadata)
        if (key.size() > schema::kMaxXapianKeyBytes)
            return "value too long to index: a name or alias, " + std::to_string(key.size()) + " bytes";
    return {};
}

bool same_content(const std::string& stored_hash, const BuiltDocument& built, const Article& article) {
    if (stored_hash.size() != 16) return stored_hash == raw64(built.content_hash);
    // Written by schema 2: the hex digest of schema 2's spelling of the data
    // as built (before any link guess), which is the built JSON expanded,
    // with its defaults written out.
    auto json = nlohmann::json::parse(built.built_json, nullptr, false);
    if (!json.is_object()) return false;
    schema::expand_stored_entities(json);
    for (const char* key : {"title", "source", "url"})
        if (!json.contains(key)) json[key] = "";
    if (!json.contains("language")) json["language"] = schema::kDefaultStoredLanguage;
    const std::string serialized = json.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    return stored_hash == hex64(schema::fnv1a64(article.body, schema::fnv1a64(serialized)));
}

std::string stored_article_id(const Xapian::Document& doc) {
    std::string data = doc.get_data();
    data.resize(std::min(data.size(), data.find(schema::kDataBodySeparator)));
    auto json = nlohmann::json::parse(data, nullptr, false);
    if (!json.is_object()) return {};
    auto id = json.find("id");
    return id != json.end() && id->is_string() ? id->get<std::string>() : std::string();
}

Xapian::docid find_article(const Xapian::Database& db, const std::string& id) {
    std::string term = schema::id_term(id);
    // Most articles are new: answered from the table's own cursor, without
    // opening a posting list (a B-tree descent read from disk per article).
    if (!db.term_exists(term)) return 0;
    bool exact = schema::id_term_is_exact(term);
    for (auto it = db.postlist_begin(term); it != db.postlist_end(term); ++it)
        if (exact || stored_article_id(db.get_document(*it)) == id) return *it;
    return 0;
}

}  // namespace newsdex
