// Dates: ISO 8601 parsing and the conversions ArticleDate offers.
#include "common/ingest/article.h"

#include <cstdio>
#include <string_view>

namespace newsdex {

namespace {

// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
int64_t days_from_civil(int64_t y, unsigned m, unsigned d) {
    y -= m <= 2;
    const int64_t era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

bool is_leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

class Cursor {
  public:
    explicit Cursor(std::string_view s) : s_(s) {}
    bool done() const { return i_ >= s_.size(); }
    char peek() const { return done() ? '\0' : s_[i_]; }
    bool eat(char c) {
        if (peek() != c) return false;
        ++i_;
        return true;
    }
    /// Exactly n digits.
    bool digits(int n, int& out) {
        if (i_ + static_cast<std::size_t>(n) > s_.size()) return false;
        int v = 0;
        for (int k = 0; k < n; ++k) {
            char c = s_[i_ + k];
            if (c < '0' || c > '9') return false;
            v = v * 10 + (c - '0');
        }
        i_ += n;
        out = v;
        return true;
    }
    bool is_digit() const { return peek() >= '0' && peek() <= '9'; }
    void skip_digits() {
        while (is_digit()) ++i_;
    }

  private:
    std::string_view s_;
    std::size_t i_ = 0;
};

}  // namespace

int days_in_month(int year, int month) {
    static constexpr int kDays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return month == 2 && is_leap(year) ? 29 : kDays[month - 1];
}

int64_t ArticleDate::local_day_number() const {
    return days_from_civil(year, static_cast<unsigned>(month), static_cast<unsigned>(day));
}

int64_t ArticleDate::utc_seconds() const {
    return local_day_number() * 86400 + hour * 3600 + minute * 60 + second -
           static_cast<int64_t>(utc_offset_minutes.value_or(0)) * 60;
}

std::string ArticleDate::yyyymmdd() const {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d%02d%02d", year, month, day);
    return buf;
}

std::string ArticleDate::iso8601() const {
    char buf[48];
    int n = std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d", year, month, day, hour, minute, second);
    std::string out(buf, static_cast<std::size_t>(n));
    if (utc_offset_minutes) {
        int off = *utc_offset_minutes;
        if (off == 0) {
            out += 'Z';
        } else {
            char sign = off < 0 ? '-' : '+';
            if (off < 0) off = -off;
            std::snprintf(buf, sizeof buf, "%c%02d:%02d", sign, off / 60, off % 60);
            out += buf;
        }
    }
    return out;
}

std::optional<ArticleDate> parse_iso_date(const std::string& text, std::string* why) {
    auto fail = [why](const char* reason) -> std::optional<ArticleDate> {
        if (why) *why = reason;
        return std::nullopt;
    };
    constexpr const char* kSyntax = "not an ISO 8601 date";
    std::string_view s = text;
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\n' || s.back() == '\r'))
        s.remove_suffix(1);
    Cursor c(s);
    ArticleDate d;
    if (!c.digits(4, d.year)) return fail(kSyntax);
    if (c.eat('-')) {
        if (!c.digits(2, d.month) || !c.eat('-') || !c.digits(2, d.day)) return fail(kSyntax);
    } else {
        if (!c.digits(2, d.month) || !c.digits(2, d.day)) return fail(kSyntax);  // basic: 20150922
    }
    if (d.year < 1800 || d.year > 2200) return fail("year outside 1800..2200");
    if (d.month < 1 || d.month > 12) return fail("month out of range");
    if (d.day < 1 || d.day > days_in_month(d.year, d.month)) return fail("day out of range");
    if (c.done()) return d;

    if (!c.eat('T') && !c.eat('t') && !c.eat(' ')) return fail(kSyntax);
    if (!c.digits(2, d.hour)) return fail(kSyntax);
    bool extended = c.eat(':');
    if (!c.digits(2, d.minute)) return fail(kSyntax);
    if (extended ? c.eat(':') : c.is_digit()) {
        if (!c.digits(2, d.second)) return fail(kSyntax);
        if (c.eat('.') || c.eat(',')) {
            if (!c.is_digit()) return fail(kSyntax);
            c.skip_digits();  // fractions of a second are dropped
        }
    }
    if (d.hour > 23 || d.minute > 59 || d.second > 60) return fail("time out of range");
    if (d.second == 60) d.second = 59;  // leap second: clamp
    if (c.done()) return d;

    if (c.eat('Z') || c.eat('z')) {
        d.utc_offset_minutes = 0;
    } else {
        int sign = 0;
        if (c.eat('+'))
            sign = 1;
        else if (c.eat('-'))
            sign = -1;
        else
            return fail(kSyntax);
        int oh = 0, om = 0;
        if (!c.digits(2, oh)) return fail(kSyntax);
        if (c.eat(':')) {
            if (!c.digits(2, om)) return fail(kSyntax);
        } else if (c.is_digit()) {
            if (!c.digits(2, om)) return fail(kSyntax);
        }
        // Real offsets run from -12:00 to +14:00 (Kiribati); anything beyond
        // is a typo or garbage, and would move the UTC time by up to a day.
        if (om > 59) return fail("UTC offset minutes above 59");
        if (oh * 60 + om > 14 * 60) return fail("UTC offset beyond \u00b114:00");
        d.utc_offset_minutes = sign * (oh * 60 + om);
    }
    if (!c.done()) return fail(kSyntax);
    return d;
}

}  // namespace newsdex
