#include "surnames.h"

#include "common/schema/schema.h"

namespace newsdex {

SurnameIndex::SurnameIndex(const Xapian::Database& db)
    : built_(true), doccount_(db.get_doccount()), lastdocid_(db.get_lastdocid()), length_(db.get_total_length()) {
    const std::string prefix(schema::kPrefixPerson);
    for (auto t = db.allterms_begin(prefix); t != db.allterms_end(prefix); ++t) {
        const std::string person = (*t).substr(prefix.size());
        const Xapian::doccount freq = t.get_termfreq();
        if (person.empty() || freq == 0) continue;
        // Its last word, its last two words, itself when of one or two words.
        const std::size_t last = person.rfind('-');
        const std::size_t before = last == std::string::npos || last == 0 ? std::string::npos : person.rfind('-', last - 1);
        std::string keys[3];
        keys[0] = last == std::string::npos ? person : person.substr(last + 1);
        if (last != std::string::npos) keys[1] = before == std::string::npos ? person : person.substr(before + 1);
        for (std::size_t k = 0; k < 2; ++k) {
            if (keys[k].empty()) continue;
            Bearers& b = by_surname_[keys[k]];
            b.all += freq;
            // Ties go to the first slug in term order: the same in every
            // database set, since the combined term list is sorted.
            if (freq > b.best) b.best = freq, b.person = person;
        }
    }
}

bool SurnameIndex::stale(const Xapian::Database& db) const {
    return !built_ || db.get_doccount() != doccount_ || db.get_lastdocid() != lastdocid_ ||
           db.get_total_length() != length_;
}

std::string SurnameIndex::person(const SurnameQuery& q, double share, double word_share) const {
    auto it = by_surname_.find(q.slug);
    if (it == by_surname_.end()) return {};
    const Bearers& b = it->second;
    if (static_cast<double>(b.best) < share * static_cast<double>(b.all)) return {};
    if (static_cast<double>(b.best) < word_share * static_cast<double>(q.word_articles)) return {};
    return b.person;
}

}  // namespace newsdex
