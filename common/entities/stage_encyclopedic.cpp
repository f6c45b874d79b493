// Pipeline stage repair_tags, continued: tag repairs for encyclopedic
// (Wikipedia-style) text, which the tagger's 1996 news did not show.  Ships
// ("HMS Vanguard") and titles of works ("her album Lagos Blue") are no
// entities; numbered military units ("7th Armoured Division"), bands named
// "X and the Ys" and clubs or labels after "plays for" / "signed to" are
// organisations.  Each rule is a class found on tests/data/encyclopedic_dev.conll
// (docs/entities.md), with its words in common/data/.
#include "common/entities/doc_state.h"

#include <algorithm>

namespace newsdex::entities {

namespace {

/// Tag [b, e) as one run; a run the tagger had going on after e starts anew there.
void set_run(std::vector<int>& t, std::size_t b, std::size_t e, int begin_tag, int inside_tag) {
    for (std::size_t k = b; k < e; ++k) t[k] = k == b ? begin_tag : inside_tag;
    if (e < t.size() && t[e] != ner::kO && !ner::tag_is_begin(t[e])) t[e] = 1 + 2 * ner::tag_type(t[e]);
}

/// End of a title-like capitalised run from i: capitalised words, with short
/// lower-case words inside when a capitalised word follows ("Walking on
/// Sunshine", "Steel and Stone", "Prince of Wales").
std::size_t title_run_end(const std::vector<std::string_view>& d, std::size_t i) {
    static const WordSet inner{"of", "and", "the", "a", "an", "on", "in", "to", "for", "with", "at", "from", "over", "&"};
    std::size_t e = i;
    while (e < d.size()) {
        if (starts_upper(d[e]) || (is_digit_c(d[e][0]) && e > i)) {
            ++e;
            continue;
        }
        if (e > i && inner.count(d[e]) && e + 1 < d.size() && starts_upper(d[e + 1])) {
            ++e;
            continue;
        }
        break;
    }
    return e;
}

bool all_caps_word(std::string_view w) {
    return !w.empty() && !has_lowercase(w) && std::any_of(w.begin(), w.end(), [](char c) { return is_upper_c(c); });
}

bool is_place_word(const ExtractorData& D, std::string_view w) {
    const WordLists& W = D.words;
    return W.countries.count(w) || W.major_places.count(w) || D.places.count(w) ||
           (D.lex.flags.get(lower_hash(w)) & ner::kGzPlace);
}

/// "1st", "22nd", "3rd", "11th", "16": a unit's number.
bool unit_number(std::string_view w) {
    if (w.empty() || !is_digit_c(w[0])) return false;
    std::size_t k = 0;
    while (k < w.size() && is_digit_c(w[k])) ++k;
    const std::string_view rest = w.substr(k);
    return rest.empty() || rest == "st" || rest == "nd" || rest == "rd" || rest == "th";
}

}  // namespace

/// "HMS Vanguard", "SS Great Britain": a ship prefix in capitals and the
/// capitalised name after it are one MISC run (a ship, no organisation).
void untag_ship_names(const ExtractorData& D, DocState& st) {
    for (std::size_t s = 0; s < st.tags.size(); ++s) {
        if (st.caps_sentence[s]) continue;
        auto& t = st.tags[s];
        const auto& d = st.doc[s];
        for (std::size_t i = 0; i + 1 < d.size(); ++i) {
            if (!all_caps_word(d[i]) || !D.words.ship_prefixes.count(d[i]) || !starts_upper(d[i + 1]) ||
                !has_lowercase(d[i + 1]))
                continue;
            const std::size_t e = title_run_end(d, i + 1);
            // "the SS Great Britain Trust": an organisation named after the ship
            if (D.words.org_keywords.count(d[e - 1]) || D.is_legal_suffix(d[e - 1]) ||
                D.words.company_heads.count(d[e - 1]))
                continue;
            set_run(t, i, e, ner::kBMisc, ner::kIMisc);
            i = e - 1;
        }
    }
}

/// The first word of the capitalised name whose last word is d[h]: back
/// over capitalised words and a possessive "'s" between two of them
/// ("King's African Rifles").
std::size_t capitalised_name_start(const std::vector<std::string_view>& d, std::size_t h) {
    std::size_t b = h;
    while (b > 0 && (starts_upper(d[b - 1]) || (d[b - 1] == "'s" && b >= 2 && starts_upper(d[b - 2])))) --b;
    return b;
}

/// The end of a name whose head word is d[h]: just after it, or after an
/// "of (the) X Y" that follows it ("Royal Regiment of Scotland", "Army of
/// the Rhine", "University of the Andes").
std::size_t name_end_with_of(const std::vector<std::string_view>& d, std::size_t h) {
    std::size_t e = h + 1;
    if (e + 1 < d.size() && d[e] == "of") {
        std::size_t j = e + 1;
        if (d[j] == "the" && j + 1 < d.size()) ++j;
        if (starts_upper(d[j])) {
            e = j;
            while (e < d.size() && starts_upper(d[e])) ++e;
        }
    }
    return e;
}

/// "7th Armoured Division", "16 Air Assault Brigade", "King's African Rifles",
/// "Afrika Korps": a capitalised run ending in a military unit's head word is
/// one organisation, with the number in front; "Division", "Army", "Fleet"
/// need the number (numbered_unit_heads.txt).  "... of the Rhine" and "...
/// of Scotland" after the head stay in the name.
void tag_military_units(const ExtractorData& D, DocState& st) {
    const WordLists& W = D.words;
    for (std::size_t s = 0; s < st.tags.size(); ++s) {
        if (st.caps_sentence[s]) continue;
        auto& t = st.tags[s];
        const auto& d = st.doc[s];
        for (std::size_t h = 1; h < d.size(); ++h) {
            if (!starts_upper(d[h])) continue;  // most tokens: before the set probes
            const bool plain_head = W.military_unit_heads.count(d[h]) > 0;
            if (!plain_head && !W.numbered_unit_heads.count(d[h])) continue;
            std::size_t b = capitalised_name_start(d, h);
            const bool numbered = b > 0 && unit_number(d[b - 1]);
            if (numbered)
                --b;
            else if (!plain_head || b == h || (b > 0 && d[b - 1] == "'s"))
                continue;  // a head alone ("the Regiment") is no name
            if (d[b] == "The" && b + 1 < h) ++b;
            const std::size_t e = name_end_with_of(d, h);
            // the whole run must be new to the tagger or partly a name: not a place or a thing
            if (!numbered && std::all_of(t.begin() + b, t.begin() + e, [](int x) {
                    return ner::tag_type(x) == 2 || ner::tag_type(x) == 3;
                }))
                continue;
            set_run(t, b, e, ner::kBOrg, ner::kIOrg);
            h = e - 1;
        }
    }
}

/// "Echo and the Bunnymen", "Smokey Robinson and the Miracles": in an article
/// about music (music_words.txt), one to three capitalised words + "and the"
/// + one capitalised plural word (-s, -men) is one band.  Not when that word is a place
/// ("Britain and the Netherlands") or a thing ("Reagan and the Democrats").
void join_and_the_bands(const ExtractorData& D, DocState& st) {
    const WordLists& W = D.words;
    bool and_the = false;  // most articles have no "and the" + a capital: no need to look further
    for (std::size_t s = 0; s < st.doc.size() && !and_the; ++s)
        for (std::size_t i = 1; i + 2 < st.doc[s].size(); ++i)
            if (st.doc[s][i] == "and" && st.doc[s][i + 1] == "the" && starts_upper(st.doc[s][i + 2])) {
                and_the = true;
                break;
            }
    if (!and_the) return;
    bool music = false;
    for (std::size_t s = 0; s < st.doc.size() && !music; ++s)
        for (auto w : st.doc[s])
            if (W.music_words.count(w)) {
                music = true;
                break;
            }
    if (!music) return;
    for (std::size_t s = 0; s < st.tags.size(); ++s) {
        if (st.caps_sentence[s]) continue;
        auto& t = st.tags[s];
        const auto& d = st.doc[s];
        for (std::size_t i = 1; i + 2 < d.size(); ++i) {
            if (d[i] != "and" || d[i + 1] != "the" || !starts_upper(d[i - 1])) continue;
            const std::string_view ys = d[i + 2];
            const bool plural = ys.back() == 's' || (ys.size() > 5 && ys.substr(ys.size() - 3) == "men");  // "Bunnymen"
            if (!starts_upper(ys) || !has_lowercase(ys) || ys.size() < 4 || !plural) continue;
            if (i + 3 < d.size() && starts_upper(d[i + 3])) continue;
            if (is_place_word(D, ys) || W.thing_heads.count(ys) || W.org_keywords.count(ys)) continue;
            std::size_t b = i;
            while (b > 0 && i - b < 3 && starts_upper(d[b - 1])) --b;
            if (d[b] == "The" && b + 1 < i) ++b;
            if (is_place_word(D, d[b]) && b + 1 == i) continue;
            set_run(t, b, i + 3, ner::kBOrg, ner::kIOrg);
            i += 2;
        }
    }
}

/// Titles of works.  A capitalised run right after a work noun
/// (work_nouns.txt) that follows a determiner, an ordinal, a number or "'s"
/// (work_determiners.txt), with or without a comma: "her album Lagos Blue",
/// "their debut album, Grey Weather,", "the band's song Wagon Wheel".  And the
/// subject of "X is a/the ... film|album by/directed/..." at a sentence start:
/// "Night Crossing is a 1994 British thriller film directed by ...".  Both
/// become MISC.
void untag_work_titles(const ExtractorData& D, DocState& st) {
    const WordLists& W = D.words;
    static const WordSet after_work{",", ".", "by", "directed", "written", "released", "produced", "made",
                                    "starring", "about", "from", "recorded", "based", "that", "which", "and"};
    for (std::size_t s = 0; s < st.tags.size(); ++s) {
        if (st.caps_sentence[s]) continue;
        auto& t = st.tags[s];
        const auto& d = st.doc[s];
        for (std::size_t i = 1; i + 1 < d.size(); ++i) {
            // cheap tests first: a capitalised name (or a comma) must follow
            if ((!starts_upper(d[i + 1]) && d[i + 1] != ",") || (starts_upper(d[i]) && has_lowercase(d[i])) ||
                !W.work_nouns.count(d[i]))
                continue;
            const std::string_view before = d[i - 1];
            if (!W.work_determiners.count(before) && before != "'s" && !is_digit_c(before[0])) continue;
            std::size_t j = i + 1;
            if (d[j] == "," && j + 1 < d.size()) ++j;
            if (!starts_upper(d[j])) continue;
            const std::size_t e = title_run_end(d, j);
            set_run(t, j, e, ner::kBMisc, ner::kIMisc);
            i = e - 1;
        }
        // "X is a ... film directed by": the sentence's subject
        std::size_t b = 0;
        if (!d.empty() && d[0] == "The") b = 1;
        const std::size_t e = title_run_end(d, b);
        if (e == b || e + 2 >= d.size() || (d[e] != "is" && d[e] != "was")) continue;
        if (d[e + 1] != "a" && d[e + 1] != "an" && d[e + 1] != "the") continue;
        for (std::size_t k = e + 2; k < d.size() && k < e + 10; ++k) {
            if (d[k] == "," || d[k] == ".") break;
            if (!W.work_nouns.count(d[k]) || k + 1 >= d.size() || !after_work.count(d[k + 1])) continue;
            set_run(t, 0, e, ner::kBMisc, ner::kIMisc);
            break;
        }
    }
}

/// "plays for Färjestad", "signed to Tamla", "recorded for Domino", "on loan
/// at Rubin Kazan": one to three capitalised words after such a two-word
/// context (org_context_phrases.txt) are a club or a label.  Not a place
/// ("plays for England": LOC in CoNLL), not a person the tagger found with a
/// common first name ("played for Brian Clough").
void tag_org_contexts(const ExtractorData& D, DocState& st) {
    const WordLists& W = D.words;
    std::string pair;
    for (std::size_t s = 0; s < st.tags.size(); ++s) {
        if (st.caps_sentence[s]) continue;
        auto& t = st.tags[s];
        const auto& d = st.doc[s];
        for (std::size_t i = 2; i < d.size(); ++i) {
            if (!starts_upper(d[i]) || !has_lowercase(d[i]) || starts_upper(d[i - 1])) continue;
            const std::string_view prep = d[i - 1];  // every context ends in one of these
            if (prep != "for" && prep != "to" && prep != "with" && prep != "at" && prep != "from") continue;
            pair.assign(d[i - 2]);
            pair += ' ';
            pair += d[i - 1];
            if (!W.org_context_phrases.count(pair)) continue;
            std::size_t e = i;
            while (e < d.size() && e - i < 3 && starts_upper(d[e])) ++e;
            if (e < d.size() && starts_upper(d[e])) continue;  // a longer run: the tagger's to judge
            if (ner::tag_type(t[i]) == 1) continue;              // already an organisation
            if (e - i == 1 && is_place_word(D, d[i])) continue;
            if (std::any_of(d.begin() + i, d.begin() + e, [&](std::string_view w) {
                    return W.countries.count(w) || W.major_places.count(w);
                }))
                continue;
            // a person with a common first name stays one ("Rubin Kazan" has a rare one)
            if (ner::tag_type(t[i]) == 0 && e - i > 1 && (D.lex.flags.get(lower_hash(d[i])) & ner::kGzFirst)) continue;
            set_run(t, i, e, ner::kBOrg, ner::kIOrg);
        }
    }
}

/// An encyclopedia's definition sentence: "Bohemians is a Czech football
/// club", "Al Jazeera is a state-funded broadcaster", "Ashby Magna is a
/// village and civil parish", "Kettering Town is an English semi-professional
/// football club based in ...".  The sentence's subject (a capitalised run,
/// "(LDP)" or "(born 1979)" after it allowed) + is/are/was/were + a/an/the
/// (or "one of") + modifiers only + a head noun of lead_org_nouns.txt or
/// lead_place_nouns.txt that ends the phrase: the subject is an organisation
/// or a place, whatever the tagger said, and so are the same words elsewhere
/// in the article.  A band's leading "The" stays in its name ("The Lanterns
/// were a Scottish indie pop band", trim_span).
void tag_lead_subjects(const ExtractorData& D, DocState& st) {
    const WordLists& W = D.words;
    static const WordSet phrase_end{",", ".", ";", "based", "founded", "formed", "in", "of", "on", "owned",
                                    "near", "located", "headquartered", "with", "whose", "and", "established",
                                    "from", "that", "which", "who", "at", "since", "active", "run", "led"};
    static const WordSet stop{"of", "for", "to", "with", "by", "the", "a", "an", "who", "which", "that", "whose",
                              ",", ".", ";", "(", ")", "and", "or", "in", "on", "at", "from"};
    struct Decided {
        std::vector<std::string_view> words;
        int begin_tag;
    };
    std::vector<Decided> decided;
    for (std::size_t s = 0; s < st.tags.size(); ++s) {
        if (st.caps_sentence[s]) continue;
        auto& t = st.tags[s];
        const auto& d = st.doc[s];
        std::size_t b = 0;
        if (!d.empty() && d[0] == "The" && d.size() > 1 && starts_upper(d[1])) b = 1;
        const std::size_t e = title_run_end(d, b);
        if (e == b || e - b > 6) continue;
        std::size_t v = e;
        if (v < d.size() && d[v] == "(") {  // "(LDP)", "(born 1979)"
            while (v < d.size() && d[v] != ")" && v - e < 8) ++v;
            ++v;
        }
        if (v + 2 >= d.size() || !(d[v] == "is" || d[v] == "are" || d[v] == "was" || d[v] == "were")) continue;
        std::size_t k = v + 1;
        if (d[k] == "one" && k + 1 < d.size() && d[k + 1] == "of")
            k += 2;
        else if (d[k] == "a" || d[k] == "an" || d[k] == "the")
            ++k;
        else
            continue;
        int found = ner::kO;
        for (; k + 1 < d.size() && k < v + 14; ++k) {
            if (stop.count(d[k])) break;
            if (!starts_upper(d[k]) && phrase_end.count(d[k + 1])) {
                if (W.lead_org_nouns.count(d[k])) found = ner::kBOrg;
                if (W.lead_place_nouns.count(d[k])) found = ner::kBLoc;
                if (found != ner::kO) break;
            }
        }
        if (found == ner::kO) continue;
        // a band's "The": "The Lanterns were a Scottish indie pop band"
        std::size_t from = b;
        if (b == 1 && found == ner::kBOrg && (d[v] == "were" || d[v] == "are") && W.music_words.count(d[k])) from = 0;
        set_run(t, from, e, found, found + 1);
        decided.push_back({std::vector<std::string_view>(d.begin() + from, d.begin() + e), found});
        // its short form without the kind of organisation, two words or more: "Sedbury Park" of
        // "Sedbury Park Cricket Club", "Brackenfield Athletic" of "... Athletic Football Club"
        static const WordSet kinds{"football", "cricket", "rugby", "hockey", "golf", "tennis", "association"};
        std::size_t short_end = e;
        while (short_end > from + 2 && (W.lead_org_nouns.count(d[short_end - 1]) || kinds.count(d[short_end - 1]) ||
                                        D.is_legal_suffix(d[short_end - 1])))
            --short_end;
        if (found == ner::kBOrg && short_end < e)
            decided.push_back({std::vector<std::string_view>(d.begin() + from, d.begin() + short_end), found});
    }
    // the same words elsewhere: "Port Ellery is served by ...", "Bohemians won"
    for (const auto& dec : decided) {
        const std::size_t n = dec.words.size();
        for (std::size_t s = 0; s < st.tags.size(); ++s) {
            if (st.caps_sentence[s]) continue;
            auto& t = st.tags[s];
            const auto& d = st.doc[s];
            for (std::size_t i = 0; i + n <= d.size(); ++i) {
                if (!std::equal(dec.words.begin(), dec.words.end(), d.begin() + i)) continue;
                if ((i > 0 && starts_upper(d[i - 1]) && d[i - 1] != "The") ||
                    (i + n < d.size() && starts_upper(d[i + n])))
                    continue;  // part of a longer name
                // a work or ship named after it ("the album Bohemians", "HMS Bohemians"); a
                // MISC guess elsewhere is the tagger's ("In 1987 Cambrian Skyways was bought")
                if (ner::tag_type(t[i]) == 3 && i > 0 && (W.work_nouns.count(d[i - 1]) || W.ship_prefixes.count(d[i - 1])))
                    continue;
                set_run(t, i, i + n, dec.begin_tag, dec.begin_tag + 1);
            }
        }
    }
}

bool band_subject(const WordLists& W, const std::vector<std::string_view>& d, std::size_t a, std::size_t z) {
    if (a != 0 || d[0] != "The" || z >= d.size() || (d[z] != "were" && d[z] != "are")) return false;
    for (std::size_t k = z + 1; k < d.size() && k < z + 10; ++k) {
        if (d[k] == "," || d[k] == ".") break;
        if (W.music_words.count(d[k])) return true;
    }
    return false;
}

/// "General Synod", "Anglican Communion", "Lincoln Laboratory", "Berlin
/// Philharmonic", "Royal Society of Edinburgh": in encyclopedic text,
/// capitalised words + an institution's head word (institution_heads.txt),
/// with "of (the) X" after it, are one organisation whatever the tagger said
/// (it calls many of them persons).  The head alone is none ("the Synod"),
/// nor a head with a capitalised word after it ("Harvard University Press",
/// "Academy Award"); a leading "The" and a sentence-initial word that news
/// rarely capitalises ("In", "Its") stay out.
void tag_institution_names(const ExtractorData& D, DocState& st) {
    if (st.domain != TextDomain::Encyclopedic) return;  // news: the tagger knows its institutions
    const WordLists& W = D.words;
    for (std::size_t s = 0; s < st.tags.size(); ++s) {
        if (st.caps_sentence[s]) continue;
        auto& t = st.tags[s];
        const auto& d = st.doc[s];
        for (std::size_t h = 1; h < d.size(); ++h) {
            if (!starts_upper(d[h]) || !W.institution_heads.count(d[h])) continue;
            if (h + 1 < d.size() && starts_upper(d[h + 1])) continue;  // not the name's end: "Harvard University Press"
            std::size_t b = capitalised_name_start(d, h);
            // "The", and a sentence's first word that news text rarely capitalises
            // mid-sentence (capitalisation class 0 of word_clusters.txt: "In", "Its")
            auto lower_word = [&](std::string_view w) {
                const std::uint32_t c = D.lex.cluster(ner::normalise_lower(w));
                return W.sentence_starters.count(w) || (c && (c >> 24) == 1);
            };
            while (b < h && (d[b] == "The" || (b == 0 && lower_word(d[b])))) ++b;
            std::size_t e = name_end_with_of(d, h);
            if (b == h && e == h + 1) continue;  // the head alone
            if (d[b] == "'s") continue;
            // an organisation already tagged longer keeps its end ("Kaiser Wilhelm Institute for
            // Chemistry", joined by join_for_the): no orphan "for Chemistry"
            while (e < d.size() && t[e] == ner::kIOrg && ner::tag_type(t[e - 1]) == 1) ++e;
            set_run(t, b, e, ner::kBOrg, ner::kIOrg);
            h = e - 1;
        }
    }
}

/// "born in Motherwell", "hostels in Manchester, Leeds and Newcastle", "a
/// village near Bolton": in encyclopedic text a one-word name the tagger
/// called an organisation right after "in" or "near", or in a list of names
/// after it, is a place.  The tagger calls many towns organisations because
/// CoNLL-2003's clubs are named after them ("Bolton 2 Wigan 1").  Not a
/// one-word company of the alias tables ("a stake in Vodafone"), nor a name
/// with "'s" after it ("in Fulham's youth team").  The same word elsewhere in
/// the article, alone as an organisation, is the place too ("moved its works
/// to Halifax"), unless an organisation's longer name starts with it
/// ("Brackenfield Athletic ... based in Brackenfield ... Brackenfield
/// spent eleven seasons in non-league football").
void tag_places_after_in(const ExtractorData& D, DocState& st) {
    if (st.domain != TextDomain::Encyclopedic) return;  // news: "a stake in X" is common
    auto lone_org = [&](const std::vector<int>& t, const std::vector<std::string_view>& d, std::size_t j) {
        return t[j] == ner::kBOrg && (j + 1 == t.size() || t[j + 1] != ner::kIOrg) &&
               !(j + 1 < d.size() && d[j + 1] == "'s");
    };
    std::vector<std::uint64_t> places;  // lower_hash of the words made places
    for (std::size_t s = 0; s < st.tags.size(); ++s) {
        if (st.caps_sentence[s]) continue;
        auto& t = st.tags[s];
        const auto& d = st.doc[s];
        for (std::size_t i = 0; i + 1 < d.size(); ++i) {
            if (d[i] != "in" && d[i] != "near") continue;
            std::size_t j = i + 1;
            while (j < d.size() && starts_upper(d[j])) {
                std::size_t e = j + 1;  // the end of the name's tag run
                while (e < d.size() && t[e] != ner::kO && !ner::tag_is_begin(t[e])) ++e;
                const bool company = D.single_names.count(lower_hash(d[j])) > 0;  // "a stake in Vodafone"
                if (lone_org(t, d, j) && !company) {
                    t[j] = ner::kBLoc;
                    places.push_back(lower_hash(d[j]));
                } else if (ner::tag_type(t[j]) != 2) {
                    break;  // neither a place nor a lone organisation word: the list ends
                } else if (e == j + 1 && !company) {
                    // a place the tagger knew ("in Halifax"), unless a company of the alias
                    // tables bears its name: its mentions elsewhere stay the company's
                    places.push_back(lower_hash(d[j]));
                }
                if (e + 1 < d.size() && (d[e] == "," || d[e] == "and") && starts_upper(d[e + 1]))
                    j = e + 1;
                else
                    break;
            }
        }
    }
    if (places.empty()) return;
    // the first words of longer organisation names keep theirs
    for (std::size_t s = 0; s < st.tags.size(); ++s)
        for (std::size_t j = 0; j + 1 < st.tags[s].size(); ++j)
            if (st.tags[s][j] == ner::kBOrg && st.tags[s][j + 1] == ner::kIOrg) {
                const std::uint64_t h = lower_hash(st.doc[s][j]);
                places.erase(std::remove(places.begin(), places.end(), h), places.end());
            }
    for (std::size_t s = 0; s < st.tags.size(); ++s) {
        if (st.caps_sentence[s]) continue;
        for (std::size_t j = 0; j < st.tags[s].size(); ++j)
            if (lone_org(st.tags[s], st.doc[s], j) &&
                std::find(places.begin(), places.end(), lower_hash(st.doc[s][j])) != places.end())
                st.tags[s][j] = ner::kBLoc;
    }
}

/// "the local band The Undertow", "the Welsh band Cold Harbour", "the builder
/// Kier Group": in encyclopedic text one to three capitalised words right
/// after a determiner's noun phrase ending in an organisation noun
/// (lead_org_nouns.txt: band, label, club, company ...) name that
/// organisation, whatever the tagger said.  Not a name that starts with
/// "The" or goes on with capitals ("the club Esbjerg fB"), a place, a work
/// the tagger saw (MISC), or a person with a common first name ("the club
/// manager" has a lower-case word after the noun and is no match anyway).
void tag_appositive_orgs(const ExtractorData& D, DocState& st) {
    if (st.domain != TextDomain::Encyclopedic) return;  // news output stays the tagger's
    const WordLists& W = D.words;
    static const WordSet determiners{"the", "a", "an", "its", "their", "his", "her"};
    for (std::size_t s = 0; s < st.tags.size(); ++s) {
        if (st.caps_sentence[s]) continue;
        auto& t = st.tags[s];
        const auto& d = st.doc[s];
        for (std::size_t k = 1; k + 1 < d.size(); ++k) {
            if (!is_lower_c(d[k][0]) || !W.lead_org_nouns.count(d[k]) || !starts_upper(d[k + 1])) continue;
            // a determiner up to three words before the noun: "the local band", "the Bristol group"
            bool det = false;
            for (std::size_t j = k; j-- > 0 && k - j <= 3;)
                if (determiners.count(d[j]) && is_lower_c(d[j][0])) det = true;
            if (!det) continue;
            const std::size_t i = k + 1;
            if (d[i] == "The") continue;  // "the band The Gannets": the tagger's to judge
            std::size_t e = i;
            while (e < d.size() && e - i < 3 && starts_upper(d[e])) ++e;
            // the name ends before a word without capitals: not "Esbjerg" of "the club Esbjerg fB"
            if (e < d.size() && std::any_of(d[e].begin(), d[e].end(), [](char c) { return is_upper_c(c); }))
                continue;
            if (ner::tag_type(t[i]) == 3) continue;  // a work: "the film Lagos Blue"
            if (e - i == 1 && is_place_word(D, d[i])) continue;
            if (std::any_of(d.begin() + i, d.begin() + e,
                            [&](std::string_view w) { return W.countries.count(w) || W.major_places.count(w); }))
                continue;
            if (ner::tag_type(t[i]) == 0 && e - i > 1 && (D.lex.flags.get(lower_hash(d[i])) & ner::kGzFirst)) continue;
            set_run(t, i, e, ner::kBOrg, ner::kIOrg);
            k = e - 1;
        }
    }
}

void repair_encyclopedic_tags(const ExtractorData& D, DocState& st) {
    untag_ship_names(D, st);
    tag_military_units(D, st);
    join_and_the_bands(D, st);
    untag_work_titles(D, st);
    tag_org_contexts(D, st);
    tag_lead_subjects(D, st);
    tag_institution_names(D, st);
    tag_places_after_in(D, st);
    tag_appositive_orgs(D, st);
}

}  // namespace newsdex::entities
