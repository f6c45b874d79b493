#include "acronyms.h"

#include "acronyms_data.h"

#include <algorithm>
#include <set>
#include <sstream>

namespace newsdex {

std::vector<Acronym> parse_acronyms(const std::string& text) {
    std::vector<Acronym> out;
    std::istringstream in(text);
    std::string line;
    while (std::getline(in, line)) {
        if (line.empty() || line[0] == '#') continue;
        const auto tab = line.find('\t');
        if (tab == std::string::npos || tab == 0) continue;
        Acronym a{line.substr(0, tab), {}};
        std::istringstream words(line.substr(tab + 1));
        for (std::string w; words >> w;) a.long_form.push_back(w);
        if (a.long_form.size() >= 2) out.push_back(std::move(a));
    }
    return out;
}

const std::vector<Acronym>& shipped_acronyms() {
    static const std::vector<Acronym> list = parse_acronyms(kShippedAcronyms);
    return list;
}

namespace {

/// One term per distinct stem: OP_SYNONYM of a term with itself would weigh
/// it as a rarer, lighter term (and stop the shard-by-shard match).
Xapian::Query any_of(const std::vector<std::string>& stems) {
    std::vector<std::string> terms;
    for (const auto& s : stems)
        if (std::find(terms.begin(), terms.end(), s) == terms.end()) terms.push_back(s);
    return terms.size() == 1 ? Xapian::Query(terms[0])
                             : Xapian::Query(Xapian::Query::OP_SYNONYM, terms.begin(), terms.end());
}

/// The long form as a phrase in each language's stems (an article is
/// stemmed in one language), as the query parser makes a phrase.
Xapian::Query phrase_of(const std::vector<std::string>& long_form, const StemsOf& stems_of) {
    std::vector<std::vector<std::string>> stems;
    for (const auto& w : long_form) stems.push_back(stems_of(w));
    std::vector<Xapian::Query> alternatives;
    std::set<std::vector<std::string>> seen;
    for (std::size_t l = 0; l < stems.front().size(); ++l) {
        std::vector<std::string> terms;
        for (const auto& s : stems) terms.push_back(s[l]);
        if (!seen.insert(terms).second) continue;
        alternatives.emplace_back(Xapian::Query::OP_PHRASE, terms.begin(), terms.end(),
                                  static_cast<Xapian::termcount>(terms.size()));
    }
    return alternatives.size() == 1 ? alternatives[0]
                                    : Xapian::Query(Xapian::Query::OP_OR, alternatives.begin(), alternatives.end());
}

}  // namespace

AcronymMatch with_acronyms(const std::vector<RankingWord>& words, const std::vector<Acronym>& acronyms,
                           const StemsOf& stems_of, double long_weight, double short_weight) {
    AcronymMatch out;
    std::vector<Xapian::Query> parts;
    for (std::size_t i = 0; i < words.size();) {
        const Acronym* found = nullptr;
        bool spelled_out = false;
        for (const auto& a : acronyms) {
            const std::size_t n = a.long_form.size();
            bool run = i + n <= words.size();
            for (std::size_t j = 0; run && j < n; ++j) run = words[i + j].folded == a.long_form[j];
            if (run) {
                found = &a;
                spelled_out = true;
                break;
            }
            if (!found && words[i].folded == a.acronym) found = &a;
        }
        if (!found) {
            parts.push_back(any_of(words[i].terms));
            ++i;
            continue;
        }
        out.added.push_back(found->acronym + " =");
        for (const auto& w : found->long_form) out.added.back() += " " + w;
        if (spelled_out) {
            std::vector<Xapian::Query> run;
            for (std::size_t j = 0; j < found->long_form.size(); ++j) run.push_back(any_of(words[i + j].terms));
            parts.emplace_back(
                Xapian::Query::OP_OR, Xapian::Query(Xapian::Query::OP_AND, run.begin(), run.end()),
                Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, any_of(stems_of(found->acronym)), long_weight));
            i += found->long_form.size();
        } else {
            parts.emplace_back(
                Xapian::Query::OP_OR, any_of(words[i].terms),
                Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, phrase_of(found->long_form, stems_of), short_weight));
            ++i;
        }
    }
    if (out.added.empty()) return out;
    out.query = combine(Xapian::Query::OP_AND, parts);
    out.any_word = combine(Xapian::Query::OP_OR, parts);
    return out;
}

}  // namespace newsdex
