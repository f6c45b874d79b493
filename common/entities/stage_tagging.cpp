// Pipeline stages 1-2: read the article (Reuters marks hidden, tokens,
// sentences, tagger) and repair the tagger's output where it is known to
// split or miss names.  See doc_state.h for the order of the stages.
#include "common/entities/doc_state.h"

#include <algorithm>

namespace newsdex::entities {

void read_document(const ExtractorData& D, const Article& article, DocState& st) {
    st.text = article.title + "\n\n" + article.body;
    st.work = st.text;
    hide_reuters_marks(st);
    st.tk = tokenise(st.work, D.words);
    st.doc.reserve(st.tk.sentences.size());
    for (auto [b, e] : st.tk.sentences) {
        st.doc.emplace_back();
        bool lower = false, alpha = false;
        for (std::size_t t = b; t < e; ++t) {
            std::string_view w = std::string_view(st.work).substr(st.tk.tokens[t].b, st.tk.tokens[t].e - st.tk.tokens[t].b);
            st.doc.back().push_back(w);
            for (char c : w) {
                if (is_lower_c(c)) lower = true;
                if (is_upper_c(c) || is_lower_c(c)) alpha = true;
            }
        }
        st.caps_sentence.push_back(alpha && !lower);
    }
    st.tags = D.tag(st.doc, /*tag_caps=*/false);  // ALL-CAPS lines: see "headlines" in docs/entities.md
    for (auto& sent : st.doc)
        for (std::size_t t = 1; t < sent.size(); ++t)
            if (!sent[t].empty() && is_lower_c(sent[t][0])) st.lower_hashes.push_back(ner::hash_str(sent[t]));
    std::sort(st.lower_hashes.begin(), st.lower_hashes.end());
}

void repair_tags(const ExtractorData& D, DocState& st) {
    const WordLists& W = D.words;
    auto& tags = st.tags;
    const auto& doc = st.doc;
    const auto& caps_sentence = st.caps_sentence;
    // "Federal Savings and Loan Insurance Corp", "Standard and Poor's Corp":
    // the tagger (trained on CoNLL) tends to split company names at "and";
    // join ORG + and/& + ORG-ending-in-a-legal-suffix unless the first part
    // is itself a known company.
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

    // Multi-word names of the alias tables are tagged as the table says
    // ("Smith Barney, Harris Upham", "House Ways and Means Committee"), unless
    // the tagger found a longer name around them.
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
                        if (std::uint8_t v = D.phrases.get(h)) { best = j - i + 1; kind = v; }
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
                if (inside_longer) { i = e - 1; continue; }
                const int b_tag = kind == 1 ? ner::kBPer : ner::kBOrg, i_tag = kind == 1 ? ner::kIPer : ner::kIOrg;
                t[i] = b_tag;
                for (std::size_t k = i + 1; k < e; ++k) t[k] = i_tag;
                i = e - 1;
            }
        }
    }
    // A one-word company of the alias tables that the tagger left untagged in
    // the middle of a sentence ("retailers, including Walmart,", "the research
    // company OpenAI"), unless the word is also a first name or surname.
    for (std::size_t s = 0; s < tags.size(); ++s) {
        if (caps_sentence[s]) continue;
        auto& t = tags[s];
        const auto& d = doc[s];
        for (std::size_t i = 1; i < t.size(); ++i) {
            // untagged, or a one-word place / miscellaneous name
            const bool other = t[i] == ner::kO || t[i] == ner::kBLoc || t[i] == ner::kBMisc;
            if (!other || !starts_upper(d[i]) || !has_lowercase(d[i])) continue;
            if (starts_upper(d[i - 1]) || (t[i - 1] != ner::kO && ner::tag_type(t[i - 1]) != 2 && ner::tag_type(t[i - 1]) != 3))
                continue;
            if (i + 1 < t.size() && (starts_upper(d[i + 1]) || (t[i + 1] != ner::kO && ner::tag_is_begin(t[i + 1]) == false)))
                continue;
            const std::uint64_t h = lower_hash(d[i]);
            if (!D.single_names.count(h)) continue;
            if (D.lex.flags.get(h) & (ner::kGzFirst | ner::kGzFirstRare | ner::kGzLast | ner::kGzLastRare)) continue;
            t[i] = ner::kBOrg;
        }
    }
    // "Samuel Montagu and Co Ltd", "James Capel and Co", "Alex. Brown and Sons
    // Inc", "Kidder, Peabody and Co": capitalised words + and/& + Co/Sons
    // (+ legal suffixes) is one company name, whatever the tagger said.
    {
        for (std::size_t s = 0; s < tags.size(); ++s) {
            if (caps_sentence[s]) continue;
            auto& t = tags[s];
            const auto& d = doc[s];
            const std::size_t n = t.size();
            for (std::size_t i = 1; i + 1 < n; ++i) {
                if ((d[i] != "and" && d[i] != "&") || !W.co_words.count(d[i + 1]) || !starts_upper(d[i + 1])) continue;
                std::size_t e = i + 2;
                while (e < n && D.is_legal_suffix(d[e])) ++e;
                std::size_t b = i;
                while (b > 0 && i - b < 4 && (starts_upper(d[b - 1]) || d[b - 1] == "&")) --b;
                if (b == i) continue;
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

}  // namespace newsdex::entities
