// Entity slugs: the spelling of a company or person in index terms and in
// the alias table.  Stored on disk, so a change here is a schema change.
#include "common/text/slug.h"
#include "common/text/ascii.h"

#include "common/text/script.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

namespace newsdex {

namespace {

inline bool ascii_alnum(unsigned char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

void append_utf8(std::string& out, UChar32 c) {
    char buf[4];
    int32_t len = 0;
    UBool err = false;
    U8_APPEND(buf, len, 4, c, err);
    if (!err) out.append(buf, std::size_t(len));
}

}  // namespace

std::string entity_slug(std::string_view name) {
    std::string out;
    bool sep = false;
    std::size_t run = 0;  // length of the current alnum run (in characters)
    auto put = [&](std::string_view piece) {
        if (sep && !out.empty()) out.push_back('-');
        sep = false;
        out.append(piece);
        ++run;
    };
    auto put_cp = [&](UChar32 c) {
        if (c < 0x80) {
            if (ascii_alnum((unsigned char)c)) {
                char ch = ascii::to_lower(char(c));
                put(std::string_view(&ch, 1));
            } else {
                sep = true;
                run = 0;
            }
            return;
        }
        switch (c) {
            case 0x00DF: put("ss"); return;
            case 0x00E6:
            case 0x00C6: put("ae"); return;
            case 0x0153:
            case 0x0152: put("oe"); return;
            case 0x00F8:
            case 0x00D8: put("o"); return;
            case 0x0111:
            case 0x0110: put("d"); return;
            case 0x0142:
            case 0x0141: put("l"); return;
            case 0x00FE:
            case 0x00DE: put("th"); return;
            case 0x0131: put("i"); return;
            default: break;
        }
        if (u_isalnum(c)) {
            std::string s;
            append_utf8(s, u_tolower(c));
            put(s);
        } else {
            sep = true;
            run = 0;
        }
    };
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* nfkd = icu::Normalizer2::getNFKDInstance(status);
    const std::size_t n = name.size();
    for (std::size_t i = 0; i < n;) {
        unsigned char b = (unsigned char)name[i];
        if (b < 0x80) {
            char c = char(b);
            // Dropped without a separator: apostrophes, '&' and '.' inside
            // initials/abbreviations ("AT&T" -> "att", "I.B.M." -> "ibm").
            if (c == '\'') {
                ++i;
                continue;
            }
            if (c == '&' && i > 0 && i + 1 < n && ascii_alnum((unsigned char)name[i - 1]) &&
                ascii_alnum((unsigned char)name[i + 1])) {
                ++i;
                continue;
            }
            if (c == '.' && run == 1 && i + 1 < n && ascii_alnum((unsigned char)name[i + 1])) {
                ++i;
                run = 0;
                continue;
            }
            if (c == '.' && run == 1 && i > 1 && name[i - 2] == '.') {
                ++i;
                continue;
            }
            put_cp(b);
            if (!ascii_alnum(b)) run = 0;
            ++i;
            continue;
        }
        UChar32 c;
        int32_t j = int32_t(i);
        U8_NEXT(name.data(), j, int32_t(n), c);
        i = std::size_t(j);
        if (c < 0) {
            sep = true;
            continue;
        }
        if (c == 0x2019 || c == 0x2018) continue;  // curly apostrophes
        // Kept whole, never NFKD-decomposed: NFKD would split a Hangul
        // syllable into jamo and change a CJK compatibility ideograph.
        // Half-width katakana does go through NFKD, which folds it to the
        // full-width form, so both spellings of a name give one slug.
        bool cjk = (text::is_cjk_codepoint(c) && !text::is_halfwidth_katakana(c)) || text::is_hangul_syllable(c);
        if (cjk || U_FAILURE(status)) {
            if (u_isalnum(c) || cjk) {
                std::string s;
                append_utf8(s, c);
                put(s);
            } else {
                sep = true;
            }
            continue;
        }
        icu::UnicodeString decomposed;
        UErrorCode st = U_ZERO_ERROR;
        nfkd->normalize(icu::UnicodeString(c), decomposed, st);
        if (U_FAILURE(st)) continue;
        for (int32_t k = 0; k < decomposed.length();) {
            UChar32 d = decomposed.char32At(k);
            k += U16_LENGTH(d);
            if (u_charType(d) == U_NON_SPACING_MARK || u_charType(d) == U_COMBINING_SPACING_MARK) continue;
            put_cp(d);
        }
    }
    return out;
}

}  // namespace newsdex
