// Small text helpers shared by the entity extractor's stages: ASCII case
// tests, case-insensitive hashed word sets, word splitting and joining,
// company-name stripping and title-casing of ALL-CAPS names.
//
// Internal header: used by common/entities/*.cpp and their unit tests.
#pragma once

#include "common/entities/entities.h"
#include "common/text/ascii.h"
#include "common/entities/ner.h"

#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

namespace newsdex::entities {

inline bool ascii_alnum(unsigned char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}
using ascii::is_space;
inline bool is_upper_c(char c) { return c >= 'A' && c <= 'Z'; }
inline bool is_lower_c(char c) { return c >= 'a' && c <= 'z'; }
inline bool is_digit_c(char c) { return c >= '0' && c <= '9'; }
inline bool starts_upper(std::string_view w) { return !w.empty() && is_upper_c(w[0]); }

/// Hash of the ASCII-lower-cased bytes of w (== ner::hash_str(lower_ascii(w))),
/// without building the lower-case string.  `h` continues a running hash.
inline std::uint64_t lower_hash(std::string_view w, std::uint64_t h = fnv::kOffsetBasis) {
    for (char c : w) {
        h ^= (unsigned char)ascii::to_lower(c);
        h *= fnv::kPrime;
    }
    return h;
}

/// Hash of a token sequence, lower-cased and ' '-joined (as Lexicon::add_company).
template <typename Words>
std::uint64_t phrase_hash(const Words& words, std::size_t b, std::size_t e) {
    std::uint64_t h = fnv::kOffsetBasis;
    for (std::size_t k = b; k < e; ++k) {
        if (k > b) h = ner::hash_bytes(h, " ");
        h = lower_hash(words[k], h);
    }
    return h;
}

/// ASCII case-insensitive comparison with a lower-case literal.
inline bool iequals(std::string_view w, std::string_view lower) {
    if (w.size() != lower.size()) return false;
    for (std::size_t i = 0; i < w.size(); ++i) {
        char c = w[i];
        c = ascii::to_lower(c);
        if (c != lower[i]) return false;
    }
    return true;
}

/// A set of words or phrases, looked up case-insensitively by 64-bit hash
/// (no allocation or lower-casing per lookup).
class WordSet {
  public:
    WordSet() = default;
    WordSet(std::initializer_list<const char*> words) {
        for (const char* w : words) add(w);
    }
    template <typename It>
    WordSet(It b, It e) {
        for (; b != e; ++b) add(*b);
    }
    void add(std::string_view w) { set_.insert(lower_hash(w)); }
    std::size_t count(std::string_view w) const { return set_.count(lower_hash(w)); }
    /// count() of a word given its lower_hash (to test one word against several sets).
    std::size_t count_hash(std::uint64_t lower_hash_of_word) const { return set_.count(lower_hash_of_word); }
    std::size_t size() const { return set_.size(); }

  private:
    ner::HashMap64<std::uint8_t> set_;
};

std::string lower_ascii(std::string_view s);
bool has_lowercase(std::string_view s);
std::vector<std::string> split_words(std::string_view s);
/// split_words(s).size(), without the copies.
std::size_t count_words(std::string_view s);
std::string join(const std::vector<std::string>& v, std::size_t b, std::size_t e, const char* sep = " ");
/// Only lower-case letters, digits and '-' ("james-baker"): a Reuters tag or an id.
bool looks_like_slug(std::string_view s);
/// "MERRILL LYNCH" -> "Merrill Lynch"; each word's first letter upper case.
std::string title_case_word(std::string_view s);
/// Title-case an ALL-CAPS name word by word; words of up to three letters stay
/// upper case (acronyms: "AM", "USX") unless `short_words` lists them ("OF", "OIL").
std::string title_case_words(std::string_view s, const WordSet& short_words);
/// Company name without trailing legal suffixes, leading "The" and trailing commas.
std::string strip_company(std::string_view name, const WordSet& legal_suffixes);
/// The words of strip_company(join(words)), without building the joined name.
std::vector<std::string> strip_company_words(const std::vector<std::string>& words, const WordSet& legal_suffixes);
/// Fold entity `e` into `o` (the same canonical entity): mentions, offsets
/// and the names it went by.
void absorb(Entity& o, const Entity& e);

}  // namespace newsdex::entities
