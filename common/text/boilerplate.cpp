#include "common/text/boilerplate.h"
#include "common/text/ascii.h"

#include "common/text/utf8.h"

namespace newsdex {

namespace {
using M = BoilerplateMatch;

// THE rule list.  Lower case; matched ASCII case-insensitively against a
// trimmed line.  Keep reporting credits ("(Reporting by ...)"): they name people.
const std::vector<BoilerplateRule> kRules = {
    // Sharing widgets.
    {M::Exact, "share story", "", 0, false, "share buttons"},
    {M::Exact, "share this story", "", 0, false, "share buttons"},
    {M::Exact, "share this article", "", 0, false, "share buttons"},
    {M::Exact, "share this", "", 0, false, "share buttons"},
    {M::Exact, "share", "", 0, false, "share buttons"},
    {M::Exact, "share on facebook", "", 0, false, "share buttons"},
    {M::Exact, "share on twitter", "", 0, false, "share buttons"},
    {M::Exact, "share via email", "", 0, false, "share buttons"},
    {M::Exact, "tweet", "", 0, false, "share buttons"},
    {M::Exact, "print this article", "", 0, false, "print button"},
    {M::Exact, "copy link", "", 0, false, "share buttons"},
    // Advertising.
    {M::Exact, "advertisement", "", 0, false, "ad slot label (any case)"},
    {M::Exact, "sponsored content", "", 0, false, "ad slot label"},
    {M::Exact, "story continues below advertisement", "", 0, false, "ad slot label"},
    {M::Exact, "article continues below advertisement", "", 0, false, "ad slot label"},
    {M::Exact, "continue reading the main story", "", 0, false, "ad slot label"},
    {M::Exact, "skip advertisement", "", 0, false, "ad slot label"},
    // CMS debris.
    {M::Wrap, "component post ", " could not be found", 80, false, "WordPress embed failure"},
    {M::Wrap, "component post ", " could not be found.", 80, false, "WordPress embed failure"},
    {M::Exact, "skip to main content", "", 0, false, "accessibility link"},
    {M::Exact, "this content is not available", "", 0, false, "failed embed"},
    {M::Prefix, "javascript is disabled", "", 200, false, "noscript notice"},
    {M::Prefix, "please enable javascript", "", 200, false, "noscript notice"},
    // Newsletters, subscriptions, social.
    {M::Prefix, "sign up for our newsletter", "", 160, false, "newsletter box"},
    {M::Prefix, "sign up for the ", "", 160, false, "newsletter box (\"Sign up for the X newsletter\")"},
    {M::Prefix, "subscribe to our newsletter", "", 160, false, "newsletter box"},
    {M::Prefix, "click here to subscribe", "", 160, false, "subscription box"},
    {M::Prefix, "click here to read more", "", 160, false, "teaser link"},
    {M::Prefix, "follow us on ", "", 160, false, "social links"},
    {M::Prefix, "like us on facebook", "", 160, false, "social links"},
    // Cross-links.
    {M::Prefix, "read more:", "", 300, false, "link to another story"},
    {M::Exact, "read more", "", 0, false, "link to another story"},
    {M::Prefix, "related:", "", 300, false, "link to another story"},
    {M::Exact, "related", "", 0, false, "related-stories box header"},
    {M::Exact, "related articles", "", 0, false, "related-stories box header"},
    {M::Exact, "related stories", "", 0, false, "related-stories box header"},
    {M::Prefix, "see also:", "", 300, false, "link to another story"},
    {M::Exact, "continue reading", "", 0, false, "teaser link"},
    // Legal.
    {M::Prefix, "copyright \xc2\xa9", "", 200, false, "copyright notice"},
    {M::Prefix, "copyright (c)", "", 200, false, "copyright notice"},
    {M::Prefix, "\xc2\xa9 ", "", 200, false, "copyright notice (\"(c) 2020 Publisher\")"},
    {M::Prefix,
     "\xc2\xa9"
     "1",
     "", 200, false, "copyright notice (\"(c)2020\")"},
    {M::Prefix,
     "\xc2\xa9"
     "2",
     "", 200, false, "copyright notice (\"(c)2020\")"},
    {M::Exact, "all rights reserved", "", 0, false, "copyright notice"},
    {M::Prefix, "this article was originally published", "", 400, false, "syndication footer"},
    {M::Prefix, "this story was originally published", "", 400, false, "syndication footer"},
    {M::Prefix, "this material may not be published, broadcast, rewritten", "", 300, false, "wire footer (AP)"},
    // Wire sign-offs: only as the very last line.
    {M::Exact, "reuter", "", 0, true, "Reuters-21578 sign-off"},
    {M::Exact, "reuters", "", 0, true, "Reuters sign-off"},
};

using ascii::to_lower;

bool starts_with_ci(std::string_view s, std::string_view prefix) {
    if (s.size() < prefix.size()) return false;
    for (std::size_t i = 0; i < prefix.size(); ++i)
        if (to_lower(s[i]) != prefix[i]) return false;
    return true;
}

bool ends_with_ci(std::string_view s, std::string_view suffix) {
    return s.size() >= suffix.size() && starts_with_ci(s.substr(s.size() - suffix.size()), suffix);
}

// The longest line any Exact rule can match, to reject long lines quickly.
std::size_t longest_exact() {
    std::size_t n = 0;
    for (const auto& r : kRules)
        if (r.match == M::Exact && r.text.size() > n) n = r.text.size();
    return n + 1;
}

const std::size_t kLongestExact = longest_exact();

// First bytes (lower case) that can start a matching line: a cheap pre-filter.
struct FirstBytes {
    bool any[256] = {};
    FirstBytes() {
        for (const auto& r : kRules) any[static_cast<unsigned char>(r.text[0])] = true;
    }
};
const FirstBytes kFirstBytes;
constexpr std::size_t kLongestAny = 400;

}  // namespace

const std::vector<BoilerplateRule>& boilerplate_rules() { return kRules; }

bool is_boilerplate_line(std::string_view line, bool last) {
    line = utf8::trim(line);
    if (line.empty() || line.size() > kLongestAny) return false;
    if (!kFirstBytes.any[static_cast<unsigned char>(to_lower(line[0]))]) return false;
    std::string_view stripped = line;
    while (!stripped.empty() && (stripped.back() == '.' || stripped.back() == ':' || stripped.back() == '!'))
        stripped.remove_suffix(1);
    for (const auto& r : kRules) {
        if (r.last_line_only && !last) continue;
        if (r.max_length && line.size() > r.max_length) continue;
        switch (r.match) {
            case M::Exact:
                if (stripped.size() > kLongestExact) break;
                if (stripped.size() == r.text.size() && starts_with_ci(stripped, r.text)) return true;
                break;
            case M::Prefix:
                if (starts_with_ci(line, r.text)) return true;
                break;
            case M::Wrap:
                if (line.size() >= r.text.size() + r.suffix.size() && starts_with_ci(line, r.text) &&
                    ends_with_ci(line, r.suffix))
                    return true;
                break;
        }
    }
    return false;
}

std::string clean_boilerplate(std::string_view body) {
    // Find the last non-blank line (for last-line-only rules).
    std::string_view trimmed = utf8::trim(body);
    std::size_t last_start = trimmed.rfind('\n');
    last_start = last_start == std::string_view::npos ? 0 : last_start + 1;
    const char* last_line_ptr = trimmed.data() + last_start;

    std::string out;
    out.reserve(trimmed.size());
    std::size_t pos = 0;
    bool removed_any = false;
    while (pos <= trimmed.size()) {
        std::size_t end = trimmed.find('\n', pos);
        if (end == std::string_view::npos) end = trimmed.size();
        std::string_view line = trimmed.substr(pos, end - pos);
        if (is_boilerplate_line(line, line.data() == last_line_ptr)) {
            removed_any = true;
        } else {
            out.append(line);
            out.push_back('\n');
        }
        if (end == trimmed.size()) break;
        pos = end + 1;
    }
    if (!removed_any) return std::string(trimmed);
    // Squeeze blank runs left behind by removed lines and trim again.
    std::string squeezed;
    squeezed.reserve(out.size());
    std::size_t blanks = 0;
    pos = 0;
    std::string_view o = out;
    while (pos < o.size()) {
        std::size_t end = o.find('\n', pos);
        if (end == std::string_view::npos) end = o.size();
        std::string_view line = o.substr(pos, end - pos);
        if (utf8::trim(line).empty()) {
            if (++blanks > 1) {
                pos = end + 1;
                continue;
            }
        } else {
            blanks = 0;
        }
        squeezed.append(line);
        squeezed.push_back('\n');
        pos = end + 1;
    }
    return std::string(utf8::trim(squeezed));
}

}  // namespace newsdex
