// Terminal layout for newsdex-search: the output width, line wrapping that
// breaks where ICU's line breaker allows (between words, and between CJK
// characters, which have no spaces), and colours chosen by --color.
#pragma once

#include "cli/terminal.h"

#include <cstdio>
#include <string>

namespace newsdex::cli {

/// Columns to fill: $COLUMNS when it is a positive number, else the width of
/// the terminal `stream` is on, else 100.
std::size_t output_width(std::FILE* stream);

/// `text` (UTF-8, may hold ANSI colour escapes, which take no columns) wrapped
/// so that no line is wider than `width` columns, each line starting with
/// `indent`.  Newlines in `text` are kept.  A word wider than a line is put
/// on a line of its own and overflows.
std::string wrap(const std::string& text, std::size_t width, const std::string& indent);

/// Display columns of `text` with its ANSI escapes removed.
std::size_t visible_width(const std::string& text);

/// --color: auto (a terminal and NO_COLOR unset), always, never.
enum class ColorMode { Auto, Always, Never };

/// Escapes for `mode` on `stream`.  `always` overrides NO_COLOR, as
/// no-color.org asks of a per-invocation option.
term::Style style_for(ColorMode mode, std::FILE* stream);

}  // namespace newsdex::cli
