#include "surnames.h"

#include <algorithm>
#include <array>
#include <string_view>
#include <utility>

#include "common/schema/schema.h"

namespace newsdex {

namespace {

/// Add a bearer with `freq` articles.  Ties go to the first slug in term
/// order (callers add in slug order): the same in every database set,
/// since the combined term list is sorted.
template <typename B>
void add_bearer(B& b, const std::string& person, Xapian::doccount freq) {
    b.all += freq;
    if (freq > b.best) {
        b.best = freq;
        b.person = person;
    }
}

}  // namespace

SurnameIndex::SurnameIndex(const Xapian::Database& db, bool by_terms) : db_(db), by_terms_(by_terms) {
    if (by_terms_) return;
    const std::string prefix(schema::kPrefixPerson);
    for (auto t = db.allterms_begin(prefix); t != db.allterms_end(prefix); ++t) {
        const std::string person = (*t).substr(prefix.size());
        const Xapian::doccount freq = t.get_termfreq();
        if (person.empty() || freq == 0) continue;
        // Its last word, its last two words, itself when of one or two words.
        for (const auto& key : schema::surname_keys(person)) add_bearer(by_surname_[key], person, freq);
    }
}

bool SurnameIndex::has_surname_terms(const std::vector<Xapian::Database>& shards) {
    if (shards.empty()) return false;
    for (const auto& shard : shards)
        if (shard.get_metadata(schema::kSurnameTermsKey) != "1") return false;
    return true;
}

SurnameIndex::Bearers SurnameIndex::bearers_by_terms(const std::string& key) const {
    // "XW" + key + ":" + rest names person rest + key; sorted here by the
    // person's slug, the order of the scan ("john-smith" after
    // "john-paul-smith", though "john" comes before "john-paul").
    const std::string prefix = std::string(schema::kPrefixPersonSurname) + key + ":";
    std::vector<std::pair<std::string, Xapian::doccount>> found;
    for (auto t = db_.allterms_begin(prefix); t != db_.allterms_end(prefix); ++t)
        if (const Xapian::doccount freq = t.get_termfreq(); freq > 0)
            found.emplace_back((*t).substr(prefix.size()) + key, freq);
    std::sort(found.begin(), found.end());
    Bearers b;
    for (const auto& [person, freq] : found) add_bearer(b, person, freq);
    return b;
}

std::string SurnameIndex::person(const SurnameQuery& q, double share, double word_share) const {
    if (q.slug.empty()) return {};
    Bearers b;
    if (by_terms_) {
        b = bearers_by_terms(q.slug);
    } else {
        auto it = by_surname_.find(q.slug);
        if (it == by_surname_.end()) return {};
        b = it->second;
    }
    if (b.best == 0) return {};
    if (static_cast<double>(b.best) < share * static_cast<double>(b.all)) return {};
    if (static_cast<double>(b.best) < word_share * static_cast<double>(q.word_articles)) return {};
    return b.person;
}

bool is_first_name(const Xapian::Database& db, const std::string& word) {
    // Honorifics are no one's first name, though a person id may start with
    // one ("ms-dos", "dr-who", "mr-bean" from a source's person list): they
    // say which person, like "minister".
    static constexpr std::array<std::string_view, 12> kHonorifics{"mr",   "mrs", "ms",  "miss", "dr",   "sir",
                                                                   "lord", "lady", "dame", "prof", "rev", "sen"};
    if (word.empty() || std::find(kHonorifics.begin(), kHonorifics.end(), word) != kHonorifics.end()) return false;
    const std::string prefix = std::string(schema::kPrefixPerson) + word + "-";
    return db.allterms_begin(prefix) != db.allterms_end(prefix);
}

}  // namespace newsdex
