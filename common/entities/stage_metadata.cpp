// Pipeline stage: metadata merge.  Article::persons / companies /
// organizations and the Reuters PEOPLE / ORGS / COMPANIES tags map through the
// alias tables to canonical ids and merge with the extracted entity of the
// same id (or alias, or for people the one surname entity that ends the id).
#include "common/entities/doc_state.h"
#include "common/text/ascii.h"

#include <algorithm>
#include <map>

namespace newsdex::entities {

namespace {

/// Merge one metadata name into `out`, or add it with mentions == 0.
void add_meta(const ExtractorData& D, std::vector<Entity>& out, const std::string& raw, EntityType type) {
    std::string name = raw;
    while (!name.empty() && is_space(name.back())) name.pop_back();
    if (name.empty()) return;
    bool slug = looks_like_slug(name);
    std::string id = D.canonical_id(name, type);
    if (id.empty()) return;
    const AliasEntry* alias = D.lookup(type, id);
    std::string display = alias ? alias->display : name;
    if (slug && !alias) {
        std::string spaced = name;
        std::replace(spaced.begin(), spaced.end(), '-', ' ');
        display = (type == EntityType::Organization && spaced.size() <= 5) ? [&] {
            std::string u = spaced;
            u = ascii::upper(u);
            return u;
        }() : title_case_words(spaced, D.words.short_words);
    }
    // Find an extracted entity: same id (any type), or for persons a
    // surname-only entity whose id ends the metadata id.
    Entity* match = nullptr;
    for (auto& e : out) {
        if (e.id == id) {
            match = &e;
            break;
        }
    }
    if (!match) {
        for (auto& e : out) {
            for (auto& a : e.aliases)
                if (D.name_slug(a, e.type) == id) {
                    match = &e;
                    break;
                }
            if (match) break;
        }
    }
    if (!match && type == EntityType::Person) {
        Entity* cand = nullptr;
        int n = 0;
        for (auto& e : out)
            if (e.type == EntityType::Person && id.size() > e.id.size() &&
                id.compare(id.size() - e.id.size(), e.id.size(), e.id) == 0 && id[id.size() - e.id.size() - 1] == '-') {
                cand = &e;
                ++n;
            }
        if (n == 1) match = cand;
    }
    if (!match && type == EntityType::Person && id.find('-') == std::string::npos) {
        // a surname tag: the one person in the text whose name ends with it
        Entity* cand = nullptr;
        int n = 0;
        for (auto& e : out)
            if (e.type == EntityType::Person && e.id.size() > id.size() + 1 &&
                e.id.compare(e.id.size() - id.size(), id.size(), id) == 0 && e.id[e.id.size() - id.size() - 1] == '-') {
                cand = &e;
                ++n;
            }
        if (n == 1) match = cand;
    }
    if (match && type == EntityType::Person && match->type == EntityType::Person && match->id.size() > id.size() &&
        match->id.compare(match->id.size() - id.size(), id.size(), id) == 0 &&
        match->id[match->id.size() - id.size() - 1] == '-') {
        // A surname tag ("wilson") for a fuller name in the text ("Michael Wilson"): the fuller name wins.
        if (std::find(match->aliases.begin(), match->aliases.end(), display) == match->aliases.end() &&
            display != match->name)
            match->aliases.push_back(display);
        std::sort(match->aliases.begin(), match->aliases.end());
        return;
    }
    if (match) {
        if (match->id != id) {
            if (match->name != display) {
                std::set<std::string> a(match->aliases.begin(), match->aliases.end());
                a.insert(match->name);
                a.erase(display);
                match->aliases.assign(a.begin(), a.end());
            }
            match->id = id;
            // keep the text's fuller display when it slugs to the same id
            if (D.name_slug(match->name, type) != id) match->name = display;
        }
        match->type = type;
        return;
    }
    Entity e;
    e.id = id;
    e.name = display;
    e.type = type;
    if (!slug && display != name) e.aliases.push_back(name);
    out.push_back(std::move(e));
}

}  // namespace

void merge_metadata(const ExtractorData& D, const Article& article, DocState& st) {
    auto& out = st.entities;
    for (auto& n : article.persons) add_meta(D, out, n, EntityType::Person);
    for (auto& n : article.companies) add_meta(D, out, n, EntityType::Company);
    for (auto& n : article.organizations) add_meta(D, out, n, EntityType::Organization);
    if (auto it = article.tags.find("people"); it != article.tags.end())
        for (auto& n : it->second) add_meta(D, out, n, EntityType::Person);
    if (auto it = article.tags.find("orgs"); it != article.tags.end())
        for (auto& n : it->second) add_meta(D, out, n, EntityType::Organization);
    if (auto it = article.tags.find("companies"); it != article.tags.end())
        for (auto& n : it->second) add_meta(D, out, n, EntityType::Company);

    // Entities that ended with the same id after metadata merge.
    {
        std::vector<Entity> merged;
        std::map<std::pair<int, std::string>, std::size_t> seen;
        for (auto& e : out) {
            auto key = std::make_pair(int(e.type), e.id);
            auto it = seen.find(key);
            if (it == seen.end()) {
                seen[key] = merged.size();
                merged.push_back(std::move(e));
                continue;
            }
            absorb(merged[it->second], e);
        }
        out = std::move(merged);
    }
    std::sort(out.begin(), out.end(), [](const Entity& a, const Entity& b) {
        if (a.type != b.type) return int(a.type) < int(b.type);
        if (a.mentions != b.mentions) return a.mentions > b.mentions;
        return a.name < b.name;
    });
}

}  // namespace newsdex::entities
