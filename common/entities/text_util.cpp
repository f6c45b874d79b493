// Text helpers of the entity extractor (see text_util.h).
#include "common/entities/text_util.h"

#include <algorithm>
#include <cctype>
#include <set>

namespace newsdex::entities {

std::string lower_ascii(std::string_view s) { return ner::ascii_lower(s); }

bool has_lowercase(std::string_view s) {
    for (char c : s)
        if (is_lower_c(c)) return true;
    return false;
}

std::vector<std::string> split_words(std::string_view s) {
    std::vector<std::string> out;
    std::size_t i = 0;
    while (i < s.size()) {
        while (i < s.size() && is_space(s[i])) ++i;
        std::size_t j = i;
        while (j < s.size() && !is_space(s[j])) ++j;
        if (j > i) out.emplace_back(s.substr(i, j - i));
        i = j;
    }
    return out;
}

std::string join(const std::vector<std::string>& v, std::size_t b, std::size_t e, const char* sep) {
    std::string r;
    for (std::size_t i = b; i < e; ++i) {
        if (i > b) r += sep;
        r += v[i];
    }
    return r;
}

std::string strip_company(std::string_view name, const WordSet& legal_suffixes) {
    auto w = split_words(name);
    for (auto& x : w)
        while (!x.empty() && x.back() == ',') x.pop_back();
    w.erase(std::remove(w.begin(), w.end(), std::string()), w.end());
    while (w.size() > 1 && legal_suffixes.count(w.back())) w.pop_back();
    while (w.size() > 1 && (w.back() == "&" || iequals(w.back(), "and"))) w.pop_back();
    if (w.size() > 1 && iequals(w.front(), "the")) w.erase(w.begin());
    return join(w, 0, w.size());
}

bool looks_like_slug(std::string_view s) {
    if (s.empty()) return false;
    for (char c : s)
        if (!(is_lower_c(c) || is_digit_c(c) || c == '-')) return false;
    return true;
}

std::string title_case_word(std::string_view s) { return ner::ascii_title_case(s); }

std::string title_case_words(std::string_view s, const WordSet& short_words) {
    std::string r;
    for (auto& w : split_words(s)) {
        if (!r.empty()) r += ' ';
        std::size_t letters = 0;
        for (char c : w) letters += std::isalpha((unsigned char)c) ? 1 : 0;
        // the short-word list is upper case and matched exactly ("of" stays "of")
        const bool ordinary = short_words.count(w) && !has_lowercase(w);
        if (letters <= 3 && letters == w.size() && !ordinary) {
            r += w;
            continue;
        }
        r += title_case_word(w);
    }
    return r;
}

void absorb(Entity& o, const Entity& e) {
    o.offsets.insert(o.offsets.end(), e.offsets.begin(), e.offsets.end());
    std::sort(o.offsets.begin(), o.offsets.end());
    o.offsets.erase(std::unique(o.offsets.begin(), o.offsets.end()), o.offsets.end());
    o.mentions = o.offsets.size();
    std::set<std::string> a(o.aliases.begin(), o.aliases.end());
    a.insert(e.aliases.begin(), e.aliases.end());
    if (e.name != o.name) a.insert(e.name);
    a.erase(o.name);
    o.aliases.assign(a.begin(), a.end());
}

}  // namespace newsdex::entities
