// Plain text / Markdown reader: optional "Key: value" header, blank line, body.
#include "common/ingest/reader_common.h"
#include "common/text/utf8.h"

#include <optional>

namespace newsdex::detail {

namespace {

enum class Key {
    Unknown,
    Id,
    Title,
    Date,
    Source,
    Url,
    Author,
    Authors,
    Language,
    Companies,
    Persons,
    Organizations,
    Dateline
};

Key key_of(std::string_view raw) {
    std::string k = ascii::lower(raw);
    if (k == "id") return Key::Id;
    if (k == "title" || k == "headline") return Key::Title;
    if (k == "date" || k == "published") return Key::Date;
    if (k == "source" || k == "publisher") return Key::Source;
    if (k == "url" || k == "link") return Key::Url;
    if (k == "author" || k == "by") return Key::Author;
    if (k == "authors") return Key::Authors;
    if (k == "language" || k == "lang") return Key::Language;
    if (k == "companies" || k == "company") return Key::Companies;
    if (k == "persons" || k == "people" || k == "person") return Key::Persons;
    if (k == "organizations" || k == "organisations" || k == "orgs") return Key::Organizations;
    if (k == "dateline") return Key::Dateline;
    return Key::Unknown;
}

/// Split "Key: value"; nullopt when the line does not look like a header line.
std::optional<std::pair<std::string_view, std::string_view>> split_header(std::string_view line) {
    if (line.empty() || !((line[0] >= 'A' && line[0] <= 'Z') || (line[0] >= 'a' && line[0] <= 'z')))
        return std::nullopt;
    std::size_t colon = line.find(':');
    if (colon == std::string_view::npos || colon > 32) return std::nullopt;
    for (std::size_t i = 0; i < colon; ++i) {
        char c = line[i];
        bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
                  c == ' ';
        if (!ok) return std::nullopt;
    }
    if (colon + 1 < line.size() && line[colon + 1] != ' ' && line[colon + 1] != '\t') return std::nullopt;
    return std::pair{utf8::trim(line.substr(0, colon)), utf8::trim(line.substr(colon + 1))};
}

struct Line {
    std::string_view text;
    std::size_t number;
    std::size_t end;  ///< offset just past the line's '\n'
};

class Lines {
  public:
    explicit Lines(std::string_view data) : data_(data) {}
    std::optional<Line> next() {
        if (pos_ >= data_.size()) return std::nullopt;
        std::size_t nl = data_.find('\n', pos_);
        std::size_t end = nl == std::string_view::npos ? data_.size() : nl;
        std::string_view text = data_.substr(pos_, end - pos_);
        if (!text.empty() && text.back() == '\r') text.remove_suffix(1);
        pos_ = nl == std::string_view::npos ? data_.size() : nl + 1;
        return Line{text, ++number_, pos_};
    }

  private:
    std::string_view data_;
    std::size_t pos_ = 0, number_ = 0;
};

struct Header {
    std::vector<std::tuple<Key, std::string_view, std::size_t>> fields;  // key, value, line
    std::size_t body_offset = 0;                                         ///< where the body starts
    std::size_t body_line = 1;
    bool present = false;
};

Header parse_header(std::string_view data) {
    Header h;
    Lines lines(data);
    auto first = lines.next();
    if (!first) return h;
    bool front_matter = utf8::trim(first->text) == "---";
    std::size_t recognised = 0;
    std::optional<Line> line = front_matter ? lines.next() : first;
    std::size_t offset = front_matter ? first->end : 0;
    while (line) {
        if (front_matter && utf8::trim(line->text) == "---") {
            offset = line->end;
            break;
        }
        auto kv = split_header(line->text);
        if (!kv) {
            if (front_matter && (utf8::trim(line->text).empty() || line->text[0] == ' ' || line->text[0] == '-')) {
                offset = line->end;  // YAML continuation lines: ignored
                line = lines.next();
                continue;
            }
            break;
        }
        Key k = key_of(kv->first);
        if (k != Key::Unknown) ++recognised;
        h.fields.emplace_back(k, kv->second, line->number);
        offset = line->end;
        line = lines.next();
    }
    if (recognised == 0) return Header{};
    h.present = true;
    h.body_offset = offset;
    return h;
}

}  // namespace

bool has_text_header(std::string_view data) {
    std::string_view first = strip_bom(data);
    std::size_t nl = first.find('\n');
    if (utf8::trim(first.substr(0, nl)) == "---") return parse_header(first).present;
    auto kv = split_header(first.substr(0, nl == std::string_view::npos ? first.size() : nl));
    return kv && key_of(kv->first) != Key::Unknown;
}

void read_text(std::string_view data, ReadContext& ctx, TextHeader header) {
    data = strip_bom(data);
    Header h = parse_header(data);
    if (!h.present && header == TextHeader::RequiredSilent) return;  // README.md in a corpus directory
    if (utf8::trim(data).empty()) {
        ctx.bad(ctx.name, "empty file");
        return;
    }
    if (!h.present && header == TextHeader::Required) {
        // Notes, category lists and word lists sit beside articles in corpus
        // folders; read as text, they become bogus articles.
        ctx.bad(ctx.name, "no text header (in a directory, text files need 'Key: value' lines such as 'Title:')");
        return;
    }
    if (!check_utf8(data, ctx)) return;

    Article a;
    std::string_view body;
    if (h.present) {
        for (const auto& [key, value, line] : h.fields) {
            switch (key) {
                case Key::Id: a.id = value; break;
                case Key::Title: a.title = value; break;
                case Key::Date: {
                    if (value.empty()) break;
                    std::string why;
                    a.date = parse_iso_date(std::string(value), &why);
                    if (!a.date) {
                        ctx.bad(ctx.where(line), "invalid date '" + std::string(value) + "' (" + why + ")");
                        return;
                    }
                    break;
                }
                case Key::Source: a.source = value; break;
                case Key::Url: a.url = value; break;
                case Key::Author: a.authors.emplace_back(value); break;
                case Key::Authors:
                    for (auto& s : split_list(value)) a.authors.push_back(s);
                    break;
                case Key::Language: a.language = value; break;
                case Key::Companies:
                    for (auto& s : split_list(value)) a.companies.push_back(s);
                    break;
                case Key::Persons:
                    for (auto& s : split_list(value)) a.persons.push_back(s);
                    break;
                case Key::Organizations:
                    for (auto& s : split_list(value)) a.organizations.push_back(s);
                    break;
                case Key::Dateline: a.dateline = value; break;
                case Key::Unknown: break;
            }
        }
        body = data.substr(h.body_offset);
    } else {
        // No header: the first non-empty line is the title (Markdown '#' dropped).
        Lines lines(data);
        while (auto line = lines.next()) {
            std::string_view t = utf8::trim(line->text);
            if (t.empty()) continue;
            while (!t.empty() && t.front() == '#') t.remove_prefix(1);
            a.title = utf8::trim(t);
            body = data.substr(line->end);
            break;
        }
    }
    a.body = std::string(utf8::trim(body));
    ctx.emit(std::move(a), ctx.name);
}

}  // namespace newsdex::detail
