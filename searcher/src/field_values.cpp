#include "field_values.h"
#include "common/text/ascii.h"

#include "common/text/slug.h"
#include "common/schema/schema.h"
#include "newsdex/error.h"

#include <algorithm>
#include <cctype>

namespace newsdex {

namespace {

std::string valid_fields() {
    std::string out;
    for (const auto& f : schema::filter_fields())
        if (f.prefix != schema::kPrefixId) out += (out.empty() ? "" : ", ") + std::string(f.name);
    return out;
}

/// `slug` or one of its words (after a '-') starts with `prefix`.
bool matches_prefix(const std::string& slug, const std::string& prefix) {
    if (prefix.empty()) return true;
    for (std::size_t at = 0;; ++at) {
        if (slug.compare(at, prefix.size(), prefix) == 0) return true;
        at = slug.find('-', at);
        if (at == std::string::npos) return false;
    }
}

}  // namespace

FieldValues list_field_values(const DatabaseSet& databases, const std::string& field, const std::string& prefix,
                              std::size_t offset, std::size_t limit) {
    const schema::FilterField* f = schema::find_filter_field(field);
    if (!f || f->prefix == schema::kPrefixId)
        throw UserError("--values: unknown field '" + field + "' (valid: " + valid_fields() + ")");
    std::string folded;
    if (f->prefix == schema::kPrefixLanguage) {
        folded = ascii::lower(prefix);
    } else {
        folded = entity_slug(prefix);
        if (folded.empty() && prefix.find_first_not_of(" \t") != std::string::npos)
            throw UserError("--prefix: '" + prefix + "' has no letters or digits");
    }
    // Facet fields' terms are a few thousand to a few hundred thousand: one
    // pass over them (the word match needs every term, not a prefix range).
    const std::string term_prefix(f->prefix);
    const Xapian::Database& db = databases.combined;
    std::vector<std::pair<Xapian::doccount, std::string>> found;
    for (auto t = db.allterms_begin(term_prefix); t != db.allterms_end(term_prefix); ++t) {
        std::string slug = (*t).substr(term_prefix.size());
        Xapian::doccount freq = t.get_termfreq();
        if (freq > 0 && matches_prefix(slug, folded)) found.emplace_back(freq, std::move(slug));
    }
    std::sort(found.begin(), found.end(), [](const auto& a, const auto& b) {
        return a.first != b.first ? a.first > b.first : a.second < b.second;
    });
    FieldValues out;
    out.field = f->name;
    out.prefix = prefix;
    out.distinct = found.size();
    for (std::size_t i = offset; i < found.size() && out.values.size() < limit; ++i) {
        const auto& [freq, slug] = found[i];
        std::string name = databases.metadata(schema::name_key(term_prefix, slug));
        out.values.push_back({slug, name.empty() ? slug : name, freq});
    }
    out.more = found.size() - std::min(found.size(), offset + out.values.size());
    return out;
}

}  // namespace newsdex
