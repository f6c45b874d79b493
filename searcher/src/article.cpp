#include "article.h"

#include "common/schema/schema.h"
#include "query_parser.h"
#include "snippet.h"
#include "stored_data.h"

namespace newsdex {

namespace {

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
        if (!out.empty() && out.back().end == t.start)
            out.back().end = t.end;
        else if (out.empty() || t.start >= out.back().end)
            out.push_back({t.start, t.end});
    }
    return out;
}

}  // namespace

std::optional<StoredArticle> load_article(const DatabaseSet& databases, Analyzer& analyzer,
                                          const std::vector<std::string>& languages, const std::string& id,
                                          const std::string& query) {
    const Xapian::Database& db = databases.combined;
    if (id.empty()) return std::nullopt;
    // The id term as the indexer writes it (shortened with a digest when the
    // id is too long for a term: then the stored id decides).
    const std::string term = schema::id_term(id);
    std::string data;  // `stored.body` views it
    StoredData stored;
    bool found = false;
    for (auto p = db.postlist_begin(term); p != db.postlist_end(term) && !found; ++p) {
        data = db.get_document(*p).get_data();
        stored = parse_stored_data(data);
        found = schema::id_term_is_exact(term) || stored.meta.value("id", "") == id;
    }
    if (!found) return std::nullopt;
    const nlohmann::json& meta = stored.meta;
    StoredArticle a;
    a.id = meta.value("id", id);
    a.title = meta.value("title", "");
    a.date = meta.value("date", "");
    a.source = meta.value("source", "");
    a.url = meta.value("url", "");
    a.language = meta.value("language", "en");
    a.authors = stored_strings(meta, "authors");
    a.companies = stored_entity_names(meta, "companies");
    a.persons = stored_entity_names(meta, "persons");
    a.organizations = stored_entity_names(meta, "organizations");
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
