#include "layout.h"

#include <unicode/brkiter.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <sys/ioctl.h>
#include <unistd.h>

#include <cstdlib>
#include <memory>
#include <vector>

namespace newsdex::cli {

std::size_t output_width(std::FILE* stream) {
    if (const char* columns = std::getenv("COLUMNS"); columns && *columns) {
        char* end = nullptr;
        long value = std::strtol(columns, &end, 10);
        if (*end == '\0' && value > 0 && value <= 100000) return static_cast<std::size_t>(value);
    }
    winsize size{};
    if (term::is_tty(stream) && ioctl(fileno(stream), TIOCGWINSZ, &size) == 0 && size.ws_col > 0) return size.ws_col;
    return 100;
}

namespace {

/// `text` without its ANSI escapes ("\033[...m"), and for each byte of that
/// (and one past the end) its offset in `text`.
std::string strip_escapes(const std::string& text, std::vector<std::size_t>* source_offsets) {
    std::string visible;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\033') {
            while (i < text.size() && text[i] != 'm') ++i;
            continue;
        }
        if (source_offsets) source_offsets->push_back(i);
        visible += text[i];
    }
    if (source_offsets) source_offsets->push_back(text.size());
    return visible;
}

/// Byte offsets in UTF-8 `visible` where a line may break (ICU's line
/// breaker, root locale: spaces, hyphens, and between CJK characters).
std::vector<std::size_t> break_offsets(const std::string& visible) {
    icu::UnicodeString u = icu::UnicodeString::fromUTF8(visible);
    // UTF-16 index -> UTF-8 byte offset.
    std::vector<std::size_t> byte_at(static_cast<std::size_t>(u.length()) + 1, visible.size());
    {
        std::int32_t i = 0, u16 = 0;
        const auto* s = reinterpret_cast<const std::uint8_t*>(visible.data());
        const auto length = static_cast<std::int32_t>(visible.size());
        while (i < length && u16 < u.length()) {
            byte_at[static_cast<std::size_t>(u16)] = static_cast<std::size_t>(i);
            UChar32 c;
            U8_NEXT(s, i, length, c);
            u16 += c < 0 ? 1 : U16_LENGTH(c);
        }
    }
    std::vector<std::size_t> out;
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::BreakIterator> lines(icu::BreakIterator::createLineInstance(icu::Locale::getRoot(), status));
    if (U_FAILURE(status)) {  // no break data: break after spaces only
        for (std::size_t i = 0; i < visible.size(); ++i)
            if (visible[i] == ' ') out.push_back(i + 1);
        out.push_back(visible.size());
        return out;
    }
    lines->setText(u);
    for (std::int32_t b = lines->next(); b != icu::BreakIterator::DONE; b = lines->next())
        out.push_back(byte_at[static_cast<std::size_t>(b)]);
    return out;
}

/// One line of `text` (no newline) wrapped.
void wrap_line(const std::string& text, std::size_t width, const std::string& indent, std::string& out) {
    std::vector<std::size_t> source;
    const std::string visible = strip_escapes(text, &source);
    const std::size_t room = width > term::display_width(indent) + 10 ? width - term::display_width(indent) : 10;
    out += indent;
    std::size_t column = 0, from = 0;
    for (std::size_t to : break_offsets(visible)) {
        if (to <= from) continue;
        std::string piece = visible.substr(from, to - from);
        std::size_t full = term::display_width(piece);
        std::size_t end = piece.find_last_not_of(' ');
        std::size_t trimmed = end == std::string::npos ? 0 : term::display_width(piece.substr(0, end + 1));
        if (column > 0 && column + trimmed > room) {
            while (!out.empty() && out.back() == ' ') out.pop_back();
            out += "\n" + indent;
            column = 0;
        }
        // Escapes after a piece's last character travel with the next piece,
        // so that a line never ends in spaces hidden behind an escape.
        const std::size_t start = from == 0 ? 0 : source[from - 1] + 1;
        const std::size_t stop = to == visible.size() ? text.size() : source[to - 1] + 1;
        out.append(text, start, stop - start);
        column += full;
        from = to;
    }
    while (!out.empty() && out.back() == ' ') out.pop_back();
}

}  // namespace

std::string wrap(const std::string& text, std::size_t width, const std::string& indent) {
    std::string out;
    std::size_t start = 0;
    while (true) {
        std::size_t newline = text.find('\n', start);
        std::string line = text.substr(start, newline == std::string::npos ? std::string::npos : newline - start);
        if (strip_escapes(line, nullptr).find_first_not_of(' ') == std::string::npos)
            out += line;  // blank: keep escapes
        else
            wrap_line(line, width, indent, out);
        if (newline == std::string::npos) break;
        out += '\n';
        start = newline + 1;
    }
    return out;
}

std::size_t visible_width(const std::string& text) { return term::display_width(strip_escapes(text, nullptr)); }

term::Style style_for(ColorMode mode, std::FILE* stream) {
    switch (mode) {
        case ColorMode::Never: return term::Style{};
        case ColorMode::Always: return term::Style::colored();
        case ColorMode::Auto: break;
    }
    return term::Style::for_stream(stream);
}

}  // namespace newsdex::cli
