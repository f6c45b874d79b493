// Archive-level resolution of bare surnames (see surname_resolution.h).
#include "indexer/surname_resolution.h"

#include "common/schema.h"

#include <algorithm>
#include <set>

#include <nlohmann/json.hpp>

namespace newsdex {

bool is_bare_surname(std::string_view person_id) {
    return !person_id.empty() && person_id.find('-') == std::string_view::npos;
}

std::string surname_of(std::string_view person_id) {
    const auto dash = person_id.rfind('-');
    return dash == std::string_view::npos ? std::string() : std::string(person_id.substr(dash + 1));
}

std::map<std::string, std::string> surname_targets(const std::vector<std::string>& surnames,
                                                   const std::map<std::string, std::size_t>& native) {
    std::map<std::string, std::vector<std::string>> bearers;  // surname -> full ids
    for (const auto& [id, count] : native)
        if (count > 0)
            if (std::string s = surname_of(id); !s.empty()) bearers[s].push_back(id);
    std::map<std::string, std::string> out;
    for (const auto& s : surnames)
        if (auto it = bearers.find(s); it != bearers.end() && it->second.size() == 1) out[s] = it->second.front();
    return out;
}

namespace {

const std::string kPerson(schema::kPrefixPerson);
const std::string kMark(kPrefixBareSurname);

bool has_term(const Xapian::Document& doc, const std::string& term) {
    auto t = doc.termlist_begin();
    t.skip_to(term);
    return t != doc.termlist_end() && *t == term;
}

/// The id the document's surname `s` is linked to ("" when none).
std::string current_link(const Xapian::Document& doc, const std::string& s) {
    const std::string start = kMark + s + ":";
    auto t = doc.termlist_begin();
    t.skip_to(start);
    return t != doc.termlist_end() && (*t).rfind(start, 0) == 0 ? (*t).substr(start.size()) : std::string();
}

/// kSlotPersons with `from` replaced by `to` (sorted, unique, as the builder writes it).
std::string replace_in_slot(const std::string& joined, const std::string& from, const std::string& to) {
    std::set<std::string> ids;
    std::size_t start = 0;
    while (start <= joined.size()) {
        auto end = joined.find(schema::kValueSeparator, start);
        if (end == std::string::npos) end = joined.size();
        if (end > start) ids.insert(joined.substr(start, end - start));
        start = end + 1;
    }
    ids.erase(from);
    ids.insert(to);
    std::string out;
    for (const auto& id : ids) {
        if (!out.empty()) out += schema::kValueSeparator;
        out += id;
    }
    return out;
}

/// The stored JSON's "persons" with the entry `from` renamed to `to` (display
/// name `to_name`), or dropped when `to` is listed already.
std::string replace_in_data(const std::string& data, const std::string& from, const std::string& to,
                            const std::string& to_name) {
    const auto sep = data.find(schema::kDataBodySeparator);
    const std::string head = data.substr(0, sep);
    auto json = nlohmann::json::parse(head, nullptr, false);
    if (json.is_discarded() || !json.contains("persons") || !json["persons"].is_array()) return data;
    auto& persons = json["persons"];
    const bool listed = std::any_of(persons.begin(), persons.end(), [&](const auto& p) { return p.value("id", "") == to; });
    for (auto it = persons.begin(); it != persons.end(); ++it) {
        if (it->value("id", "") != from) continue;
        if (listed) {
            persons.erase(it);
        } else {
            (*it)["id"] = to;
            (*it)["name"] = to_name;
        }
        break;
    }
    std::string out = json.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    if (sep != std::string::npos) out.append(data, sep, std::string::npos);
    return out;
}

/// Move document `docid` of `db` from person `from` to person `to`, recording the link.
void relink(Xapian::WritableDatabase& db, Xapian::docid docid, const std::string& s, const std::string& old_link,
            const std::string& new_link) {
    Xapian::Document doc = db.get_document(docid);
    const std::string from = old_link.empty() ? s : old_link, to = new_link.empty() ? s : new_link;
    if (has_term(doc, kPerson + from)) doc.remove_term(kPerson + from);
    doc.add_boolean_term(kPerson + to);
    if (!old_link.empty()) doc.remove_term(kMark + s + ":" + old_link);
    if (!new_link.empty()) doc.add_boolean_term(kMark + s + ":" + new_link);
    doc.add_value(schema::kSlotPersons, replace_in_slot(doc.get_value(schema::kSlotPersons), from, to));
    std::string name = db.get_metadata(schema::name_key(schema::kPrefixPerson, to));
    if (name.empty()) name = to;
    doc.set_data(replace_in_data(doc.get_data(), from, to, name));
    db.replace_document(docid, doc);
}

}  // namespace

ResolutionStats resolve_surnames(std::vector<Xapian::WritableDatabase>& shards) {
    ResolutionStats stats;
    // Marked surnames, and the links earlier passes made ("XRboesky:ivan-boesky").
    std::set<std::string> surnames;
    std::map<std::string, Xapian::doccount> linked_to;  // full id -> documents linked to it
    for (const auto& db : shards)
        for (auto t = db.allterms_begin(kMark); t != db.allterms_end(kMark); ++t) {
            const std::string rest = (*t).substr(kMark.size());
            const auto colon = rest.find(':');
            if (colon == std::string::npos) surnames.insert(rest);
            else linked_to[rest.substr(colon + 1)] += t.get_termfreq();
        }
    if (surnames.empty()) return stats;
    // Native documents per full person id: its term's frequency less the links.
    std::map<std::string, std::size_t> native;
    for (const auto& db : shards)
        for (auto t = db.allterms_begin(kPerson); t != db.allterms_end(kPerson); ++t) {
            const std::string id = (*t).substr(kPerson.size());
            if (!surnames.count(surname_of(id))) continue;
            native[id] += t.get_termfreq();
        }
    for (const auto& [id, n] : linked_to)
        if (auto it = native.find(id); it != native.end()) it->second -= std::min<std::size_t>(it->second, n);
    const auto targets = surname_targets({surnames.begin(), surnames.end()}, native);
    for (const auto& s : surnames) {
        const auto it = targets.find(s);
        const std::string target = it == targets.end() ? std::string() : it->second;
        for (auto& db : shards) {
            std::vector<Xapian::docid> docs(db.postlist_begin(kMark + s), db.postlist_end(kMark + s));
            for (Xapian::docid d : docs) {
                const std::string link = current_link(db.get_document(d), s);
                if (link == target) continue;
                relink(db, d, s, link, target);
                ++(target.empty() ? stats.unlinked : stats.linked);
            }
        }
    }
    return stats;
}

}  // namespace newsdex
