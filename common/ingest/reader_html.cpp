// HTML reader (gumbo): metadata from <meta>/<link>/<time>, body from the
// paragraphs of <article> (else <main>, else <body>).
#include "common/ingest/reader_common.h"
#include "common/text/utf8.h"

#include <gumbo.h>

#include <algorithm>
#include <csetjmp>
#include <cstdlib>
#include <cctype>
#include <cstring>
#include <memory>
#include <optional>
#include <vector>

namespace newsdex::detail {

namespace {

const char* attr(const GumboNode* node, const char* name) {
    if (node->type != GUMBO_NODE_ELEMENT) return nullptr;
    const GumboAttribute* a = gumbo_get_attribute(&node->v.element.attributes, name);
    return a ? a->value : nullptr;
}

bool attr_is(const GumboNode* node, const char* name, std::string_view value) {
    const char* v = attr(node, name);
    return v && ascii::lower(v) == value;
}

bool is_skipped(GumboTag tag) {
    switch (tag) {
        case GUMBO_TAG_SCRIPT:
        case GUMBO_TAG_STYLE:
        case GUMBO_TAG_NAV:
        case GUMBO_TAG_HEADER:
        case GUMBO_TAG_FOOTER:
        case GUMBO_TAG_ASIDE:
        case GUMBO_TAG_FORM:
        case GUMBO_TAG_FIGURE:
        case GUMBO_TAG_FIGCAPTION:
        case GUMBO_TAG_NOSCRIPT:
        case GUMBO_TAG_TEMPLATE:
        case GUMBO_TAG_BUTTON:
        case GUMBO_TAG_SELECT:
        case GUMBO_TAG_IFRAME:
        case GUMBO_TAG_SVG:
        case GUMBO_TAG_MATH:
        case GUMBO_TAG_OBJECT:
        case GUMBO_TAG_HEAD: return true;
        default: return false;
    }
}

bool is_paragraph(GumboTag tag) {
    switch (tag) {
        case GUMBO_TAG_P:
        case GUMBO_TAG_H2:
        case GUMBO_TAG_H3:
        case GUMBO_TAG_H4:
        case GUMBO_TAG_H5:
        case GUMBO_TAG_H6:
        case GUMBO_TAG_LI:
        case GUMBO_TAG_BLOCKQUOTE:
        case GUMBO_TAG_PRE:
        case GUMBO_TAG_DD: return true;
        default: return false;
    }
}

bool is_block(GumboTag tag) {
    switch (tag) {
        case GUMBO_TAG_DIV:
        case GUMBO_TAG_SECTION:
        case GUMBO_TAG_BR:
        case GUMBO_TAG_TR:
        case GUMBO_TAG_TABLE:
        case GUMBO_TAG_UL:
        case GUMBO_TAG_OL:
        case GUMBO_TAG_DL:
        case GUMBO_TAG_DT:
        case GUMBO_TAG_H1:
        case GUMBO_TAG_ARTICLE:
        case GUMBO_TAG_MAIN:
        case GUMBO_TAG_HR: return true;
        default: return is_paragraph(tag);
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
            std::string key = ascii::lower(attr(node, "property")   ? attr(node, "property")
                                           : attr(node, "name")     ? attr(node, "name")
                                           : attr(node, "itemprop") ? attr(node, "itemprop")
                                                                    : "");
            if (key == "og:title" && m.og_title.empty())
                m.og_title = content;
            else if (key == "og:site_name" && m.site_name.empty())
                m.site_name = content;
            else if (key == "og:url" && m.og_url.empty())
                m.og_url = content;
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
                if (attr_is(node, "itemprop", "datepublished"))
                    m.dates.emplace_back(dt);
                else
                    m.date_fallback.emplace_back(dt);
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
                if (const char* v = attr(node, "datetime"))
                    m.dates.emplace_back(v);
                else if (const char* c = attr(node, "content"))
                    m.dates.emplace_back(c);
            }
            break;
    }
    const GumboVector& children = node->v.element.children;
    for (unsigned i = 0; i < children.length; ++i) collect(static_cast<const GumboNode*>(children.data[i]), m);
}

/// "Story title | Site" -> "Story title" when Site is og:site_name.
std::string strip_site_suffix(const std::string& title, const std::string& site) {
    if (site.empty()) return title;
    std::string lt = ascii::lower(title), ls = ascii::lower(site);
    for (const char* sep : {" | ", " - ", " \xe2\x80\x94 ", " \xe2\x80\x93 ", " :: ", " \xc2\xb7 "}) {
        std::string suffix = sep + ls;
        if (lt.size() > suffix.size() && lt.ends_with(suffix)) return title.substr(0, title.size() - suffix.size());
    }
    return title;
}

/// The charset a page declares in its first 4 KiB, as written ("" when none):
/// `<meta charset=...>`, `<meta http-equiv="Content-Type" content="...;
/// charset=...">`, or an XML declaration's `encoding="..."`.
std::string declared_charset(std::string_view data) {
    std::string_view head = data.substr(0, 4096);
    std::string lower = ascii::lower(head);
    auto value_at = [&](std::size_t p) {
        while (p < head.size() && (head[p] == ' ' || head[p] == '"' || head[p] == '\'')) ++p;
        std::size_t e = p;
        while (e < head.size() && (std::isalnum(static_cast<unsigned char>(head[e])) || head[e] == '-' ||
                                   head[e] == '_' || head[e] == '.' || head[e] == ':'))
            ++e;
        return std::string(head.substr(p, e - p));
    };
    for (std::size_t p = lower.find("charset"); p != std::string::npos; p = lower.find("charset", p + 7)) {
        std::size_t eq = p + 7;
        while (eq < lower.size() && lower[eq] == ' ') ++eq;
        if (eq < lower.size() && lower[eq] == '=') return value_at(eq + 1);
    }
    if (lower.starts_with("<?xml")) {
        std::size_t end = lower.find("?>");
        std::size_t p = lower.find("encoding=");
        if (p != std::string::npos && p < end) return value_at(p + 9);
    }
    return {};
}

/// The page as UTF-8: valid UTF-8 is taken as it is (whatever it declares,
/// since mislabelled UTF-8 is common and legacy text is almost never valid
/// UTF-8); otherwise the declared charset, else ICU's guess.  nullopt when
/// the page was reported as a bad record.
std::optional<std::string> page_as_utf8(std::string_view data, ReadContext& ctx) {
    if (utf8::is_valid(data)) return std::string(data);
    std::string declared = declared_charset(data);
    std::string charset = web_charset(declared);
    if (charset == "utf-8" || charset == "utf8") {
        check_utf8(data, ctx);  // declared UTF-8 but is not: name the byte
        return std::nullopt;
    }
    if (declared.empty()) {
        auto guess = detect_charset(data);
        if (!guess) {
            ctx.bad(ctx.name, "unknown charset (none declared, and none detected)");
            return std::nullopt;
        }
        charset = web_charset(*guess);
        declared = *guess;
    }
    std::string error;
    auto converted = charset_to_utf8(data, charset, error);
    if (!converted) {
        // Name the charset as the page wrote it, not as it was mapped.
        ctx.bad(ctx.name, error.starts_with("unknown charset") ? "unknown charset '" + declared + "'" : error);
        return std::nullopt;
    }
    return converted;
}

/// Every allocation gumbo makes for one page, with a budget.  gumbo 0.10 (Debian)
/// has no tree-depth option, and some hostile pages (thousands of unclosed
/// <b><i>) make it allocate without bound; the budget stops that.  Freeing the
/// whole arena at once also replaces gumbo_destroy_output, which recurses once
/// per tree level.
class GumboArena {
  public:
    explicit GumboArena(std::size_t budget) : budget_(budget) {}
    ~GumboArena() {
        for (Header* h = head_; h;) {
            Header* next = h->next;
            std::free(h);
            h = next;
        }
    }
    GumboArena(const GumboArena&) = delete;
    GumboArena& operator=(const GumboArena&) = delete;

