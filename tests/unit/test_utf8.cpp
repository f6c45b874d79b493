// common/utf8: validation (well-formed sequences only), encoding, the
// Windows-1252 repair of legacy bytes, and whitespace helpers.
#include "common/text/utf8.h"

#include <doctest/doctest.h>

#include <string>

namespace utf8 = newsdex::utf8;

namespace {

std::string encoded(char32_t cp) {
    std::string out;
    utf8::append(out, cp);
    return out;
}

}  // namespace

TEST_CASE("utf8: well-formed text of every sequence length is valid") {
    CHECK(utf8::is_valid(""));
    CHECK(utf8::is_valid("plain ASCII, longer than one 8-byte word"));
    CHECK(utf8::is_valid("caf\xC3\xA9"));               // é, 2 bytes
    CHECK(utf8::is_valid("\xE2\x82\xAC 100"));          // €, 3 bytes
    CHECK(utf8::is_valid("\xF0\x9F\x93\xB0 news"));     // U+1F4F0, 4 bytes
    CHECK(utf8::is_valid("\xE4\xB8\xAD\xE5\x9B\xBD"));  // 中国
    CHECK(utf8::is_valid("\xF4\x8F\xBF\xBF"));          // U+10FFFF, the last code point
    CHECK(utf8::is_valid("\xEF\xBF\xBF"));              // U+FFFF (a noncharacter, but well-formed)
}

TEST_CASE("utf8: ill-formed sequences are found at their first byte") {
    using std::string;
    CHECK(utf8::find_invalid(string("\x80")) == 0u);                  // lone continuation byte
    CHECK(utf8::find_invalid(string("ab\xC3(")) == 2u);               // lead byte, then no continuation
    CHECK(utf8::find_invalid(string("\xC0\x80")) == 0u);              // overlong NUL
    CHECK(utf8::find_invalid(string("\xC1\xBF")) == 0u);              // overlong U+007F
    CHECK(utf8::find_invalid(string("\xE0\x80\xAF")) == 0u);          // overlong '/', 3 bytes
    CHECK(utf8::find_invalid(string("\xF0\x8F\xBF\xBF")) == 0u);      // overlong U+FFFF, 4 bytes
    CHECK(utf8::find_invalid(string("x\xED\xA0\x80")) == 1u);         // U+D800, a surrogate
    CHECK(utf8::find_invalid(string("\xED\xBF\xBF")) == 0u);          // U+DFFF, a surrogate
    CHECK(utf8::find_invalid(string("\xF4\x90\x80\x80")) == 0u);      // U+110000, past the last code point
    CHECK(utf8::find_invalid(string("\xF8\x88\x80\x80\x80")) == 0u);  // 5-byte form
    CHECK(utf8::find_invalid(string("\xFF")) == 0u);
    CHECK(utf8::find_invalid(string("\xFE")) == 0u);
    CHECK_FALSE(utf8::is_valid(string("caf\xE9")));  // Latin-1 é
}

TEST_CASE("utf8: a sequence cut short by the end of the text is invalid") {
    using std::string;
    CHECK(utf8::find_invalid(string("abc\xC3")) == 3u);
    CHECK(utf8::find_invalid(string("abc\xE2\x82")) == 3u);
    CHECK(utf8::find_invalid(string("abc\xF0\x9F\x93")) == 3u);
    // After the 8-bytes-at-a-time ASCII fast path, the offset is still exact.
    CHECK(utf8::find_invalid(string("0123456789abcdef\xE2\x82")) == 16u);
    CHECK(utf8::find_invalid(string("0123456789abcdefg\x80xyz")) == 17u);
    // A good sequence before the bad one is skipped whole.
    CHECK(utf8::find_invalid(string("\xC3\xA9\xC3")) == 2u);
}

