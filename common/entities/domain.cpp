#include "common/entities/domain.h"
#include "common/entities/ner.h"

#include <cctype>

namespace newsdex::entities {

namespace {

/// Sentences (with lower-case letters) that make a text's lead: a reporting
/// word there makes it news.
constexpr std::size_t kLeadSentences = 3;

bool has_lower(const std::vector<std::string_view>& sentence) {
    for (std::string_view w : sentence)
        for (char c : w)
            if (c >= 'a' && c <= 'z') return true;
    return false;
}

bool is_copula(std::string_view w) { return w == "is" || w == "was" || w == "are" || w == "were"; }
bool is_definite(std::string_view w) {
    return w == "a" || w == "an" || w == "the" || w == "one" || w == "A" || w == "An" || w == "The" || w == "One";
}

/// The words before a definition's copula (s[0, copula)) name its subject:
/// one of them (after a leading "The") is capitalised or a number ("The 7th
/// Armoured Division was ...", "The choirs of Westminster Abbey are ..."),
/// and the first is no pronoun.  News sentences that look like definitions
/// seldom do: "The loss was a major setback", "It was a bush that ...".
bool names_a_subject(const std::vector<std::string_view>& s, std::size_t copula) {
    static const WordSet pronouns{"it", "he", "she", "they", "we", "you", "i", "its", "his", "her", "their", "that",
                                  "those", "there"};
    const std::size_t k = s[0] == "The" ? 1 : 0;
    if (k >= copula || pronouns.count(s[k])) return false;
    for (std::size_t i = k; i < copula; ++i) {
        if (s[i].empty()) continue;
        const auto c = static_cast<unsigned char>(s[i][0]);
        if (std::isupper(c) || std::isdigit(c) || c >= 0x80) return true;  // "Łódź": a capital outside ASCII
    }
    return false;
}

/// "X is a ...", "X was the ...", "NHK is Japan 's ...": a definition among the first 12 tokens,
/// an aside in brackets not counted ("Ann Carrow ( 14 March 1921 - 2 May 2003 ) was a ...": the
/// life dates of an encyclopedic article's subject).
/// "Following is the text of ..." (wire copy) is none, and neither is an aside
/// in brackets ("(Company is a subsidiary of ...)": a Reuters note).
bool is_definition(const std::vector<std::string_view>& s) {
    if (s.empty() || s[0] == "Following" || s[0] == "Here" || s[0] == "This" || s[0] == "These" || s[0] == "(")
        return false;
    for (std::size_t i = 1, counted = 1; i + 1 < s.size() && counted < 11; ++i) {
        if (s[i] == "(") {  // skip "( ... )" of up to 15 tokens
            std::size_t j = i + 1;
            while (j < s.size() && s[j] != ")" && j - i < 16) ++j;
            if (j < s.size() && s[j] == ")") {
                i = j;
                continue;
            }
        }
        ++counted;
        if (!is_copula(s[i]) || !names_a_subject(s, i)) continue;
        if (is_definite(s[i + 1])) return true;
        // up to three capitalised words + "'s" ("is New Zealand 's oldest ...")
        std::size_t j = i + 1;
        while (j < s.size() && j < i + 4 && !s[j].empty() && std::isupper(static_cast<unsigned char>(s[j][0]))) ++j;
        if (j > i + 1 && j < s.size() && s[j] == "'s") return true;
    }
    return false;
}

/// "1996-08-22": the date line of wire copy.
bool is_iso_date(std::string_view w) {
    if (w.size() != 10 || w[4] != '-' || w[7] != '-') return false;
    for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
        if (!std::isdigit(static_cast<unsigned char>(w[i]))) return false;
    return true;
}

}  // namespace

TextDomain guess_domain(const std::vector<std::vector<std::string_view>>& doc, const WordLists& W) {
    bool cue = false;
    std::size_t seen = 0;
    for (const auto& s : doc) {
        if (!has_lower(s)) continue;  // ALL-CAPS headlines, tables
        if (seen == 0 && (s[0] == "Following" || s[0] == "Here"))
            return TextDomain::News;  // wire copy: a statement follows
        if (is_definition(s)) cue = true;
        if (++seen == 2 || cue) break;
    }
    for (std::size_t si = 0; si < doc.size() && !cue; ++si) {
        const auto& s = doc[si];
        for (std::size_t i = 0; i + 1 < s.size(); ++i)
            if (s[i] == "(" && (s[i + 1] == "born" || s[i + 1] == "died")) cue = true;
    }
    if (!cue) return TextDomain::News;  // most news: no word lookups
    // Wire-copy words count anywhere; reporting words ("said", "today") only
    // in the lead or when dense: news says who said it in its first
    // sentences, a long encyclopedic article uses them later and thinly ("is
    // said to have", "is still used today").
    // The tagger's date words (weekdays, months): among the news cues only the weekdays.
    static const WordSet date_words(ner::date_words().begin(), ner::date_words().end());
    std::size_t sentences = 0, reporting = 0;
    for (const auto& s : doc) {
        bool reports = false;
        for (std::size_t i = 0; i < s.size(); ++i) {
            const std::string_view w = s[i];
            if (is_iso_date(w)) return TextDomain::News;
            if (W.news_cue_words.count(w)) {
                // "On Friday 14 March 1969": a date in an article, not "on Friday" of wire copy
                const bool dated = date_words.count(w) && i + 1 < s.size() && !s[i + 1].empty() &&
                                   std::isdigit(static_cast<unsigned char>(s[i + 1][0]));
                if (!dated) return TextDomain::News;
            }
            if (W.reporting_words.count(w)) reports = true;
        }
        if (!has_lower(s)) continue;  // ALL-CAPS headlines, tables
        ++sentences;
        if (!reports) continue;
        if (sentences <= kLeadSentences) return TextDomain::News;
        ++reporting;
    }
    return reporting * 3 >= sentences && reporting > 0 ? TextDomain::News : TextDomain::Encyclopedic;
}

}  // namespace newsdex::entities
