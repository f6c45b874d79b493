// UTF-8 helpers used by the readers: validation, repair of legacy 8-bit text,
// and whitespace normalisation.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace newsdex::utf8 {

/// Offset of the first byte that does not start a well-formed UTF-8 sequence
/// (overlongs, surrogates and code points above U+10FFFF are ill-formed), or
/// nullopt when the whole text is valid.
std::optional<std::size_t> find_invalid(std::string_view text);

inline bool is_valid(std::string_view text) { return !find_invalid(text); }

/// Append code point `cp` encoded as UTF-8.
void append(std::string& out, char32_t cp);

/// Copy `text`, keeping well-formed UTF-8 sequences and decoding every other
/// byte as Windows-1252 (a superset of Latin-1 for printable characters).
std::string repair_cp1252(std::string_view text);

/// Copy `text`, keeping well-formed UTF-8 sequences and replacing every other
/// byte with U+FFFD, as HTML parsers do with bad character references (gumbo
/// 0.10 lets an overflowing `&#8222...;` through as bytes that are not UTF-8).
std::string replace_invalid(std::string_view text);

/// Collapse runs of whitespace (ASCII whitespace and U+00A0) into one space
/// and trim both ends.
std::string collapse_whitespace(std::string_view text);

/// Trim ASCII whitespace at both ends.
std::string_view trim(std::string_view text);

}  // namespace newsdex::utf8
