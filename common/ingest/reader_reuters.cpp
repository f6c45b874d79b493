// Reuters-21578 SGML reader: every <REUTERS> element is one article.
#include "common/ingest/reader_common.h"
#include "common/text/ascii.h"
#include "common/text/utf8.h"

#include <algorithm>
#include <cstring>

namespace newsdex::detail {

namespace {

std::string tag_text(std::string_view before, std::string_view tag, std::string_view after = {}) {
    std::string s;
    s.reserve(before.size() + tag.size() + after.size());
    s.append(before).append(tag).append(after);
    return s;
}

/// Content between <TAG...> and </TAG> inside `elem`, or nullopt.
std::optional<std::string_view> element(std::string_view elem, std::string_view tag,
                                        std::string_view* attrs = nullptr) {
    std::string open = tag_text("<", tag);
    std::size_t pos = 0;
    for (;;) {
        pos = elem.find(open, pos);
        if (pos == std::string_view::npos) return std::nullopt;
        char after = pos + open.size() < elem.size() ? elem[pos + open.size()] : '\0';
        if (after == '>' || after == ' ') break;
        pos += open.size();
    }
    std::size_t gt = elem.find('>', pos);
    if (gt == std::string_view::npos) return std::nullopt;
    if (attrs) *attrs = elem.substr(pos + open.size(), gt - pos - open.size());
    std::string close = tag_text("</", tag, ">");
    std::size_t end = elem.find(close, gt + 1);
    if (end == std::string_view::npos) end = elem.size();  // unterminated: to the end
    return elem.substr(gt + 1, end - gt - 1);
}

/// Remove <TAG ...>...</TAG> from text.
std::string remove_element(std::string_view text, std::string_view tag) {
    std::string open = tag_text("<", tag);
    std::string close = tag_text("</", tag, ">");
    std::string out;
    std::size_t pos = 0;
    for (;;) {
        std::size_t s = text.find(open, pos);
        if (s == std::string_view::npos) break;
        std::size_t e = text.find(close, s);
        if (e == std::string_view::npos) break;
        out.append(text.substr(pos, s - pos));
        pos = e + close.size();
    }
    out.append(text.substr(pos));
    return out;
}

std::string attribute(std::string_view attrs, std::string_view name) {
    std::string key = std::string(name) + "=\"";
    std::size_t p = attrs.find(key);
    if (p == std::string_view::npos) return {};
    p += key.size();
    std::size_t e = attrs.find('"', p);
    return std::string(attrs.substr(p, e == std::string_view::npos ? std::string_view::npos : e - p));
}

/// Decode SGML character references; control characters other than
/// tab and newline (&#2; &#3; ... &#127;) are dropped, as are raw ones.
std::string decode(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    std::size_t i = 0;
    while (i < s.size()) {
        std::size_t amp = s.find('&', i);
        std::size_t stop = amp == std::string_view::npos ? s.size() : amp;
        for (; i < stop; ++i) {
            unsigned char c = static_cast<unsigned char>(s[i]);
            if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7F) continue;
            out.push_back(static_cast<char>(c));
        }
        if (amp == std::string_view::npos) break;
        std::size_t semi = s.find(';', amp);
        if (semi == std::string_view::npos || semi - amp > 10) {
            out.push_back('&');
            i = amp + 1;
            continue;
        }
        std::string_view name = s.substr(amp + 1, semi - amp - 1);
        i = semi + 1;
        if (name == "lt")
            out.push_back('<');
        else if (name == "gt")
            out.push_back('>');
        else if (name == "amp")
            out.push_back('&');
        else if (name == "quot")
            out.push_back('"');
        else if (name == "apos")
            out.push_back('\'');
        else if (name.size() >= 2 && name[0] == '#') {
            char32_t cp = 0;
            bool hex = name[1] == 'x' || name[1] == 'X';
            bool ok = name.size() > (hex ? 2u : 1u);
            for (std::size_t k = hex ? 2 : 1; k < name.size() && ok; ++k) {
                char c = name[k];
                int d = c >= '0' && c <= '9'          ? c - '0'
                        : hex && c >= 'a' && c <= 'f' ? c - 'a' + 10
                        : hex && c >= 'A' && c <= 'F' ? c - 'A' + 10
                                                      : -1;
                if (d < 0)
                    ok = false;
                else
                    cp = cp * (hex ? 16 : 10) + static_cast<char32_t>(d);
                if (cp > 0x10FFFF) ok = false;
            }
            if (!ok) {
                out.append(s.substr(amp, semi + 1 - amp));
            } else if ((cp < 0x20 && cp != '\n' && cp != '\t') || (cp >= 0x7F && cp < 0xA0)) {
                // control character: dropped
            } else {
                utf8::append(out, cp);
            }
        } else {
            out.append(s.substr(amp, semi + 1 - amp));  // unknown entity: kept as is
        }
    }
    return out;
}

/// Values of <D>...</D> inside a category element.
std::vector<std::string> categories(std::string_view elem, std::string_view tag) {
    std::vector<std::string> out;
    auto content = element(elem, tag);
    if (!content) return out;
    std::string_view c = *content;
    std::size_t pos = 0;
    while ((pos = c.find("<D>", pos)) != std::string_view::npos) {
        std::size_t end = c.find("</D>", pos);
        if (end == std::string_view::npos) break;
        std::string v = utf8::collapse_whitespace(decode(c.substr(pos + 3, end - pos - 3)));
        if (!v.empty()) out.push_back(std::move(v));
        pos = end + 4;
    }
    return out;
}

/// "26-FEB-1987 15:01:01.79" (local time, offset unknown).  A bad clock time
/// keeps the date at midnight; trailing junk is ignored.
std::optional<ArticleDate> parse_reuters_date(std::string_view s) {
    static constexpr const char* kMonths[12] = {"JAN", "FEB", "MAR", "APR", "MAY", "JUN",
                                                "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"};
    s = utf8::trim(s);
    auto number = [&](std::size_t& i, int max_digits, int& out) {
        int n = 0, v = 0;
        while (i < s.size() && n < max_digits && s[i] >= '0' && s[i] <= '9') v = v * 10 + (s[i++] - '0'), ++n;
        out = v;
        return n > 0 && !(i < s.size() && s[i] >= '0' && s[i] <= '9');
    };
    std::size_t i = 0;
    int day = 0, year = 0;
    if (!number(i, 2, day) || i >= s.size() || s[i++] != '-') return std::nullopt;
    if (i + 4 > s.size()) return std::nullopt;
    std::string mon = ascii::lower(s.substr(i, 3));
    int month = 0;
    for (int m = 0; m < 12; ++m)
        if (mon == ascii::lower(kMonths[m])) month = m + 1;
    i += 3;
    if (month == 0 || s[i++] != '-' || !number(i, 4, year)) return std::nullopt;
    char buf[48];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
    auto date = parse_iso_date(buf);
    if (!date) return std::nullopt;
    while (i < s.size() && s[i] == ' ') ++i;
    int h = 0, m = 0, sec = 0;
    std::size_t j = i;
    if (number(j, 2, h) && j < s.size() && s[j++] == ':' && number(j, 2, m) && j < s.size() && s[j++] == ':' &&
        number(j, 2, sec) && h < 24 && m < 60 && sec < 60) {
        date->hour = h;
        date->minute = m;
        date->second = sec;
    }
    return date;
}

std::string title_case_slug(std::string_view slug) {
    std::string out;
    bool start = true;
    for (char c : slug) {
        if (c == '-') {
            out.push_back(' ');
            start = true;
        } else {
            out.push_back(start ? ascii::to_upper(c) : c);
            start = false;
        }
    }
    return out;
}

std::string upper(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = ascii::to_upper(c);
    return out;
}

/// "By Jeff Stearns, Reuters" -> "Jeff Stearns".
std::string author_name(std::string_view raw) {
    std::string a = utf8::collapse_whitespace(raw);
    std::string_view v = a;
    if (ascii::lower(v.substr(0, 3)) == "by ") v.remove_prefix(3);
    std::size_t comma = v.rfind(',');
    if (comma != std::string_view::npos && ascii::lower(utf8::trim(v.substr(comma + 1))).starts_with("reuter"))
        v = v.substr(0, comma);
    return std::string(utf8::trim(v));
}

}  // namespace

