// Entity extraction: tokenise, tag (common/entities/ner.h), clean, classify,
// resolve short mentions and aliases, merge metadata.  See docs/entities.md.
#include "common/entities/entities.h"

#include "common/entities/doc_state.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <array>
#include <fstream>
#include <map>
#include <numeric>
#include <set>
#include <unordered_map>
#include <unordered_set>

namespace newsdex {

const char* entity_type_name(EntityType type) {
    switch (type) {
        case EntityType::Person: return "person";
        case EntityType::Company: return "company";
        case EntityType::Organization: return "organization";
    }
    return "?";
}

// ---------------------------------------------------------------------------
// Slugs
// ---------------------------------------------------------------------------

namespace {

inline bool ascii_alnum(unsigned char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

void append_utf8(std::string& out, UChar32 c) {
    char buf[4];
    int32_t len = 0;
    UBool err = false;
    U8_APPEND(buf, len, 4, c, err);
    if (!err) out.append(buf, std::size_t(len));
}

}  // namespace

std::string entity_slug(std::string_view name) {
    std::string out;
    bool sep = false;
    std::size_t run = 0;  // length of the current alnum run (in characters)
    auto put = [&](std::string_view piece) {
        if (sep && !out.empty()) out.push_back('-');
        sep = false;
        out.append(piece);
        ++run;
    };
    auto put_cp = [&](UChar32 c) {
        if (c < 0x80) {
            if (ascii_alnum((unsigned char)c)) {
                char ch = char(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
                put(std::string_view(&ch, 1));
            } else {
                sep = true;
                run = 0;
            }
            return;
        }
        switch (c) {
            case 0x00DF: put("ss"); return;
            case 0x00E6: case 0x00C6: put("ae"); return;
            case 0x0153: case 0x0152: put("oe"); return;
            case 0x00F8: case 0x00D8: put("o"); return;
            case 0x0111: case 0x0110: put("d"); return;
            case 0x0142: case 0x0141: put("l"); return;
            case 0x00FE: case 0x00DE: put("th"); return;
            case 0x0131: put("i"); return;
            default: break;
        }
        if (u_isalnum(c)) {
            std::string s;
            append_utf8(s, u_tolower(c));
            put(s);
        } else {
            sep = true;
            run = 0;
        }
    };
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* nfkd = icu::Normalizer2::getNFKDInstance(status);
    const std::size_t n = name.size();
    for (std::size_t i = 0; i < n;) {
        unsigned char b = (unsigned char)name[i];
        if (b < 0x80) {
            char c = char(b);
            // Dropped without a separator: apostrophes, '&' and '.' inside
            // initials/abbreviations ("AT&T" -> "att", "I.B.M." -> "ibm").
            if (c == '\'' ) { ++i; continue; }
            if (c == '&' && i > 0 && i + 1 < n && ascii_alnum((unsigned char)name[i - 1]) &&
                ascii_alnum((unsigned char)name[i + 1])) { ++i; continue; }
            if (c == '.' && run == 1 && i + 1 < n && ascii_alnum((unsigned char)name[i + 1])) {
                ++i;
                run = 0;
                continue;
            }
            if (c == '.' && run == 1 && i > 1 && name[i - 2] == '.') { ++i; continue; }
            put_cp(b);
            if (!ascii_alnum(b)) run = 0;
            ++i;
            continue;
        }
        UChar32 c;
        int32_t j = int32_t(i);
        U8_NEXT(name.data(), j, int32_t(n), c);
        i = std::size_t(j);
        if (c < 0) { sep = true; continue; }
        if (c == 0x2019 || c == 0x2018) continue;  // curly apostrophes
        bool cjk = (c >= 0x3040 && c <= 0x30FF) || (c >= 0x3400 && c <= 0x9FFF) || (c >= 0xAC00 && c <= 0xD7AF) ||
                   (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x20000 && c <= 0x2FFFF);
        if (cjk || U_FAILURE(status)) {
            if (u_isalnum(c) || cjk) {
                std::string s;
                append_utf8(s, c);
                put(s);
            } else {
                sep = true;
            }
            continue;
        }
        icu::UnicodeString decomposed;
        UErrorCode st = U_ZERO_ERROR;
        nfkd->normalize(icu::UnicodeString(c), decomposed, st);
        if (U_FAILURE(st)) continue;
        for (int32_t k = 0; k < decomposed.length();) {
            UChar32 d = decomposed.char32At(k);
            k += U16_LENGTH(d);
            if (u_charType(d) == U_NON_SPACING_MARK || u_charType(d) == U_COMBINING_SPACING_MARK) continue;
            put_cp(d);
        }
    }
    return out;
}

// ---------------------------------------------------------------------------
// EntityExtractor: the shared data and the pipeline (doc_state.h)
// ---------------------------------------------------------------------------

struct EntityExtractor::Impl {
    entities::ExtractorData data;
    Impl(const std::string& dir, const std::string& user_aliases) : data(dir, user_aliases) {}
};

EntityExtractor::EntityExtractor(const std::string& data_dir, const std::string& user_aliases)
    : impl_(std::make_unique<Impl>(data_dir, user_aliases)) {}

EntityExtractor::~EntityExtractor() = default;

const std::string& EntityExtractor::data_dir() const { return impl_->data.dir; }

std::vector<std::vector<TokenMention>> EntityExtractor::tag_document(
    const std::vector<std::vector<std::string>>& sentences) const {
    std::vector<std::vector<std::string_view>> doc;
    doc.reserve(sentences.size());
    for (auto& s : sentences) doc.emplace_back(s.begin(), s.end());
    auto tags = impl_->data.tag(doc);
    std::vector<std::vector<TokenMention>> out(sentences.size());
    for (std::size_t s = 0; s < tags.size(); ++s) {
        const auto& t = tags[s];
        for (std::size_t i = 0; i < t.size(); ++i) {
            int type = ner::tag_type(t[i]);
            if (type != 0 && type != 1) continue;
            if (!ner::tag_is_begin(t[i]) && i > 0 && ner::tag_type(t[i - 1]) == type) continue;
            std::size_t j = i + 1;
            while (j < t.size() && ner::tag_type(t[j]) == type && !ner::tag_is_begin(t[j])) ++j;
            out[s].push_back({type == 0 ? "PER" : "ORG", i, j});
        }
    }
    return out;
}

std::vector<TokenMention> EntityExtractor::tag_tokens(const std::vector<std::string>& tokens) const {
    return tag_document({tokens})[0];
}

std::string EntityExtractor::canonical_id(std::string_view name, EntityType type) const {
    return impl_->data.canonical_id(name, type);
}

std::vector<std::pair<std::string, std::string>> EntityExtractor::aliases(EntityType type) const {
    std::vector<std::pair<std::string, std::string>> out;
    for (auto& [slug, idx] : impl_->data.alias_index[entities::type_index(type)]) {
        const auto& e = impl_->data.alias_entries[entities::type_index(type)][idx];
        if (slug != e.id) out.emplace_back(slug, e.id);
    }
    std::sort(out.begin(), out.end());
    return out;
}

std::vector<Entity> EntityExtractor::extract(const Article& article) const {
    return entities::run_pipeline(impl_->data, article);
}

}  // namespace newsdex
