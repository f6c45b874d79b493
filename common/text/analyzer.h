// Text analysis shared by the indexer and the searcher, so that index terms
// and query terms are made the same way:
//   UTF-8 text -> ICU word segmentation (BreakIterator; dictionary-based for
//   Chinese, Japanese, Thai ...) -> per word: NFKC compatibility folding, case
//   folding, diacritic folding (NFKD, combining marks dropped, a few letters
//   such as ø and ł mapped), typographic apostrophes to ' -> Snowball stem
//   (Xapian::Stem) in the article's language.
// CJK words become one positional term per character plus the dictionary word
// as a non-positional term: a typed CJK phrase is matched as a phrase of
// characters, however the segmenter split it in context.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace newsdex {

/// One term produced from text.
struct AnalyzedTerm {
    std::string term;        ///< stemmed, folded form as stored in the index
    std::string folded;      ///< folded form before stemming (for wildcard and snippets)
    std::size_t start = 0;   ///< byte offset of the word in the text
    std::size_t end = 0;     ///< byte offset one past the word
    bool positional = true;  ///< false for CJK dictionary words (indexed without position)
};

/// A language tag's primary subtag, lower-cased: "en-GB" -> "en", "ZH" -> "zh"
/// (what the lang: filter and the stored language use).
std::string language_code(std::string_view language);

/// Languages newsdex can stem, as ISO 639-1 codes ("en", "de", ...).
const std::vector<std::string>& stemming_languages();
/// The ISO code to stem with for an article language: the language itself
/// when supported, else "en".  Accepts "en", "EN", "en-GB", "english".
std::string stemming_language(std::string_view language);

/// Not thread-safe: one Analyzer per thread (they are cheap to make).
class Analyzer {
  public:
    Analyzer();
    ~Analyzer();
    Analyzer(Analyzer&&) noexcept;
    Analyzer& operator=(Analyzer&&) noexcept;

    /// Append the terms of `text`, stemmed for `language` (an ISO code from
    /// stemming_language()), in text order.
    void analyze(std::string_view text, const std::string& language, std::vector<AnalyzedTerm>& out);

    /// Segment only: words with their folded forms, no stemming (term ==
    /// folded).  CJK words are split into characters as in analyze().
    void segment(std::string_view text, std::vector<AnalyzedTerm>& out);

    /// Stem a folded word.
    std::string stem(const std::string& folded, const std::string& language);

    /// Fold one word: NFKC, case, diacritics, apostrophes.
    static std::string fold(std::string_view word);

    /// True for a term made of one CJK character.
    static bool is_cjk_char_term(std::string_view term);

  private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace newsdex