    /// Parse `data`; nullptr when the budget ran out (then the arena holds the
    /// partial tree until it is destroyed).  No object with a destructor lives
    /// between the setjmp here and the longjmp in allocate().
    GumboOutput* parse(std::string_view data) {
        GumboOptions options = kGumboDefaultOptions;
        options.allocator = &GumboArena::allocate;
        options.deallocator = &GumboArena::deallocate;
        options.userdata = this;
        options.max_errors = 100;  // the error list is never read; keep it small
        if (setjmp(out_of_budget_) != 0) return nullptr;
        return gumbo_parse_with_options(&options, data.data(), data.size());
    }

  private:
    struct alignas(std::max_align_t) Header {
        Header* prev;
        Header* next;
        std::size_t size;
    };

    static void* allocate(void* userdata, size_t size) {
        auto* self = static_cast<GumboArena*>(userdata);
        std::size_t cost = sizeof(Header) + size;
        if (self->used_ + cost > self->budget_) std::longjmp(self->out_of_budget_, 1);
        auto* h = static_cast<Header*>(std::malloc(cost));
        if (!h) std::longjmp(self->out_of_budget_, 1);
        h->prev = nullptr;
        h->next = self->head_;
        h->size = cost;
        if (self->head_) self->head_->prev = h;
        self->head_ = h;
        self->used_ += cost;
        return h + 1;
    }

