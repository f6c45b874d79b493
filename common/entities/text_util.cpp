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

std::size_t count_words(std::string_view s) {
    std::size_t n = 0;
    bool in_word = false;
    for (char c : s) {
        const bool word_char = !is_space(c);
        n += word_char && !in_word;
        in_word = word_char;
    }
    return n;
}

std::string join(const std::vector<std::string>& v, std::size_t b, std::size_t e, const char* sep) {
    std::string r;
    for (std::size_t i = b; i < e; ++i) {
        if (i > b) r += sep;
        r += v[i];
    }
    return r;
}

namespace {

/// Append the whitespace-separated words of `text` to `w`, trailing commas
/// cut and empty words dropped (views into `text`).
void append_company_words(std::string_view text, std::vector<std::string_view>& w) {
    for (std::size_t i = 0; i < text.size();) {
        while (i < text.size() && is_space(text[i])) ++i;
        std::size_t j = i;
        while (j < text.size() && !is_space(text[j])) ++j;
        std::string_view x = text.substr(i, j - i);
        while (!x.empty() && x.back() == ',') x.remove_suffix(1);
        if (!x.empty()) w.push_back(x);
        i = j;
    }
}

/// The range [b, e) of `w` left after trailing legal suffixes and "and" /
/// "&", and a leading "the", are cut (one word at least stays).
std::pair<std::size_t, std::size_t> company_core(const std::vector<std::string_view>& w,
                                                 const WordSet& legal_suffixes) {
    std::size_t b = 0, e = w.size();
    while (e - b > 1 && legal_suffixes.count(w[e - 1])) --e;
    while (e - b > 1 && (w[e - 1] == "&" || iequals(w[e - 1], "and"))) --e;
    if (e - b > 1 && iequals(w[b], "the")) ++b;
    return {b, e};
}

}  // namespace

std::string strip_company(std::string_view name, const WordSet& legal_suffixes) {
    // Called for every mention and alias lookup: views, no string per word.
    thread_local std::vector<std::string_view> w;
    w.clear();
    append_company_words(name, w);
    const auto [b, e] = company_core(w, legal_suffixes);
    std::string r;
    for (std::size_t i = b; i < e; ++i) {
        if (i > b) r += ' ';
        r += w[i];
    }
    return r;
}

std::vector<std::string> strip_company_words(const std::vector<std::string>& words, const WordSet& legal_suffixes) {
    // split_words(strip_company(join(words))) without the round trip
    thread_local std::vector<std::string_view> w;
    w.clear();
    for (auto& word : words) append_company_words(word, w);
    const auto [b, e] = company_core(w, legal_suffixes);
    return std::vector<std::string>(w.begin() + long(b), w.begin() + long(e));
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
