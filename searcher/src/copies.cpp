#include "copies.h"

#include "common/schema/schema.h"
#include "stored_data.h"

#include <algorithm>
#include <string>
#include <unordered_map>

namespace newsdex {

const std::string& StoredBodies::of(Xapian::docid docid) {
    auto it = bodies_.find(docid);
    if (it == bodies_.end()) {
        const std::string data = db_->get_document(docid, Xapian::DOC_ASSUME_VALID).get_data();
        it = bodies_.emplace(docid, std::string(stored_body(data))).first;
    }
    return it->second;
}

std::size_t fold_copies(StoredBodies& bodies, std::vector<Candidate>& list, std::size_t keep) {
    // For each group seen, the members kept so far (their bodies are read
    // only once a second member comes).
    std::unordered_map<std::string, std::vector<Xapian::docid>> kept;
    std::vector<Candidate> out;
    out.reserve(std::min(list.size(), keep));
    std::size_t looked = 0;
    for (auto& c : list) {
        if (out.size() == keep) break;
        ++looked;
        if (!c.dup_key.empty()) {
            auto& members = kept[c.dup_key];
            if (!members.empty()) {
                const std::string& body = bodies.of(c.docid);
                if (std::any_of(members.begin(), members.end(), [&](Xapian::docid m) { return bodies.of(m) == body; }))
                    continue;
            }
            members.push_back(c.docid);
        }
        out.push_back(std::move(c));
    }
    list = std::move(out);
    return looked;
}

std::vector<Xapian::doccount> count_copies(const Xapian::Database& db, const Xapian::Query& query,
                                           const std::vector<Candidate>& shown, StoredBodies& bodies) {
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
    // Each body once, however many shown hits share a group (and those
    // folding already read).
    auto body = [&](Xapian::docid d) -> const std::string& { return bodies.of(d); };
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