void read_reuters(std::string_view data, ReadContext& ctx) {
    std::string repaired;
    if (!utf8::is_valid(data)) {  // not strict UTF-8: decode stray bytes as Windows-1252
        repaired = utf8::repair_cp1252(data);
        data = repaired;
    }
    std::size_t line = 1, counted = 0;
    std::size_t pos = 0;
    bool any = false;
    for (;;) {
        std::size_t start = data.find("<REUTERS", pos);
        if (start == std::string_view::npos) break;
        any = true;
        line += static_cast<std::size_t>(std::count(data.begin() + counted, data.begin() + start, '\n'));
        counted = start;
        std::size_t end = data.find("</REUTERS>", start);
        std::size_t next = data.find("<REUTERS", start + 8);
        if (end == std::string_view::npos || (next != std::string_view::npos && next < end))
            end = next == std::string_view::npos ? data.size() : next;
        std::string_view elem = data.substr(start, end - start);
        pos = end;
        const std::string where = ctx.where(line);

        std::size_t gt = elem.find('>');
        std::string newid = attribute(elem.substr(0, gt), "NEWID");

        Article a;
        if (!newid.empty()) a.id = "reuters-" + newid;
        a.source = "Reuters";
        a.language = "en";
        if (auto d = element(elem, "DATE")) a.date = parse_reuters_date(decode(*d));
        a.tags["topics"] = categories(elem, "TOPICS");
        a.tags["places"] = categories(elem, "PLACES");
        a.tags["people"] = categories(elem, "PEOPLE");
        a.tags["orgs"] = categories(elem, "ORGS");
        a.tags["exchanges"] = categories(elem, "EXCHANGES");
        a.tags["companies"] = categories(elem, "COMPANIES");
        for (auto it = a.tags.begin(); it != a.tags.end();) it = it->second.empty() ? a.tags.erase(it) : std::next(it);
        if (auto it = a.tags.find("people"); it != a.tags.end())
            for (const auto& p : it->second) a.persons.push_back(title_case_slug(p));
        if (auto it = a.tags.find("orgs"); it != a.tags.end())
            for (const auto& o : it->second) a.organizations.push_back(upper(o));
        if (auto it = a.tags.find("companies"); it != a.tags.end()) a.companies = it->second;

        std::string_view text_attrs;
        auto text = element(elem, "TEXT", &text_attrs);
        std::string type = attribute(text_attrs, "TYPE");
        if (text) {
            if (auto t = element(*text, "TITLE")) a.title = utf8::collapse_whitespace(decode(*t));
            if (auto d = element(*text, "DATELINE")) a.dateline = utf8::collapse_whitespace(decode(*d));
            if (auto au = element(*text, "AUTHOR")) {
                std::string name = author_name(decode(*au));
                if (!name.empty()) a.authors.push_back(std::move(name));
            }
            if (auto b = element(*text, "BODY")) {
                a.body = decode(*b);
            } else if (type != "BRIEF") {
                // UNPROC (or no BODY): the TEXT content is the body.
                std::string rest(*text);
                for (const char* tag : {"TITLE", "DATELINE", "AUTHOR"}) rest = remove_element(rest, tag);
                a.body = decode(rest);
                if (a.title.empty()) {
                    // The first non-empty line is the headline.
                    std::string_view b = utf8::trim(a.body);
                    std::size_t nl = b.find('\n');
                    a.title = utf8::collapse_whitespace(b.substr(0, nl));
                    a.body = nl == std::string_view::npos ? std::string() : std::string(b.substr(nl + 1));
                }
            }
            // TYPE="BRIEF": title only (the body is a placeholder such as "Blah blah blah.").
        }
        ctx.emit(std::move(a), where, /*allow_empty=*/true);
    }
    if (!any) ctx.bad(ctx.name, "no <REUTERS> element");
}

}  // namespace newsdex::detail
