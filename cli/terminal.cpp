#include "cli/terminal.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <cstdlib>
#include <cstring>
#include <unistd.h>

namespace newsdex::term {

bool is_tty(std::FILE* stream) { return ::isatty(::fileno(stream)) == 1; }

bool use_color(std::FILE* stream) {
    const char* no_color = std::getenv("NO_COLOR");
    if (no_color && *no_color) return false;
    const char* term = std::getenv("TERM");
    if (term && std::strcmp(term, "dumb") == 0) return false;
    return is_tty(stream);
}

Style Style::for_stream(std::FILE* stream) { return use_color(stream) ? colored() : Style{}; }

Style Style::colored() {
    Style s;
    s.bold = "\033[1m";
    s.dim = "\033[2m";
    s.reset = "\033[0m";
    s.red = "\033[31m";
    s.green = "\033[32m";
    s.yellow = "\033[33m";
    s.blue = "\033[34m";
    s.magenta = "\033[35m";
    s.cyan = "\033[36m";
    return s;
}

std::string duration(double seconds) {
    if (seconds < 0) seconds = 0;
    auto total = static_cast<std::uint64_t>(seconds + 0.5);
    char buf[32];
    if (total >= 3600)
        std::snprintf(buf, sizeof buf, "%llu:%02llu:%02llu", (unsigned long long)(total / 3600),
                      (unsigned long long)(total / 60 % 60), (unsigned long long)(total % 60));
    else
        std::snprintf(buf, sizeof buf, "%llu:%02llu", (unsigned long long)(total / 60),
                      (unsigned long long)(total % 60));
    return buf;
}

std::string bytes(std::uint64_t n) {
    const char* units[] = {"B", "KB", "MB", "GB", "TB"};
    double v = static_cast<double>(n);
    int u = 0;
    while (v >= 1024 && u < 4) {
        v /= 1024;
        ++u;
    }
    char buf[32];
    std::snprintf(buf, sizeof buf, u == 0 ? "%.0f %s" : "%.1f %s", v, units[u]);
    return buf;
}

namespace {
int codepoint_width(UChar32 c) {
    if (c == 0) return 0;
    if (u_getCombiningClass(c) != 0 || u_charType(c) == U_NON_SPACING_MARK) return 0;
    int ea = u_getIntPropertyValue(c, UCHAR_EAST_ASIAN_WIDTH);
    return (ea == U_EA_WIDE || ea == U_EA_FULLWIDTH) ? 2 : 1;
}
}  // namespace

std::size_t display_width(const std::string& s) {
    std::size_t width = 0;
    int32_t i = 0, n = static_cast<int32_t>(s.size());
    const auto* p = reinterpret_cast<const uint8_t*>(s.data());
    while (i < n) {
        UChar32 c;
        U8_NEXT(p, i, n, c);
        width += c < 0 ? 1 : codepoint_width(c);
    }
    return width;
}

std::string fit(const std::string& s, std::size_t width) {
    if (std::size_t w = display_width(s); w <= width) return s + std::string(width - w, ' ');
    std::string out;
    std::size_t used = 0;
    int32_t i = 0, n = static_cast<int32_t>(s.size());
    const auto* p = reinterpret_cast<const uint8_t*>(s.data());
    while (i < n) {
        int32_t start = i;
        UChar32 c;
        U8_NEXT(p, i, n, c);
        int w = c < 0 ? 1 : codepoint_width(c);
        if (used + w + 1 > width) break;
        out.append(s, start, i - start);
        used += w;
    }
    out += "…";
    ++used;
    return out + std::string(width > used ? width - used : 0, ' ');
}

ProgressBar::ProgressBar(std::string label, std::string unit)
    : label_(std::move(label)),
      unit_(std::move(unit)),
      enabled_(is_tty(stderr)),
      start_(std::chrono::steady_clock::now()) {}

void ProgressBar::update(std::uint64_t done, std::uint64_t total, std::uint64_t count) {
    if (!enabled_) return;
    auto now = std::chrono::steady_clock::now();
    if (drawn_ && now - last_draw_ < std::chrono::milliseconds(100)) return;
    last_draw_ = now;
    drawn_ = true;
    double elapsed = std::chrono::duration<double>(now - start_).count();
    double rate = elapsed > 0 ? count / elapsed : 0;
    const int width = 28;
    std::string line = "\r" + label_ + " ";
    if (total > 0) {
        double fraction = std::min(1.0, static_cast<double>(done) / static_cast<double>(total));
        int filled = static_cast<int>(fraction * width);
        line += "[" + std::string(filled, '#') + std::string(width - filled, '.') + "] ";
        char pct[16];
        std::snprintf(pct, sizeof pct, "%3.0f%% ", fraction * 100);
        line += pct;
        line += thousands(count) + " " + unit_ + "  " + thousands(static_cast<std::uint64_t>(rate)) + "/s";
        if (fraction > 0.01 && fraction < 1.0) line += "  ETA " + duration(elapsed * (1.0 - fraction) / fraction);
    } else {
        line +=
            thousands(count) + " " + unit_ + "  " + thousands(static_cast<std::uint64_t>(rate)) + "/s  " + duration(elapsed);
    }
    line += "\033[K";
    std::fputs(line.c_str(), stderr);
    std::fflush(stderr);
}

void ProgressBar::finish() {
    if (enabled_ && drawn_) {
        std::fputs("\r\033[K", stderr);
        std::fflush(stderr);
    }
    drawn_ = false;
}

}  // namespace newsdex::term