    static void deallocate(void* userdata, void* ptr) {
        if (!ptr) return;
        auto* self = static_cast<GumboArena*>(userdata);
        Header* h = static_cast<Header*>(ptr) - 1;
        if (h->prev)
            h->prev->next = h->next;
        else
            self->head_ = h->next;
        if (h->next) h->next->prev = h->prev;
        self->used_ -= h->size;
        std::free(h);
    }

    std::size_t budget_;
    std::size_t used_ = 0;
    Header* head_ = nullptr;
    std::jmp_buf out_of_budget_;
};

std::size_t html_parser_budget(std::size_t page_bytes, const ReaderOptions& options) {
    return std::min(options.max_html_parser_bytes, (std::size_t{16} << 20) + 40 * page_bytes);
}

bool is_tag_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == ':'; }

/// Elements that never nest: void elements, and those whose end tag may be
/// left out because the next sibling closes them (<p>, <li>, <td>, ...).
bool is_non_nesting(const std::string& name) {
    static const char* const kNames[] = {
        "area",     "base",    "br",    "col", "embed",  "hr",       "img",     "input", "link",   "meta",
        "param",    "source",  "track", "wbr", "keygen", "basefont", "bgsound", "frame", "p",      "li",
        "dt",       "dd",      "tr",    "td",  "th",     "thead",    "tbody",   "tfoot", "option", "optgroup",
        "colgroup", "caption", "rb",    "rt",  "rp",     "rtc",      "html",    "head",  "body"};
    for (const char* n : kNames)
        if (name == n) return true;
    return false;
}

/// Whether the page opens more than `limit` elements without closing them,
/// by a linear scan of its tags (comments and script/style text skipped).
/// gumbo's tree building is quadratic in that depth (100,000 nested <div>s
/// take minutes, and unclosed <b><i> pairs also grow its memory), so such a
/// page is refused before gumbo sees it.
bool nests_deeper_than(std::string_view html, std::size_t limit) {
    std::size_t depth = 0;
    std::size_t i = 0;
    while ((i = html.find('<', i)) != std::string_view::npos) {
        if (html.substr(i, 4) == "<!--") {
            std::size_t end = html.find("-->", i + 4);
            if (end == std::string_view::npos) break;
            i = end + 3;
            continue;
        }
        bool closing = i + 1 < html.size() && html[i + 1] == '/';
        std::size_t n = i + (closing ? 2 : 1);
        std::size_t name_end = n;
        while (name_end < html.size() && is_tag_char(html[name_end])) ++name_end;
        if (name_end == n) {  // "<!doctype", "<?xml", a lone "<": not an element
            ++i;
            continue;
        }
        std::string name = ascii::lower(html.substr(n, name_end - n));
        // The tag ends at the first '>' outside a quoted attribute value.
        std::size_t j = name_end;
        char quote = 0;
        for (; j < html.size(); ++j) {
            char c = html[j];
            if (quote) {
                if (c == quote) quote = 0;
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == '>') {
                break;
            }
        }
        if (j >= html.size()) break;
        bool self_closing = html[j - 1] == '/';
        i = j + 1;
        if (is_non_nesting(name) || self_closing) continue;
        if (closing) {
            if (depth > 0) --depth;
            continue;
        }
        if (++depth > limit) return true;
        if (name == "script" || name == "style" || name == "textarea" || name == "title" || name == "xmp") {
            // Raw text: no tags inside until the matching end tag.
            std::string lower_end = "</" + name;
            std::size_t k = i;
            for (;;) {
                k = html.find("</", k);
                if (k == std::string_view::npos || ascii::lower(html.substr(k, lower_end.size())) == lower_end) break;
                k += 2;
            }
            if (k == std::string_view::npos) break;
            i = k;
        }
    }
    return false;
}

