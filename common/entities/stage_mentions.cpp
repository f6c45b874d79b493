// Pipeline stage 3: mentions from the tagger's PER/ORG runs.  Titles,
// articles, number words, sentence-initial adverbs and trailing possessives
// are trimmed; common words, table fragments, dates and places are dropped.
#include "common/entities/doc_state.h"

#include <algorithm>

namespace newsdex::entities {

namespace {

bool no_alnum(std::string_view w) {
    return std::none_of(w.begin(), w.end(),
                        [](char c) { return ascii_alnum((unsigned char)c) || (unsigned char)c >= 0x80; });
}

bool person_name_word(const ExtractorData& D, std::string_view w, std::uint32_t flags) {
    return (D.lex.flags.get(lower_hash(w)) & flags) != 0;
}

/// An ordinary word that is no name alone ("Discount", "Seven"): common in
/// lower case, not a company of the gazetteer, not a personal name.
bool ordinary_word(const ExtractorData& D, std::string_view w) {
    return D.words.common_words.count(w) && !D.lex.company_names.count(lower_hash(w)) &&
           !person_name_word(D, w, ner::kGzFirst | ner::kGzLast);
}

/// Can the run [a, z) of `words` be a person's name?  Not a vessel or storm
/// ("the container ship Ever Given"), a geographic feature ("Cooper Basin",
/// "Cape of Good Hope"), a place plus a term ("Texas Intermediate") or a term
/// made of ordinary words ("Borrowing Requirement", "April Seven").
bool plausible_person(const ExtractorData& D, const std::vector<std::string_view>& words, std::size_t a,
                      std::size_t z) {
    const WordLists& W = D.words;
    constexpr std::uint32_t kFirst = ner::kGzFirst | ner::kGzFirstRare;
    constexpr std::uint32_t kLast = ner::kGzLast | ner::kGzLastRare;
    if (a > 0 && W.non_person_nouns.count(words[a - 1])) return false;
    if (z < words.size() && W.non_person_nouns.count(words[z])) return false;  // "the Richter scale"
    if (a > 1 && words[a - 1] == "of" && W.place_heads.count(words[a - 2])) return false;
    if (W.place_heads.count(words[z - 1])) return false;
    const bool first_name = person_name_word(D, words[a], kFirst);
    // "Far Hills, N.J., investor ...": a place followed by a state abbreviation
    if (!first_name && z + 1 < words.size() && words[z] == "," && words[z + 1].size() <= 6 &&
        words[z + 1].back() == '.' && is_upper_c(words[z + 1][0]))
        return false;
    // (the word sets match case-insensitively: no lower-case copy needed)
    if (z - a > 1 && !first_name &&
        (W.countries.count(words[a]) || W.major_places.count(words[a]) || D.places.count(words[a])))
        return false;
    // "Borrowing Requirement": ordinary words only (not "Masayoshi Son")
    bool all_common = !person_name_word(D, words[z - 1], kLast);
    for (std::size_t k = a; k < z && all_common; ++k)
        all_common = W.common_words.count(words[k]) && !person_name_word(D, words[k], kFirst);
    if (all_common) return false;
    return true;
}

/// "National Commission on Dairy Policy", "Organization for Security and
/// Co-operation in Europe": "on" right after an organisation's head word
/// (org_keywords.txt) continues its name, and so does "in" after a head word
/// + "for"/"on" earlier in it ("A for the B of C in D").  A cut word ends the
/// name otherwise ("Budget Committee in Parliament": a place, not the name).
bool organisation_name_part(const WordLists& W, MentionType type, const std::vector<std::string_view>& words,
                            std::size_t a, std::size_t k, std::size_t z) {
    if (type != MentionType::Org || k + 1 >= z || !starts_upper(words[k + 1])) return false;
    auto head = [&](std::size_t h) { return h >= a && starts_upper(words[h]) && W.org_keywords.count(words[h]); };
    if (words[k] == "on") return head(k - 1);
    if (words[k] != "in") return false;
    for (std::size_t h = a; h + 1 < k; ++h)
        if (head(h) && (words[h + 1] == "for" || words[h + 1] == "on")) return true;
    return false;
}

/// Trim the tagged run [a, z) of sentence s to the name it holds; `type` may
/// turn from person to organisation ("Reagan Administration").  False: the
/// run is no name at all.
bool trim_span(const ExtractorData& D, const DocState& st, std::size_t s, MentionType& type, std::size_t& a,
               std::size_t& z) {
    const WordLists& W = D.words;
    const auto& words = st.doc[s];
    const bool person = type == MentionType::Person;
    while (a < z && no_alnum(words[a])) ++a;  // "## Partners"
    // A name ends at an opening bracket: "Mladost (L)", "Europe (Pacific)" are a name and a note.
    // (A closing one may stay: Reuters writes "(Finance Minister Dilson) Funaro".)
    for (std::size_t k = a + 1; k < z; ++k)
        if (words[k] == "(") {
            z = k;
            break;
        }
    while (z - a > 1 && W.number_words.count(words[a])) ++a;  // "Fifteen Asia-Pacific ..."
    if (person && a == 0)
        while (z - a > 1 && W.sentence_starters.count(words[a])) ++a;  // "Later Herrington said"
    // "Rival Advanced Micro Devices", "Billionaire Gautam Adani": a descriptive word the
    // sentence start capitalised (after an opening quote too).
    if (a == 0 || (a == 1 && words[0] == "\""))
        while (z - a > 1 && W.name_descriptors.count(words[a]) && starts_upper(words[a + 1])) ++a;
    // "Its Institute for Coastal Studies works with ...", "Its Gabelli unit said": the
    // possessive determiner that opens the sentence is no part of the name.  Only "Its"
    // and "Their" as spelled at a sentence start: "ITS Holdings" is a name, and names do
    // begin with "His", "Her" and "Our" ("Her Majesty's Theatre", "Our Lady of Lourdes").
    if (a == 0)
        while (z - a > 1 && starts_upper(words[a + 1]) && (words[a] == "Its" || words[a] == "Their")) ++a;
    // "its Watson system", "their Photos app": a name after a possessive
    // determiner is a product, not a person.
    if (person && a > 0 &&
        (iequals(words[a - 1], "its") || iequals(words[a - 1], "their") || iequals(words[a - 1], "our")))
        return false;
    const bool band = type == MentionType::Org && band_subject(W, words, a, z);  // "The Lanterns were a ... band"
    while (!band && z - a > 1 && (iequals(words[a], "the") || (person && W.person_titles.count(words[a])))) ++a;
    // A multi-word alias-table name is kept whole ("General Agreement on Tariffs and Trade").
    const bool table_name = z - a >= 2 && z - a <= D.max_phrase_tokens && D.phrases.count(phrase_hash(words, a, z)) > 0;
    for (std::size_t k = a + 1; k < z && !table_name; ++k)
        if (W.name_cut_words.count(words[k]) && !organisation_name_part(W, type, words, a, k, z)) {
            z = k;
            break;
        }
    while (z > a && (words[z - 1] == "'s" || words[z - 1] == "'" || words[z - 1] == "," || words[z - 1] == "-" ||
                     words[z - 1] == "(" || iequals(words[z - 1], "of") || iequals(words[z - 1], "and")))
        --z;
    if (z <= a) return false;
    // A single (not all-caps) word the article also uses in lower case is a common word.
    if (z - a == 1 && has_lowercase(words[a]) && (st.used_in_lower_case(words[a]) || ordinary_word(D, words[a])) &&
        !D.lookup(EntityType::Company, entity_slug(words[a])) &&
        !D.lookup(EntityType::Organization, entity_slug(words[a])))
        return false;
    // "U.S. Banks", "U.S. Frustration": a place plus a common word.
    if (z - a == 2 && W.major_places.count(words[a]) &&
        (st.used_in_lower_case(words[a + 1]) || W.common_words.count(words[a + 1])) &&
        !D.lookup(EntityType::Company, entity_slug(std::string(words[a]) + " " + std::string(words[a + 1]))))
        return false;
    if (person && z - a > 1 && W.org_keywords.count(words[z - 1])) type = MentionType::Org;  // "Reagan Administration"
    if (person) {
        for (std::size_t k = a; k < z; ++k)
            if (W.company_form_words.count(words[k])) type = MentionType::Org;  // "Societe Generale", "Banque Paribas"
        // "Goodyear Tire" (of "Goodyear Tire and Rubber"): the start of a company's name
        if (z - a >= 2 && !person_name_word(D, words[a], ner::kGzFirst | ner::kGzFirstRare) &&
            (D.lex.company_names.count(phrase_hash(words, a, z)) ||
             D.lex.company_prefixes.count(phrase_hash(words, a, z))))
            type = MentionType::Org;
    }
    while (z > a && (words[z - 1] == "'s" || words[z - 1] == "'" || words[z - 1] == "," || words[z - 1] == "-" ||
                     words[z - 1] == "\xE2\x80\x99s" || no_alnum(words[z - 1])))
        --z;
    if (a >= z) return false;
    if (person && z - a == 1 && W.person_titles.count(words[a])) return false;
    if (type == MentionType::Person && !plausible_person(D, words, a, z)) return false;
    return true;
}

/// Pronouns, table words, dates, places and other words that are no name.
bool is_noise_mention(const WordLists& W, const Mention& m, bool prose) {
    std::string lower = lower_ascii(join(m.words, 0, m.words.size()));
    // "... Reagan Monday": a trailing day or month ("Lei Jun" keeps its three-letter surname)
    const bool date_end = W.date_words.count(m.words.back()) && (m.words.size() == 1 || m.words.back().size() > 3);
    if (W.noise_names.count(lower) || date_end || junk_name(W, m.words) || lower.size() < 2 ||
        !std::any_of(lower.begin(), lower.end(), [](char c) { return is_lower_c(c); }))
        return true;
    if (m.words.size() == 1 && !is_upper_c(m.words[0][0]) && !is_digit_c(m.words[0][0])) return true;
    if (W.countries.count(lower) || W.major_places.count(lower)) return true;
    // "April Seven", "May Five", "FOUR" in a table: dates and numbers
    // ("SIX" named in running text is the Swiss exchange operator)
    bool all_numbers = !(m.words.size() == 1 && !has_lowercase(m.words[0]) && prose);
    for (auto& w : m.words)
        if (!W.number_words.count(w) && !W.date_words.count(w) && !is_digit_c(w[0])) all_numbers = false;
    if (all_numbers) return true;
    // "U.S. And Japan": nothing but places
    for (auto& w : m.words) {
        if (iequals(w, "and") || w == "&" || iequals(w, "of") || iequals(w, "the") || iequals(w, "west") ||
            iequals(w, "east") || iequals(w, "north") || iequals(w, "south"))
            continue;
        if (!W.countries.count(w) && !W.major_places.count(w)) return false;
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
        std::size_t lower_words = 0;  // running text, not a table
        for (auto w : st.doc[s]) lower_words += !w.empty() && is_lower_c(w[0]);
        const bool prose = lower_words >= 5;
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
            if (!is_noise_mention(D.words, m, prose)) st.mentions.push_back(std::move(m));
        }
    }
}

}  // namespace newsdex::entities
