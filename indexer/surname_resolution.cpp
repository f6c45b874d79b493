// Archive-level resolution of bare surnames (see surname_resolution.h).
#include "indexer/surname_resolution.h"

#include "common/schema/schema.h"
#include "common/schema/stored_entities.h"

#include <algorithm>
#include <atomic>
#include <exception>
#include <set>
#include <thread>

#include <nlohmann/json.hpp>

namespace newsdex {

bool is_bare_surname(std::string_view person_id) {
    return !person_id.empty() && person_id.find('-') == std::string_view::npos;
}

namespace {
/// prefix + a + ":" + b is short enough for a Xapian term (245 bytes, with room).
bool fits_term(std::string_view prefix, const std::string& a, const std::string& b) {
    return prefix.size() + a.size() + 1 + b.size() <= 240;
}
}  // namespace

void add_resolution_terms(Xapian::Document& doc, const Entity& e) {
    if (e.type == EntityType::Person) {
        if (is_bare_surname(e.id)) doc.add_boolean_term(std::string(kPrefixBareSurname) + e.id);
        return;
    }
    if (e.type != EntityType::Company) return;
    bool short_only = is_bare_surname(e.id);
    for (const auto& alias : e.aliases) {
        const std::string slug = entity_slug(alias);
        if (!is_bare_surname(slug)) {
            short_only = false;  // "Chrysler Corp": a full name, not a short form
        } else if (slug != e.id && fits_term(kPrefixCompanyTie, slug, e.id)) {
            doc.add_boolean_term(std::string(kPrefixCompanyTie) + slug + ":" + e.id);
        }
    }
    if (short_only) doc.add_boolean_term(std::string(kPrefixShortCompany) + e.id);
}

void add_surname_candidate_terms(Xapian::Document& doc, const std::vector<std::string>& candidates) {
    for (const auto& s : candidates)
        if (is_bare_surname(s) && fits_term(kPrefixSurnameCandidate, s, std::string()))
            doc.add_boolean_term(std::string(kPrefixSurnameCandidate) + s);
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

std::map<std::string, std::string> company_targets(const std::vector<std::string>& short_ids,
                                                   const std::map<std::string, std::vector<std::string>>& ties,
                                                   const std::map<std::string, std::size_t>& native) {
    std::map<std::string, std::string> out;
    for (const auto& c : short_ids) {
        auto it = ties.find(c);
        if (it == ties.end()) continue;
        std::set<std::string> live;
        for (const auto& id : it->second)
            if (auto n = native.find(id); id != c && n != native.end() && n->second > 0) live.insert(id);
        if (live.size() == 1) out[c] = *live.begin();
    }
    return out;
}

namespace {

/// Where one kind of entity lives in a document.
struct Kind {
    std::string entity;  ///< term prefix of the entity (XP, XC)
    std::string mark;    ///< marker / link prefix (XR, XK)
    Xapian::valueno slot;
    const char* json_key;  ///< list in the stored data
    /// The short name is no entity of its own (a surname candidate): a link
    /// adds the linked entity, undoing it removes it.
    bool adds_entity = false;
};
const Kind kPersons{std::string(schema::kPrefixPerson), std::string(kPrefixBareSurname), schema::kSlotPersons,
                    "persons"};
const Kind kCandidates{std::string(schema::kPrefixPerson), std::string(kPrefixSurnameCandidate), schema::kSlotPersons,
                       "persons", true};
const Kind kCompanies{std::string(schema::kPrefixCompany), std::string(kPrefixShortCompany), schema::kSlotCompanies,
                      "companies"};

bool has_term(const Xapian::Document& doc, const std::string& term) {
    auto t = doc.termlist_begin();
    t.skip_to(term);
    return t != doc.termlist_end() && *t == term;
}

/// The id each document of `db` links its short name `s` to (a document
/// without a link is absent), read from the postings of the link terms
/// (kind.mark + s + ":" + id) instead of each document's term list: the pass
/// visits a third of an archive's documents, most of them linked right
/// already.  A document with two link terms gets the smaller one.
std::map<Xapian::docid, std::string> current_links(const Kind& kind, const Xapian::Database& db, const std::string& s) {
    std::map<Xapian::docid, std::string> links;
    const std::string start = kind.mark + s + ":";
    for (auto t = db.allterms_begin(start); t != db.allterms_end(start); ++t) {
        const std::string term = *t;
        for (auto p = db.postlist_begin(term); p != db.postlist_end(term); ++p)
            links.emplace(*p, term.substr(start.size()));
    }
    return links;
}

/// kSlotPersons with `from` replaced by `to` (sorted, unique, as the builder
/// writes it); an empty `from` only adds `to`, an empty `to` only removes `from`.
std::string replace_in_slot(const std::string& joined, const std::string& from, const std::string& to) {
    std::set<std::string> ids;
    std::size_t start = 0;
    while (start <= joined.size()) {
        auto end = joined.find(schema::kValueSeparator, start);
        if (end == std::string::npos) end = joined.size();
        if (end > start) ids.insert(joined.substr(start, end - start));
        start = end + 1;
    }
    if (!from.empty()) ids.erase(from);
    if (!to.empty()) ids.insert(to);
    std::string out;
    for (const auto& id : ids) {
        if (!out.empty()) out += schema::kValueSeparator;
        out += id;
    }
    return out;
}

/// The stored JSON's list `key` with the entry `from` renamed to `to`
/// (display name `to_name`), or dropped when `to` is listed already.  An empty
/// `from` adds an entry for `to`; an empty `to` drops `from`.
std::string replace_in_data(const std::string& data, const char* key, const std::string& from, const std::string& to,
                            const std::string& to_name) {
    const auto sep = data.find(schema::kDataBodySeparator);
    const std::string head = data.substr(0, sep);
    auto json = nlohmann::json::parse(head, nullptr, false);
    if (json.is_discarded()) return data;
    schema::expand_stored_entities(json);
    if (!json.contains(key) && from.empty() && !to.empty())
        json[key] = nlohmann::json::array();  // the builder omits an empty list
    if (!json.contains(key) || !json[key].is_array()) return data;
    auto& persons = json[key];
    const bool listed =
        std::any_of(persons.begin(), persons.end(), [&](const auto& p) { return p.value("id", "") == to; });
    if (from.empty() && !listed && !to.empty()) {
        // Named through a candidate: mentioned in the text (at least once).
        // Placed before the first entry with a greater id and at most one
        // mention, so that the list does not depend on the order in which
        // links were made.
        auto at = std::find_if(persons.begin(), persons.end(),
                               [&](const auto& p) { return p.value("mentions", 0) <= 1 && p.value("id", "") > to; });
        const nlohmann::json entry = {{"id", to}, {"name", to_name}, {"mentions", 1}};
        persons.insert(at, entry);
    }
    for (auto it = persons.begin(); !from.empty() && it != persons.end(); ++it) {
        if (it->value("id", "") != from) continue;
        if (listed || to.empty()) {
            persons.erase(it);
        } else {
            (*it)["id"] = to;
            (*it)["name"] = to_name;
        }
        break;
    }
    if (persons.empty()) json.erase(key);  // as the builder writes a document without any
    schema::compact_stored_entities(json);  // as the builder writes them (schema 3)
    std::string out = json.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    if (sep != std::string::npos) out.append(data, sep, std::string::npos);
    return out;
}

/// The stored JSON's list `key` with the display name of entry `id` set to `name`.
std::string rename_in_data(const std::string& data, const char* key, const std::string& id, const std::string& name) {
    const auto sep = data.find(schema::kDataBodySeparator);
    auto json = nlohmann::json::parse(data.substr(0, sep), nullptr, false);
    if (json.is_discarded() || !json.contains(key) || !json[key].is_array()) return data;
    schema::expand_stored_entities(json);
    for (auto& e : json[key])
        if (e.is_object() && e.value("id", "") == id) e["name"] = name;
    schema::compact_stored_entities(json);
    std::string out = json.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    if (sep != std::string::npos) out.append(data, sep, std::string::npos);
    return out;
}

/// Whether a link term of `doc` (of any kind whose links give `entity`
/// terms) points at `id`: two short names of one document can link to the
/// same entity ("PNC" and "PNCF" to "PNC Financial").
bool linked_by_doc(const std::string& entity, const Xapian::Document& doc, const std::string& id) {
    const std::string suffix = ":" + id;
    for (const Kind* k : {&kPersons, &kCandidates, &kCompanies}) {
        if (k->entity != entity) continue;
        auto t = doc.termlist_begin();
        for (t.skip_to(k->mark); t != doc.termlist_end(); ++t) {
            const std::string term = *t;
            if (term.rfind(k->mark, 0) != 0) break;
            if (term.size() > suffix.size() && term.compare(term.size() - suffix.size(), suffix.size(), suffix) == 0 &&
                term.find(':') == term.size() - suffix.size())
                return true;
        }
    }
    return false;
}

/// Move `doc` from entity `from` to entity `to` (display name `name`),
/// recording the link: the one way a link is written, by a guess while
/// indexing (LinkHints) or by the pass after it.
void link_document(const Kind& kind, Xapian::Document& doc, const std::string& s, const std::string& old_link,
                   const std::string& new_link, const std::string& name) {
    // A candidate is no entity: unlinked it names nobody.
    const std::string unlinked = kind.adds_entity ? std::string() : s;
    std::string from = old_link.empty() ? unlinked : old_link;
    const std::string to = new_link.empty() ? unlinked : new_link;
    if (!old_link.empty()) doc.remove_term(kind.mark + s + ":" + old_link);
    // The linked entity stays while another short name of the document still
    // links to it: removing it made the result depend on the order in which
    // guesses and the pass linked and unlinked the two (issue 8: the same
    // archive gives the same entities, whatever the order of indexing).
    if (!old_link.empty() && linked_by_doc(kind.entity, doc, old_link)) from.clear();
    // A person's XW terms (schema.h) come and go with its XP term.
    const bool person = kind.entity == schema::kPrefixPerson;
    if (!from.empty() && has_term(doc, kind.entity + from)) {
        doc.remove_term(kind.entity + from);
        if (person)
            for (const auto& t : schema::person_surname_terms(from))
                if (has_term(doc, t)) doc.remove_term(t);
    }
    if (!to.empty()) {
        doc.add_boolean_term(kind.entity + to);
        if (person)
            for (const auto& t : schema::person_surname_terms(to)) doc.add_boolean_term(t);
    }
    if (!new_link.empty()) doc.add_boolean_term(kind.mark + s + ":" + new_link);
    doc.add_value(kind.slot, replace_in_slot(doc.get_value(kind.slot), from, to));
    doc.set_data(replace_in_data(doc.get_data(), kind.json_key, from, to, name));
}

/// The display name the pass writes for entity `id`.
std::string display_name(const Kind& kind, const Xapian::Database& db, const std::string& id) {
    std::string name = db.get_metadata(schema::name_key(kind.entity, id));
    return name.empty() ? id : name;
}

/// Move document `docid` of `db` from entity `from` to entity `to`, recording the link.
void relink(const Kind& kind, Xapian::WritableDatabase& db, Xapian::docid docid, const std::string& s,
            const std::string& old_link, const std::string& new_link, const std::string* name = nullptr) {
    Xapian::Document doc = db.get_document(docid);
    link_document(kind, doc, s, old_link, new_link,
                  name ? *name : display_name(kind, db, new_link.empty() ? s : new_link));
    db.replace_document(docid, doc);
}

/// Marked short names of one kind, and how many documents earlier passes linked to each id.
struct Marks {
    std::set<std::string> names;
    std::map<std::string, std::vector<std::string>> link_terms;  ///< by linked id: its link terms
    std::map<std::string, Xapian::doccount> linked_from;  ///< by short name
};

Marks read_marks(const Kind& kind, const std::vector<Xapian::WritableDatabase>& shards) {
    Marks m;
    for (const auto& db : shards)
        for (auto t = db.allterms_begin(kind.mark); t != db.allterms_end(kind.mark); ++t) {
            const std::string rest = (*t).substr(kind.mark.size());
            const auto colon = rest.find(':');
            if (colon == std::string::npos)
                m.names.insert(rest);
            else {
                m.link_terms[rest.substr(colon + 1)].push_back(*t);
                m.linked_from[rest.substr(0, colon)] += t.get_termfreq();
            }
        }
    return m;
}

/// Documents of `shards` holding any of `terms`: one document linked under
/// two short names ("PNC", "PNCF") counts once.
Xapian::doccount documents_with_any(const std::vector<Xapian::WritableDatabase>& shards,
                                    const std::vector<std::string>& terms) {
    Xapian::doccount n = 0;
    for (const auto& db : shards) {
        if (terms.size() == 1) {
            n += db.get_termfreq(terms.front());
            continue;
        }
        std::set<Xapian::docid> docs;
        for (const auto& term : terms) docs.insert(db.postlist_begin(term), db.postlist_end(term));
        n += static_cast<Xapian::doccount>(docs.size());
    }
    return n;
}

/// Documents per id among `ids` that name it by themselves: its term's
/// frequency less the documents a link gave it.
std::map<std::string, std::size_t> native_counts(const Kind& kind, const std::vector<Xapian::WritableDatabase>& shards,
                                                 const std::set<std::string>& ids, const Marks& marks) {
    std::map<std::string, std::size_t> native;
    for (const auto& id : ids)
        for (const auto& db : shards) native[id] += db.get_termfreq(kind.entity + id);
    for (const auto& [id, terms] : marks.link_terms)
        if (auto it = native.find(id); it != native.end())
            it->second -= std::min<std::size_t>(it->second, documents_with_any(shards, terms));
    return native;
}

/// Bring every marked document of shard number `shard` in line with `targets`.
void apply_shard(const Kind& kind, Xapian::WritableDatabase& db, unsigned shard, const Marks& marks,
                 const std::map<std::string, std::string>& targets, const LinkHints* hints, ResolutionStats& stats) {
    for (const auto& s : marks.names) {
        const auto it = targets.find(s);
        std::string target = it == targets.end() ? std::string() : it->second;
        if (!fits_term(kind.mark, s, target)) target.clear();  // cannot record the link
        // A guess written under a name other than the final one gets the final one.
        const bool check_names =
            !target.empty() && hints && hints->used_other_name(kind.entity + target, display_name(kind, db, target));
        std::vector<Xapian::docid> docs(db.postlist_begin(kind.mark + s), db.postlist_end(kind.mark + s));
        const std::map<Xapian::docid, std::string> links = current_links(kind, db, s);
        for (Xapian::docid d : docs) {
            const auto l = links.find(d);
            const std::string link = l == links.end() ? std::string() : l->second;
            // Most documents are linked as they should be: nothing to read.
            if (link == target && !check_names) continue;
            Xapian::Document doc = db.get_document(d);
            if (link == target) {
                if (check_names) {
                    std::string data =
                        rename_in_data(doc.get_data(), kind.json_key, target, display_name(kind, db, target));
                    if (data != doc.get_data()) {
                        doc.set_data(std::move(data));  // data only: no positions read back
                        db.replace_document(d, doc);
                        ++stats.renamed;
                    }
                }
                continue;
            }
            // An article that names the full entity itself (not through
            // another short name's link) is left alone
            // (linking would merge its own entry into the link, and undoing
            // the link later would take that entry away), and one linked
            // before (an earlier run, or a guess) goes back to its short
            // name: as if it had never been linked.
            std::string to = target;
            if (!to.empty() && has_term(doc, kind.entity + to) && !linked_by_doc(kind.entity, doc, to)) {
                if (link.empty()) continue;
                to.clear();
            }
            // An undone guess: the document's own name for `s` (it was
            // never linked, as far as the database is concerned).
            const std::string* own =
                to.empty() && hints ? hints->name_before_guess(shard, d, kind.entity + s) : nullptr;
            relink(kind, db, d, s, link, to, own);
            ++(to.empty() ? stats.unlinked : stats.linked);
        }
    }
}

/// Bring every marked document's link in line with `targets`.  The shards
/// are independent (each holds its documents and a copy of the metadata),
/// so each is done on its own thread: this pass runs after the writers, while
/// nothing else keeps the cores busy.
void apply(const Kind& kind, std::vector<Xapian::WritableDatabase>& shards, const Marks& marks,
           const std::map<std::string, std::string>& targets, const LinkHints* hints, ResolutionStats& stats) {
    std::vector<ResolutionStats> per_shard(shards.size());
    std::vector<std::exception_ptr> errors(shards.size());
    std::atomic<std::size_t> next{0};
    auto work = [&] {
        for (std::size_t i; (i = next++) < shards.size();) try {
                apply_shard(kind, shards[i], static_cast<unsigned>(i), marks, targets, hints, per_shard[i]);
            } catch (...) {
                errors[i] = std::current_exception();
            }
    };
    const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
    std::vector<std::thread> threads;
    for (std::size_t t = 1; t < std::min<std::size_t>(shards.size(), cores); ++t) threads.emplace_back(work);
    work();
    for (auto& t : threads) t.join();
    for (const auto& e : errors)
        if (e) std::rethrow_exception(e);
    for (const auto& r : per_shard) {
        stats.linked += r.linked;
        stats.unlinked += r.unlinked;
        stats.renamed += r.renamed;
    }
}

/// Tagged bare surnames (XR) and surname candidates (XU) under one rule:
/// a surname links to the one full name the archive names natively.
void resolve_persons(std::vector<Xapian::WritableDatabase>& shards, const LinkHints* hints, ResolutionStats& stats) {
    const Marks bare = read_marks(kPersons, shards), candidates = read_marks(kCandidates, shards);
    Marks all = bare;  // names of both kinds, and the person terms links of either kind gave
    all.names.insert(candidates.names.begin(), candidates.names.end());
    for (const auto& [id, terms] : candidates.link_terms)
        all.link_terms[id].insert(all.link_terms[id].end(), terms.begin(), terms.end());
    if (all.names.empty()) return;
    std::set<std::string> full;  // full ids whose last word is a marked surname
    for (const auto& db : shards)
        for (auto t = db.allterms_begin(kPersons.entity); t != db.allterms_end(kPersons.entity); ++t) {
            std::string id = (*t).substr(kPersons.entity.size());
            if (all.names.count(surname_of(id))) full.insert(std::move(id));
        }
    const auto native = native_counts(kPersons, shards, full, all);
    const auto targets = surname_targets({all.names.begin(), all.names.end()}, native);
    if (!bare.names.empty()) apply(kPersons, shards, bare, targets, hints, stats);
    if (!candidates.names.empty()) apply(kCandidates, shards, candidates, targets, hints, stats);
}

void resolve_companies(std::vector<Xapian::WritableDatabase>& shards, const LinkHints* hints, ResolutionStats& stats) {
    const Marks marks = read_marks(kCompanies, shards);
    if (marks.names.empty()) return;
    std::map<std::string, std::vector<std::string>> ties;
    std::set<std::string> tied;
    const std::string prefix(kPrefixCompanyTie);
    for (const auto& db : shards)
        for (auto t = db.allterms_begin(prefix); t != db.allterms_end(prefix); ++t) {
            const std::string rest = (*t).substr(prefix.size());
            const auto colon = rest.find(':');
            if (colon == std::string::npos || !marks.names.count(rest.substr(0, colon))) continue;
            ties[rest.substr(0, colon)].push_back(rest.substr(colon + 1));
            tied.insert(rest.substr(colon + 1));
        }
    // A short name that some article gives as a company by itself ("Chrysler
    // Corp": not marked there) is a company of its own and stays one.
    std::vector<std::string> short_ids;
    for (const auto& c : marks.names) {
        Xapian::doccount with_term = 0, marked = 0;
        for (const auto& db : shards) {
            with_term += db.get_termfreq(kCompanies.entity + c);
            marked += db.get_termfreq(kCompanies.mark + c);
        }
        const auto linked = marks.linked_from.count(c) ? marks.linked_from.at(c) : 0;
        if (with_term <= marked - linked) short_ids.push_back(c);
    }
    const auto native = native_counts(kCompanies, shards, tied, marks);
    apply(kCompanies, shards, marks, company_targets(short_ids, ties, native), hints, stats);
}

}  // namespace

ResolutionStats resolve_surnames(std::vector<Xapian::WritableDatabase>& shards, const LinkHints* hints) {
    ResolutionStats stats;
    resolve_persons(shards, hints, stats);
    resolve_companies(shards, hints, stats);
    return stats;
}

LinkHints::Guesses LinkHints::link(Xapian::Document& doc,
                                   const std::vector<std::pair<std::string, std::string>>& names) {
    struct Link {
        const Kind* kind;
        std::string s, target, name;
    };
    std::vector<Link> links;
    {
        std::lock_guard lock(mutex_);
        // Most entities were seen before: look up with one reused string and
        // copy only what is new (this runs under the lock both writers share).
        std::string& scratch = scratch_;
        const std::string name_prefix = schema::name_key("", "");
        for (const auto& [key, value] : names)
            if (key.rfind(name_prefix, 0) == 0) {
                scratch.assign(key, name_prefix.size());
                if (!names_.count(scratch)) names_.emplace(scratch, value);
            }
        // The document's own entities, ties and marks (terms XC.. to XR..).
        std::vector<std::string> person_marks, company_marks;
        std::set<std::string> own;  // entity terms the document names natively
        // Entity, tie and mark prefixes all begin with 'X' (XC .. XR): skip the words.
        auto t = doc.termlist_begin();
        for (t.skip_to("X"); t != doc.termlist_end(); ++t) {
            const std::string term = *t;
            if (term[0] != 'X') break;
            if (term.size() < 2) continue;
            const std::string_view prefix(term.data(), 2), rest(term.data() + 2, term.size() - 2);
            const bool colon = rest.find(':') != std::string_view::npos;
            if (prefix == kPersons.entity) {
                own.insert(term);
                if (!is_bare_surname(rest)) {
                    auto& bearers = bearers_[surname_of(rest)];
                    scratch.assign(rest);
                    if (!bearers.count(scratch)) bearers.insert(scratch);
                }
            } else if (prefix == kCompanies.entity) {
                own.insert(term);
                scratch.assign(rest);
                if (!companies_.count(scratch)) companies_.insert(scratch);
            } else if (prefix == kPrefixCompanyTie && colon) {
                const auto c = rest.find(':');
                auto& tied = ties_[std::string(rest.substr(0, c))];
                scratch.assign(rest.substr(c + 1));
                if (!tied.count(scratch)) tied.insert(scratch);
            } else if (prefix == kPersons.mark && !colon) {
                person_marks.emplace_back(rest);
            } else if (prefix == kCompanies.mark && !colon) {
                company_marks.emplace_back(rest);
            }
        }
        for (const auto& term : own)  // a short id named without its mark: a company by itself
            if (term.rfind(kCompanies.entity, 0) == 0 && is_bare_surname(term.substr(2)) &&
                !has_term(doc, kCompanies.mark + term.substr(2)))
                self_named_.insert(term.substr(2));
        auto decide = [&](const Kind& kind, const std::string& s, const std::set<std::string>& candidates) {
            std::string target;
            for (const auto& id : candidates)
                if (id != s && (&kind == &kPersons || companies_.count(id))) {
                    if (!target.empty()) return;  // two: ambiguous so far
                    target = id;
                }
            if (target.empty() || !fits_term(kind.mark, s, target) || own.count(kind.entity + target)) return;
            auto name = names_.find(kind.entity + target);
            Link l{&kind, s, target, name == names_.end() ? target : name->second};
            names_used_[kind.entity + target].insert(l.name);
            links.push_back(std::move(l));
        };
        for (const auto& s : person_marks)
            if (auto it = bearers_.find(s); it != bearers_.end()) decide(kPersons, s, it->second);
        for (const auto& c : company_marks)
            if (auto it = ties_.find(c); it != ties_.end() && !self_named_.count(c)) decide(kCompanies, c, it->second);
    }
    Guesses guesses;
    for (const auto& l : links) {
        const std::string term = l.kind->entity + l.s;
        std::string own_name = l.s;  // as link_document would name it back without a "name:" entry
        for (const auto& [key, value] : names)
            if (key == schema::name_key("", term)) own_name = value;
        guesses.emplace_back(term, std::move(own_name));
        link_document(*l.kind, doc, l.s, "", l.target, l.name);
    }
    return guesses;
}

void LinkHints::written(unsigned shard, Xapian::docid docid, Guesses guesses) {
    std::lock_guard lock(mutex_);
    if (guesses.empty())
        guessed_.erase({shard, docid});  // a replaced document's earlier guesses are gone
    else
        guessed_[{shard, docid}] = std::move(guesses);
}

const std::string* LinkHints::name_before_guess(unsigned shard, Xapian::docid docid, const std::string& term) const {
    std::lock_guard lock(mutex_);
    auto it = guessed_.find({shard, docid});
    if (it == guessed_.end()) return nullptr;
    for (const auto& [t, name] : it->second)
        if (t == term) return &name;
    return nullptr;
}

bool LinkHints::used_other_name(const std::string& term, const std::string& name) const {
    std::lock_guard lock(mutex_);
    auto it = names_used_.find(term);
    return it != names_used_.end() && (it->second.size() > 1 || !it->second.count(name));
}

}  // namespace newsdex
