// Terminal helpers for the CLIs: colour only on a TTY (NO_COLOR respected),
// number formatting, and a progress bar with rate and ETA.
#pragma once

#include "common/text/numbers.h"

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <string>

namespace newsdex::term {

/// True when `stream` is a terminal.
bool is_tty(std::FILE* stream);
/// True when output to `stream` should be coloured: a TTY, NO_COLOR unset
/// (https://no-color.org), TERM not "dumb".
bool use_color(std::FILE* stream);

/// ANSI escapes, or empty strings when colour is off.
struct Style {
    std::string bold, dim, reset, red, green, yellow, blue, cyan, magenta;
    static Style for_stream(std::FILE* stream);  ///< colours when use_color(stream)
    static Style colored();                      ///< colours always (--color=always)
};

/// 1234567 -> "1,234,567" (text/numbers.h; the library writes it in messages too).
using text::thousands;
/// 75.3 s -> "1:15", 3725 s -> "1:02:05".
std::string duration(double seconds);
/// 1536 -> "1.5 KB"
std::string bytes(std::uint64_t n);
/// Display width in terminal columns of UTF-8 text (CJK wide = 2).
std::size_t display_width(const std::string& utf8);
/// Pad (or cut, with "…") UTF-8 text to exactly `width` columns.
std::string fit(const std::string& utf8, std::size_t width);

/// A one-line progress bar on stderr, redrawn at most 10 times a second,
/// drawn only when stderr is a terminal.
class ProgressBar {
  public:
    /// `unit` names what update()'s count counts ("articles"; "MiB" for a compaction).
    explicit ProgressBar(std::string label, std::string unit = "articles");
    /// done/total in bytes of input (total 0 = unknown), count in the bar's unit.
    void update(std::uint64_t done, std::uint64_t total, std::uint64_t count);
    /// Erase the bar.
    void finish();

  private:
    std::string label_;
    std::string unit_;
    bool enabled_;
    std::chrono::steady_clock::time_point start_, last_draw_;
    bool drawn_ = false;
};

}  // namespace newsdex::term
