#include "article.h"

#include "common/schema.h"
#include "query_parser.h"
#include "snippet.h"
#include "stored_data.h"

namespace newsdex {

namespace {

std::vector<EntityName> names(const nlohmann::json& meta, const char* key) {
    std::vector<EntityName> out;
    auto it = meta.find(key);
    if (it == meta.end() || !it->is_array()) return out;
    for (const auto& e : *it)
        if (e.is_object()) out.push_back({e.value("id", ""), e.value("name", "")});
    return out;
}

std::vector<std::string> strings(const nlohmann::json& meta, const char* key) {
    std::vector<std::string> out;
    auto it = meta.find(key);
    if (it == meta.end() || !it->is_array()) return out;
    for (const auto& v : *it)
        if (v.is_string()) out.push_back(v.get<std::string>());
    return out;
}

/// Byte ranges of the words of `text` the query matches; adjacent ones
/// (a CJK phrase is one term per character) merged into one.
std::vector<Highlight> find_highlights(Analyzer& analyzer, const std::string& text, const std::string& language,
                                       const HighlightSet& highlight) {
    std::vector<Highlight> out;
    if (highlight.empty() || text.empty()) return out;
    std::vector<AnalyzedTerm> terms;
    analyzer.analyze(text, language, terms);
    for (const auto& t : terms) {
        if (!t.positional) continue;  // CJK dictionary words overlap their characters
        bool match = highlight.terms.count(t.term) > 0;
        for (const auto& p : highlight.prefixes)
            if (!match && t.folded.compare(0, p.size(), p) == 0) match = true;
        if (!match) continue;
        if (!out.empty() && out.back().end == t.start) out.back().end = t.end;
        else if (out.empty() || t.start >= out.back().end) out.push_back({t.start, t.end});
    }
    return out;
}

}  // namespace

std::optional<StoredArticle> load_article(const DatabaseSet& databases, Analyzer& analyzer,
                                    const std::vector<std::string>& languages, const std::string& id,
                                    const std::string& query) {
    const Xapian::Database& db = databases.combined;
    const std::string term = std::string(schema::kPrefixId) + id;
    auto posting = db.postlist_begin(term);
    if (id.empty() || posting == db.postlist_end(term)) return std::nullopt;
    std::string data = db.get_document(*posting).get_data();
    StoredData stored = parse_stored_data(data);
    const nlohmann::json& meta = stored.meta;
    StoredArticle a;
    a.id = meta.value("id", id);
    a.title = meta.value("title", "");
    a.date = meta.value("date", "");
    a.source = meta.value("source", "");
    a.url = meta.value("url", "");
    a.language = meta.value("language", "en");
    a.authors = strings(meta, "authors");
    a.companies = names(meta, "companies");
    a.persons = names(meta, "persons");
    a.organizations = names(meta, "organizations");
    a.body = std::string(stored.body);
    // The indexer cuts at a character boundary at most kMaxStoredBody bytes
    // in: a body that long was (almost surely) cut.
    a.body_truncated = a.body.size() + 4 > schema::kMaxStoredBody;
    if (query.find_first_not_of(" \t\r\n") != std::string::npos) {
        QueryParser parser(db, analyzer, languages, [&](const std::string& key) { return databases.metadata(key); });
        ParsedQuery parsed = parser.parse(query, "query");
        HighlightSet highlight;
        highlight.terms.insert(parsed.highlight_terms.begin(), parsed.highlight_terms.end());
        highlight.prefixes = parsed.highlight_prefixes;
        const std::string language = stemming_language(a.language);
        a.title_highlights = find_highlights(analyzer, a.title, language, highlight);
        a.body_highlights = find_highlights(analyzer, a.body, language, highlight);
    }
    return a;
}

}  // namespace newsdex
