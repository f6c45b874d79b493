#include "common/text/analyzer.h"
#include "common/text/ascii.h"

#include "common/text/script.h"
#include "common/text/stem_cache.h"

#include "common/schema/schema.h"
#include "newsdex/error.h"

#include <unicode/brkiter.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utext.h>

#include <xapian.h>

#include <algorithm>
#include <cctype>
#include <unordered_map>

namespace newsdex {

namespace {

// ISO 639-1 code -> Xapian stemmer name, for the languages Xapian 1.4 stems.
struct StemLanguage {
    const char* code;
    const char* xapian_name;
};
constexpr StemLanguage kStemLanguages[] = {
    {"ar", "arabic"},    {"ca", "catalan"},  {"da", "danish"},     {"de", "german"},     {"en", "english"},
    {"es", "spanish"},   {"eu", "basque"},   {"fi", "finnish"},    {"fr", "french"},     {"ga", "irish"},
    {"hu", "hungarian"}, {"hy", "armenian"}, {"id", "indonesian"}, {"it", "italian"},    {"lt", "lithuanian"},
    {"ne", "nepali"},    {"nl", "dutch"},    {"no", "norwegian"},  {"pt", "portuguese"}, {"ro", "romanian"},
    {"ru", "russian"},   {"sv", "swedish"},  {"ta", "tamil"},      {"tr", "turkish"},
};

const char* xapian_stemmer_name(const std::string& code) {
    for (const auto& l : kStemLanguages)
        if (code == l.code) return l.xapian_name;
    return nullptr;
}

// Letters that Unicode does not decompose into base + mark, folded by hand so
// that "Ørsted" matches "orsted" and "Łódź" matches "lodz".
UChar32 fold_special_letter(UChar32 c, const char** expansion) {
    *expansion = nullptr;
    switch (c) {
        case 0x00F8: return 'o';                   // ø
        case 0x0111: return 'd';                   // đ
        case 0x00F0: return 'd';                   // ð
        case 0x0142: return 'l';                   // ł
        case 0x0127: return 'h';                   // ħ
        case 0x0131: return 'i';                   // dotless ı
        case 0x00E6: *expansion = "ae"; return 0;  // æ
        case 0x0153: *expansion = "oe"; return 0;  // œ
        case 0x00FE: *expansion = "th"; return 0;  // þ
        case 0x2019:
        case 0x2018:
        case 0x02BC:
        case 0x02B9:
        case 0x0060:
        case 0x00B4: return '\'';  // typographic apostrophes
        default: return c;
    }
}

bool is_ascii(std::string_view s) {
    for (unsigned char c : s)
        if (c >= 0x80) return false;
    return true;
}

}  // namespace

const std::vector<std::string>& stemming_languages() {
    static const std::vector<std::string> codes = [] {
        std::vector<std::string> v;
        for (const auto& l : kStemLanguages) v.emplace_back(l.code);
        return v;
    }();
    return codes;
}

std::string language_code(std::string_view language) {
    while (!language.empty() && ascii::is_space(language.front())) language.remove_prefix(1);
    while (!language.empty() && ascii::is_space(language.back())) language.remove_suffix(1);
    return ascii::lower(language.substr(0, language.find_first_of("-_")));
}

std::string stemming_language(std::string_view language) {
    std::string code = language_code(language);
    if (xapian_stemmer_name(code)) return code;
    for (const auto& l : kStemLanguages)
        if (code == l.xapian_name) return l.code;
    return "en";
}

bool Analyzer::is_cjk_char_term(std::string_view term) {
    if (term.empty() || is_ascii(term)) return false;
    UChar32 c;
    int32_t i = 0;
    U8_NEXT(reinterpret_cast<const uint8_t*>(term.data()), i, static_cast<int32_t>(term.size()), c);
    return i == static_cast<int32_t>(term.size()) && text::is_cjk_codepoint(c);
}

std::string Analyzer::fold(std::string_view word) {
    if (is_ascii(word)) {  // one pass, one allocation at most: most words of most articles
        std::string out(word.size(), '\0');
        for (std::size_t i = 0; i < word.size(); ++i) out[i] = word[i] == '`' ? '\'' : ascii::to_lower(word[i]);
        return out;
    }
    UErrorCode status = U_ZERO_ERROR;
    static const icu::Normalizer2* nfkd = icu::Normalizer2::getNFKDInstance(status);
    static const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
    icu::UnicodeString u =
        icu::UnicodeString::fromUTF8(icu::StringPiece(word.data(), static_cast<int32_t>(word.size())));
    u.foldCase();
    icu::UnicodeString decomposed = nfkd->normalize(u, status);
    if (U_FAILURE(status)) return std::string(word);
    icu::UnicodeString stripped;
    for (int32_t i = 0; i < decomposed.length();) {
        UChar32 c = decomposed.char32At(i);
        i += U16_LENGTH(c);
        if (u_charType(c) == U_NON_SPACING_MARK) continue;
        const char* expansion;
        UChar32 mapped = fold_special_letter(c, &expansion);
        if (expansion)
            stripped.append(icu::UnicodeString(expansion));
        else
            stripped.append(mapped);
    }
    icu::UnicodeString composed = nfc->normalize(stripped, status);
    if (U_FAILURE(status)) composed = stripped;
    // Case folding after NFKD can expose new upper-case letters (e.g. from
    // compatibility characters); fold once more.
    composed.foldCase();
    std::string out;
    composed.toUTF8String(out);
    return out;
}

struct Analyzer::Impl {
    std::unique_ptr<icu::BreakIterator> words;
    std::unordered_map<std::string, Xapian::Stem> stemmers;
    std::unordered_map<std::string, StemCache> stem_cache;
    // The cache of the language used last: articles come one language at a
    // time, so most tokens skip the lookup by language.
    const std::string* last_language = nullptr;
    StemCache* last_cache = nullptr;

