// HTML reader (gumbo): metadata from <meta>/<link>/<time>, body from the
// paragraphs of <article> (else <main>, else <body>).
#include "common/reader_common.h"
#include "common/utf8.h"

#include <gumbo.h>

#include <cstring>
#include <memory>

namespace newsdex::detail {

namespace {

const char* attr(const GumboNode* node, const char* name) {
    if (node->type != GUMBO_NODE_ELEMENT) return nullptr;
    const GumboAttribute* a = gumbo_get_attribute(&node->v.element.attributes, name);
    return a ? a->value : nullptr;
}

bool attr_is(const GumboNode* node, const char* name, std::string_view value) {
    const char* v = attr(node, name);
    return v && to_lower(v) == value;
}

bool is_skipped(GumboTag tag) {
    switch (tag) {
        case GUMBO_TAG_SCRIPT: case GUMBO_TAG_STYLE: case GUMBO_TAG_NAV: case GUMBO_TAG_HEADER:
        case GUMBO_TAG_FOOTER: case GUMBO_TAG_ASIDE: case GUMBO_TAG_FORM: case GUMBO_TAG_FIGURE:
        case GUMBO_TAG_FIGCAPTION: case GUMBO_TAG_NOSCRIPT: case GUMBO_TAG_TEMPLATE: case GUMBO_TAG_BUTTON:
        case GUMBO_TAG_SELECT: case GUMBO_TAG_IFRAME: case GUMBO_TAG_SVG: case GUMBO_TAG_MATH:
        case GUMBO_TAG_OBJECT: case GUMBO_TAG_HEAD:
            return true;
        default:
            return false;
    }
}

bool is_paragraph(GumboTag tag) {
    switch (tag) {
        case GUMBO_TAG_P: case GUMBO_TAG_H2: case GUMBO_TAG_H3: case GUMBO_TAG_H4: case GUMBO_TAG_H5:
        case GUMBO_TAG_H6: case GUMBO_TAG_LI: case GUMBO_TAG_BLOCKQUOTE: case GUMBO_TAG_PRE: case GUMBO_TAG_DD:
            return true;
        default:
            return false;
    }
}

bool is_block(GumboTag tag) {
    switch (tag) {
        case GUMBO_TAG_DIV: case GUMBO_TAG_SECTION: case GUMBO_TAG_BR: case GUMBO_TAG_TR: case GUMBO_TAG_TABLE:
        case GUMBO_TAG_UL: case GUMBO_TAG_OL: case GUMBO_TAG_DL: case GUMBO_TAG_DT: case GUMBO_TAG_H1:
        case GUMBO_TAG_ARTICLE: case GUMBO_TAG_MAIN: case GUMBO_TAG_HR:
            return true;
        default:
            return is_paragraph(tag);
    }
}

/// Text of a node (skipped elements left out); block elements add newlines.
void text_of(const GumboNode* node, std::string& out) {
    if (node->type == GUMBO_NODE_TEXT || node->type == GUMBO_NODE_WHITESPACE || node->type == GUMBO_NODE_CDATA) {
        out += node->v.text.text;
        return;
    }
    if (node->type != GUMBO_NODE_ELEMENT) return;
    GumboTag tag = node->v.element.tag;
    if (is_skipped(tag)) return;
    bool block = is_block(tag);
    if (block) out += '\n';
    const GumboVector& children = node->v.element.children;
    for (unsigned i = 0; i < children.length; ++i) text_of(static_cast<const GumboNode*>(children.data[i]), out);
    if (block) out += '\n';
}

bool contains_paragraph(const GumboNode* node) {
    if (node->type != GUMBO_NODE_ELEMENT || is_skipped(node->v.element.tag)) return false;
    const GumboVector& children = node->v.element.children;
    for (unsigned i = 0; i < children.length; ++i) {
        auto* c = static_cast<const GumboNode*>(children.data[i]);
        if (c->type == GUMBO_NODE_ELEMENT && (is_paragraph(c->v.element.tag) || contains_paragraph(c))) return true;
    }
    return false;
}

void paragraphs(const GumboNode* node, std::vector<std::string>& out) {
    if (node->type != GUMBO_NODE_ELEMENT) return;
    GumboTag tag = node->v.element.tag;
    if (is_skipped(tag)) return;
    if (is_paragraph(tag) && !contains_paragraph(node)) {
        std::string text;
        text_of(node, text);
        std::string p = utf8::collapse_whitespace(text);
        if (!p.empty()) out.push_back(std::move(p));
        return;
    }
    const GumboVector& children = node->v.element.children;
    for (unsigned i = 0; i < children.length; ++i) paragraphs(static_cast<const GumboNode*>(children.data[i]), out);
}

struct Meta {
    std::string og_title, title, h1, site_name, canonical, og_url, lang;
    std::vector<std::string> dates;  // candidates, best first
    std::vector<std::string> date_fallback;
    std::vector<std::string> authors;
    const GumboNode* article = nullptr;
    const GumboNode* main = nullptr;
    const GumboNode* body = nullptr;
};

void collect(const GumboNode* node, Meta& m) {
    if (node->type != GUMBO_NODE_ELEMENT) return;
    GumboTag tag = node->v.element.tag;
    switch (tag) {
        case GUMBO_TAG_HTML:
            if (const char* l = attr(node, "lang")) m.lang = l;
            break;
        case GUMBO_TAG_META: {
            const char* content = attr(node, "content");
            if (!content) break;
            std::string key = to_lower(attr(node, "property") ? attr(node, "property")
                                       : attr(node, "name")   ? attr(node, "name")
                                       : attr(node, "itemprop") ? attr(node, "itemprop") : "");
            if (key == "og:title" && m.og_title.empty()) m.og_title = content;
            else if (key == "og:site_name" && m.site_name.empty()) m.site_name = content;
            else if (key == "og:url" && m.og_url.empty()) m.og_url = content;
            else if (key == "article:published_time" || key == "og:published_time" || key == "datepublished")
                m.dates.emplace_back(content);
            else if (key == "date" || key == "pubdate" || key == "dc.date" || key == "dcterms.created")
                m.date_fallback.emplace_back(content);
            else if (key == "author" || key == "article:author") {
                std::string_view v = utf8::trim(content);
                if (!v.empty() && !v.starts_with("http://") && !v.starts_with("https://")) m.authors.emplace_back(v);
            }
            break;
        }
        case GUMBO_TAG_LINK:
            if (attr_is(node, "rel", "canonical") && attr(node, "href") && m.canonical.empty())
                m.canonical = attr(node, "href");
            break;
        case GUMBO_TAG_TITLE:
            if (m.title.empty()) text_of(node, m.title);
            break;
        case GUMBO_TAG_H1:
            if (m.h1.empty()) text_of(node, m.h1);
            break;
        case GUMBO_TAG_TIME:
            if (const char* dt = attr(node, "datetime")) {
                if (attr_is(node, "itemprop", "datepublished")) m.dates.emplace_back(dt);
                else m.date_fallback.emplace_back(dt);
            }
            break;
        case GUMBO_TAG_ARTICLE:
            if (!m.article) m.article = node;
            break;
        case GUMBO_TAG_MAIN:
            if (!m.main) m.main = node;
            break;
        case GUMBO_TAG_BODY:
            if (!m.body) m.body = node;
            break;
        default:
            if (attr_is(node, "itemprop", "datepublished")) {
                if (const char* v = attr(node, "datetime")) m.dates.emplace_back(v);
                else if (const char* c = attr(node, "content")) m.dates.emplace_back(c);
            }
            break;
    }
    const GumboVector& children = node->v.element.children;
    for (unsigned i = 0; i < children.length; ++i) collect(static_cast<const GumboNode*>(children.data[i]), m);
}

/// "Story title | Site" -> "Story title" when Site is og:site_name.
std::string strip_site_suffix(const std::string& title, const std::string& site) {
    if (site.empty()) return title;
    std::string lt = to_lower(title), ls = to_lower(site);
    for (const char* sep : {" | ", " - ", " \xe2\x80\x94 ", " \xe2\x80\x93 ", " :: ", " \xc2\xb7 "}) {
        std::string suffix = sep + ls;
        if (lt.size() > suffix.size() && lt.ends_with(suffix)) return title.substr(0, title.size() - suffix.size());
    }
    return title;
}

/// Charset declared in the first bytes, lower case ("" when none).
std::string declared_charset(std::string_view data) {
    std::string head = to_lower(data.substr(0, 2048));
    std::size_t p = head.find("charset=");
    if (p == std::string::npos) return {};
    p += 8;
    while (p < head.size() && (head[p] == '"' || head[p] == '\'')) ++p;
    std::size_t e = p;
    while (e < head.size() && (std::isalnum(static_cast<unsigned char>(head[e])) || head[e] == '-' || head[e] == '_')) ++e;
    return head.substr(p, e - p);
}

}  // namespace

void read_html(std::string_view data, ReadContext& ctx) {
    data = strip_bom(data);
    std::string converted;
    if (!utf8::is_valid(data)) {
        std::string cs = declared_charset(data);
        if (cs == "iso-8859-1" || cs == "latin1" || cs == "windows-1252" || cs == "cp1252" || cs == "us-ascii" ||
            cs.starts_with("iso-8859")) {
            converted = utf8::repair_cp1252(data);
            data = converted;
        } else if (!check_utf8(data, ctx)) {
            return;
        }
    }
    std::unique_ptr<GumboOutput, void (*)(GumboOutput*)> doc(
        gumbo_parse_with_options(&kGumboDefaultOptions, data.data(), data.size()),
        [](GumboOutput* o) { gumbo_destroy_output(&kGumboDefaultOptions, o); });
    if (!doc) {
        ctx.bad(ctx.name, "cannot parse HTML");
        return;
    }
    Meta m;
    collect(doc->root, m);

    Article a;
    a.source = utf8::collapse_whitespace(m.site_name);
    if (!m.og_title.empty()) a.title = utf8::collapse_whitespace(m.og_title);
    else if (!utf8::collapse_whitespace(m.title).empty())
        a.title = strip_site_suffix(utf8::collapse_whitespace(m.title), a.source);
    else a.title = utf8::collapse_whitespace(m.h1);
    a.url = !m.canonical.empty() ? m.canonical : m.og_url;
    a.language = m.lang;
    a.authors = m.authors;

    auto candidates = m.dates;
    candidates.insert(candidates.end(), m.date_fallback.begin(), m.date_fallback.end());
    for (const auto& d : candidates) {
        if ((a.date = parse_iso_date(d))) break;
    }
    if (!a.date && !candidates.empty()) {
        ctx.bad(ctx.name, "invalid date '" + std::string(utf8::trim(candidates.front())) + "'");
        return;
    }

    const GumboNode* container = m.article ? m.article : m.main ? m.main : m.body ? m.body : doc->root;
    std::vector<std::string> paras;
    paragraphs(container, paras);
    if (paras.empty()) {
        // No paragraph markup: every block of text is a paragraph.
        std::string text;
        text_of(container, text);
        std::size_t pos = 0;
        while (pos < text.size()) {
            std::size_t nl = text.find('\n', pos);
            if (nl == std::string::npos) nl = text.size();
            std::string p = utf8::collapse_whitespace(std::string_view(text).substr(pos, nl - pos));
            if (!p.empty() && p != a.title) paras.push_back(std::move(p));
            pos = nl + 1;
        }
    }
    for (const auto& p : paras) {
        if (!a.body.empty()) a.body += "\n\n";
        a.body += p;
    }
    ctx.emit(std::move(a), ctx.name);
}

}  // namespace newsdex::detail