/// Depth of the element tree, measured without recursion; stops counting at
/// `limit` + 1.  The extraction below recurses once per level, so pages deeper
/// than the limit are refused before it runs.
std::size_t tree_depth(const GumboNode* root, std::size_t limit) {
    std::vector<std::pair<const GumboNode*, std::size_t>> stack{{root, 1}};
    std::size_t deepest = 0;
    while (!stack.empty()) {
        auto [node, depth] = stack.back();
        stack.pop_back();
        deepest = std::max(deepest, depth);
        if (deepest > limit) break;
        if (node->type != GUMBO_NODE_ELEMENT) continue;
        const GumboVector& children = node->v.element.children;
        for (unsigned i = 0; i < children.length; ++i)
            stack.emplace_back(static_cast<const GumboNode*>(children.data[i]), depth + 1);
    }
    return deepest;
}

}  // namespace

void read_html(std::string_view data, ReadContext& ctx) {
    data = strip_bom(data);
    std::optional<std::string> page = page_as_utf8(data, ctx);
    if (!page) return;
    data = *page;
    const std::string too_deep =
        "HTML nested too deeply (more than " + std::to_string(ctx.options.max_html_depth) + " levels)";
    if (nests_deeper_than(data, ctx.options.max_html_depth)) {
        ctx.bad(ctx.name, too_deep);
        return;
    }
    const std::size_t budget = html_parser_budget(data.size(), ctx.options);
    GumboArena arena(budget);
    const GumboOutput* doc = arena.parse(data);
    if (!doc) {
        ctx.bad(ctx.name, "HTML too complex (parser needs more than " + std::to_string(budget >> 20) + " MiB)");
        return;
    }
    if (tree_depth(doc->root, ctx.options.max_html_depth) > ctx.options.max_html_depth) {
        ctx.bad(ctx.name, too_deep);  // deeper than the tags alone showed (gumbo adds implied elements)
        return;
    }
    Meta m;
    collect(doc->root, m);

    Article a;
    a.source = utf8::collapse_whitespace(m.site_name);
    if (!m.og_title.empty())
        a.title = utf8::collapse_whitespace(m.og_title);
    else if (!utf8::collapse_whitespace(m.title).empty())
        a.title = strip_site_suffix(utf8::collapse_whitespace(m.title), a.source);
    else
        a.title = utf8::collapse_whitespace(m.h1);
    a.url = !m.canonical.empty() ? m.canonical : m.og_url;
    a.language = m.lang;
    a.authors = m.authors;

    auto candidates = m.dates;
    candidates.insert(candidates.end(), m.date_fallback.begin(), m.date_fallback.end());
    for (const auto& d : candidates) {
        if ((a.date = parse_iso_date(d))) break;
    }
    if (!a.date && !candidates.empty()) {
        std::string why;
        parse_iso_date(candidates.front(), &why);
        ctx.bad(ctx.name, "invalid date '" + std::string(utf8::trim(candidates.front())) + "' (" + why + ")");
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
    // gumbo's text is UTF-8 except where a numeric reference overflows.
    for (std::string* field : {&a.title, &a.source, &a.url, &a.language, &a.body})
        if (!utf8::is_valid(*field)) *field = utf8::replace_invalid(*field);
    for (auto& author : a.authors)
        if (!utf8::is_valid(author)) author = utf8::replace_invalid(author);
    ctx.emit(std::move(a), ctx.name);
}

}  // namespace newsdex::detail
