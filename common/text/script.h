// Which script a code point belongs to, where the analyzer and the slugs
// must agree (text/analyzer.cpp, text/slug.cpp).
#pragma once

#include <unicode/umachine.h>

namespace newsdex::text {

/// Half-width katakana (U+FF66..U+FF9F), which NFKC/NFKD fold to full width.
inline bool is_halfwidth_katakana(UChar32 c) { return c >= 0xFF66 && c <= 0xFF9F; }

/// Han ideographs and kana: scripts written without spaces, which the
/// analyzer indexes one character per position.
inline bool is_cjk_codepoint(UChar32 c) {
    return (c >= 0x3040 && c <= 0x30FF) ||    // hiragana, katakana
           (c >= 0x3400 && c <= 0x4DBF) ||    // CJK ext A
           (c >= 0x4E00 && c <= 0x9FFF) ||    // CJK unified
           (c >= 0xF900 && c <= 0xFAFF) ||    // compatibility ideographs
           (c >= 0x20000 && c <= 0x3134F) ||  // ext B..G
           (c >= 0x31F0 && c <= 0x31FF) ||    // katakana phonetic ext
           is_halfwidth_katakana(c);
}

/// Precomposed Hangul syllables.  Korean is written with spaces, so the
/// analyzer treats it as words; slugs keep the syllables whole.
inline bool is_hangul_syllable(UChar32 c) { return c >= 0xAC00 && c <= 0xD7AF; }

}  // namespace newsdex::text
