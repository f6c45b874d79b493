#include "copies.h"

#include "common/schema/schema.h"
#include "stored_data.h"

#include <algorithm>
#include <string>
#include <unordered_map>

namespace newsdex {

namespace {

/// The stored body of document `docid` (the text after the metadata).
std::string body_of(const Xapian::Database& db, Xapian::docid docid) {
    const std::string data = db.get_document(docid, Xapian::DOC_ASSUME_VALID).get_data();
    return std::string(stored_body(data));
}

}  // namespace

std::size_t fold_copies(const Xapian::Database& db, std::vector<Candidate>& list) {
    std::unordered_map<std::string, std::size_t> members;
    for (const auto& c : list)
        if (!c.dup_key.empty()) ++members[c.dup_key];
    // For each group seen, the bodies of the candidates kept so far.
    std::unordered_map<std::string, std::vector<std::string>> kept;
    std::vector<Candidate> out;
    out.reserve(list.size());
    for (auto& c : list) {
        if (c.dup_key.empty() || members[c.dup_key] < 2) {
            out.push_back(std::move(c));
            continue;
        }
        std::string body = body_of(db, c.docid);
        auto& bodies = kept[c.dup_key];
        if (std::find(bodies.begin(), bodies.end(), body) != bodies.end()) continue;
        bodies.push_back(std::move(body));
        out.push_back(std::move(c));
    }
    const std::size_t dropped = list.size() - out.size();
    list = std::move(out);
    return dropped;
}

std::vector<Xapian::doccount> count_copies(const Xapian::Database& db, const Xapian::Query& query,
                                           const std::vector<Candidate>& shown) {
    std::vector<Xapian::doccount> out(shown.size(), 0);
    std::vector<std::string> terms;
    for (const auto& c : shown)
        if (!c.dup_key.empty()) terms.push_back(std::string(schema::kPrefixDupKey) + c.dup_key);
    if (terms.empty()) return out;
    Xapian::Enquire enquire(db);
    enquire.set_query(Xapian::Query(Xapian::Query::OP_FILTER, query,
                                    Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end())));
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    enquire.set_docid_order(Xapian::Enquire::ASCENDING);
    // A collapse that keeps every member only makes the matcher report each
    // match's group (read from the value stream, on the server for remote
    // shards) instead of a document fetch per match.
    const Xapian::doccount all = std::max<Xapian::doccount>(db.get_doccount(), 1);
    enquire.set_collapse_key(schema::kSlotDupKey, all);
    Xapian::MSet matches = enquire.get_mset(0, all);
    // Group -> its matching members; bodies are read only for groups of two or more.
    std::unordered_map<std::string, std::vector<Xapian::docid>> members;
    for (auto m = matches.begin(); m != matches.end(); ++m) members[m.get_collapse_key()].push_back(*m);
    // Each body once, however many shown hits share a group.
    std::unordered_map<Xapian::docid, std::string> bodies;
    auto body = [&](Xapian::docid d) -> const std::string& {
        auto it = bodies.find(d);
        if (it == bodies.end()) it = bodies.emplace(d, body_of(db, d)).first;
        return it->second;
    };
    for (std::size_t i = 0; i < shown.size(); ++i) {
        auto group = members.find(shown[i].dup_key);
        if (shown[i].dup_key.empty() || group == members.end() || group->second.size() < 2) continue;
        const std::string& mine = body(shown[i].docid);
        for (Xapian::docid other : group->second)
            if (other != shown[i].docid && body(other) == mine) ++out[i];
    }
    return out;
}

}  // namespace newsdex
