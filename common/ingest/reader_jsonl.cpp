// JSON Lines reader: one article object per line.
#include "common/ingest/reader_common.h"
#include "common/text/utf8.h"

#include <nlohmann/json.hpp>

#include <optional>

namespace newsdex::detail {

namespace {

using nlohmann::json;

/// "syntax error while parsing value - invalid literal; last read: 'x' at column 5"
std::string describe(const json::parse_error& e) {
    std::string what = e.what();
    std::size_t colon = what.find(": ");
    std::string msg = colon == std::string::npos ? what : what.substr(colon + 2);
    return "invalid JSON: " + msg + " (column " + std::to_string(e.byte) + ")";
}

/// 1-based column where arrays/objects nest deeper than `limit`, if they do.
/// Strings are skipped; the text need not be valid JSON (the parser judges that).
std::optional<std::size_t> too_deep(std::string_view text, std::size_t limit) {
    std::size_t depth = 0;
    bool in_string = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (in_string) {
            if (c == '\\')
                ++i;
            else if (c == '"')
                in_string = false;
        } else if (c == '"') {
            in_string = true;
        } else if (c == '[' || c == '{') {
            if (++depth > limit) return i + 1;
        } else if ((c == ']' || c == '}') && depth > 0) {
            --depth;
        }
    }
    return std::nullopt;
}

/// Field extraction with type checks; the first problem wins.
struct Fields {
    const json& obj;
    std::optional<std::string> error;

    const json* get(const char* key) {
        auto it = obj.find(key);
        if (it == obj.end() || it->is_null()) return nullptr;
        return &*it;
    }
    void string(const char* key, std::string& out) {
        const json* v = get(key);
        if (!v || error) return;
        if (!v->is_string()) {
            error = std::string("field '") + key + "' must be a string";
            return;
        }
        out = v->get_ref<const std::string&>();
    }
    void id(std::string& out) {
        const json* v = get("id");
        if (!v || error) return;
        if (v->is_string())
            out = v->get_ref<const std::string&>();
        else if (v->is_number_integer() || v->is_number_unsigned())
            out = v->dump();
        else
            error = "field 'id' must be a string";
    }
    void list(const char* key, std::vector<std::string>& out) {
        const json* v = get(key);
        if (!v || error) return;
        if (v->is_string()) {
            out.push_back(v->get<std::string>());
            return;
        }
        if (v->is_array()) {
            for (const auto& item : *v) {
                if (!item.is_string()) {
                    error = std::string("field '") + key + "' must be a string or an array of strings";
                    return;
                }
                out.push_back(item.get<std::string>());
            }
            return;
        }
        error = std::string("field '") + key + "' must be a string or an array of strings";
    }
};

}  // namespace

void read_jsonl(LineReader& lines, ReadContext& ctx) {
    std::string_view line;
    for (;;) {
        std::optional<std::string> io_error;
        try {
            if (!lines.next(line)) break;
        } catch (const InputError& e) {
            io_error = e.what();
        }
        if (io_error) {
            ctx.bad(ctx.name, *io_error);
            break;
        }
        const std::size_t n = lines.line_number();
        const std::string where = ctx.where(n);
        if (lines.too_long()) {
            ctx.bad(where, "line too long (more than " + std::to_string(ctx.options.max_line_bytes) + " bytes)");
            continue;
        }
        if (n == 1) line = strip_bom(line);
        if (utf8::trim(line).empty()) continue;

        if (auto bad = utf8::find_invalid(line)) {
            ctx.bad(where, "invalid UTF-8 at byte " + std::to_string(*bad + 1));
            continue;
        }
        json obj;
        std::optional<std::string> error;
        if (auto column = too_deep(line, ctx.options.max_json_depth)) {
            ctx.bad(where, "invalid JSON: nested deeper than " + std::to_string(ctx.options.max_json_depth) +
                               " levels (column " + std::to_string(*column) + ")");
            continue;
        }
        try {
            obj = json::parse(line.begin(), line.end());
        } catch (const json::parse_error& e) {
            error = describe(e);
        }
        if (!error && !obj.is_object()) error = "not a JSON object";
        Article a;
        if (!error) {
            Fields f{obj, std::nullopt};
            f.id(a.id);
            f.string("title", a.title);
            f.string("body", a.body);
            f.string("source", a.source);
            f.string("url", a.url);
            f.string("language", a.language);
            f.string("dateline", a.dateline);
            f.list("authors", a.authors);
            f.list("author", a.authors);
            f.list("companies", a.companies);
            f.list("persons", a.persons);
            f.list("organizations", a.organizations);
            std::string date;
            f.string("date", date);
            if (const json* tags = f.get("tags"); tags && !f.error) {
                if (!tags->is_object()) {
                    f.error = "field 'tags' must be an object of string arrays";
                } else {
                    for (const auto& [key, value] : tags->items()) {
                        Fields sub{*tags, std::nullopt};
                        std::vector<std::string> values;
                        sub.list(key.c_str(), values);
                        if (sub.error) {
                            f.error = "field 'tags' must be an object of string arrays";
                            break;
                        }
                        a.tags[key] = std::move(values);
                    }
                }
            }
            error = f.error;
            if (!error && !date.empty()) {
                std::string why;
                a.date = parse_iso_date(date, &why);
                if (!a.date) error = "invalid date '" + date + "' (" + why + ")";
            }
        }
        if (error) {
            ctx.bad(where, *error);
            continue;
        }
        ctx.emit(std::move(a), where);
    }
}

}  // namespace newsdex::detail