TEST_CASE("utf8: append encodes each length, and what cannot be encoded becomes U+FFFD") {
    CHECK(encoded(U'A') == "A");
    CHECK(encoded(0x7F) == "\x7F");
    CHECK(encoded(0x80) == "\xC2\x80");
    CHECK(encoded(0xE9) == "\xC3\xA9");
    CHECK(encoded(0x7FF) == "\xDF\xBF");
    CHECK(encoded(0x800) == "\xE0\xA0\x80");
    CHECK(encoded(0x20AC) == "\xE2\x82\xAC");
    CHECK(encoded(0xFFFF) == "\xEF\xBF\xBF");
    CHECK(encoded(0x10000) == "\xF0\x90\x80\x80");
    CHECK(encoded(0x10FFFF) == "\xF4\x8F\xBF\xBF");
    CHECK(encoded(0xD800) == "\xEF\xBF\xBD");    // a surrogate has no UTF-8 form
    CHECK(encoded(0x110000) == "\xEF\xBF\xBD");  // past the last code point
    // Everything append writes is valid, at each boundary of the lengths.
    for (char32_t cp : {0x0u, 0x7Fu, 0x80u, 0x7FFu, 0x800u, 0xD7FFu, 0xE000u, 0xFFFDu, 0x10000u, 0x10FFFFu})
        CHECK(utf8::is_valid(encoded(cp)));
}

TEST_CASE("utf8: repair keeps good sequences and reads other bytes as Windows-1252") {
    CHECK(utf8::repair_cp1252("caf\xC3\xA9") == "caf\xC3\xA9");  // already UTF-8: unchanged
    CHECK(utf8::repair_cp1252("caf\xE9") == "caf\xC3\xA9");      // Latin-1 é
    CHECK(utf8::repair_cp1252("\x80 5") == "\xE2\x82\xAC 5");    // cp1252 euro sign
    CHECK(utf8::repair_cp1252("\x93quoted\x94") == "\xE2\x80\x9Cquoted\xE2\x80\x9D");
    CHECK(utf8::repair_cp1252("\x81") == "\xEF\xBF\xBD");                          // undefined in cp1252
    CHECK(utf8::repair_cp1252("\xC3") == "\xC3\x83");                              // a cut sequence's lead byte is Ã
    CHECK(utf8::repair_cp1252("\xED\xA0\x80") == "\xC3\xAD\xC2\xA0\xE2\x82\xAC");  // surrogate bytes, one by one
    const std::string mixed("\xFF\xFE\0\x80\xC0\x80", 6);
    CHECK(utf8::repair_cp1252(mixed).size() > mixed.size());
    CHECK(utf8::is_valid(utf8::repair_cp1252(mixed)));
}

TEST_CASE("utf8: replace_invalid keeps good sequences and makes each other byte U+FFFD") {
    CHECK(utf8::replace_invalid("caf\xC3\xA9") == "caf\xC3\xA9");
    CHECK(utf8::replace_invalid("a\xFF"
                                "b") ==
          "a\xEF\xBF\xBD"
          "b");
    CHECK(utf8::replace_invalid("\xED\xA0\x80") == "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");  // a surrogate
    CHECK(utf8::replace_invalid("\xC3") == "\xEF\xBF\xBD");                                  // cut short by the end
    CHECK(utf8::is_valid(utf8::replace_invalid(std::string("\xFF\xFE\0\x80\xC0\x80", 6))));
}

TEST_CASE("utf8: whitespace is collapsed and trimmed") {
    CHECK(utf8::collapse_whitespace("  a \t\n b\r\n") == "a b");
    CHECK(utf8::collapse_whitespace("a\xC2\xA0\xC2\xA0 b") == "a b");  // no-break spaces count
    CHECK(utf8::collapse_whitespace("\xC2\xA0") == "");
    CHECK(utf8::collapse_whitespace("caf\xC3\xA9") == "caf\xC3\xA9");  // other C2/C3 sequences kept
    CHECK(utf8::collapse_whitespace("\xC2") == "\xC2");                // a cut C2 is not a space
    CHECK(utf8::trim("\t x y \n") == "x y");
    CHECK(utf8::trim("   ").empty());
    CHECK(utf8::trim("\xC2\xA0x") == "\xC2\xA0x");  // trim is ASCII-only
}
