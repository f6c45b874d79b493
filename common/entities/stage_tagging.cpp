// Pipeline stages 1-2: read the article (Reuters marks hidden, tokens,
// sentences, tagger) and repair the tagger's output where it is known to
// split or miss names.  See doc_state.h for the order of the stages.
#include "common/entities/doc_state.h"

#include <algorithm>

namespace newsdex::entities {

namespace {

/// Token text for the tagger: typographic quotes, apostrophes and dashes as
/// ASCII ("Firm’s" is tokenised "Firm" + "’s" and tagged as "Firm" + "'s").
std::string_view normalised_token(std::string_view w, std::list<std::string>& store) {
    // an inline scan: tokens are short, a memchr call per token costs more
    if (std::none_of(w.begin(), w.end(), [](char c) { return c == '\xE2'; })) return w;
    std::string out;
    bool changed = false;
    for (std::size_t i = 0; i < w.size(); ++i) {
        if (w[i] == '\xE2' && i + 2 < w.size() && w[i + 1] == '\x80') {
            const char c = w[i + 2];
            const char* ascii = c == '\x98' || c == '\x99'   ? "'"
                                : c == '\x9C' || c == '\x9D' ? "\""
                                : c == '\x93'                ? "-"
                                : c == '\x94'                ? "--"
                                                             : nullptr;
            if (ascii) {
                out += ascii;
                i += 2;
                changed = true;
                continue;
            }
        }
        out += w[i];
    }
    if (!changed) return w;
    store.push_back(std::move(out));
    return store.back();
}

}  // namespace

bool is_english(const ExtractorData& D, const Article& article) {
    if (!article.language.empty()) return article.language == "en";
    // Count function words among the first words (no allocation: views of letter runs).
    constexpr std::size_t kMaxWords = 400;
    std::vector<std::size_t> counts(D.words.function_words.size());
    std::size_t words = 0;
    for (const std::string* part : {&article.title, &article.body}) {
        const std::string_view text(*part);
        for (std::size_t i = 0; i < text.size() && words < kMaxWords;) {
            auto letter = [&](std::size_t k) {
                return (unsigned char)text[k] >= 0x80 || ascii_alnum((unsigned char)text[k]);
            };
            while (i < text.size() && !letter(i)) ++i;
            std::size_t j = i;
            while (j < text.size() && letter(j)) ++j;
            if (j > i) {
                ++words;
                const std::uint64_t h = lower_hash(text.substr(i, j - i));  // once for all languages
                for (std::size_t k = 0; k < counts.size(); ++k)
                    if (D.words.function_words[k].second.count_hash(h)) ++counts[k];
            }
            i = j;
        }
    }
    std::size_t english = 0, best_other = 0;
    for (std::size_t k = 0; k < counts.size(); ++k) {
        if (D.words.function_words[k].first == "en")
            english = counts[k];
        else
            best_other = std::max(best_other, counts[k]);
    }
    // Headlines and tables have few function words: English unless another language shows.
    return best_other < 3 || english >= best_other;
}

void read_document(const ExtractorData& D, const Article& article, DocState& st) {
    st.text = article.title + "\n\n" + article.body;
    st.work = st.text;
    st.english = is_english(D, article);
    st.year = article.date ? article.date->year : 0;
    hide_reuters_marks(st);
    st.tk = tokenise(st.work, D.words);
    st.doc.reserve(st.tk.sentences.size());
    for (auto [b, e] : st.tk.sentences) {
        st.doc.emplace_back();
        bool lower = false, alpha = false;
        for (std::size_t t = b; t < e; ++t) {
            std::string_view w =
                std::string_view(st.work).substr(st.tk.tokens[t].b, st.tk.tokens[t].e - st.tk.tokens[t].b);
            st.doc.back().push_back(normalised_token(w, st.normalised));
            for (char c : w) {
                if (is_lower_c(c)) lower = true;
                if (is_upper_c(c) || is_lower_c(c)) alpha = true;
            }
        }
        st.caps_sentence.push_back(alpha && !lower);
    }
    if (st.english) {
        st.tags = D.tag(st.doc, /*tag_caps=*/false, &st.domain);  // ALL-CAPS lines: see "headlines" in docs/entities.md
    } else {
        st.tags.resize(st.doc.size());
        for (std::size_t s = 0; s < st.doc.size(); ++s) st.tags[s].assign(st.doc[s].size(), ner::kO);
    }
}

namespace {

constexpr std::uint32_t kPersonNameFlags = ner::kGzFirst | ner::kGzFirstRare | ner::kGzLast | ner::kGzLastRare;

/// "Federal Savings and Loan Insurance Corp", "Standard and Poor's Corp":
/// the tagger (trained on CoNLL) tends to split company names at "and";
/// join ORG + and/& + ORG-ending-in-a-legal-suffix unless the first part
/// is itself a known company.
void join_and_legal(const ExtractorData& D, DocState& st) {
    [[maybe_unused]] const WordLists& W = D.words;
    auto& tags = st.tags;
    const auto& doc = st.doc;
    [[maybe_unused]] const auto& caps_sentence = st.caps_sentence;
    for (std::size_t s = 0; s < tags.size(); ++s) {
        auto& t = tags[s];
        for (std::size_t i = 1; i + 1 < t.size(); ++i) {
            if (t[i] != ner::kO || (doc[s][i] != "and" && doc[s][i] != "&")) continue;
            if (ner::tag_type(t[i - 1]) != 1 || t[i + 1] != ner::kBOrg) continue;
            std::size_t e = i + 2;
            while (e < t.size() && t[e] == ner::kIOrg) ++e;
            if (!D.is_legal_suffix(doc[s][e - 1]) && !W.org_keywords.count(doc[s][e - 1]))
                continue;  // "Ways and Means Committee"
            if (e - (i + 1) < 2 && !D.is_legal_suffix(doc[s][e - 1])) continue;
            {
                std::string_view prev_last = doc[s][i - 1];
                if (D.is_legal_suffix(prev_last) || W.org_keywords.count(prev_last)) continue;  // complete already
            }
            std::size_t b = i - 1;
            while (b > 0 && t[b] == ner::kIOrg) --b;
            std::uint64_t h = 0xcbf29ce484222325ULL;
            for (std::size_t k = b; k < i; ++k) {
                if (k > b) h = ner::hash_bytes(h, " ");
                h = lower_hash(doc[s][k], h);
            }
            if (D.lex.company_names.count(h)) continue;
            t[i] = ner::kIOrg;
            t[i + 1] = ner::kIOrg;
        }
    }
}

/// Multi-word names of the alias tables are tagged as the table says
/// ("Smith Barney, Harris Upham", "House Ways and Means Committee"), unless
/// the tagger found a longer name around them.
void tag_alias_phrases(const ExtractorData& D, DocState& st) {
    [[maybe_unused]] const WordLists& W = D.words;
    auto& tags = st.tags;
    const auto& doc = st.doc;
    [[maybe_unused]] const auto& caps_sentence = st.caps_sentence;
    if (D.max_phrase_tokens >= 2) {
        for (std::size_t s = 0; s < tags.size(); ++s) {
            if (caps_sentence[s]) continue;
            auto& t = tags[s];
            const std::size_t n = t.size();
            for (std::size_t i = 0; i + 1 < n; ++i) {
                if (!starts_upper(doc[s][i])) continue;
                std::uint64_t h = 0xcbf29ce484222325ULL;
                std::size_t best = 0;
                std::uint8_t kind = 0;
                for (std::size_t j = i; j < n && j - i < D.max_phrase_tokens; ++j) {
                    if (j > i) h = ner::hash_bytes(h, " ");
                    h = lower_hash(doc[s][j], h);
                    if (j > i)
                        if (std::uint8_t v = D.phrases.get(h)) {
                            best = j - i + 1;
                            kind = v;
                        }
                    if (!D.phrase_prefixes.count(h)) break;
                }
                if (best < 2) continue;
                std::size_t e = i + best;
                if (kind == 2) {
                    // "Cable and Wireless Plc", "Donaldson Lufkin and Jenrette Securities"
                    while (e < n && (D.is_legal_suffix(doc[s][e]) || t[e] == ner::kIOrg)) ++e;
                }
                bool inside_longer = (i > 0 && t[i] != ner::kO && !ner::tag_is_begin(t[i])) ||
                                     (e < n && t[e] != ner::kO && !ner::tag_is_begin(t[e]));
                if (inside_longer) {
                    i = e - 1;
                    continue;
                }
                const int b_tag = kind == 1 ? ner::kBPer : ner::kBOrg, i_tag = kind == 1 ? ner::kIPer : ner::kIOrg;
                t[i] = b_tag;
                for (std::size_t k = i + 1; k < e; ++k) t[k] = i_tag;
                i = e - 1;
            }
        }
    }
}

/// "an analyst at X", "a fund manager with X": a job word, then at/with.
bool employer_context(const WordLists& W, const std::vector<std::string_view>& d, std::size_t i) {
    if (i < 2 || (d[i - 1] != "at" && d[i - 1] != "with")) return false;
    std::string_view job = d[i - 2];
    if (job.size() > 3 && job.back() == 's') job.remove_suffix(1);  // "analysts"
    if (W.person_titles.count(job) || job == "analyst" || job == "economist" || job == "strategist" ||
        job == "trader" || job == "banker" || job == "engineer" || job == "partner")
        return true;
    // "head of digital assets at X", "chief of staff at X": head/chief + "of" + up to three lower-case words
    for (std::size_t k = i - 2, seen = 0; k >= 2 && seen < 3 && is_lower_c(d[k][0]); --k, ++seen)
        if (d[k - 1] == "of" && (d[k - 2] == "head" || d[k - 2] == "chief")) return true;
    return false;
}

/// A one-word company of the alias tables that the tagger left untagged (or
/// took for a lone person)
/// ("retailers, including Walmart,", "the research company OpenAI", "NTT and
/// SoftBank announced"), or of the company gazetteer in mid-sentence ("buy
/// from Nvidia and AMD"), unless the word is also a first name or surname
/// (outside "analysts at Goldman"), an ordinary word or a place.
void tag_known_single_names(const ExtractorData& D, DocState& st) {
    const WordLists& W = D.words;
    constexpr std::uint32_t kNameFlags = ner::kGzFirst | ner::kGzFirstRare | ner::kGzLast | ner::kGzLastRare;
    for (std::size_t s = 0; s < st.tags.size(); ++s) {
        if (st.caps_sentence[s]) continue;
        auto& t = st.tags[s];
        const auto& d = st.doc[s];
        std::size_t lower_words = 0;
        for (auto w : d) lower_words += !w.empty() && is_lower_c(w[0]);
        for (std::size_t i = 0; i < t.size(); ++i) {
            // untagged, or a one-word place / miscellaneous name
            // (or a one-word "person" that the alias tables know as a company: "Walmart")
            const bool lone_person = t[i] == ner::kBPer && (i + 1 == t.size() || t[i + 1] != ner::kIPer) &&
                                     D.single_names.count(lower_hash(d[i])) > 0;
            const bool other = t[i] == ner::kO || t[i] == ner::kBLoc || t[i] == ner::kBMisc || lone_person;
            if (!other || !starts_upper(d[i])) continue;
            if (i + 1 < t.size() && t[i] != ner::kO && t[i + 1] != ner::kO && !ner::tag_is_begin(t[i + 1])) continue;
            const bool acronym = !has_lowercase(d[i]);
            // all-caps words only in running text ("DEC" in a table is December)
            if (acronym && (lower_words < 5 || W.date_words.count(d[i]) || d[i].size() < 2)) continue;
            // in English, only between lower-case words (other languages capitalise nouns)
            if (st.english && i > 0 &&
                (starts_upper(d[i - 1]) ||
                 (t[i - 1] != ner::kO && ner::tag_type(t[i - 1]) != 2 && ner::tag_type(t[i - 1]) != 3)))
                continue;
            if (st.english && i + 1 < t.size() &&
                (starts_upper(d[i + 1]) || (t[i + 1] != ner::kO && ner::tag_is_begin(t[i + 1]) == false)))
                continue;
            const std::uint64_t h = lower_hash(d[i]);
            const bool alias = D.single_names.count(h) > 0;
            const bool gazetteer = !alias && i > 0 && !acronym && st.english && W.company_preceders.count(d[i - 1]) &&
                                   D.lex.company_names.count(h) && !W.common_words.count(d[i]) &&
                                   !st.used_in_lower_case(d[i]) && !D.places.count(d[i]) && !W.countries.count(d[i]);
            if (!alias && !gazetteer) continue;
            if (!alias && i == 0) continue;
            if ((D.lex.flags.get(h) & kNameFlags) && !employer_context(W, d, i)) continue;
            t[i] = ner::kBOrg;
        }
    }
}

/// "a fund manager at Eastbridge Capital": an untagged capitalised run after
/// a job word and at/with, ending in a word frequent in company names.
void tag_employer_names(const ExtractorData& D, DocState& st) {
    for (std::size_t s = 0; s < st.tags.size(); ++s) {
        if (st.caps_sentence[s]) continue;
        auto& t = st.tags[s];
        const auto& d = st.doc[s];
        for (std::size_t i = 2; i < d.size(); ++i) {
            // untagged, or taken for a place / miscellaneous name
            auto free = [&](std::size_t k) {
                return t[k] == ner::kO || ner::tag_type(t[k]) == 2 || ner::tag_type(t[k]) == 3;
            };
            if (!free(i) || !starts_upper(d[i]) || !employer_context(D.words, d, i)) continue;
            std::size_t e = i;
            while (e < d.size() && e - i < 4 && starts_upper(d[e]) && free(e)) ++e;
            if (e - i < 2 || (e < d.size() && starts_upper(d[e]))) continue;
            if (!(D.lex.flags.get(lower_hash(d[e - 1])) & ner::kGzCompanyWord) && !D.is_legal_suffix(d[e - 1]))
                continue;
            t[i] = ner::kBOrg;
            for (std::size_t k = i + 1; k < e; ++k) t[k] = ner::kIOrg;
        }
    }
}

/// "Samuel Montagu and Co Ltd", "James Capel and Co", "Alex. Brown and Sons
/// Inc", "Kidder, Peabody and Co": capitalised words + and/& + Co/Sons
/// (+ legal suffixes) is one company name, whatever the tagger said.
void join_and_co(const ExtractorData& D, DocState& st) {
    [[maybe_unused]] const WordLists& W = D.words;
    auto& tags = st.tags;
    const auto& doc = st.doc;
    [[maybe_unused]] const auto& caps_sentence = st.caps_sentence;
    {
        for (std::size_t s = 0; s < tags.size(); ++s) {
            if (caps_sentence[s]) continue;
            auto& t = tags[s];
            const auto& d = doc[s];
            const std::size_t n = t.size();
            for (std::size_t i = 1; i + 1 < n; ++i) {
                if ((d[i] != "and" && d[i] != "&") || !starts_upper(d[i + 1])) continue;
                std::size_t e = i + 2;
                // "Piper, Jaffray and Hopwood Inc": a partnership name, with a
                // comma before and a legal suffix after the last partner
                std::size_t partner_end = i + 1;
                while (partner_end < n && partner_end - i <= 2 && starts_upper(d[partner_end]) &&
                       !D.is_legal_suffix(d[partner_end]))
                    ++partner_end;
                const bool partnership = !W.co_words.count(d[i + 1]) && partner_end < n &&
                                         D.is_legal_suffix(d[partner_end]) && starts_upper(d[partner_end]);
                if (!W.co_words.count(d[i + 1]) && !partnership) continue;
                if (partnership) e = partner_end;
                while (e < n && D.is_legal_suffix(d[e])) ++e;
                std::size_t b = i;
                while (b > 0 && i - b < 4 && (starts_upper(d[b - 1]) || d[b - 1] == "&")) --b;
                if (b == i) continue;
                if (partnership && !(b >= 2 && d[b - 1] == "," && starts_upper(d[b - 2]))) continue;
                // one comma-separated name before: "Kidder, Peabody", "Smith Barney, Harris Upham"
                if (b >= 2 && d[b - 1] == ",") {
                    std::size_t b2 = b - 1;
                    while (b2 > 0 && b - 1 - b2 < 3 && starts_upper(d[b2 - 1])) --b2;
                    if (b2 < b - 1 && !(b2 > 0 && d[b2 - 1] == ",")) b = b2;
                }
                // include the start of an organisation name the tagger began earlier
                while (b > 0 && ner::tag_type(t[b]) == 1 && !ner::tag_is_begin(t[b])) --b;
                if (iequals(d[b], "the") && b + 1 < i) ++b;
                t[b] = ner::kBOrg;
                for (std::size_t k = b + 1; k < e; ++k) t[k] = ner::kIOrg;
                i = e - 1;
            }
        }
    }
}

/// End of the capitalised name run starting at i ("of", "the", "and", "for"
/// allowed inside when a capitalised word follows).
std::size_t name_run_end(const std::vector<std::string_view>& d, std::size_t i) {
    std::size_t e = i;
    while (e < d.size()) {
        if (starts_upper(d[e])) {
            ++e;
            continue;
        }
        if ((d[e] == "of" || d[e] == "and" || d[e] == "for" || d[e] == "the" || d[e] == "&") && e + 1 < d.size() &&
            (starts_upper(d[e + 1]) || (d[e + 1] == "the" && e + 2 < d.size() && starts_upper(d[e + 2])))) {
            ++e;
            continue;
        }
        break;
    }
    while (e > i && !starts_upper(d[e - 1])) --e;
    return e;
}

/// "Organisation for the Prohibition of Chemical Weapons", "Committee to
/// Protect Journalists": an organisation head word + "for (the)" + a
/// capitalised name is one organisation, which the tagger splits in two.
void join_for_the(const ExtractorData& D, DocState& st) {
    for (std::size_t s = 0; s < st.tags.size(); ++s) {
        if (st.caps_sentence[s]) continue;
        auto& t = st.tags[s];
        const auto& d = st.doc[s];
        for (std::size_t i = 1; i + 2 < d.size(); ++i) {
            if (d[i] != "for" || !D.words.org_keywords.count(d[i - 1]) || !starts_upper(d[i - 1])) continue;
            std::size_t j = i + 1;
            if (d[j] == "the") ++j;
            if (j >= d.size() || !starts_upper(d[j])) continue;
            // start: the capitalised run ending at the head word
            std::size_t b = i - 1;
            while (b > 0 && (starts_upper(d[b - 1]) ||
                             ((d[b - 1] == "of" || d[b - 1] == "and") && b >= 2 && starts_upper(d[b - 2]))))
                --b;
            if (d[b] == "The" && b + 1 < i) ++b;
            const std::size_t e = name_run_end(d, j);
            bool tagged = false;  // the tagger saw a name in one of the parts
            for (std::size_t k = b; k < e; ++k) tagged |= t[k] != ner::kO;
            if (!tagged) continue;
            t[b] = ner::kBOrg;
            for (std::size_t k = b + 1; k < e; ++k) t[k] = ner::kIOrg;
            i = e;
        }
    }
}

/// "Dell and HP", "Honda and Nissan", "Allkem and Livent": names joined by
/// and/or are of one kind.  A lone capitalised word the tagger left untagged
/// (or took for a lone person) that is coordinated with an organisation is
/// one too, unless it is a first name, a place, a title, an ordinary word or,
/// at a sentence start, a word no table knows as a company.
void tag_coordinated_names(const ExtractorData& D, DocState& st) {
    const WordLists& W = D.words;
    auto lone = [](const std::vector<int>& t, const std::vector<std::string_view>& d, std::size_t i) {
        const bool before = i > 0 && (starts_upper(d[i - 1]) || (t[i - 1] != ner::kO && !ner::tag_is_begin(t[i])));
        const bool after =
            i + 1 < d.size() && (starts_upper(d[i + 1]) || (t[i + 1] != ner::kO && !ner::tag_is_begin(t[i + 1])));
        return !before && !after;
    };
    for (std::size_t s = 0; s < st.tags.size(); ++s) {
        if (st.caps_sentence[s]) continue;
        auto& t = st.tags[s];
        const auto& d = st.doc[s];
        for (std::size_t k = 1; k + 1 < d.size(); ++k) {
            if (d[k] != "and" && d[k] != "or") continue;
            // left: a whole ORG run ending at k, or a lone word at k-1; right: the same from k+1
            for (const bool left_word : {true, false}) {
                const std::size_t i = left_word ? k - 1 : k + 1;  // the lone word
                const std::size_t o = left_word ? k + 1 : k - 1;  // where the organisation is
                if (ner::tag_type(t[o]) != 1 || (t[i] != ner::kO && t[i] != ner::kBPer)) continue;
                if (!left_word && W.co_words.count(d[o])) continue;  // "Alex. Brown and Sons": join_and_co's
                if (!starts_upper(d[i]) || !has_lowercase(d[i]) || d[i].size() < 3 || !lone(t, d, i)) continue;
                if (std::any_of(d[i].begin(), d[i].end(), [](char c) { return c == '-' || is_digit_c(c); }))
                    continue;  // "BBB-plus and A-minus": ratings
                const std::uint64_t h = lower_hash(d[i]);
                // a first name, a place, a title ("Senator and Omega models"), an organisation
                // keyword ("Casino, Hotel and Bowling Center") or a generic word of company names ("Credit")
                constexpr std::uint32_t kNotAName = ner::kGzFirst | ner::kGzFirstRare | ner::kGzPlace |
                                                    ner::kGzCompanyWord | ner::kGzTitle | ner::kGzOrgWord |
                                                    ner::kGzOrgHead;
                if ((D.lex.flags.get(h) & kNotAName) || W.person_titles.count(d[i]) || W.org_keywords.count(d[i]))
                    continue;
                if (W.countries.count(d[i]) || W.major_places.count(d[i]) || D.places.count(d[i])) continue;
                if (W.common_words.count(d[i]) || st.used_in_lower_case(d[i]) || W.date_words.count(d[i])) continue;
                if (i == 0 && !D.single_names.count(h) && !D.lex.company_names.count(h)) continue;
                t[i] = ner::kBOrg;
            }
        }
    }
}

/// "suppliers around Łódź and Katowice": an ORG run of two single words
/// joined by "and" is two places when neither word is a known company and
/// both are places by the lists, or the pair follows a place preposition
/// (place_prepositions.txt; not "at", an employer's word).
void untag_coordinated_places(const ExtractorData& D, DocState& st) {
    const WordLists& W = D.words;
    auto company = [&](std::string_view w) {
        const std::uint64_t h = lower_hash(w);
        return D.single_names.count(h) || D.lex.company_names.count(h) || D.is_legal_suffix(w) ||
               W.org_keywords.count(w) || W.co_words.count(w) || !has_lowercase(w);
    };
    auto place = [&](std::string_view w) {
        return W.countries.count(w) || W.major_places.count(w) || D.places.count(w) ||
               (D.lex.flags.get(lower_hash(w)) & ner::kGzPlace);
    };
    for (std::size_t s = 0; s < st.tags.size(); ++s) {
        auto& t = st.tags[s];
        const auto& d = st.doc[s];
        for (std::size_t b = 0; b + 2 < t.size(); ++b) {
            if (t[b] != ner::kBOrg || t[b + 1] != ner::kIOrg || t[b + 2] != ner::kIOrg || d[b + 1] != "and") continue;
            if (b + 3 < t.size() && t[b + 3] == ner::kIOrg) continue;
            if (company(d[b]) || company(d[b + 2])) continue;
            if (D.lex.company_names.count(phrase_hash(d, b, b + 3)) || D.phrases.count(phrase_hash(d, b, b + 3)))
                continue;
            const bool after_preposition = b > 0 && d[b - 1] != "at" && W.place_prepositions.count(d[b - 1]);
            if (!after_preposition && !(place(d[b]) && place(d[b + 2]))) continue;
            t[b] = ner::kBLoc;
            t[b + 1] = ner::kO;
            t[b + 2] = ner::kBLoc;
        }
    }
}

/// "the Academy Award for Best Foreign Language Film", "the Hallam Prize for
/// Fiction": the category after a thing's head word (thing_heads.txt) and
/// "for" is part of the thing's name, no organisation or person.
void untag_award_categories(const ExtractorData& D, DocState& st) {
    for (std::size_t s = 0; s < st.tags.size(); ++s) {
        auto& t = st.tags[s];
        const auto& d = st.doc[s];
        for (std::size_t i = 1; i + 1 < d.size(); ++i) {
            if (d[i] != "for" || !starts_upper(d[i - 1]) || !D.words.thing_heads.count(d[i - 1])) continue;
            std::size_t j = i + 1;
            if (d[j] == "the" && j + 1 < d.size()) ++j;
            if (ner::tag_type(t[j]) != 0 && ner::tag_type(t[j]) != 1) continue;
            const int type = ner::tag_type(t[j]);
            t[j] = ner::kO;
            for (std::size_t k = j + 1; k < d.size() && ner::tag_type(t[k]) == type && !ner::tag_is_begin(t[k]); ++k)
                t[k] = ner::kO;
        }
    }
}

/// A set of 64-bit hashes as a sorted vector: a document has few ORG runs, and
/// a hash table per document cost a 9 KB allocation.  Key 0 is stored as 1,
/// as in ner::HashMap64.
class HashSet64 {
  public:
    void insert(std::uint64_t h) { keys_.push_back(h ? h : 1); }
    void seal() {
        std::sort(keys_.begin(), keys_.end());
        keys_.erase(std::unique(keys_.begin(), keys_.end()), keys_.end());
    }
    std::size_t count(std::uint64_t h) const { return std::binary_search(keys_.begin(), keys_.end(), h ? h : 1); }

