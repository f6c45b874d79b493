// ASCII character classes and case, independent of the C locale (unlike
// <cctype>): for formats, query syntax and slugs, whose rules are ASCII.
// Text in general goes through ICU (text/analyzer, text/utf8).
#pragma once

#include <string>
#include <string_view>

namespace newsdex::ascii {

/// Space, tab, newline, carriage return, form feed, vertical tab.
constexpr bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }
constexpr bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
constexpr bool is_lower(char c) { return c >= 'a' && c <= 'z'; }
constexpr bool is_digit(char c) { return c >= '0' && c <= '9'; }
constexpr bool is_alpha(char c) { return is_upper(c) || is_lower(c); }
constexpr bool is_alnum(char c) { return is_alpha(c) || is_digit(c); }
/// 'A'..'Z' to 'a'..'z'; every other byte (UTF-8 included) unchanged.
constexpr char to_lower(char c) { return is_upper(c) ? static_cast<char>(c - 'A' + 'a') : c; }
/// 'a'..'z' to 'A'..'Z'; every other byte unchanged.
constexpr char to_upper(char c) { return is_lower(c) ? static_cast<char>(c - 'a' + 'A') : c; }

/// `s` with ASCII letters lower-cased.
inline std::string lower(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = to_lower(c);
    return out;
}
/// `s` with ASCII letters upper-cased.
inline std::string upper(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = to_upper(c);
    return out;
}

}  // namespace newsdex::ascii
