#include "common/entities/domain.h"

#include <cctype>

namespace newsdex::entities {

namespace {

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

/// "X is a ...", "X was the ...", "NHK is Japan 's ...": a definition among the first 12 tokens.
/// "Following is the text of ..." (wire copy) is none, and neither is an aside
/// in brackets ("(Company is a subsidiary of ...)": a Reuters note).
bool is_definition(const std::vector<std::string_view>& s) {
    if (s.empty() || s[0] == "Following" || s[0] == "Here" || s[0] == "This" || s[0] == "These" || s[0] == "(")
        return false;
    const std::size_t n = std::min<std::size_t>(s.size(), 12);
    for (std::size_t i = 1; i + 1 < n; ++i) {
        if (!is_copula(s[i])) continue;
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
    for (const auto& s : doc)
        for (std::string_view w : s)
            if (W.news_cue_words.count(w) || is_iso_date(w)) return TextDomain::News;
    return TextDomain::Encyclopedic;
}

}  // namespace newsdex::entities
