#include "person_lookup.h"

#include "common/schema/schema.h"
#include "common/text/numbers.h"
#include "edit_distance.h"

#include <algorithm>
#include <map>

namespace newsdex {

namespace {

/// How many matched persons a notice names before "and N more".
constexpr std::size_t kNamedInNotice = 5;

std::string display_name(const std::function<std::string(const std::string&)>& metadata, const std::string& slug) {
    std::string name = metadata(schema::name_key(schema::kPrefixPerson, slug));
    if (name.empty()) {
        name = slug;
        std::replace(name.begin(), name.end(), '-', ' ');
    }
    return name;
}

std::string last_word(const std::string& slug) {
    auto dash = slug.rfind('-');
    return dash == std::string::npos ? slug : slug.substr(dash + 1);
}

/// `person:NAME` as it can be typed back: quoted when it holds a space.
std::string person_clause(std::string name) {
    std::replace(name.begin(), name.end(), '"', ' ');
    return name.find(' ') == std::string::npos ? "person:" + name : "person:\"" + name + "\"";
}

struct Nearest {
    std::size_t distance = 0;
    Xapian::doccount freq = 0;
    std::string slug;         ///< the person's slug
    bool by_surname = false;  ///< close to the surname rather than the full name
};

}  // namespace

PersonFallback person_fallback(const Xapian::Database& db, const std::string& typed, const std::string& resolved,
                               const std::string& as_typed,
                               const std::function<std::string(const std::string&)>& metadata) {
    const std::string prefix(schema::kPrefixPerson);
    const Xapian::doccount exact = db.get_termfreq(prefix + resolved);
    const bool one_word = !typed.empty() && typed.find('-') == std::string::npos;
    PersonFallback out;
    if (exact && !one_word) return out;  // a full name, as typed or through an alias

    const std::size_t limit = typed.size() <= 4 ? 1 : 2;
    std::vector<std::pair<Xapian::doccount, std::string>> matched;  // (articles, slug)
    std::map<std::string, std::size_t> persons_by_surname;          // near-miss surnames only
    Nearest nearest;
    nearest.distance = limit + 1;
    auto consider = [&](std::size_t d, Xapian::doccount freq, const std::string& person, bool by_surname) {
        if (d > limit) return;
        if (d < nearest.distance || (d == nearest.distance && freq > nearest.freq))
            nearest = {d, freq, person, by_surname};
    };
    for (auto t = db.allterms_begin(prefix); t != db.allterms_end(prefix); ++t) {
        const std::string person = (*t).substr(prefix.size());
        const Xapian::doccount freq = t.get_termfreq();
        if (freq == 0) continue;
        const std::string surname = last_word(person);
        if (one_word && surname == typed && person != typed) {
            matched.emplace_back(freq, person);
            continue;
        }
        if (exact || !matched.empty()) continue;  // no near misses needed
        consider(edit_distance(typed, person, limit), freq, person, false);
        if (one_word && person != surname) {
            std::size_t d = edit_distance(typed, surname, limit);
            if (d <= limit) ++persons_by_surname[surname];
            consider(d, freq, person, true);
        }
    }
    if (matched.empty() && exact) return out;  // a name no one else bears as a surname

    if (!matched.empty()) {
        // The word itself (a lone surname the extractor could not attach to
        // a full name) or the person an alias names, beside the surname's
        // bearers: an alias from "Reagan" to one Reagan must not hide the
        // others.
        if (exact && std::none_of(matched.begin(), matched.end(), [&](const auto& m) { return m.second == resolved; }))
            matched.emplace_back(exact, resolved);
        std::sort(matched.begin(), matched.end(), [](const auto& a, const auto& b) {
            return a.first != b.first ? a.first > b.first : a.second < b.second;
        });
        if (matched.size() > kMaxSurnameTerms) matched.resize(kMaxSurnameTerms);
        out.notice = "person:" + as_typed + " matched by surname: ";
        for (std::size_t i = 0; i < matched.size() && i < kNamedInNotice; ++i)
            out.notice += (i ? ", " : "") + display_name(metadata, matched[i].second) + " (" +
                          text::thousands(matched[i].first) + ")";
        if (matched.size() > kNamedInNotice)
            out.notice += " and " + text::thousands(matched.size() - kNamedInNotice) + " more";
        for (const auto& [freq, person] : matched) out.terms.push_back(prefix + person);
        return out;
    }
    out.notice = "no person matches '" + as_typed + "'";
    if (nearest.slug.empty()) return out;
    const std::string surname = last_word(nearest.slug);
    std::string suggestion = nearest.by_surname && persons_by_surname[surname] > 1
                                 ? person_clause(surname)
                                 : person_clause(display_name(metadata, nearest.slug));
    out.notice += "; did you mean " + suggestion + "?";
    return out;
}

}  // namespace newsdex
