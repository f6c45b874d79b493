// Pipeline stage 3: mentions from the tagger's PER/ORG runs.  Titles,
// articles, number words, sentence-initial adverbs and trailing possessives
// are trimmed; common words, table fragments, dates and places are dropped.
#include "common/entities/doc_state.h"

#include <algorithm>

namespace newsdex::entities {

namespace {

bool no_alnum(std::string_view w) {
    return std::none_of(w.begin(), w.end(), [](char c) { return ascii_alnum((unsigned char)c) || (unsigned char)c >= 0x80; });
}

/// Trim the tagged run [a, z) of sentence s to the name it holds; `type` may
/// turn from person to organisation ("Reagan Administration").  False: the
/// run is no name at all.
bool trim_span(const ExtractorData& D, const DocState& st, std::size_t s, MentionType& type, std::size_t& a,
               std::size_t& z) {
    const WordLists& W = D.words;
    const auto& words = st.doc[s];
    const bool person = type == MentionType::Person;
    while (a < z && no_alnum(words[a])) ++a;                            // "## Partners"
    while (z - a > 1 && W.number_words.count(words[a])) ++a;            // "Fifteen Asia-Pacific ..."
    if (person && a == 0)
        while (z - a > 1 && W.sentence_starters.count(words[a])) ++a;  // "Later Herrington said"
    // "its Watson system", "their Photos app": a name after a possessive
    // determiner is a product, not a person.
    if (person && a > 0 && (iequals(words[a - 1], "its") || iequals(words[a - 1], "their") || iequals(words[a - 1], "our")))
        return false;
    while (z - a > 1 && (iequals(words[a], "the") || (person && W.person_titles.count(words[a])))) ++a;
    // A multi-word alias-table name is kept whole ("General Agreement on Tariffs and Trade").
    const bool table_name = z - a >= 2 && z - a <= D.max_phrase_tokens && D.phrases.count(phrase_hash(words, a, z)) > 0;
    for (std::size_t k = a + 1; k < z && !table_name; ++k)
        if (W.name_cut_words.count(words[k])) { z = k; break; }
    while (z > a && (words[z - 1] == "'s" || words[z - 1] == "'" || words[z - 1] == "," || words[z - 1] == "-" ||
                     words[z - 1] == "(" || iequals(words[z - 1], "of") || iequals(words[z - 1], "and")))
        --z;
    if (z <= a) return false;
    // A single (not all-caps) word the article also uses in lower case is a common word.
    if (z - a == 1 && has_lowercase(words[a]) && st.used_in_lower_case(words[a]) &&
        !D.lookup(EntityType::Company, entity_slug(words[a])) && !D.lookup(EntityType::Organization, entity_slug(words[a])))
        return false;
    // "U.S. Banks", "U.S. Dollar": a place plus a common word.
    if (z - a == 2 && W.major_places.count(words[a]) && st.used_in_lower_case(words[a + 1]) &&
        !D.lookup(EntityType::Company, entity_slug(std::string(words[a]) + " " + std::string(words[a + 1]))))
        return false;
    if (person && z - a > 1 && W.org_keywords.count(words[z - 1])) type = MentionType::Org;  // "Reagan Administration"
    while (z > a && (words[z - 1] == "'s" || words[z - 1] == "'" || words[z - 1] == "," || words[z - 1] == "-" ||
                     words[z - 1] == "\xE2\x80\x99s" || no_alnum(words[z - 1])))
        --z;
    if (a >= z) return false;
    if (person && z - a == 1 && W.person_titles.count(words[a])) return false;
    return true;
}

/// Pronouns, table words, dates, places and other words that are no name.
bool is_noise_mention(const WordLists& W, const Mention& m) {
    std::string lower = lower_ascii(join(m.words, 0, m.words.size()));
    if (W.noise_names.count(lower) || W.date_words.count(m.words.back()) || junk_name(W, m.words) || lower.size() < 2 ||
        !std::any_of(lower.begin(), lower.end(), [](char c) { return is_lower_c(c); }))
        return true;
    if (m.words.size() == 1 && !is_upper_c(m.words[0][0]) && !is_digit_c(m.words[0][0])) return true;
    if (W.countries.count(lower) || W.major_places.count(lower)) return true;
    // "U.S. And Japan": nothing but places
    for (auto& w : m.words) {
        std::string l = lower_ascii(w);
        if (l == "and" || l == "&" || l == "of" || l == "the" || l == "west" || l == "east" || l == "north" ||
            l == "south")
            continue;
        if (!W.countries.count(l) && !W.major_places.count(l)) return false;
    }
    return true;
}

}  // namespace

bool junk_name(const WordLists& W, const std::vector<std::string>& words) {
    bool all_roman = true;
    for (auto& w : words) {
        if (w.find_first_not_of("IVXL") != std::string::npos) all_roman = false;
        std::string l = lower_ascii(w);
        if (l.find_first_of("/-") != std::string::npos) {
            bool all_dates = true;  // "Oct/Dec"
            std::size_t p = 0;
            while (p <= l.size()) {
                auto q = l.find_first_of("/-", p);
                if (q == std::string::npos) q = l.size();
                if (!W.date_words.count(l.substr(p, q - p))) all_dates = false;
                p = q + 1;
            }
            if (all_dates) return true;
        }
        if (w.size() >= 3 && w.size() <= 7 && (w[0] == 'D' || w[0] == 'R' || w[0] == 'I') && w[1] == '-' &&
            is_upper_c(w[2]))
            return true;  // party/state tags "D-Conn", "R-Mass"
        if (W.table_words.count(l) || l.find("dlrs") != std::string::npos) return true;
        // Reuters instrument codes: "PLY.L", "PGLO.AS"
        auto dot = w.find('.');
        if (words.size() == 1 && dot != std::string::npos && dot >= 2 && w.size() - dot <= 3 && w.size() - dot >= 2 &&
            w.back() != '.')
            return true;
    }
    if (all_roman) return true;
    if (words.size() == 1 && W.legal_suffixes.count(words[0])) return true;
    if (words.size() == 2 && iequals(words[0], "class")) return true;
    if (words.size() == 1 && W.generic_words.count(words[0])) return true;
    return false;
}

void build_mentions(const ExtractorData& D, DocState& st) {
    for (std::size_t s = 0; s < st.tags.size(); ++s) {
        if (st.caps_sentence[s]) continue;
        const auto& t = st.tags[s];
        const std::size_t base = st.tk.sentences[s].first;
        for (std::size_t i = 0; i < t.size(); ++i) {
            const int tag_type = ner::tag_type(t[i]);
            if (tag_type != 0 && tag_type != 1) continue;
            if (!ner::tag_is_begin(t[i]) && i > 0 && ner::tag_type(t[i - 1]) == tag_type) continue;
            std::size_t j = i + 1;
            while (j < t.size() && ner::tag_type(t[j]) == tag_type && !ner::tag_is_begin(t[j])) ++j;
            std::size_t a = i, z = j;
            MentionType type = tag_type == 0 ? MentionType::Person : MentionType::Org;
            i = j - 1;
            if (!trim_span(D, st, s, type, a, z)) continue;
            std::size_t bb = st.tk.tokens[base + a].b, ee = st.tk.tokens[base + z - 1].e;
            if (st.in_mark(bb, ee)) continue;
            Mention m;
            m.b = bb;
            m.e = ee;
            m.type = type;
            m.sent = s;
            m.tb = a;
            m.te = z;
            for (std::size_t k = a; k < z; ++k) m.words.emplace_back(st.doc[s][k]);
            m.surface = st.surface_of(bb, ee);
            if (!is_noise_mention(D.words, m)) st.mentions.push_back(std::move(m));
        }
    }
}

}  // namespace newsdex::entities
