#include "copies.h"

#include "common/schema/schema.h"
#include "stored_data.h"

#include <algorithm>
#include <map>
#include <string>
#include <unordered_map>

namespace newsdex {

namespace {

/// The stored body of document `docid` (the text after the metadata).
std::string body_of(const Xapian::Database& db, Xapian::docid docid) {
    const std::string data = db.get_document(docid, Xapian::DOC_ASSUME_VALID).get_data();
    return std::string(parse_stored_data(data).body);
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
    Xapian::MSet matches = enquire.get_mset(0, db.get_doccount());
    // Group -> body -> how many matching members hold it.
    std::unordered_map<std::string, std::map<std::string, Xapian::doccount>> bodies;
    for (auto m = matches.begin(); m != matches.end(); ++m) {
        const Xapian::Document doc = m.get_document();
        const std::string data = doc.get_data();
        ++bodies[doc.get_value(schema::kSlotDupKey)][std::string(parse_stored_data(data).body)];
    }
    for (std::size_t i = 0; i < shown.size(); ++i) {
        if (shown[i].dup_key.empty()) continue;
        auto group = bodies.find(shown[i].dup_key);
        if (group == bodies.end()) continue;
        auto same = group->second.find(body_of(db, shown[i].docid));
        if (same != group->second.end() && same->second > 0) out[i] = same->second - 1;
    }
    return out;
}

}  // namespace newsdex
