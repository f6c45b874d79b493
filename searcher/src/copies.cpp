#include "copies.h"

#include "common/schema/schema.h"
#include "stored_data.h"

#include <algorithm>
#include <string>
#include <unordered_map>
#include <unordered_set>

namespace newsdex {

std::optional<BodyDigests::Digest> BodyDigests::of(Xapian::docid docid) const {
    if (shards_.empty() || docid == 0) return std::nullopt;
    const std::size_t n = shards_.size();
    const std::vector<std::uint64_t>& digests = *shards_[(docid - 1) % n];
    const std::size_t local = (docid - 1) / n + 1;
    if (2 * local + 1 >= digests.size()) return std::nullopt;
    Digest d{digests[2 * local], digests[2 * local + 1]};
    if (d == Digest{0, 0}) return std::nullopt;
    return d;
}

bool StoredBodies::same(Xapian::docid a, Xapian::docid b) {
    if (const auto digest_a = digests_.of(a))
        if (const auto digest_b = digests_.of(b)) return *digest_a == *digest_b;
    // Both strings stay in the cache: comparing the views is safe.
    const std::string_view body_a = stored_body(documents_->data(a));
    return body_a == stored_body(documents_->data(b));
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
            if (std::any_of(members.begin(), members.end(), [&](Xapian::docid m) { return bodies.same(m, c.docid); }))
                continue;
            members.push_back(c.docid);
        }
        out.push_back(std::move(c));
    }
    list = std::move(out);
    return looked;
}

namespace {

struct DigestHash {
    std::size_t operator()(const BodyDigests::Digest& d) const noexcept {
        return static_cast<std::size_t>(d.first ^ (d.second * 0x9E3779B97F4A7C15ULL));
    }
};

}  // namespace

std::vector<std::size_t> mark_copies(const Xapian::Database& db, const std::vector<Xapian::docid>& page,
                                     StoredBodies& bodies) {
    std::vector<std::size_t> out(page.size(), kNotACopy);
    // Group keys, read once each and only when needed (a value lookup).
    std::vector<std::optional<std::string>> keys(page.size());
    auto key = [&](std::size_t i) -> const std::string& {
        if (!keys[i]) keys[i] = db.get_document(page[i], Xapian::DOC_ASSUME_VALID).get_value(schema::kSlotDupKey);
        return *keys[i];
    };
    std::vector<std::optional<BodyDigests::Digest>> digests;
    digests.reserve(page.size());
    for (Xapian::docid d : page) digests.push_back(bodies.digest(d));
    if (std::all_of(digests.begin(), digests.end(), [](const auto& d) { return d.has_value(); })) {
        // Equal digests are equal bodies: only hits sharing one are in
        // question, and they are copies when they share a group (a body
        // too short for a group key has none).
        std::unordered_map<BodyDigests::Digest, std::vector<std::size_t>, DigestHash> earlier;
        for (std::size_t i = 0; i < page.size(); ++i) {
            auto& same_body = earlier[*digests[i]];
            for (std::size_t j : same_body)
                if (!key(i).empty() && key(i) == key(j)) {
                    out[i] = j;
                    break;
                }
            same_body.push_back(i);
        }
        return out;
    }
    // Some digest unknown (remote shards, an index without the column):
    // group keys first, bodies only within a group.
    std::unordered_map<std::string, std::vector<std::size_t>> groups;
    for (std::size_t i = 0; i < page.size(); ++i) {
        if (key(i).empty()) continue;
        auto& members = groups[key(i)];
        for (std::size_t j : members)
            if (bodies.same(page[j], page[i])) {
                out[i] = j;
                break;
            }
        members.push_back(i);
    }
    return out;
}

std::vector<Xapian::doccount> count_copies(const Xapian::Database& db, const Xapian::Query& query,
                                           const std::vector<Candidate>& shown, StoredBodies& bodies) {
    std::vector<Xapian::doccount> out(shown.size(), 0);
    std::vector<std::string> terms;
    for (const auto& c : shown)
        if (!c.dup_key.empty()) terms.push_back(std::string(schema::kPrefixDupKey) + c.dup_key);
    if (terms.empty()) return out;
    Xapian::Enquire enquire(db);
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    enquire.set_docid_order(Xapian::Enquire::ASCENDING);
    const Xapian::doccount all = std::max<Xapian::doccount>(db.get_doccount(), 1);
    // Group -> its members that may count: matching ones, or with digests
    // first those identical to a shown hit of the group.
    std::unordered_map<std::string, std::vector<Xapian::docid>> members;
    if (bodies.has_digests()) {
        // Local shards: each shown group's members from its posting list (a
        // few docids), kept when identical to a shown hit (digests in
        // memory); only then is the query matched, to keep those matching.
        // Most shown groups hold no copy: no match at all.
        std::vector<std::string> copied;  // the XD terms of groups with a copy of a shown hit
        for (const auto& c : shown) {
            if (c.dup_key.empty()) continue;
            auto [group, added] = members.try_emplace(c.dup_key);
            const std::string term = std::string(schema::kPrefixDupKey) + c.dup_key;
            bool copy = false;
            for (auto p = db.postlist_begin(term); p != db.postlist_end(term); ++p) {
                if (*p == c.docid || !bodies.same(*p, c.docid)) continue;
                copy = true;
                if (std::find(group->second.begin(), group->second.end(), *p) == group->second.end())
                    group->second.push_back(*p);
            }
            if (copy && std::find(copied.begin(), copied.end(), term) == copied.end()) copied.push_back(term);
        }
        if (copied.empty()) return out;
        enquire.set_query(Xapian::Query(Xapian::Query::OP_FILTER, query,
                                        Xapian::Query(Xapian::Query::OP_OR, copied.begin(), copied.end())));
        Xapian::MSet matches = enquire.get_mset(0, all);
        std::unordered_set<Xapian::docid> matching;
        for (auto m = matches.begin(); m != matches.end(); ++m) matching.insert(*m);
        for (auto& [key, group] : members)
            group.erase(std::remove_if(group.begin(), group.end(), [&](Xapian::docid d) { return !matching.count(d); }),
                        group.end());
    } else {
        enquire.set_query(Xapian::Query(Xapian::Query::OP_FILTER, query,
                                        Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end())));
        // A collapse that keeps every member only makes the matcher report
        // each match's group (read from the value stream, on the server for
        // remote shards) instead of a document fetch per match.
        enquire.set_collapse_key(schema::kSlotDupKey, all);
        Xapian::MSet matches = enquire.get_mset(0, all);
        for (auto m = matches.begin(); m != matches.end(); ++m) members[m.get_collapse_key()].push_back(*m);
    }
    // Each body once, however many shown hits share a group (and those
    // folding already read); none with digests.
    for (std::size_t i = 0; i < shown.size(); ++i) {
        auto group = members.find(shown[i].dup_key);
        if (shown[i].dup_key.empty() || group == members.end()) continue;
        for (Xapian::docid other : group->second)
            if (other != shown[i].docid && bodies.same(other, shown[i].docid)) ++out[i];
    }
    return out;
}

}  // namespace newsdex