    Impl() {
        UErrorCode status = U_ZERO_ERROR;
        words.reset(icu::BreakIterator::createWordInstance(icu::Locale::getRoot(), status));
        if (U_FAILURE(status) || !words)
            throw SystemError(std::string("ICU word break iterator unavailable: ") + u_errorName(status));
    }

    const Xapian::Stem& stemmer(const std::string& language) {
        auto it = stemmers.find(language);
        if (it != stemmers.end()) return it->second;
        const char* name = xapian_stemmer_name(language);
        return stemmers.emplace(language, Xapian::Stem(name ? name : "english")).first->second;
    }

    // Segment text; call emit(folded, start, end, positional, is_cjk_piece).
    template <typename Emit>
    void segment(std::string_view text, Emit&& emit) {
        UErrorCode status = U_ZERO_ERROR;
        UText* ut = utext_openUTF8(nullptr, text.data(), static_cast<int64_t>(text.size()), &status);
        if (U_FAILURE(status)) throw SystemError("ICU cannot read text");
        words->setText(ut, status);
        int32_t start = words->first();
        for (int32_t end = words->next(); end != icu::BreakIterator::DONE; start = end, end = words->next()) {
            int32_t rule = words->getRuleStatus();
            if (rule < UBRK_WORD_NONE_LIMIT) continue;
            std::string_view word = text.substr(static_cast<std::size_t>(start), static_cast<std::size_t>(end - start));
            if (word.size() > schema::kMaxTermBytes) continue;
            bool cjk = (rule >= UBRK_WORD_KANA && rule < UBRK_WORD_KANA_LIMIT) ||
                       (rule >= UBRK_WORD_IDEO && rule < UBRK_WORD_IDEO_LIMIT);
            if (!cjk) {
                std::string folded = Analyzer::fold(word);
                if (!folded.empty()) emit(std::move(folded), start, end, true, false);
                continue;
            }
            // CJK: one positional term per character, then the word itself.
            const auto* bytes = reinterpret_cast<const uint8_t*>(text.data());
            int32_t i = start;
            int pieces = 0;
            while (i < end) {
                int32_t char_start = i;
                UChar32 c;
                U8_NEXT(bytes, i, end, c);
                if (c < 0) continue;
                std::string folded = Analyzer::fold(text.substr(char_start, i - char_start));
                if (folded.empty()) continue;
                emit(std::move(folded), char_start, i, true, true);
                ++pieces;
            }
            if (pieces > 1) emit(Analyzer::fold(word), start, end, false, true);
        }
        words->setText(icu::UnicodeString());
        utext_close(ut);
    }

    /// The terms of `text`: stemmed for *language, or (null) folded only.
    void collect(std::string_view text, const std::string* language, std::vector<AnalyzedTerm>& out) {
        segment(text, [&](std::string&& folded, int32_t start, int32_t end, bool positional, bool cjk) {
            AnalyzedTerm& t = out.emplace_back();
            if (cjk || !language)
                t.term = folded;
            else
                t.term = stem(folded, *language);
            t.folded = std::move(folded);
            t.start = static_cast<std::size_t>(start);
            t.end = static_cast<std::size_t>(end);
            t.positional = positional;
        });
    }

    /// The cached stem (valid until the next call: the cache may be cleared).
    const std::string& stem(const std::string& folded, const std::string& language) {
        if (!last_language || *last_language != language) {
            last_cache = &stem_cache[language];
            last_language = &stem_cache.find(language)->first;
        }
        if (const std::string* cached = last_cache->find(folded)) return *cached;
        std::string stemmed = stemmer(language)(folded);
        if (stemmed.empty()) stemmed = folded;
        return last_cache->insert(folded, std::move(stemmed));
    }
};

Analyzer::Analyzer() : impl_(std::make_unique<Impl>()) {}
Analyzer::~Analyzer() = default;
Analyzer::Analyzer(Analyzer&&) noexcept = default;
Analyzer& Analyzer::operator=(Analyzer&&) noexcept = default;

void Analyzer::analyze(std::string_view text, const std::string& language, std::vector<AnalyzedTerm>& out) {
    impl_->collect(text, &language, out);
}

void Analyzer::segment(std::string_view text, std::vector<AnalyzedTerm>& out) { impl_->collect(text, nullptr, out); }

std::string Analyzer::stem(const std::string& folded, const std::string& language) {
    if (is_cjk_char_term(folded)) return folded;
    return impl_->stem(folded, language);
}

}  // namespace newsdex
