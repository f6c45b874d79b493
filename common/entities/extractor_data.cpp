// Loading of the extractor's shared data (see extractor_data.h).
#include "common/entities/extractor_data.h"

#include "common/entities/data_dir.h"
#include "common/entities/domain.h"
#include "common/entities/tokenise.h"
#include "newsdex/error.h"

#include <algorithm>
#include <filesystem>
#include <fstream>

namespace newsdex::entities {

void ExtractorData::load_aliases(const std::string& path, bool user) {
    std::ifstream in(path);
    if (!in) {
        if (user) throw UserError("cannot read alias file " + path);
        throw SystemError("cannot read alias table " + path);
    }
    std::string line;
    int lineno = 0;
    auto fail = [&](const std::string& why) {
        std::string msg = path + ":" + std::to_string(lineno) + ": " + why;
        if (user) throw UserError(msg);
        throw SystemError(msg);
    };
    while (std::getline(in, line)) {
        ++lineno;
        if (!line.empty() && line.back() == '\r') line.pop_back();
        auto first = line.find_first_not_of(" \t");
        if (first == std::string::npos || line[first] == '#') continue;
        auto colon = line.find(':');
        if (colon == std::string::npos) fail("expected 'TYPE: Name = Alias ...'");
        std::string type =
            lower_ascii(split_words(line.substr(0, colon)).empty() ? "" : split_words(line.substr(0, colon))[0]);
        EntityType t;
        if (type == "person" || type == "people")
            t = EntityType::Person;
        else if (type == "company")
            t = EntityType::Company;
        else if (type == "organization" || type == "organisation" || type == "org")
            t = EntityType::Organization;
        else
            fail("unknown entity type '" + type + "' (expected person, company or organization)");
        std::vector<std::string> names;
        std::string rest = line.substr(colon + 1);
        std::size_t p = 0;
        while (p <= rest.size()) {
            auto q = rest.find('=', p);
            if (q == std::string::npos) q = rest.size();
            auto words = split_words(std::string_view(rest).substr(p, q - p));
            std::string name = join(words, 0, words.size());
            if (name.empty()) fail("empty name");
            if (entity_slug(name).empty()) fail("name '" + name + "' has no letters or digits");
            names.push_back(name);
            if (!looks_like_slug(name)) add_phrase(name, t);
            p = q + 1;
        }
        if (names.size() < 2) fail("an alias line needs at least two names separated by '='");
        AliasEntry entry;
        entry.display = names[0];
        entry.id = name_slug(names[0], t);
        entry.names = names;
        auto& index = alias_index[type_index(t)];
        auto& entries = alias_entries[type_index(t)];
        // A user line overrides: existing mappings of these names are replaced.
        std::size_t idx = entries.size();
        auto existing = index.find(entry.id);
        if (!user && existing != index.end() && entries[existing->second].id == entry.id) {
            idx = existing->second;  // merge into the earlier line of the same entity
            for (auto& nm : names) entries[idx].names.push_back(nm);
        } else {
            entries.push_back(entry);
        }
        for (auto& nm : names) {
            index[name_slug(nm, t)] = idx;
            index[entity_slug(nm)] = idx;
        }
    }
}

void ExtractorData::add_phrase(std::string_view name, EntityType t) {
    if (name.empty() || !is_upper_c(name[0])) return;
    Tokenised tk = tokenise(name, words);
    if (tk.tokens.size() == 1 && t != EntityType::Person) {
        single_names.insert(lower_hash(name));
        return;
    }
    if (tk.tokens.size() < 2) return;
    std::uint64_t h = fnv::kOffsetBasis;
    for (std::size_t k = 0; k < tk.tokens.size(); ++k) {
        if (k) {
            phrase_prefixes.insert(h);
            h = ner::hash_bytes(h, " ");
        }
        h = lower_hash(name.substr(tk.tokens[k].b, tk.tokens[k].e - tk.tokens[k].b), h);
    }
    phrases[h] = t == EntityType::Person ? 1 : 2;
    max_phrase_tokens = std::max(max_phrase_tokens, tk.tokens.size());
}

void load_optional_names(const std::string& path, WordSet& set) {
    // Optional lists: a data directory without them just does not filter.
    std::ifstream in(path);
    std::string line;
    while (std::getline(in, line)) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (line.empty() || line[0] == '#') continue;
        set.add(line);
    }
}

ExtractorData::ExtractorData(const std::string& data_dir, const std::string& user_aliases) {
    dir = data_dir.empty() ? default_data_dir("ner.model") : data_dir;
    lex.load(dir);
    model.load(dir + "/ner.model");
    if (std::filesystem::exists(dir + "/ner_encyclopedic.model"))
        encyclopedic_model.load(dir + "/ner_encyclopedic.model");
    words.load(dir);  // before the alias tables: their slugs strip legal suffixes
    {
        std::ifstream in(dir + "/tickers.txt");
        if (!in) throw SystemError("cannot read data file " + dir + "/tickers.txt");
        std::string line;
        while (std::getline(in, line)) {
            if (line.empty() || line[0] == '#') continue;
            auto tab = line.find('\t');
            if (tab == std::string::npos) continue;
            tickers.emplace(line.substr(0, tab), line.substr(tab + 1));
        }
    }
    load_aliases(dir + "/aliases.txt", false);
    load_optional_names(dir + "/places.txt", places);
    load_optional_names(dir + "/not_entities.txt", not_entities);
    if (!user_aliases.empty()) load_aliases(user_aliases, true);
}

std::string ExtractorData::canonical_id(std::string_view name, EntityType type) const {
    std::string slug = name_slug(name, type);
    if (const AliasEntry* e = lookup(type, slug)) return e->id;
    if (const AliasEntry* e = lookup(type, entity_slug(name))) return e->id;
    return slug;
}

std::vector<std::vector<int>> ExtractorData::tag(const std::vector<std::vector<std::string_view>>& doc, bool tag_caps,
                                                 TextDomain* domain) const {
    thread_local ner::DocFeatures df;
    ner::extract_features(doc, lex, df, tag_caps);
    if (doc.empty()) return {};
    // The domain is guessed when a caller asks or a second model is loaded.
    const TextDomain guessed = domain || !encyclopedic_model.empty() ? guess_domain(doc, words) : TextDomain::News;
    if (domain) *domain = guessed;
    const bool encyclopedic = guessed == TextDomain::Encyclopedic && !encyclopedic_model.empty();
    // tags the whole document (and the consistency pass) into df.doc_tags
    (encyclopedic ? encyclopedic_model : model).decode(df, 0);
    std::vector<std::vector<int>> out = std::move(df.doc_tags);  // not copied sentence by sentence
    df.doc_tags.clear();
    df.doc_tagged = false;
    return out;
}

}  // namespace newsdex::entities