  private:
    std::vector<std::uint64_t> keys_;
};

/// "Alibaba and Tencent did not respond": one ORG run "X and Y" whose parts
/// are each a name the document or the tables know alone is two names.
/// Names that are one company ("Procter and Gamble", "Cable and Wireless")
/// are in the company gazetteer or the alias tables as a whole.  Two parts of
/// two words or more that each end in a company's last word
/// (company_heads.txt or a legal suffix) are two names too, known or not:
/// "Silicon Valley Bank and Signature Bank", "PNC Financial Services and
/// Citizens Financial Group"; not "Farmers Bank and Trust Co".
void split_x_and_y(const ExtractorData& D, DocState& st, const HashSet64& alone) {
    // (a part that starts with a generic word of company names is the rest of
    // one name: "Farmers Bank and Trust Co", "Savings and Loan Association")
    auto company_shaped = [&](const std::vector<std::string_view>& d, std::size_t b, std::size_t e) {
        return e - b >= 2 && (D.words.company_heads.count(d[e - 1]) || D.is_legal_suffix(d[e - 1])) &&
               !(D.lex.flags.get(lower_hash(d[b])) & ner::kGzCompanyWord) && !D.words.company_heads.count(d[b]);
    };
    auto known_alone = [&](const std::vector<std::string_view>& d, std::size_t b, std::size_t e) {
        const std::uint64_t h = phrase_hash(d, b, e);
        return alone.count(h) || D.lex.company_names.count(h) || D.phrases.get(h) == 2 ||
               (e - b == 1 && D.single_names.count(lower_hash(d[b])));
    };
    for (std::size_t s = 0; s < st.tags.size(); ++s) {
        auto& t = st.tags[s];
        const auto& d = st.doc[s];
        for (std::size_t b = 0; b < t.size(); ++b) {
            if (t[b] != ner::kBOrg) continue;
            std::size_t e = b + 1;
            while (e < t.size() && t[e] == ner::kIOrg) ++e;
            for (std::size_t k = b + 1; k + 1 < e; ++k) {
                if (d[k] != "and" && d[k] != "&") continue;
                const std::uint64_t whole = phrase_hash(d, b, e);
                if (D.lex.company_names.count(whole) || D.phrases.count(whole)) break;
                const bool two_companies = company_shaped(d, b, k) && company_shaped(d, k + 1, e);
                if (!two_companies && (D.is_legal_suffix(d[e - 1]) || D.words.co_words.count(d[e - 1])))
                    break;  // "X and Y Inc"
                if (!two_companies && (!known_alone(d, b, k) || !known_alone(d, k + 1, e))) continue;
                t[k] = ner::kO;
                t[k + 1] = ner::kBOrg;
                break;
            }
            b = e - 1;
        }
    }
}

/// Lower-case phrase hashes of the ORG runs the tagger found in mixed-case
/// sentences, not at a sentence start (where capitals prove nothing), and of
/// their short forms without a last generic word of company names, when two
/// words or more remain: "First Republic Bank" also gives "First Republic",
/// "Alameda Research LLC" "Alameda Research".
HashSet64 org_runs(const ExtractorData& D, const DocState& st) {
    HashSet64 runs;
    for (std::size_t s = 0; s < st.tags.size(); ++s) {
        if (st.caps_sentence[s]) continue;
        const auto& t = st.tags[s];
        for (std::size_t b = 1; b < t.size(); ++b) {
            if (t[b] != ner::kBOrg) continue;
            std::size_t e = b + 1;
            while (e < t.size() && t[e] == ner::kIOrg) ++e;
            runs.insert(phrase_hash(st.doc[s], b, e));
            const std::string_view last = st.doc[s][e - 1];
            if (e - b >= 3 && (D.is_legal_suffix(last) || (D.lex.flags.get(lower_hash(last)) & ner::kGzCompanyWord)))
                runs.insert(phrase_hash(st.doc[s], b, e - 1));
        }
    }
    runs.seal();
    return runs;
}

/// Document-level consistency: an untagged capitalised run that the tagger
/// tagged as an organisation elsewhere in the document is one here too; at a
/// sentence start ("Nvidia reported ...", where the tagger hesitates) so is a
/// company of the alias tables or the company gazetteer that is not an
/// ordinary word or a personal name, before a verb (subject_verbs.txt) or
/// when the document tags it alone elsewhere, sentence starts included.
void propagate_org_names(const ExtractorData& D, DocState& st, const HashSet64& runs) {
    // untagged, or a place / miscellaneous name (the tagger's guess for unknown capitalised words)
    auto free = [](int tag) { return tag == ner::kO || ner::tag_type(tag) == 2 || ner::tag_type(tag) == 3; };
    const std::size_t max_len = 6;
    HashSet64
        runs_acronyms;      // lower_hash of the initials of the multi-word ORG runs ("Advanced Micro Devices" -> "amd")
    HashSet64 single_orgs;  // lower_hash of the one-word ORG runs, sentence starts included
    for (std::size_t s = 0; s < st.tags.size(); ++s) {
        const auto& t = st.tags[s];
        for (std::size_t b = 0; b < t.size(); ++b) {
            if (t[b] != ner::kBOrg) continue;
            std::string initials;
            std::size_t e = b + 1;
            while (e < t.size() && t[e] == ner::kIOrg) ++e;
            if (e - b == 1) single_orgs.insert(lower_hash(st.doc[s][b]));
            for (std::size_t k = b; k < e; ++k)
                if (starts_upper(st.doc[s][k])) initials += st.doc[s][k][0];
            if (e - b >= 2 && initials.size() >= 2) runs_acronyms.insert(lower_hash(initials));
        }
    }
    runs_acronyms.seal();
    single_orgs.seal();
    for (std::size_t s = 0; s < st.tags.size(); ++s) {
        if (st.caps_sentence[s]) continue;
        auto& t = st.tags[s];
        const auto& d = st.doc[s];
        const std::size_t first = !d.empty() && (d[0] == "\"" || d[0] == "(" || d[0] == "'") ? 1 : 0;
        for (std::size_t i = 0; i < d.size(); ++i) {
            if (!free(t[i]) || !starts_upper(d[i])) continue;
            if (!has_lowercase(d[i])) {
                // "AMD, run by ...": the initials of a name tagged in the document
                if (runs_acronyms.count(lower_hash(d[i])) && (i + 1 == d.size() || !starts_upper(d[i + 1])))
                    t[i] = ner::kBOrg;
                continue;
            }
            if (i > first && (starts_upper(d[i - 1]) || t[i - 1] != ner::kO)) continue;
            const std::size_t end = std::min(name_run_end(d, i), i + max_len);
            std::size_t len = 0;
            for (std::size_t e = end; e > i && !len; --e) {
                if (!starts_upper(d[e - 1])) continue;
                if (e < d.size() && starts_upper(d[e])) continue;  // part of a longer name
                bool untagged = true;
                for (std::size_t k = i; k < e; ++k) untagged &= free(t[k]);
                if (!untagged) continue;
                const std::uint64_t h = phrase_hash(d, i, e);
                if (runs.count(h))
                    len = e - i;
                else if (i == first && e - i == 1 && e < d.size() &&
                         (D.words.subject_verbs.count(d[e]) || single_orgs.count(lower_hash(d[i])))) {
                    // before a verb ("Nvidia reported"), or tagged alone elsewhere in the
                    // document ("Apple and Google ..." then "Apple chief executive ..."):
                    // then a surname too ("Apple") is the company the document names
                    const std::uint64_t lh = lower_hash(d[i]);
                    const bool company = D.single_names.count(lh) || D.lex.company_names.count(h);
                    const bool person_name = (D.lex.flags.get(lh) & kPersonNameFlags) && !single_orgs.count(lh);
                    if (company && !person_name && !D.words.common_words.count(d[i]) && !st.used_in_lower_case(d[i]))
                        len = 1;
                }
            }
            if (!len) continue;
            t[i] = ner::kBOrg;
            for (std::size_t k = i + 1; k < i + len; ++k) t[k] = ner::kIOrg;
            i += len - 1;
        }
    }
}

/// Text in a language the tagger was not trained for: only names the
/// company gazetteer knows as a whole (or with a legal suffix: "Siemens AG")
/// are tagged; the alias tables follow in repair_tags.
void tag_gazetteer_names(const ExtractorData& D, DocState& st) {
    for (std::size_t s = 0; s < st.tags.size(); ++s) {
        if (st.caps_sentence[s]) continue;
        auto& t = st.tags[s];
        const auto& d = st.doc[s];
        for (std::size_t i = 0; i < d.size(); ++i) {
            if (!starts_upper(d[i]) || !has_lowercase(d[i])) continue;
            std::size_t best = 0;
            std::uint64_t h = 0xcbf29ce484222325ULL;
            for (std::size_t j = i; j < d.size() && j - i < D.lex.max_company_tokens; ++j) {
                if (j > i) h = ner::hash_bytes(h, " ");
                h = lower_hash(d[j], h);
                if (D.lex.company_names.count(h)) best = j - i + 1;
                if (!D.lex.company_prefixes.count(h)) break;
            }
            if (best == 1 && (D.lex.flags.get(lower_hash(d[i])) & kPersonNameFlags)) best = 0;
            if (!best && i + 1 < d.size() && D.is_legal_suffix(d[i + 1]) && starts_upper(d[i + 1])) best = 1;
            if (!best) continue;
            std::size_t e = i + best;
            while (e < d.size() && D.is_legal_suffix(d[e]) && starts_upper(d[e])) ++e;
            t[i] = ner::kBOrg;
            for (std::size_t k = i + 1; k < e; ++k) t[k] = ner::kIOrg;
            i = e - 1;
        }
    }
}

}  // namespace

void repair_tags(const ExtractorData& D, DocState& st) {
    if (!st.english) tag_gazetteer_names(D, st);
    join_and_legal(D, st);
    tag_alias_phrases(D, st);
    tag_known_single_names(D, st);
    join_and_co(D, st);
    if (!st.english) return;
    join_for_the(D, st);
    tag_employer_names(D, st);
    tag_coordinated_names(D, st);
    untag_coordinated_places(D, st);
    untag_award_categories(D, st);
    repair_encyclopedic_tags(D, st);
    const auto runs = org_runs(D, st);
    split_x_and_y(D, st, runs);
    propagate_org_names(D, st, runs);
}

}  // namespace newsdex::entities
