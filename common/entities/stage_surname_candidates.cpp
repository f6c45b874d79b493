// Surname candidates (docs/entities.md, "Archive-level resolution"): lone
// capitalised words the tagger left untagged that could be the surname of a
// person the archive names in full elsewhere ("information provided by
// Boesky" in an article that never says "Ivan Boesky").  The tagger cannot
// know: news introduces a person by the full name, so a lone word is rarely
// one, and a better tagger tags fewer of them.  The archive-level pass
// (indexer/surname_resolution.h) links a candidate only when the archive has
// exactly one full name with that surname; otherwise a candidate is no entity.
// The rule is the tagger's complement: it reads no model, only word lists, so
// retraining the tagger does not change which articles can join a person.
#include "common/entities/doc_state.h"

#include <algorithm>

namespace newsdex::entities {

namespace {

/// "Boesky", "Łódź": a capital, then at least two more letters, all lower
/// case (acronyms and odd casing are not surnames; "Conn." and "Mich." are
/// abbreviations of states).
bool surname_shaped(std::string_view w) {
    if (w.size() < 3 || !ner::starts_upper(w)) return false;
    for (std::size_t i = 1; i < w.size(); ++i)
        if (!is_lower_c(w[i]) && (unsigned char)w[i] < 0x80) return false;
    return true;
}

/// True when a word list or gazetteer knows `w` as something other than a
/// surname: a common, place, date, title, organisation or company word, or
/// a first name that is no surname.
bool known_as_other(const ExtractorData& D, std::string_view w) {
    const std::uint64_t h = lower_hash(w);
    // The tagger's gazetteers first: one probe, and it decides most words.
    const std::uint32_t value = D.lex.flags.get(h);
    const std::uint32_t flags = value & ner::kGzMask;
    if (flags & (ner::kGzCompanyWord | ner::kGzLegal | ner::kGzTitle | ner::kGzOrgWord | ner::kGzDate | ner::kGzPlace |
                 ner::kGzOrgHead))
        return true;
    if ((flags & (ner::kGzFirst | ner::kGzFirstRare)) && !(flags & (ner::kGzLast | ner::kGzLastRare))) return true;
    // Capitalisation class from unlabelled news (1 + class, 0 = no cluster):
    // a word capitalised in under 95% of its mid-sentence uses is also a
    // common word ("North", "Tower"); a surname is a name wherever it stands.
    const std::uint32_t caps_class = ner::Lexicon::cluster_of(value) >> 24;
    if (caps_class != 0 && caps_class != 4) return true;
    // One-word companies of the company list and the alias tables ("Renault").
    if (D.lex.company_names.count(h) || D.single_names.count(h)) return true;
    return D.words.not_surnames.count_hash(h) || D.places.count_hash(h) || D.not_entities.count_hash(h);
}

/// The slug of a one-word name: its ASCII lower case when it is ASCII letters
/// only (what entity_slug gives, without ICU), else entity_slug.
std::string word_slug(std::string_view w) {
    std::string out(w);
    for (char& c : out) {
        if (!is_upper_c(c) && !is_lower_c(c)) return entity_slug(w);
        c = ascii::to_lower(c);
    }
    return out;
}

/// Hashes (lower_hash) of the words of the article's entities, any type:
/// the words of each id and of each name it goes by, sorted.
std::vector<std::uint64_t> entity_word_hashes(const std::vector<Entity>& entities) {
    std::vector<std::uint64_t> out;
    auto add_words = [&](std::string_view name, auto is_separator) {
        std::size_t start = 0;
        for (std::size_t i = 0; i <= name.size(); ++i)
            if (i == name.size() || is_separator(name[i])) {
                if (i > start) out.push_back(lower_hash(name.substr(start, i - start)));
                start = i + 1;
            }
    };
    for (const Entity& e : entities) {
        add_words(e.id, [](char c) { return c == '-'; });
        for (const auto& alias : e.aliases)
            add_words(alias, [](char c) { return c == ' ' || c == '-' || c == ',' || c == '.' || c == '\''; });
    }
    std::sort(out.begin(), out.end());
    return out;
}

}  // namespace

std::vector<std::string> find_surname_candidates(const ExtractorData& D, const DocState& st) {
    std::vector<std::string> out;
    if (!st.english) return out;  // the rule reads English capitalisation
    // The cheap tests first, on every token; most articles have no survivor.
    std::vector<std::string_view> words;
    for (std::size_t s = 0; s < st.doc.size(); ++s) {
        if (st.caps_sentence[s]) continue;
        const auto& d = st.doc[s];
        const auto& t = st.tags[s];
        // i = 0 is the sentence start, where every word is capitalised.
        for (std::size_t i = 1; i < d.size(); ++i) {
            // A PER or ORG tag made a mention: an entity now, or a name the
            // noise filters refused; MISC is a nationality or an adjective
            // ("Dutch", "Democratic").  A LOC tag on a lone word is the
            // tagger's guess for a name it does not know ("provided by
            // Boesky" comes out LOC): the word lists below judge it instead.
            const std::string_view w = d[i];
            if (w.size() < 3 || ((unsigned char)w[0] < 0x80 && !is_upper_c(w[0]))) continue;  // most tokens
            const int type = ner::tag_type(t[i]);
            if (type == 0 || type == 1 || type == 3 || !surname_shaped(w)) continue;
            if (ner::starts_upper(d[i - 1]) || (i + 1 < d.size() && ner::starts_upper(d[i + 1]))) continue;
            // After an opening quote or bracket a capital starts a phrase.
            if (d[i - 1] == "\"" || d[i - 1] == "(" || d[i - 1] == "'" || d[i - 1] == ":") continue;
            if (D.words.place_prepositions.count(d[i - 1])) continue;  // "in Queensland"
            // The state of a "City, State" place ("Wayne, Mich., which ...").
            if (d[i - 1] == "," && i >= 2 && ner::starts_upper(d[i - 2]) &&
                (i + 1 == d.size() || d[i + 1] == "," || d[i + 1] == "."))
                continue;
            if (known_as_other(D, d[i]) || st.used_in_lower_case(d[i])) continue;
            words.push_back(d[i]);
        }
    }
    if (words.empty()) return out;
    // Words of the article's entities (any type): such a word is already one
    // of its names, or part of one ("Chrysler" of "Chrysler Corp").
    const std::vector<std::uint64_t> entity_words = entity_word_hashes(st.entities);
    auto entity_word = [&](std::string_view w) {
        return std::binary_search(entity_words.begin(), entity_words.end(), lower_hash(w));
    };
    for (std::string_view w : words) {
        if (entity_word(w)) continue;
        std::string slug = word_slug(w);
        if (slug.empty() || slug.find('-') != std::string::npos || entity_word(slug)) continue;
        out.push_back(std::move(slug));
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

}  // namespace newsdex::entities
