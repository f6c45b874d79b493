// Pipeline stage: entities from clusters.  Each cluster gets a display name,
// is dropped when it is only a place or a thing, and an organisation is
// classified company or other organisation (alias tables, Reuters marks, then
// a score of name and context evidence; docs/entities.md step 9).
#include "common/entities/doc_state.h"

#include <algorithm>
#include <map>
#include <unordered_map>

namespace newsdex::entities {

namespace {

/// Text forms of a cluster's mentions.
std::set<std::string> surfaces_of(const DocState& st, const Cluster& c) {
    std::set<std::string> surfaces;
    for (auto mi : c.mentions) {
        const Mention& m = st.mentions[mi];
        surfaces.insert(m.surface.empty() ? join(m.words, 0, m.words.size()) : m.surface);
    }
    return surfaces;
}

/// A word cased oddly, as by a typing slip: two capitals, then lower case
/// ("LYnch"), when the word is a personal name ("Lynch").  ("MCorp", "USAir"
/// are not names and keep their casing.)
bool odd_name_casing(const ExtractorData& D, std::string_view w) {
    if (w.size() < 3 || !is_upper_c(w[0]) || !is_upper_c(w[1]) || !is_lower_c(w[2])) return false;
    return (D.lex.flags.get(lower_hash(w)) & (ner::kGzFirst | ner::kGzLast | ner::kGzFirstRare | ner::kGzLastRare)) !=
           0;
}

/// Each word of `display` in the casing the cluster's mentions use most
/// ("Merrill LYnch Capital Markets" once, "Merrill Lynch" twice ->
/// "Merrill Lynch Capital Markets"); ties keep the display's own casing.
std::string usual_casing(const ExtractorData& D, const DocState& st, const Cluster& c, const std::string& display) {
    // Casings of the mentions' words: (lower-case word, casing) -> count, in a
    // sorted vector (a cluster has few words; nested std::maps were a hot spot).
    struct Casing {
        std::string lower, form;
        int n;
    };
    thread_local std::vector<Casing> seen;
    seen.clear();
    for (auto mi : c.mentions)
        for (auto& w : split_words(st.mentions[mi].surface)) {
            if (!has_lowercase(w)) continue;
            std::string l = lower_ascii(w);
            auto it = std::find_if(seen.begin(), seen.end(), [&](const Casing& k) { return k.form == w; });
            if (it != seen.end())
                ++it->n;  // the same casing has the same lower case
            else
                seen.push_back({std::move(l), w, 1});
        }
    auto words = split_words(display);
    for (auto& w : words) {
        // the most frequent casing (ties: the display's own, else the first in byte order)
        const std::string l = lower_ascii(w);
        int best = 0;
        for (auto& k : seen)
            if (k.lower == l && k.form == w) best = k.n;
        const Casing* pick = nullptr;
        for (auto& k : seen)
            if (k.lower == l && k.n > best && (!pick || k.n > pick->n || (k.n == pick->n && k.form < pick->form)))
                pick = &k;
        if (pick) w = pick->form;
        if (odd_name_casing(D, w)) w = title_case_word(w);
    }
    return join(words, 0, words.size());
}

/// "News Corp", "Western Inc": a company whose name without its legal suffix
/// is one ordinary word keeps the suffix in its display name.
std::string keep_suffix_if_generic(const ExtractorData& D, const DocState& st, const Cluster& c,
                                   const std::string& display) {
    if (display.find(' ') != std::string::npos || !D.words.common_words.count(display)) return display;
    for (auto mi : c.mentions) {
        const auto words = split_words(st.mentions[mi].surface);
        if (words.size() == 2 && iequals(words[0], lower_ascii(display)) && D.is_legal_suffix(words[1])) {
            std::string with_suffix = words[0] + " " + words[1];
            while (!with_suffix.empty() && (with_suffix.back() == '.' || with_suffix.back() == ','))
                with_suffix.pop_back();
            return with_suffix;
        }
    }
    return display;
}

/// Display name: the longest form (org: legal suffix stripped), mixed case preferred.
std::string display_name(const ExtractorData& D, const DocState& st, const Cluster& c) {
    const bool org = c.type == MentionType::Org;
    std::string display, forced;
    std::size_t best_len = 0;
    bool best_mixed = false;
    for (auto mi : c.mentions) {
        const Mention& m = st.mentions[mi];
        const std::string joined = m.surface.empty() ? join(m.words, 0, m.words.size()) : std::string();
        const std::string& surface = m.surface.empty() ? joined : m.surface;
        if (!m.forced_name.empty()) forced = m.forced_name;
        std::string form = org ? strip_company(surface, D.words.legal_suffixes) : surface;
        bool mixed = has_lowercase(form);
        std::size_t len = count_words(form);
        if ((mixed && !best_mixed) ||
            (mixed == best_mixed && (len > best_len || (len == best_len && form.size() > display.size())))) {
            display = form;
            best_len = len;
            best_mixed = mixed;
        }
    }
    if (best_mixed) display = usual_casing(D, st, c, display);
    if (org && best_mixed) display = keep_suffix_if_generic(D, st, c, display);
    if (!best_mixed && !forced.empty()) display = org ? strip_company(forced, D.words.legal_suffixes) : forced;
    if (!best_mixed && forced.empty()) {
        // ALL CAPS only: keep short acronyms, title-case longer names
        if (display.size() > 5 || display.find(' ') != std::string::npos)
            display = title_case_words(display, D.words.short_words);
    }
    return display;
}

/// "Zürich" -> "zurich", "São Paulo" -> "sao paulo": accents folded (as in
/// ids), so that the lists' plain spellings match ("zurich" in places.txt).
std::string folded_name(std::string_view name) {
    std::string folded = entity_slug(name);
    std::replace(folded.begin(), folded.end(), '-', ' ');
    return folded;
}

/// "SE", "II", "3", "XL": a model designation after a product name.
bool model_designation(std::string_view w) {
    if (w.empty() || w.size() > 4 || has_lowercase(w)) return false;
    return std::all_of(w.begin(), w.end(), [](char ch) { return is_upper_c(ch) || is_digit_c(ch) || ch == '-'; });
}

/// Places ("Venice", "Quebec", "Denver" in a price table) and things that are
/// not entities ("Star Wars", "App Store", "Covid-19", "War Powers Act"),
/// unless a Reuters mark, a legal suffix or the alias tables make them one.
bool is_place_or_thing(const ExtractorData& D, const Cluster& c, const std::set<std::string>& surfaces,
                       const std::string& display) {
    bool all_places = true, all_things = true, explicit_company = c.company_mark;
    for (auto& sname : surfaces) {
        std::string form = c.type == MentionType::Org ? strip_company(sname, D.words.legal_suffixes) : sname;
        if (form.size() > 4 && iequals(std::string_view(form).substr(0, 4), "the ")) form = form.substr(4);
        if (c.type == MentionType::Org && form != sname && count_words(form) < count_words(sname))
            explicit_company = true;  // had a legal suffix
        if (!D.places.count(form) && !D.places.count(folded_name(form))) all_places = false;
        if (!D.not_entities.count(form)) all_things = false;
    }
    auto dw = split_words(display);
    // "War Powers Act", "Bankruptcy Code"; "Suez Canal", "Cooper Basin"
    if (!dw.empty() && (D.words.thing_heads.count(dw.back()) || D.words.place_heads.count(dw.back())))
        all_things = true;
    // "Cape of Good Hope", "Strait of Hormuz", "Battle of Shrewsbury": a geographic or thing head word + "of"
    if (dw.size() >= 3 && dw[1] == "of" && (D.words.place_heads.count(dw[0]) || D.words.thing_heads.count(dw[0])))
        all_things = true;
    // "Bahnhofstrasse", "Herrengasse": a street by its ending
    if (!dw.empty() && has_place_suffix(D.words, dw.back())) all_things = true;
    // "Macintosh SE", "Macintosh II": a product name plus a model designation
    while (dw.size() > 1 && model_designation(dw.back())) dw.pop_back();
    if (dw.size() < count_words(display) && D.not_entities.count(join(dw, 0, dw.size()))) all_things = true;
    if (!(all_places || all_things) || explicit_company || surfaces.empty()) return false;
    for (auto& sname : surfaces)
        for (EntityType t : {EntityType::Person, EntityType::Company, EntityType::Organization})
            if (D.lookup(t, D.name_slug(sname, t))) return false;
    return true;
}

/// Evidence from the words around each mention: "shares of X", "X chief
/// executive" (company), "X Secretary", "X Ministry" (government).
double context_score(const DocState& st, const Cluster& c) {
    double score = 0;
    for (auto mi : c.mentions) {
        const Mention& m = st.mentions[mi];
        if (m.te <= m.tb) continue;
        const auto& sent = st.doc[m.sent];
        auto lw = [&](long i) { return i >= 0 && i < long(sent.size()) ? lower_ascii(sent[i]) : std::string(); };
        long b = long(m.tb), e = long(m.te);
        std::string p1 = lw(b - 1), p2 = lw(b - 2), n1 = lw(e), n2 = lw(e + 1);
        if ((p1 == "of" && (p2 == "shares" || p2 == "stake" || p2 == "acquisition" || p2 == "unit" ||
                            p2 == "subsidiary" || p2 == "takeover" || p2 == "stock")) ||
            (p1 == "in" && p2 == "stake") || (p1 == "for" && p2 == "bid") || p1 == "acquire" || p1 == "acquired")
            score += 1.5;
        if (n1 == "shares" || n1 == "stock" || n1 == "inc" || n1 == "corp" || n1 == "earnings" ||
            n1 == "shareholders" || n1 == "stockholders" || (n1 == "chief" && n2 == "executive") ||
            (n1 == "'s" && (n2 == "shares" || n2 == "stock" || n2 == "board" || n2 == "earnings")))
            score += 1.5;
        // "an analyst at Bear Stearns", "a spokesman for Philips"
        if ((p1 == "at" || p1 == "with" || p1 == "for") &&
            (p2 == "analyst" || p2 == "analysts" || p2 == "economist" || p2 == "economists" || p2 == "strategist" ||
             p2 == "trader" || p2 == "traders" || p2 == "dealer" || p2 == "dealers" || p2 == "spokesman" ||
             p2 == "spokeswoman" || p2 == "spokesperson"))
            score += 1.5;
        // "X said its profit": a company speaks of "its" results
        if ((n1 == "said" || n1 == "says") && n2 == "its") score += 1.5;
        if (n1 == "minister") score -= 1;
        // "Commerce Secretary", "Foreign Ministry", "Ways and Means subcommittee"
        if (n1 == "secretary" || n1 == "department" || n1 == "ministry" || n1 == "committee" || n1 == "subcommittee")
            score -= 4;
    }
    return score;
}

/// Company (>= 0) or other organisation (< 0): legal suffixes, the company
/// gazetteer, organisation keywords, central banks and the context.
double company_score(const ExtractorData& D, const DocState& st, const Cluster& c,
                     const std::set<std::string>& surfaces, const std::string& display) {
    const WordLists& W = D.words;
    double score = c.company_mark ? 10 : 0;
    auto dw = split_words(lower_ascii(display));
    for (auto& sname : surfaces) {
        auto w = split_words(lower_ascii(sname));
        if (w.size() > 1 && D.is_legal_suffix(w.back())) score += w.back() == "group" ? 1 : 4;
    }
    std::uint64_t h = 0xcbf29ce484222325ULL;
    for (std::size_t k = 0; k < dw.size(); ++k) {
        if (k) h = ner::hash_bytes(h, " ");
        h = ner::hash_bytes(h, dw[k]);
    }
    if (D.lex.company_names.count(h)) score += 2;
    for (std::size_t k = 0; k < dw.size(); ++k) {
        if (W.org_keywords.count(dw[k])) score -= 3;
        if (dw[k] == "bank" && k + 2 < dw.size() && dw[k + 1] == "of" && W.countries.count(dw[k + 2])) score -= 5;
        if (dw[k] == "central" && k + 1 < dw.size() && dw[k + 1] == "bank") score -= 5;
    }
    return score + context_score(st, c);
}

/// Entity type of a cluster; `alias` is set when an alias table decides it.
EntityType classify(const ExtractorData& D, const DocState& st, const Cluster& c, const std::set<std::string>& surfaces,
                    const std::string& display, const AliasEntry*& alias) {
    alias = nullptr;
    if (c.type == MentionType::Person) {
        if ((alias = D.lookup(EntityType::Person, entity_slug(display)))) return EntityType::Person;
        // "E.F. Hutton", "Chase Manhattan": names of people that the alias table knows as companies
        if ((alias = D.lookup(EntityType::Company, D.name_slug(display, EntityType::Company))))
            return EntityType::Company;
        // "Philips said its profit rose", "shares of Olivetti": a "person" without a
        // known first name that the text treats as a company
        const auto words = split_words(display);
        const bool first_name =
            !words.empty() && (D.lex.flags.get(lower_hash(words[0])) & (ner::kGzFirst | ner::kGzFirstRare));
        if (!first_name && context_score(st, c) > 0) return EntityType::Company;
        // "Veridian Labs", "Tsukiji Holdings": a "person" without a known first name
        // whose last word is a company word or legal suffix and no personal name
        // ("Smith" and "Morgan" are company words too)
        if (!first_name && words.size() >= 2) {
            constexpr std::uint32_t kNameFlags = ner::kGzFirst | ner::kGzFirstRare | ner::kGzLast | ner::kGzLastRare;
            const std::uint32_t last = D.lex.flags.get(lower_hash(words.back()));
            if (!(last & kNameFlags) && ((last & ner::kGzCompanyWord) || D.is_legal_suffix(words.back())))
                return EntityType::Company;
        }
        return EntityType::Person;
    }
    // alias tables decide first
    for (EntityType t : {EntityType::Company, EntityType::Organization}) {
        for (auto& sname : surfaces)
            if ((alias = D.lookup(t, D.name_slug(sname, t)))) return t;
        if ((alias = D.lookup(t, D.name_slug(display, t)))) return t;
    }
    return company_score(D, st, c, surfaces, display) >= 0 ? EntityType::Company : EntityType::Organization;
}

}  // namespace

void build_entities(const ExtractorData& D, DocState& st) {
    auto& out = st.entities;
    std::unordered_map<std::string, std::size_t> by_id[3];
    for (auto& c : st.clusters) {
        if (c.parent >= 0 || c.mentions.empty()) continue;
        const std::set<std::string> surfaces = surfaces_of(st, c);
        const std::string display = display_name(D, st, c);
        if (is_place_or_thing(D, c, surfaces, display)) continue;
        const AliasEntry* alias = nullptr;
        Entity ent;
        ent.type = classify(D, st, c, surfaces, display, alias);
        if (alias) {
            ent.id = alias->id;
            ent.name = alias->display;
            for (auto& nm : alias->names)
                if (nm != ent.name && !looks_like_slug(nm)) c.extra_aliases.insert(nm);
        } else {
            ent.id = D.name_slug(display, ent.type);
            ent.name = display;
        }
        if (ent.id.empty()) continue;
        for (auto mi : c.mentions) ent.offsets.push_back({st.mentions[mi].b, st.mentions[mi].e});
        std::sort(ent.offsets.begin(), ent.offsets.end());
        ent.offsets.erase(std::unique(ent.offsets.begin(), ent.offsets.end()), ent.offsets.end());
        ent.mentions = ent.offsets.size();
        std::set<std::string> al, seen_lower = {lower_ascii(ent.name)};
        auto add_alias = [&](const std::string& x) {
            if (x.size() < 2 || !seen_lower.insert(lower_ascii(x)).second) return;
            al.insert(x);
        };
        for (auto& sname : surfaces)
            if (has_lowercase(sname)) add_alias(sname);
        for (auto& x : c.extra_aliases) add_alias(x);
        for (auto& sname : surfaces) add_alias(sname);
        ent.aliases.assign(al.begin(), al.end());
        // Same id from two clusters: merge.
        auto& idx = by_id[type_index(ent.type)];
        auto it = idx.find(ent.id);
        if (it != idx.end()) {
            absorb(out[it->second], ent);
            continue;
        }
        idx[ent.id] = out.size();
        out.push_back(std::move(ent));
    }
}

}  // namespace newsdex::entities
